import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import type express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { loadDemoDataIfEmpty } from '../../src/db/seeds/demo-data.js';
import { createWebApp, type WebAppOptions } from '../../src/web/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

import { DEMO_PASSWORD } from '../../src/db/seeds/demo-organisation.js';
export { DEMO_PASSWORD };

/** A migrated database with the demo organisation. */
export async function demoDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  await loadDemoDataIfEmpty(db.owner, { appEnv: 'development' }, new Date());
  return db;
}

export function webApp(
  db: TestDatabase,
  client: CamundaClient = {} as CamundaClient,
  options: Partial<WebAppOptions> = {},
): express.Express {
  return createWebApp({
    db: db.app,
    client,
    log: pino({ level: process.env.TEST_WEB_LOG ?? 'silent' }),
    secureCookies: false,
    ...options,
  });
}

export interface SignedIn {
  readonly cookie: string;
  readonly csrfToken: string;
}

/** Signs in and gives back the session cookie (as a Cookie header) and the CSRF token. */
export async function signIn(
  app: express.Express,
  username: string,
  password = DEMO_PASSWORD,
): Promise<SignedIn> {
  const res = await request(app).post('/api/session').send({ username, password });
  if (res.status !== 201) throw new Error(`sign-in of ${username} answered ${res.status}`);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const cookie = setCookie.find((c) => c.startsWith('mcc_session='))!.split(';')[0]!;
  return { cookie, csrfToken: (res.body as { csrfToken: string }).csrfToken };
}

/** The variables of a process instance, by name, with their values parsed. */
export async function instanceVariables(
  client: CamundaClient,
  processInstanceKey: string,
): Promise<Record<string, unknown>> {
  const result = await client.searchVariables(
    { filter: { processInstanceKey } } as never,
    { consistency: { waitUpToMs: 0 } } as never,
  );
  return Object.fromEntries(
    (result.items as unknown as { name: string; value: string }[]).map((v) => [v.name, JSON.parse(v.value)]),
  );
}
