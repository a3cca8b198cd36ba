import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCamundaClient, type CamundaClient } from '@camunda8/orchestration-cluster-api';
import pg from 'pg';
import { pino } from 'pino';
import { loadWorkingCalendar } from '../../../src/calendar/calendar-store.js';
import { deployResources, projectResources } from '../../../src/camunda/deploy-resources.js';
import { runJob } from '../../../src/camunda/worker-runtime.js';
import type { WorkerDefinition, WorkerServices } from '../../../src/camunda/worker-definition.js';
import { loadDemoDataIfEmpty } from '../../../src/db/seeds/demo-data.js';
import { createEngineApp, listen, type RunningApi } from '../../../src/engine/api/server.js';
import { Engine } from '../../../src/engine/engine.js';
import { Scheduler } from '../../../src/engine/scheduler/scheduler.js';
import {
  createMailTransport,
  LoggingSmsProvider,
  NotificationDispatcher,
  startSmtpCatcher,
  type SmtpCatcher,
} from '../../../src/notify/index.js';
import { ALL_WORKERS } from '../../../workers/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * The whole system on one test database: business schema with the demo organisation, the engine
 * and its REST API with a pinned clock, every process and form of the project deployed, the real
 * workers (driven step by step, so a test decides when work happens), the outbox dispatcher and a
 * real SMTP server catching the mail.
 */
export interface SystemUnderTest {
  readonly db: TestDatabase;
  readonly engine: Engine;
  readonly client: CamundaClient;
  /** The engine's REST address, for other clients (the web app's). */
  readonly restAddress: string;
  readonly smtp: SmtpCatcher;
  /** Where the catcher also keeps each message as a file (the web app's caught-mail pages read it). */
  readonly mailDir: string;
  readonly services: WorkerServices;
  /** Moves the engine clock (and the workers' clock) and fires whatever became due. */
  at(instant: Date): Promise<void>;
  /** Runs jobs and due timers until nothing is left to do; returns the job types that ran. */
  settle(): Promise<string[]>;
  /** Sends the mail waiting in the outbox. */
  deliverMail(): Promise<void>;
  close(): Promise<void>;
}

export async function startSystem(start: Date): Promise<SystemUnderTest> {
  const db = await createTestDatabase();
  await loadDemoDataIfEmpty(db.owner, { appEnv: 'development' }, start);
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  const engine = await Engine.open(pool);
  await engine.clock.pin(start.getTime());
  const api: RunningApi = await listen(createEngineApp(engine, { clockControl: true }), 0);
  const client = createCamundaClient({
    config: {
      CAMUNDA_REST_ADDRESS: api.url,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_SDK_VALIDATION: 'strict',
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
    } as never,
  });
  await deployResources(client, await projectResources(ROOT));
  const log = pino({ level: 'silent' });
  const mailDir = await mkdtemp(path.join(tmpdir(), 'eccim-mail-'));
  const smtp = await startSmtpCatcher({ saveDir: mailDir });
  const email = createMailTransport({ smtpUrl: smtp.url, from: 'mcc@eccim.example' });
  let now = start;
  const services: WorkerServices = {
    db: db.app,
    log,
    now: () => now,
    calendar: () => loadWorkingCalendar(db.app),
    publicBaseUrl: 'http://127.0.0.1:8080',
  };
  // The outbox is timed by the database's clock (real time), not the pinned engine clock.
  const dispatcher = new NotificationDispatcher({
    db: db.app,
    logger: log,
    email,
    sms: new LoggingSmsProvider(log),
  });
  const scheduler = new Scheduler(engine);
  const byType = new Map<string, WorkerDefinition>(ALL_WORKERS.map((w) => [w.type, w]));

  async function runAvailableJobs(): Promise<string[]> {
    const ran: string[] = [];
    for (const worker of byType.values()) {
      const { jobs } = (await client.activateJobs({
        type: worker.type,
        timeout: 60_000,
        maxJobsToActivate: 32,
        requestTimeout: -1,
      } as never)) as unknown as { jobs: Parameters<typeof runJob>[2][] };
      for (const job of jobs) {
        await runJob(client, worker, job, services);
        ran.push(worker.type);
      }
    }
    return ran;
  }

  return {
    db,
    engine,
    client,
    restAddress: api.url,
    smtp,
    mailDir,
    services,
    async at(instant) {
      now = instant;
      await engine.clock.pin(instant.getTime());
      await scheduler.runOnce();
    },
    async settle() {
      const ran: string[] = [];
      for (let round = 0; round < 50; round++) {
        await scheduler.runOnce();
        const done = await runAvailableJobs();
        if (done.length === 0) return ran;
        ran.push(...done);
      }
      throw new Error(`work did not settle after 50 rounds: ${ran.join(', ')}`);
    },
    async deliverMail() {
      await dispatcher.runOnce();
    },
    async close() {
      await api.close();
      await email.close();
      await smtp.close();
      await rm(mailDir, { recursive: true, force: true });
      await pool.end();
      await db.drop();
    },
  };
}
