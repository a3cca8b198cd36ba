import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type express from 'express';
import request from 'supertest';
import { registerComplaint } from '../../src/domain/complaints/register-complaint.js';
import type { TestDatabase } from '../support/database.js';
import { insertedId } from '../support/database.js';
import { demoDatabase, signIn, webApp } from './support.js';

describe('a corrective action’s page (SY-PR-05-00-02)', () => {
  let db: TestDatabase;
  let app: express.Express;
  let actionId: number;
  let complaintId: number;

  beforeAll(async () => {
    db = await demoDatabase();
    app = webApp(db);
    const unit = async (code: string) =>
      ((await db.owner('units').where({ code }).first('id')) as { id: number }).id;
    const staff = async (username: string) =>
      ((await db.owner('staff').where({ username }).first('id')) as { id: number }).id;
    const legal = await unit('legal');
    ({ id: complaintId } = await db.app.transaction((trx) =>
      registerComplaint(
        trx,
        {
          channel: 'website',
          complainantName: 'فرزانه امیری',
          complainantEmail: 'amiri@example.ir',
          subject: 'گم شدن پروندهٔ داوری',
          description: 'پروندهٔ ما در مرکز داوری پیدا نمی‌شود.',
          concernedUnitId: legal,
        },
        'public',
      ),
    ));
    actionId = await insertedId(
      db.owner('corrective_actions').insert({
        source_type: 'complaint',
        complaint_id: complaintId,
        description_fa: 'بایگانی الکترونیکی پرونده‌های داوری',
        owner_staff_id: await staff('it.manager'),
        due_on: '2026-12-30',
        success_indicator_fa: 'هیچ پرونده‌ای گم نشود',
      }),
    );
    await db.owner('corrective_action_updates').insert({
      action_id: actionId,
      staff_id: await staff('it.manager'),
      progress_pct: 40,
      note_fa: 'سامانهٔ بایگانی راه‌اندازی شد.',
    });
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function view(username: string, id: string | number = actionId) {
    const { cookie } = await signIn(app, username);
    return request(app).get(`/api/corrective-actions/${id}`).set('cookie', cookie);
  }

  it('R-ISO-04 shows the action, its progress reports and its complaint to the action’s owner', async () => {
    const res = await view('it.manager');
    expect(res.status).toBe(200);
    expect(res.body.action).toMatchObject({
      id: actionId,
      progressPct: 0,
      owner: { username: 'it.manager' },
    });
    expect(res.body.complaint).toMatchObject({ id: complaintId, subject: 'گم شدن پروندهٔ داوری' });
    expect(res.body.updates).toEqual([
      expect.objectContaining({ progressPct: 40, noteFa: 'سامانهٔ بایگانی راه‌اندازی شد.' }),
    ]);
  });

  it('R-X-03 shows it to whoever may see its complaint and to the strategy manager, to no one else: the same 404 as a missing one', async () => {
    expect((await view('mcc.manager')).status).toBe(200);
    expect((await view('legal.manager')).status).toBe(200);
    expect((await view('strategy.manager')).status).toBe(200);
    for (const username of ['trade.manager', 'membership.staff', 'admin']) {
      const res = await view(username);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('corrective-action-not-found');
    }
    expect((await view('mcc.manager', 999_999)).body.code).toBe('corrective-action-not-found');
    expect((await view('mcc.manager', 'x1')).status).toBe(404);
    expect((await request(app).get(`/api/corrective-actions/${actionId}`)).status).toBe(401);
  });
});
