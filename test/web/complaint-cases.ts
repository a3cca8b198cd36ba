/**
 * Four complaints moved through the real complaint process (the embedded engine, the real workers, the
 * demo organisation) to different stages, and the staff web app on top, for the register and dossier
 * tests:
 *
 * | case | unit         | channel   | kind       | severity | where it stands                     | received     |
 * |------|--------------|-----------|------------|----------|-------------------------------------|--------------|
 * | A    | membership   | website   | complaint  | minor    | investigating (legal.manager), late | T0           |
 * | B    | certificates | phone     | criticism  | major    | with the SG, deadlines far off      | T0 − 20 days |
 * | C    | trade        | in_person | complaint  | –        | under review by the MCC manager     | T0 − 40 days |
 * | D    | membership   | letter    | suggestion | minor    | closed (rejected, satisfaction 4)   | T0 − 5 days  |
 *
 * A carries two attachments (a PDF and a text file, both with Persian names); B is linked to a member.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type express from 'express';
import request from 'supertest';
import { createEngineClient } from '../../src/camunda/client.js';
import { addComplaintAttachment } from '../../src/domain/complaints/attachments.js';
import { LocalFileStore } from '../../src/domain/complaints/file-store.js';
import {
  registerComplaint,
  type RegisterComplaintInput,
} from '../../src/domain/complaints/register-complaint.js';
import { completeAs } from '../processes/support/case-driver.js';
import { startSystem, type SystemUnderTest } from '../processes/support/system-under-test.js';
import { signIn, webApp } from './support.js';

// Wednesday 13 Khordad 1405, 10:00 Tehran.
export const T0 = new Date('2026-06-03T06:30:00Z');
const DAY = 86_400_000;

export interface Case {
  readonly id: number;
  readonly trackingCode: string;
  readonly key: string;
}

export interface ComplaintCases {
  readonly sut: SystemUnderTest;
  readonly app: express.Express;
  readonly a: Case;
  readonly b: Case;
  readonly c: Case;
  readonly d: Case;
  /** Registers one more complaint (as mcc.expert1) and starts its process; the workers run. */
  fileComplaint(input: RegisterComplaintInput, receivedAt?: Date): Promise<Case>;
  /** B's member, as the register shows the complainant. */
  readonly memberName: string;
  readonly attachments: {
    readonly pdf: { id: number; content: Buffer };
    readonly text: { id: number; content: Buffer };
  };
  close(): Promise<void>;
}

export const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% رسید\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);
export const TEXT = Buffer.from('گزارش تماس با عضو: درخواست تمدید از ۲۰ اردیبهشت بی‌پاسخ مانده است.\n');

/** Claims and completes the instance's open task `elementId` through the inbox API, as `username`. */
async function completeInApp(
  app: express.Express,
  username: string,
  processInstanceKey: string,
  elementId: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const user = await signIn(app, username);
  const inbox = await request(app).get('/api/inbox').set('cookie', user.cookie);
  const task = (
    inbox.body as { tasks: { userTaskKey: string; processInstanceKey: string; elementId: string }[] }
  ).tasks.find((t) => t.processInstanceKey === processInstanceKey && t.elementId === elementId);
  if (!task) throw new Error(`${username} has no task ${elementId} of ${processInstanceKey}`);
  const post = (path: string, body?: object) =>
    request(app).post(path).set('cookie', user.cookie).set('x-csrf-token', user.csrfToken).send(body);
  const claimed = await post(`/api/tasks/${task.userTaskKey}/claim`);
  if (claimed.status !== 200) throw new Error(`claiming ${elementId} answered ${claimed.status}`);
  const done = await post(`/api/tasks/${task.userTaskKey}/complete`, { variables });
  if (done.status !== 204)
    throw new Error(`completing ${elementId} answered ${done.status}: ${JSON.stringify(done.body)}`);
}

export async function startComplaintCases(): Promise<ComplaintCases> {
  const sut = await startSystem(T0);
  const dir = await mkdtemp(path.join(tmpdir(), 'mcc-attachments-'));
  const store = new LocalFileStore(dir);
  // The app's own client, as `npm start` builds it (the strict test client cannot read a task's form).
  const app = webApp(
    sut.db,
    createEngineClient({ restAddress: sut.restAddress, auth: { strategy: 'NONE' } }),
    {
      attachmentStore: store,
    },
  );
  const unit = async (code: string) =>
    ((await sut.db.owner('units').where({ code }).first('id')) as { id: number }).id;
  const membership = await unit('membership');
  const certificates = await unit('certificates');
  const trade = await unit('trade');
  const member = (await sut.db.owner('members').orderBy('id').first('id', 'legal_name')) as {
    id: number;
    legal_name: string;
  };

  async function file(input: RegisterComplaintInput, receivedAt: Date): Promise<Case> {
    const registered = await sut.db.app.transaction((trx) =>
      registerComplaint(trx, input, 'staff:mcc.expert1', { now: receivedAt }),
    );
    const { processInstanceKey } = await sut.client.createProcessInstance({
      processDefinitionId: 'complaint-handling',
      variables: { complaintId: registered.id },
    } as never);
    await sut.settle();
    return { id: registered.id, trackingCode: registered.trackingCode, key: processInstanceKey as string };
  }
  const review = (severity: string, unitId: number, kind: string) => ({
    severity,
    concernedUnitId: unitId,
    namedStaffIds: [],
    kind,
    reviewNote: 'مدارک کامل است.',
  });
  const report = {
    circumstances: 'پیشنهاد عضو بررسی شد.',
    causes: 'روال فعلی پاسخ‌گوی نیاز عضو نیست.',
    consequences: 'نارضایتی عضو',
    actionsTaken: 'با عضو تماس گرفته شد.',
    evidence: 'سوابق سامانه',
  };

  const a = await file(
    {
      channel: 'website',
      complainantName: 'محسن رستگار',
      complainantEmail: 'rastegar@example.ir',
      subject: 'تأخیر در تمدید کارت بازرگانی',
      description: 'درخواست تمدید کارت بازرگانی بیش از سه هفته است بی‌پاسخ مانده است.',
      concernedUnitId: membership,
    },
    T0,
  );
  // A's review is done in the web app, as the MCC manager would: claimed, then completed.
  await completeInApp(
    app,
    'mcc.manager',
    a.key,
    'Task_ManagerReview',
    review('minor', membership, 'complaint'),
  );
  await sut.settle();
  await completeAs(sut, 'sg', a.key, 'Task_AssignHandler', { handlerUsername: 'legal.manager' });

  const b = await file(
    {
      channel: 'phone',
      memberId: member.id,
      complainantName: 'نسرین افشار',
      complainantEmail: 'afshar@example.ir',
      subject: 'اشتباه در گواهی مبدأ',
      description: 'نام کشور مقصد در گواهی مبدأ اشتباه درج شده و محموله در گمرک مانده است.',
    },
    new Date(T0.getTime() - 20 * DAY),
  );
  await completeAs(
    sut,
    'mcc.manager',
    b.key,
    'Task_ManagerReview',
    review('major', certificates, 'criticism'),
  );
  // Deadlines far off, so B is open but not overdue whenever the test runs.
  await sut.db
    .owner('complaints')
    .where({ id: b.id })
    .update({
      response_due_at: new Date('2099-01-01T00:00:00Z'),
      resolution_due_at: new Date('2099-02-01T00:00:00Z'),
    });

  const c = await file(
    {
      channel: 'in_person',
      complainantName: 'حمید صفایی',
      complainantEmail: 'safaei@example.ir',
      subject: 'پاسخ‌ندادن به استعلام بازار عراق',
      description: 'استعلام بازار عراق که یک ماه پیش ثبت شد هنوز پاسخی نگرفته است.',
      concernedUnitId: trade,
    },
    new Date(T0.getTime() - 40 * DAY),
  );

  const d = await file(
    {
      channel: 'letter',
      kind: 'suggestion',
      complainantName: 'زهره بهرامی',
      complainantEmail: 'bahrami@example.ir',
      subject: 'پیشنهاد نوبت‌دهی اینترنتی برای صدور کارت',
      description: 'پیشنهاد می‌شود برای صدور کارت بازرگانی نوبت اینترنتی داده شود.',
      concernedUnitId: membership,
    },
    new Date(T0.getTime() - 5 * DAY),
  );
  await completeAs(
    sut,
    'mcc.manager',
    d.key,
    'Task_ManagerReview',
    review('minor', membership, 'suggestion'),
  );
  await completeAs(sut, 'sg', d.key, 'Task_AssignHandler', { handlerUsername: 'training.manager' });
  await completeAs(sut, 'training.manager', d.key, 'Task_Investigate', report);
  await completeAs(sut, 'sg', d.key, 'Task_SecretaryGeneralDecision', {
    decision: 'rejected',
    conveneCommittee: false,
    committeeExtraStaffIds: [],
    decisionNote: 'در برنامهٔ سال آینده دیده می‌شود.',
  });
  await completeAs(sut, 'mcc.manager', d.key, 'Task_CommunicateResult', {
    finalResult: 'rejected',
    resultText: 'پیشنهاد شما در برنامهٔ سال آینده بررسی می‌شود.',
  });
  await sut.client.publishMessage({
    name: 'complaint-satisfaction',
    correlationKey: d.trackingCode,
    variables: { satisfaction: 4, satisfactionComment: 'سپاس' },
  } as never);
  await sut.settle();

  const attach = (fileName: string, declaredType: string, content: Buffer) =>
    sut.db.app.transaction((trx) =>
      addComplaintAttachment(
        trx,
        store,
        { complaintId: a.id, fileName, declaredType, content },
        'staff:mcc.expert1',
        {
          processInstanceKey: a.key,
        },
      ),
    );
  const pdf = await attach('رسید پرداخت "حق عضویت".pdf', 'application/pdf', PDF);
  const text = await attach('گزارش تماس.txt', 'text/plain', TEXT);

  return {
    sut,
    app,
    a,
    b,
    c,
    d,
    fileComplaint: (input, receivedAt = T0) => file(input, receivedAt),
    memberName: member.legal_name,
    attachments: { pdf: { id: pdf.id, content: PDF }, text: { id: text.id, content: TEXT } },
    async close() {
      await sut.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
