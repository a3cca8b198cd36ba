// Answer time of the staff inbox with 1,000 open tasks. Prints figures; not a test.
// Run: npm run bench:inbox
//
// The whole system as `npm start` wires it, in this process: a throw-away embedded PostgreSQL with
// the business schema and demo staff, the embedded engine behind its REST API, the web app. 1,000
// instances of a one-user-task process wait for the group mcc-expert, a third of them overdue.
// Each instance belongs to a complaint, so the inbox names every row by its case.
// An MCC expert signs in and opens the inbox repeatedly over real HTTP (loopback): unfiltered,
// filtered to overdue, filtered by process. The target is DESIGN's "under 100 ms" for the server's
// answer; on this machine the server and the measuring client share two cores.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createEngineClient } from '../src/camunda/client.js';
import { engineConnection } from '../src/commands/engine-connection.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateUp } from '../src/db/migrate.js';
import { loadDemoDataIfEmpty } from '../src/db/seeds/index.js';
import { DEMO_PASSWORD } from '../src/db/seeds/demo-organisation.js';
import { runEngine, type RunningEngine } from '../src/engine/run-engine.js';
import { freePort } from '../src/free-port.js';
import { createLogger } from '../src/logger.js';
import { createWebApp } from '../src/web/app.js';
import { listenWeb, type RunningWeb } from '../src/web/server.js';
import { bpmn, line } from '../test/engine/support/bpmn.js';
import { percentile } from './engine/measure.js';

const OPEN_TASKS = 1_000;
const REQUESTS = 100;
const TARGET_MS = 100;

const out = (text = '') => process.stdout.write(text + '\n');
const progress = (text: string) => process.stderr.write(`… ${text}\n`);

const callProcess = (id: string, dueDate: string) =>
  bpmn(
    id,
    line(
      `<bpmn:userTask id="follow-up" name="پیگیری تماس"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="mcc-expert" /><zeebe:taskSchedule dueDate="${dueDate}" /></bpmn:extensionElements></bpmn:userTask>`,
    ),
  );

async function timeRequests(
  url: string,
  cookie: string,
  count: number,
): Promise<{ ms: number[]; tasks: number }> {
  const ms: number[] = [];
  let tasks = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const body = (await res.json()) as { tasks: unknown[] };
    ms.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    tasks = body.tasks.length;
  }
  return { ms, tasks };
}

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'eccim-bench-inbox-'));
await fs.chmod(dataDir, 0o755);
let db: Database | undefined;
let engine: RunningEngine | undefined;
let web: RunningWeb | undefined;
try {
  const config = loadConfig({
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  });
  const log = createLogger(config);
  progress('starting PostgreSQL, engine and web app');
  db = await openDatabase(config, log);
  await migrateUp(db.owner);
  await loadDemoDataIfEmpty(db.owner, config);
  engine = await runEngine({ databaseUrl: db.url, port: 0, clockControl: false });
  const client = createEngineClient(engineConnection(config, engine.url));
  web = await listenWeb(createWebApp({ db: db.app, client, log, secureCookies: false }), 0);

  await client.createDeployment({
    resources: [
      new File([callProcess('call-follow-up', '2020-01-01T08:00:00Z')], 'late.bpmn'),
      new File([callProcess('survey-follow-up', '2099-01-01T08:00:00Z')], 'soon.bpmn'),
    ],
  } as never);
  progress(`starting ${OPEN_TASKS} instances`);
  const cases: {
    tracking_code: string;
    channel: string;
    complainant_name: string;
    complainant_phone: string;
    subject: string;
    description: string;
    process_instance_key: string;
  }[] = [];
  for (let i = 0; i < OPEN_TASKS; i++) {
    const processDefinitionId = i % 3 === 0 ? 'call-follow-up' : 'survey-follow-up';
    const { processInstanceKey } = await client.createProcessInstance({ processDefinitionId } as never);
    cases.push({
      tracking_code: `C1405-BENCH${i}`,
      channel: 'phone',
      complainant_name: 'عضو نمونه',
      complainant_phone: '09131234567',
      subject: `پیگیری تماس ${i}`,
      description: 'برای نمایش نام پرونده در کارتابل',
      process_instance_key: processInstanceKey as string,
    });
  }
  // Every task belongs to a complaint, so the inbox names each row by its case as it does in use.
  await db.owner.batchInsert('complaints', cases, 200);

  const signIn = await fetch(`${web.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'mcc.expert1', password: DEMO_PASSWORD }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  await timeRequests(`${web.url}/api/inbox`, cookie, 10); // warm-up

  out(`inbox of an MCC expert with ${OPEN_TASKS} open tasks, ${REQUESTS} requests each, loopback HTTP`);
  out('| request | tasks answered | p50 | p95 | p99 | target |');
  out('|---|---|---|---|---|---|');
  for (const [label, query] of [
    ['GET /api/inbox', ''],
    ['GET /api/inbox?overdue=true', '?overdue=true'],
    ['GET /api/inbox?process=survey-follow-up', '?process=survey-follow-up'],
  ] as const) {
    const { ms, tasks } = await timeRequests(`${web.url}/api/inbox${query}`, cookie, REQUESTS);
    const f = (q: number) => `${percentile(ms, q).toFixed(1)} ms`;
    out(`| \`${label}\` | ${tasks} | ${f(0.5)} | ${f(0.95)} | ${f(0.99)} | p95 < ${TARGET_MS} ms |`);
  }
  out(
    `resident memory of this process (engine, web app, client): ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
  );
} finally {
  await web?.close();
  await engine?.stop();
  await db?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
}
