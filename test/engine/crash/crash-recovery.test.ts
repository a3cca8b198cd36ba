import { describe, expect, it } from '@jest/globals';
import { createCamundaClient, type CamundaClient } from '@camunda8/orchestration-cluster-api';
import pg from 'pg';
import { createTestDatabase } from '../../support/database.js';
import { bpmn, line, serviceTask } from '../support/bpmn.js';
import { deploy } from '../support/engine-server.js';
import { freePort } from '../../../src/free-port.js';
import { startEngineProcess, type EngineProcess } from './engine-process.js';

const INSTANCES = 200;
const JOB_TIMEOUT_MS = 2_000;
/** The engine is killed once this many jobs (of 2 × INSTANCES) were completed with a 204, with jobs in hand. */
const KILL_AFTER_COMPLETIONS = 150;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function clientFor(url: string): CamundaClient {
  return createCamundaClient({
    config: {
      CAMUNDA_REST_ADDRESS: url,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_SDK_VALIDATION: 'strict',
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
    } as never,
  });
}

interface WorkerLog {
  /** Job keys whose completion was answered 204, in order. */
  readonly completed: string[];
  /** Completions that got no 2xx: a status, or the error's name when no answer came. */
  readonly failed: { jobKey: string; status: number | string }[];
}

async function count(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params);
  return rows[0]!.n;
}

describe('crash recovery', () => {
  it('durability: SIGKILL mid-run loses no committed state and completes no job twice', async () => {
    const db = await createTestDatabase({ migrate: false });
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    const port = await freePort();
    let engine: EngineProcess | undefined;
    const workers: { stop(): void }[] = [];
    let stopCreating = false;
    try {
      engine = await startEngineProcess(db.url, port);
      // The same port after the restart: the clients keep their address, as workers in production do.
      const starter = clientFor(engine.url);
      const workerClient = clientFor(engine.url);
      await deploy(starter, {
        'crash.bpmn': bpmn('crash', line(serviceTask('Task_A', 'crash-a'), serviceTask('Task_B', 'crash-b'))),
      });

      const log: WorkerLog = { completed: [], failed: [] };
      let killing = false;
      let requestKill!: () => void;
      const killRequested = new Promise<void>((resolve) => (requestKill = resolve));
      let killed!: () => void;
      const afterKill = new Promise<void>((resolve) => (killed = resolve));
      for (const jobType of ['crash-a', 'crash-b']) {
        workers.push(
          workerClient.createJobWorker({
            jobType,
            jobTimeoutMs: JOB_TIMEOUT_MS,
            maxParallelJobs: 8,
            pollTimeoutMs: 1_000,
            pollIntervalMs: 50,
            // A little work per job, so that jobs are in the worker's hands when the engine dies.
            jobHandler: async (job: {
              jobKey: string;
              complete(): Promise<unknown>;
              ignore(): Promise<unknown>;
            }) => {
              await sleep(10);
              if (!killing && log.completed.length >= KILL_AFTER_COMPLETIONS) {
                // This job was activated and is in hand: the engine dies before its completion is sent.
                killing = true;
                requestKill();
                await afterKill;
              }
              try {
                await job.complete();
                log.completed.push(job.jobKey);
              } catch (error) {
                const e = error as { status?: number; name?: string };
                log.failed.push({ jobKey: job.jobKey, status: e.status ?? e.name ?? 'unknown' });
              }
              return job.ignore();
            },
          } as never),
        );
      }

      // Instances are started while the workers run, and go on being started across the crash: a
      // creation without a 2xx answer is tried again (it may or may not have been committed).
      const acknowledged: string[] = [];
      let inFlight = 0;
      const creating = Promise.all(
        Array.from({ length: 4 }, async () => {
          while (!stopCreating && acknowledged.length + inFlight < INSTANCES) {
            inFlight++;
            try {
              const created = await starter.createProcessInstance({ processDefinitionId: 'crash' } as never);
              acknowledged.push(created.processInstanceKey);
            } catch {
              await sleep(100);
            } finally {
              inFlight--;
            }
          }
        }),
      );

      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        killRequested,
        new Promise((_, reject) => {
          timer = setTimeout(
            () =>
              reject(new Error(`only ${log.completed.length} jobs completed in 20 s:\n${engine?.output()}`)),
            20_000,
          );
        }),
      ]).finally(() => clearTimeout(timer));
      await engine.kill();
      killed();
      const completedBeforeKill = log.completed.length;
      // PostgreSQL rolls back the transactions of the dead connections; then the committed state is all.
      await sleep(300);
      const { rows: activatedAtKill } = await pool.query<{ key: string }>(
        "select key::text from engine.jobs where state = 'ACTIVATED'",
      );
      const unfinishedAtKill =
        INSTANCES - (await count(pool, "select 1 from engine.process_instances where state = 'COMPLETED'"));

      engine = await startEngineProcess(db.url, port);
      const until = Date.now() + 30_000;
      for (;;) {
        const open = await count(pool, "select 1 from engine.process_instances where state <> 'COMPLETED'");
        if (open === 0 && acknowledged.length >= INSTANCES) break;
        if (Date.now() > until)
          throw new Error(
            `${open} instances still open, ${acknowledged.length} acknowledged, 30 s after the restart:\n${engine.output()}`,
          );
        await sleep(100);
      }
      stopCreating = true;
      await creating;

      // The kill really happened mid-run, with jobs in the workers' hands.
      expect(completedBeforeKill).toBeLessThan(2 * INSTANCES);
      expect(unfinishedAtKill).toBeGreaterThan(0);
      expect(activatedAtKill.length).toBeGreaterThan(0);

      // Every instance acknowledged with a 2xx exists, and every instance there is has completed.
      const { rows: instances } = await pool.query<{ key: string; state: string }>(
        'select key::text, state from engine.process_instances',
      );
      const stored = new Map(instances.map((r) => [r.key, r.state]));
      expect(acknowledged.filter((k) => !stored.has(k))).toEqual([]);
      expect(instances.filter((r) => r.state !== 'COMPLETED')).toEqual([]);
      expect(instances.length).toBeGreaterThanOrEqual(INSTANCES);

      // No instance completed twice: one ELEMENT_COMPLETED record of the process per instance.
      const { rows: processCompletions } = await pool.query<{ key: string; n: number }>(
        `select key::text, count(*)::int as n from engine.records
          where value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_COMPLETED' and key = process_instance_key
          group by key`,
      );
      expect(processCompletions.filter((r) => r.n !== 1)).toEqual([]);
      expect(processCompletions.length).toBe(instances.length);

      // Every job created was completed, exactly once; none is left behind.
      const { rows: jobs } = await pool.query<{
        key: string;
        created: number;
        completed: number;
        timed_out: number;
        activated: number;
        /** ms from the first activation to the time-out. */
        held_ms: number | null;
      }>(
        `select key::text,
                count(*) filter (where intent = 'CREATED')::int as created,
                count(*) filter (where intent = 'COMPLETED')::int as completed,
                count(*) filter (where intent = 'TIMED_OUT')::int as timed_out,
                count(*) filter (where intent = 'ACTIVATED')::int as activated,
                (extract(epoch from min(timestamp) filter (where intent = 'TIMED_OUT')
                   - min(timestamp) filter (where intent = 'ACTIVATED')) * 1000)::int as held_ms
           from engine.records where value_type = 'JOB' group by key`,
      );
      expect(jobs.length).toBe(2 * instances.length);
      expect(jobs.filter((j) => j.created !== 1 || j.completed !== 1)).toEqual([]);
      expect(await count(pool, 'select 1 from engine.jobs')).toBe(0);

      // A 2xx meant committed: each job the worker saw completed is completed in the log, once.
      const jobsByKey = new Map(jobs.map((j) => [j.key, j]));
      expect(new Set(log.completed).size).toBe(log.completed.length);
      expect(log.completed.filter((k) => jobsByKey.get(k)?.completed !== 1)).toEqual([]);

      // The jobs activated when the engine died were handed out again after their timeout.
      const lost = activatedAtKill.map((r) => jobsByKey.get(r.key));
      expect(lost.filter((j) => j?.completed !== 1)).toEqual([]);
      const timedOut = lost.filter((j) => (j?.timed_out ?? 0) > 0);
      expect(timedOut.length).toBeGreaterThan(0);
      expect(timedOut.filter((j) => j!.activated < 2 || j!.held_ms! < JOB_TIMEOUT_MS)).toEqual([]);
    } finally {
      stopCreating = true;
      for (const w of workers) w.stop();
      await engine?.stop();
      await pool.end();
      await db.drop();
    }
  }, 60_000);
});
