import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type express from 'express';
import request from 'supertest';
import { hashFeedbackToken, newFeedbackToken } from '../../src/domain/complaints/feedback-token.js';
import { registerComplaint } from '../../src/domain/complaints/register-complaint.js';
import { bpmn, line } from '../engine/support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../engine/support/engine-server.js';
import type { TestDatabase } from '../support/database.js';
import { demoDatabase, instanceVariables, webApp } from './support.js';

/** The tail of the complaint process: wait for the member's answer, then a task shows it. */
const awaitFeedback = bpmn(
  'web-feedback',
  line(
    '<bpmn:intermediateCatchEvent id="Answer"><bpmn:messageEventDefinition messageRef="Message_Satisfaction" /></bpmn:intermediateCatchEvent>',
    '<bpmn:userTask id="Seen"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>',
  ),
  '<bpmn:message id="Message_Satisfaction" name="complaint-satisfaction"><bpmn:extensionElements><zeebe:subscription correlationKey="=trackingCode" /></bpmn:extensionElements></bpmn:message>',
);

describe('public satisfaction link (R-ISO-05)', () => {
  let db: TestDatabase;
  let t: EngineUnderTest;
  let app: express.Express;
  let token: string;
  let trackingCode: string;
  let instance: string;

  beforeAll(async () => {
    [db, t] = await Promise.all([demoDatabase(), startEngineUnderTest()]);
    app = webApp(db, t.client, { publicRateLimit: { limit: 1000, windowMs: 60_000 } });
    let complaintId: number;
    ({ id: complaintId, trackingCode } = await db.app.transaction((trx) =>
      registerComplaint(
        trx,
        {
          channel: 'website',
          complainantName: 'رضا نادری',
          complainantEmail: 'naderi@example.ir',
          subject: 'تأخیر در صدور کارت بازرگانی',
          description: 'درخواست تمدید سه هفته است بی‌پاسخ مانده است.',
        },
        'public',
      ),
    ));
    token = newFeedbackToken();
    await db.app('complaint_feedback').insert({
      complaint_id: complaintId,
      token_hash: hashFeedbackToken(token),
      expires_at: new Date(Date.now() + 14 * 86_400_000),
    });
    await deploy(t.client, { 'web-feedback.bpmn': awaitFeedback });
    instance = (
      await t.client.createProcessInstance({
        processDefinitionId: 'web-feedback',
        variables: { trackingCode },
      } as never)
    ).processInstanceKey as string;
  });
  afterAll(async () => {
    await db.drop();
    await t.close();
  });

  const url = (tk: string) => `/api/public/feedback/${tk}`;

  it('opens with the tracking code only; unknown, malformed and expired links are one 404', async () => {
    const res = await request(app).get(url(token));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ trackingCode, expiresAt: expect.any(String), answered: false });
    expect(JSON.stringify(res.body)).not.toContain('نادری');
    const unknown = await request(app).get(url(newFeedbackToken()));
    expect(unknown.status).toBe(404);
    expect((await request(app).get(url('x'))).body).toEqual(unknown.body);

    const expired = newFeedbackToken();
    const other = await db.app.transaction((trx) =>
      registerComplaint(
        trx,
        {
          channel: 'phone',
          complainantName: 'مینا صالحی',
          complainantPhone: '09121112233',
          subject: 'الف',
          description: 'ب',
        },
        'public',
      ),
    );
    await db.app('complaint_feedback').insert({
      complaint_id: other.id,
      token_hash: hashFeedbackToken(expired),
      requested_at: new Date(Date.now() - 20 * 86_400_000),
      expires_at: new Date(Date.now() - 86_400_000),
    });
    expect((await request(app).get(url(expired))).body).toEqual(unknown.body);
  });

  it('refuses a score outside 1–5 and sends a good answer to the waiting process, once', async () => {
    for (const bad of [
      { satisfaction: 0 },
      { satisfaction: 6 },
      { satisfaction: 2.5 },
      { satisfaction: '5' },
      {},
    ])
      expect((await request(app).post(url(token)).send(bad)).status).toBe(400);

    const sent = await request(app).post(url(token)).send({ satisfaction: 4, comment: 'پیگیری خوبی بود.' });
    expect(sent.status).toBe(202);
    const tasks = await t.client.searchUserTasks(
      { filter: { processInstanceKey: instance, state: 'CREATED' } } as never,
      { consistency: { waitUpToMs: 0 } } as never,
    );
    expect((tasks.items as unknown as { elementId: string }[]).map((x) => x.elementId)).toEqual(['Seen']);
    const byName = await instanceVariables(t.client, instance);
    expect(byName).toMatchObject({ satisfaction: 4, satisfactionComment: 'پیگیری خوبی بود.' });

    // A second answer before the process has recorded the first is refused.
    expect((await request(app).post(url(token)).send({ satisfaction: 1 })).status).toBe(409);
  });

  it('is rate-limited per client across tokens: guessing links does not open fresh windows', async () => {
    const limited = webApp(db, t.client, { publicRateLimit: { limit: 3, windowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await request(limited).get(url(newFeedbackToken()))).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });
});
