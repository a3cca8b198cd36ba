import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type express from 'express';
import request from 'supertest';
import { registerComplaint } from '../../src/domain/complaints/register-complaint.js';
import { createEngineClient } from '../../src/camunda/client.js';
import { bpmn, line } from '../engine/support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../engine/support/engine-server.js';
import type { TestDatabase } from '../support/database.js';
import { demoDatabase, instanceVariables, signIn, webApp, type SignedIn } from './support.js';

const form = {
  executionPlatform: 'Camunda Cloud',
  executionPlatformVersion: '8.8.0',
  schemaVersion: 18,
  id: 'web-decision',
  type: 'default',
  components: [
    { type: 'textfield', id: 'F1', key: 'trackingCode', label: 'کد رهگیری', readonly: true },
    {
      type: 'radio',
      id: 'F2',
      key: 'decision',
      label: 'تصمیم',
      values: [
        { label: 'پذیرش', value: 'accepted' },
        { label: 'رد', value: 'rejected' },
      ],
      validate: { required: true },
    },
    { type: 'number', id: 'F3', key: 'days', label: 'مهلت (روز)', validate: { min: 1, max: 30 } },
  ],
};

const review = bpmn(
  'web-decide',
  line(
    '<bpmn:userTask id="decide" name="تصمیم"><bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="web-decision" /><zeebe:assignmentDefinition candidateGroups="mcc-manager" /></bpmn:extensionElements></bpmn:userTask>',
  ),
);

describe('staff web app: opening and completing a task', () => {
  let db: TestDatabase;
  let t: EngineUnderTest;
  let app: express.Express;
  let manager: SignedIn;
  let sg: SignedIn;
  let instance: string;
  let key: string;

  beforeAll(async () => {
    [db, t] = await Promise.all([demoDatabase(), startEngineUnderTest()]);
    // The app's own client, as `npm start` builds it. The strict test client cannot read a task's
    // form: client 8.8.4 expects FormResult.schema as an object, the 8.8 spec and Camunda send a string.
    app = webApp(db, createEngineClient({ restAddress: t.url, auth: { strategy: 'NONE' } }));
    await deploy(t.client, { 'web-decide.bpmn': review, 'web-decision.form': JSON.stringify(form) });
    instance = (
      await t.client.createProcessInstance({
        processDefinitionId: 'web-decide',
        variables: { trackingCode: 'C-1405-0042' },
      } as never)
    ).processInstanceKey as string;
    await db.app.transaction((trx) =>
      registerComplaint(
        trx,
        {
          channel: 'phone',
          complainantName: 'رضا نادری',
          complainantPhone: '09131234567',
          subject: 'تأخیر در صدور کارت بازرگانی',
          description: 'درخواست تمدید کارت بازرگانی سه هفته است بی‌پاسخ مانده است.',
        },
        'staff:mcc.expert1',
        { processInstanceKey: instance },
      ),
    );
    manager = await signIn(app, 'mcc.manager');
    sg = await signIn(app, 'sg');
    const inbox = await request(app).get('/api/inbox').set('cookie', manager.cookie);
    key = (inbox.body as { tasks: { userTaskKey: string }[] }).tasks[0]!.userTaskKey;
  });
  afterAll(async () => {
    await db.drop();
    await t.close();
  });

  const post = (s: SignedIn, path: string, body?: object) =>
    request(app).post(path).set('cookie', s.cookie).set('x-csrf-token', s.csrfToken).send(body);

  it('R-X-03 opens the task with its form and the variables it sees; others get 404', async () => {
    const res = await request(app).get(`/api/tasks/${key}`).set('cookie', manager.cookie);
    expect(res.status).toBe(200);
    const body = res.body as {
      task: { name: string };
      form: { id: string };
      variables: object;
      case: unknown;
    };
    expect(body.task.name).toBe('تصمیم');
    expect(body.form.id).toBe('web-decision');
    expect(body.variables).toEqual({ trackingCode: 'C-1405-0042' });
    // The complaint the task belongs to, with its history so far.
    expect(body.case).toMatchObject({
      kind: 'complaint',
      complaint: { subject: 'تأخیر در صدور کارت بازرگانی', channel: 'phone', complainant: 'رضا نادری' },
      history: [{ stage: 'registered', actor: 'زهرا احمدی' }],
    });
    expect((await request(app).get(`/api/tasks/${key}`).set('cookie', sg.cookie)).status).toBe(404);
  });

  it('R-X-03 completes only a claimed task, with the form’s rules, and only the form’s variables', async () => {
    // Not claimed yet.
    expect(
      (await post(manager, `/api/tasks/${key}/complete`, { variables: { decision: 'accepted' } })).status,
    ).toBe(403);
    expect((await post(manager, `/api/tasks/${key}/claim`)).status).toBe(200);

    const wrong = await post(manager, `/api/tasks/${key}/complete`, {
      variables: { decision: 'maybe', days: 90 },
    });
    expect(wrong.status).toBe(400);
    expect((wrong.body as { fields: unknown }).fields).toEqual([
      { field: 'decision', message: 'گزینهٔ انتخاب‌شده در فهرست گزینه‌ها نیست' },
      { field: 'days', message: 'مقدار این فیلد نباید بیشتر از ۳۰ باشد' },
    ]);
    const missing = await post(manager, `/api/tasks/${key}/complete`, { variables: {} });
    expect((missing.body as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual([
      'decision',
    ]);
    expect((await post(manager, `/api/tasks/${key}/complete`, { vars: {} })).status).toBe(400);
    // The task is still open after every refusal.
    expect((await request(app).get(`/api/tasks/${key}`).set('cookie', manager.cookie)).status).toBe(200);

    const done = await post(manager, `/api/tasks/${key}/complete`, {
      // trackingCode is read-only and isAdmin is not on the form: neither reaches the process.
      variables: { decision: 'accepted', days: 10, trackingCode: 'forged', isAdmin: true },
    });
    expect(done.status).toBe(204);
    const byName = await instanceVariables(t.client, instance);
    expect(byName).toEqual({ trackingCode: 'C-1405-0042', decision: 'accepted', days: 10 });
    expect((await request(app).get(`/api/tasks/${key}`).set('cookie', manager.cookie)).status).toBe(404);
    // R-X-02: who completed the task, with what, is in the audit trail of the instance.
    const audit = (await db
      .owner('audit_events')
      .where({ action: 'user-task.completed', entity_id: key })
      .select('actor', 'process_instance_key', 'after')) as {
      actor: string;
      process_instance_key: string;
      after: { variables: object };
    }[];
    expect(audit).toEqual([
      {
        actor: 'staff:mcc.manager',
        process_instance_key: instance,
        after: expect.objectContaining({ variables: { decision: 'accepted', days: 10 } }),
      },
    ]);
  });
});
