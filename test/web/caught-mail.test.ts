import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type express from 'express';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import type { TestDatabase } from '../support/database.js';
import { demoDatabase, signIn, webApp, type SignedIn } from './support.js';

const eml = (to: string, subject: string, body: string) =>
  [
    'From: "MCC" <no-reply@eccim.ir>',
    `To: ${to}`,
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    'Date: Tue, 24 Nov 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(body).toString('base64'),
    '',
  ].join('\r\n');

describe('staff web app: caught e-mail for administrators (development)', () => {
  let db: TestDatabase;
  let dir: string;
  let app: express.Express;
  let admin: SignedIn;
  let manager: SignedIn;

  beforeAll(async () => {
    db = await demoDatabase();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'eccim-caught-'));
    await fs.writeFile(
      path.join(dir, '0001.eml'),
      eml('naderi@example.ir', 'شکایت شما ثبت شد', 'کد رهگیری: C-1405-0042'),
    );
    await fs.writeFile(
      path.join(dir, '0002.eml'),
      eml('sg@eccim.ir', 'شکایت بحرانی', 'بررسی فوری لازم است.'),
    );
    app = webApp(db, {} as CamundaClient, { caughtMailDir: dir });
    admin = await signIn(app, 'admin');
    manager = await signIn(app, 'mcc.manager');
  });
  afterAll(async () => {
    await db.drop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('lists the caught e-mails to an administrator, oldest first, and shows one', async () => {
    const list = await request(app).get('/api/dev/mails').set('cookie', admin.cookie);
    expect(list.status).toBe(200);
    expect((list.body as { mails: unknown[] }).mails).toEqual([
      expect.objectContaining({ number: 1, to: 'naderi@example.ir', subject: 'شکایت شما ثبت شد' }),
      expect.objectContaining({ number: 2, to: 'sg@eccim.ir', subject: 'شکایت بحرانی' }),
    ]);
    const one = await request(app).get('/api/dev/mails/1').set('cookie', admin.cookie);
    expect(one.body).toMatchObject({
      subject: 'شکایت شما ثبت شد',
      text: expect.stringContaining('C-1405-0042'),
    });
    for (const bad of ['3', '0', 'x', '..%2F0001.eml'])
      expect((await request(app).get(`/api/dev/mails/${bad}`).set('cookie', admin.cookie)).status).toBe(404);
  });

  it('R-X-03 refuses everyone else', async () => {
    expect((await request(app).get('/api/dev/mails').set('cookie', manager.cookie)).status).toBe(403);
    expect((await request(app).get('/api/dev/mails/1').set('cookie', manager.cookie)).status).toBe(403);
    expect((await request(app).get('/api/dev/mails')).status).toBe(401);
  });

  it('does not exist when mail goes out through SMTP_URL', async () => {
    const production = webApp(db);
    const session = await signIn(production, 'admin');
    expect((await request(production).get('/api/dev/mails').set('cookie', session.cookie)).status).toBe(404);
  });
});
