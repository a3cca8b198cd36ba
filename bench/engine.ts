// Engine throughput, latency and memory, against the PostgreSQL commit ceiling of this machine.
// Prints figures; not a test. Run: npm run bench:engine
//
// (a) the commit ceiling: one-row insert transactions per second, as many connections as (b) has
//     instances in flight;
// (b) a one-service-task process started through the REST API and completed by job workers of the
//     official client: completed instances per second, p50/p99 from creation to completion;
// (c) the same with ten service tasks in a row;
// (d) resident memory of the engine with 10,000 instances waiting at user tasks, and p95 of a
//     user-task search among them.
//
// PostgreSQL is a throw-away embedded cluster with durable settings (fsync and synchronous commit
// on, as in production). The engine runs in a process of its own (`src/cli.ts engine`), so that its
// CPU and memory are measured apart from this process, which generates the load. Loopback only;
// everything started is stopped, also on error or Ctrl-C; the run takes about a minute.
import { createCamundaClient, type CamundaClient } from '@camunda8/orchestration-cluster-api';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { bpmn, line, serviceTask } from '../test/engine/support/bpmn.js';
import { freePort } from '../src/free-port.js';
import { startEngineProcess, type EngineProcess } from './engine/engine-process.js';
import { cpuMeter, percentile, residentMemory, type CpuShares } from './engine/measure.js';

/**
 * Instances in flight in (b) and (c), and connections in (a): "the same concurrency". Each instance
 * has one request in the engine at a time (its creation or its current job's completion), so with
 * the workers' long polls at most IN_FLIGHT + WORKERS requests are in the engine at once: below the
 * 20 connections of its pool, which can deadlock when 20 commands run at once (see (d)).
 */
const IN_FLIGHT = 16;
const WORKERS = 2;
const WARMUP_MS = 2_000;
const MEASURE_MS = 10_000;
const COMMIT_MEASURE_MS = 3_000;
const WAITING_INSTANCES = 10_000;
const SEARCHES = 50;
/** Hard limit on the whole run, stopping everything. */
const BUDGET_MS = 175_000;

const TARGET = { perSecond: 300, p99Ms: 100, rssMb: 500 };

const out = (text = '') => process.stdout.write(text + '\n');
const progress = (text: string) => process.stderr.write(`… ${text}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- resources, stopped in reverse order whatever happens ------------------------------------------

const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  return (cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
  })());
}
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
process.once('SIGTERM', () => void cleanup().finally(() => process.exit(143)));
const watchdog = setTimeout(() => {
  process.stderr.write(`bench: over its ${BUDGET_MS / 1000} s budget, stopping\n`);
  void cleanup().finally(() => process.exit(1));
}, BUDGET_MS);
watchdog.unref();

/**
 * The official client. Validation off: strict validation of every request and response (what the
 * tests use) costs this load generator CPU that, on a 2-core machine, the engine would not get.
 * LEGACY backpressure only observes: the default profile caps a client at 16 concurrent calls,
 * long polls included, which would throttle the load before the engine does.
 */
function clientFor(url: string): CamundaClient {
  return createCamundaClient({
    config: {
      CAMUNDA_REST_ADDRESS: url,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_SDK_VALIDATION: 'none',
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
      CAMUNDA_SDK_BACKPRESSURE_PROFILE: 'LEGACY',
    } as never,
  });
}

async function deploy(client: CamundaClient, name: string, xml: string): Promise<void> {
  await client.createDeployment({
    resources: [new File([xml], name, { type: 'application/xml' })],
  } as never);
}

// ---- (a) commit ceiling -----------------------------------------------------------------------------

async function commitCeiling(server: EmbeddedPostgres, connections: number, ms: number): Promise<number> {
  await server.ensureDatabase('commit_ceiling');
  const pool = new pg.Pool({ connectionString: server.urlFor('commit_ceiling'), max: connections });
  try {
    await pool.query(
      'create table if not exists one_row (id bigserial primary key, n integer not null, at timestamptz not null default now())',
    );
    const run = async (duration: number) => {
      let commits = 0;
      const until = performance.now() + duration;
      await Promise.all(
        Array.from({ length: connections }, async (_, lane) => {
          // Autocommit: each insert is one transaction, committed (and flushed) before the next.
          while (performance.now() < until) {
            await pool.query('insert into one_row (n) values ($1)', [lane]);
            commits++;
          }
        }),
      );
      return (commits * 1000) / duration;
    };
    await run(500);
    return await run(ms);
  } finally {
    await pool.end();
  }
}

// ---- (b), (c) instances through job workers ---------------------------------------------------------

interface JobLoadResult {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly samples: number;
  readonly engineP50: number;
  readonly engineP99: number;
  readonly cpu: CpuShares;
  readonly errors: number;
  readonly instances: number;
  readonly completedInstances: number;
}

interface BenchJob {
  readonly processInstanceKey: string;
  readonly elementId: string;
  complete(): Promise<unknown>;
  ignore(): Promise<unknown>;
}

/**
 * A closed loop: IN_FLIGHT lanes each start an instance, wait until it has completed, and start the
 * next. Completion is observed where it happens: these processes are straight lines of service
 * tasks, and the engine completes the last task's element, the end event and the process instance
 * in the same transaction as the job completion, so the 204 answer to completing the job of the
 * last task means the instance is completed and committed. The latency is from just before the
 * creation request is sent to that 204: what a caller sees end to end, without a polling interval
 * (polling would add its period) and without `awaitCompletion` (which would hold a request open
 * and measure the engine's own completion notification instead of the worker's). The engine's own
 * view (end_date − start_date) is read back from its tables as a cross-check, and every instance
 * started is checked to be COMPLETED there.
 */
interface Setup {
  readonly engine: EngineProcess;
  /** A pool of this process on the engine's database, to check the engine's tables. */
  readonly enginePool: pg.Pool;
  readonly postmasterPid: number;
}

async function jobLoad(
  { engine, enginePool, postmasterPid }: Setup,
  processId: string,
  tasks: number,
): Promise<JobLoadResult> {
  const starter = clientFor(engine.url);
  const workerClient = clientFor(engine.url);
  const jobType = `${processId}-work`;
  const lastTask = `Task_${tasks}`;
  await deploy(
    starter,
    `${processId}.bpmn`,
    bpmn(processId, line(...Array.from({ length: tasks }, (_, i) => serviceTask(`Task_${i + 1}`, jobType)))),
  );

  const completedAt = new Map<string, number>();
  const waiting = new Map<string, (at: number) => void>();
  const completed = (key: string, at: number) => {
    const resolve = waiting.get(key);
    if (resolve) {
      waiting.delete(key);
      resolve(at);
    } else completedAt.set(key, at); // the worker was faster than the creation's answer
  };
  const completion = (key: string) => {
    const at = completedAt.get(key);
    if (at !== undefined) {
      completedAt.delete(key);
      return Promise.resolve(at);
    }
    return new Promise<number>((resolve, reject) => {
      waiting.set(key, resolve);
      setTimeout(() => {
        if (waiting.delete(key)) reject(new Error(`instance ${key} not completed in 15 s`));
      }, 15_000).unref();
    });
  };

  let errors = 0;
  const workers = Array.from({ length: WORKERS }, () =>
    workerClient.createJobWorker({
      jobType,
      maxParallelJobs: 32,
      jobTimeoutMs: 60_000,
      pollTimeoutMs: 10_000,
      jobHandler: async (job: BenchJob) => {
        try {
          await job.complete();
          if (job.elementId === lastTask) completed(job.processInstanceKey, performance.now());
        } catch {
          errors++;
        }
        return job.ignore();
      },
    } as never),
  );

  try {
    const samples: { start: number; end: number }[] = [];
    const began = performance.now();
    const warmEnd = began + WARMUP_MS;
    const measureEnd = warmEnd + MEASURE_MS;
    let wallWarmEnd = new Date();
    let wallMeasureEnd = new Date();
    let meter: (() => CpuShares) | undefined;
    let cpu: CpuShares | undefined;
    const marks = [
      setTimeout(() => {
        wallWarmEnd = new Date();
        meter = cpuMeter(engine.pid, postmasterPid);
      }, WARMUP_MS),
      setTimeout(() => {
        wallMeasureEnd = new Date();
        cpu = meter?.();
      }, WARMUP_MS + MEASURE_MS),
    ];
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (performance.now() < measureEnd) {
          const start = performance.now();
          try {
            const { processInstanceKey } = await starter.createProcessInstance({
              processDefinitionId: processId,
            } as never);
            samples.push({ start, end: await completion(processInstanceKey) });
          } catch {
            errors++;
          }
        }
      }),
    );
    marks.forEach(clearTimeout);
    cpu ??= meter?.();

    const window = samples.filter((s) => s.start >= warmEnd && s.start < measureEnd);
    const done = samples.filter((s) => s.end >= warmEnd && s.end < measureEnd).length;
    const latencies = window.map((s) => s.end - s.start);
    const { rows } = await enginePool.query<{ p50: number; p99: number }>(
      `select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.99) within group (order by ms) as p99
         from (select extract(epoch from end_date - start_date) * 1000 as ms from engine.process_instances
                where bpmn_process_id = $1 and start_date >= $2 and start_date < $3) x`,
      [processId, wallWarmEnd, wallMeasureEnd],
    );
    const { rows: states } = await enginePool.query<{ total: number; completed: number }>(
      `select count(*)::int as total, count(*) filter (where state = 'COMPLETED')::int as completed
         from engine.process_instances where bpmn_process_id = $1`,
      [processId],
    );
    return {
      perSecond: (done * 1000) / MEASURE_MS,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      samples: latencies.length,
      engineP50: Number(rows[0]?.p50 ?? NaN),
      engineP99: Number(rows[0]?.p99 ?? NaN),
      cpu: cpu ?? { engine: NaN, postgres: NaN, loadGenerator: NaN, other: NaN },
      errors,
      instances: states[0]?.total ?? 0,
      completedInstances: states[0]?.completed ?? 0,
    };
  } finally {
    for (const w of workers) (w as { stop(): void }).stop();
  }
}

// ---- (d) waiting instances: memory and search ---------------------------------------------------------

interface WaitingResult {
  readonly created: number;
  readonly creationSeconds: number;
  readonly rss: number;
  readonly peak: number;
  readonly search:
    | { readonly available: false; readonly why: string }
    | {
        readonly available: true;
        readonly p50: number;
        readonly p95: number;
        /** Matches in all, and on the page. */
        readonly total: number;
        readonly items: number;
      };
}

async function waitingAtUserTasks(engine: EngineProcess): Promise<WaitingResult> {
  const client = clientFor(engine.url);
  await deploy(
    client,
    'bench-inbox.bpmn',
    bpmn(
      'bench-inbox',
      line(`<bpmn:userTask id="Task_Review" name="Review">
  <bpmn:extensionElements>
    <zeebe:userTask />
    <zeebe:assignmentDefinition candidateGroups="=groups" />
  </bpmn:extensionElements>
</bpmn:userTask>`),
    ),
  );
  // Ten candidate groups: a search for one of them matches a tenth of the waiting tasks. Created
  // IN_FLIGHT at a time: the engine's pool has 20 connections, and with 20 or more commands at once
  // it can deadlock (a transaction holding a connection waits for a second one to refill its keys).
  const started = performance.now();
  let next = 0;
  let created = 0;
  let seen = 0;
  let stalledFor = 0;
  let stall: (error: Error) => void = () => undefined;
  const stalled = new Promise<never>((_, reject) => (stall = reject));
  const ticker = setInterval(() => {
    stalledFor = created === seen ? stalledFor + 1 : 0;
    seen = created;
    if (stalledFor >= 10)
      stall(
        new Error(`the engine answered no creation for 10 s, at ${created} instances:\n${engine.tail()}`),
      );
    else if (stalledFor === 0) progress(`${created} created`);
  }, 1_000);
  await Promise.race([
    stalled,
    Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < WAITING_INSTANCES) {
          const i = next++;
          await client.createProcessInstance({
            processDefinitionId: 'bench-inbox',
            variables: { groups: [`group-${i % 10}`], request: i },
          } as never);
          created++;
        }
      }),
    ),
  ]).finally(() => clearInterval(ticker));
  const creationSeconds = (performance.now() - started) / 1000;
  await sleep(1_000);
  const { rss, peak } = residentMemory(engine.pid);

  // Plain fetch: the endpoint's time, without the client's response handling on top.
  const search = async () => {
    const started = performance.now();
    const response = await fetch(`${engine.url}/v2/user-tasks/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ filter: { candidateGroup: 'group-3', state: 'CREATED' }, page: { limit: 50 } }),
    });
    const text = await response.text();
    return { ms: performance.now() - started, status: response.status, text };
  };
  const first = await search();
  if (first.status === 404)
    return { created, creationSeconds, rss, peak, search: { available: false, why: '404' } };
  if (first.status !== 200)
    return {
      created,
      creationSeconds,
      rss,
      peak,
      search: { available: false, why: `${first.status} ${first.text.slice(0, 200)}` },
    };
  const body = JSON.parse(first.text) as { items: unknown[]; page: { totalItems: number } };
  for (let i = 0; i < 4; i++) await search(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < SEARCHES; i++) {
    const { ms, status } = await search();
    if (status !== 200) throw new Error(`user-task search answered ${status}`);
    times.push(ms);
  }
  return {
    created,
    creationSeconds,
    rss,
    peak,
    search: {
      available: true,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      total: body.page.totalItems,
      items: body.items.length,
    },
  };
}

// ---- the run ------------------------------------------------------------------------------------------

const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—';
const cpuLine = (c: CpuShares) =>
  `CPU, % of one core (${os.cpus().length * 100} in all): engine ${fmt(c.engine)}, PostgreSQL ${fmt(c.postgres)}, ` +
  `load generator ${fmt(c.loadGenerator)}, kernel and other programs ${fmt(c.other)}`;

async function main(): Promise<void> {
  const runStarted = performance.now();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'eccim-bench-engine-'));
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  await fs.chmod(dir, 0o755);
  progress('starting PostgreSQL (durable settings)');
  const server = await startEmbeddedPostgres({ dir, port: await freePort() });
  cleanups.push(() => server.stop());

  progress(`(a) commit ceiling, ${IN_FLIGHT} connections and 1`);
  const ceiling = await commitCeiling(server, IN_FLIGHT, COMMIT_MEASURE_MS);
  const ceilingSerial = await commitCeiling(server, 1, 2_000);

  await server.ensureDatabase('engine');
  progress('starting the engine');
  const engine = await startEngineProcess(server.urlFor('engine'));
  cleanups.push(() => engine.stop());
  const enginePool = new pg.Pool({ connectionString: server.urlFor('engine'), max: 2 });
  cleanups.push(() => enginePool.end());
  const postmasterPid = Number(
    (await fs.readFile(path.join(dir, 'cluster', 'postmaster.pid'), 'utf8')).split('\n')[0],
  );
  const setup: Setup = { engine, enginePool, postmasterPid };
  const version = await enginePool.query<{ v: string }>("select current_setting('server_version') as v");
  const settings = await enginePool.query<{ fsync: string; sc: string }>(
    "select current_setting('fsync') as fsync, current_setting('synchronous_commit') as sc",
  );

  const cpus = os.cpus();
  out();
  out('Engine benchmark');
  out(
    `machine: ${cpus.length} × ${cpus[0]?.model ?? '?'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB; Node ${process.version}; ` +
      `PostgreSQL ${version.rows[0]?.v} embedded, fsync=${settings.rows[0]?.fsync}, synchronous_commit=${settings.rows[0]?.sc}`,
  );
  out(`engine in its own process (pid ${engine.pid}), driven over loopback REST by the official client`);
  out();
  out(`(a) PostgreSQL commit ceiling, one-row insert transactions`);
  out(`    ${IN_FLIGHT} connections: ${fmt(ceiling)} tx/s      (1 connection: ${fmt(ceilingSerial)} tx/s)`);
  const jobLines = (label: string, r: JobLoadResult, targets: boolean) => {
    out(
      `${label}, ${IN_FLIGHT} instances in flight, ${WORKERS} workers, ${MEASURE_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up`,
    );
    out(
      `    completed instances:  ${fmt(r.perSecond)} /s` +
        (targets ? `        target ≥ ${TARGET.perSecond} /s: ${mark(r.perSecond >= TARGET.perSecond)}` : ''),
    );
    out(
      `    creation → completion: p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms` +
        (targets ? `   target p99 < ${TARGET.p99Ms} ms: ${mark(r.p99 < TARGET.p99Ms)}` : '') +
        `   (${fmt(r.samples)} instances; engine's own end−start: p50 ${fmt(r.engineP50, 1)}, p99 ${fmt(r.engineP99, 1)} ms)`,
    );
    out(`    ${cpuLine(r.cpu)}`);
    out(
      `    check: ${fmt(r.completedInstances)} of ${fmt(r.instances)} instances COMPLETED in the engine's tables, ${r.errors} client errors`,
    );
  };
  progress(
    `(b) one service task, ${IN_FLIGHT} in flight, ${WARMUP_MS / 1000} s warm-up + ${MEASURE_MS / 1000} s`,
  );
  const one = await jobLoad(setup, 'bench-one', 1);
  jobLines('(b) one service task', one, true);
  out(
    `    ratio (b)/(a): ${fmt(one.perSecond / ceiling, 4)}, one completed instance per ${fmt(ceiling / one.perSecond)} one-row commits the database could do`,
  );
  progress(`(c) ten service tasks, ${IN_FLIGHT} in flight`);
  const ten = await jobLoad(setup, 'bench-ten', 10);
  jobLines('(c) ten service tasks', ten, false);
  progress(`(d) ${WAITING_INSTANCES.toLocaleString('en-US')} instances waiting at user tasks`);
  const waiting = await waitingAtUserTasks(engine);

  out(
    `(d) ${fmt(waiting.created)} instances waiting at a user task (created in ${fmt(waiting.creationSeconds, 1)} s, ${fmt(waiting.created / waiting.creationSeconds)} /s)`,
  );
  out(
    `    engine resident memory: ${fmt(waiting.rss)} MB (peak ${fmt(waiting.peak)} MB)   target < ${TARGET.rssMb} MB: ${mark(
      waiting.rss < TARGET.rssMb,
    )}`,
  );
  if (waiting.search.available) {
    const { p50, p95, total, items } = waiting.search;
    out(
      `    POST /v2/user-tasks/search, candidateGroup + state CREATED, page limit 50 (${fmt(total)} matches, ${items} on the page), ${SEARCHES} requests:`,
    );
    out(`    p95 ${fmt(p95, 1)} ms, p50 ${fmt(p50, 1)} ms`);
  } else out(`    POST /v2/user-tasks/search: not available (${waiting.search.why})`);
  out();
  out(`run took ${fmt((performance.now() - runStarted) / 1000)} s`);
}

try {
  await main();
} catch (error) {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
  clearTimeout(watchdog);
  // The clients' keep-alive sockets and cancelled long polls would hold the process a while longer.
  process.exit(process.exitCode ?? 0);
}
