import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import fs from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type express from 'express';
import request from 'supertest';
import { loadWorkingCalendar } from '../../src/calendar/calendar-store.js';
import { deployResources, projectResources } from '../../src/camunda/deploy-resources.js';
import {
  addComplaintAttachment,
  listComplaintAttachments,
  readComplaintAttachment,
} from '../../src/domain/complaints/attachments.js';
import type { ComplaintRow } from '../../src/domain/complaints/complaint-record.js';
import {
  acknowledgementDueAt,
  loadAcknowledgementWorkingDays,
} from '../../src/domain/complaints/deadlines.js';
import { LocalFileStore } from '../../src/domain/complaints/file-store.js';
import { registerComplaint } from '../../src/domain/complaints/register-complaint.js';
import type { WebAppOptions } from '../../src/web/app.js';
import { startEngineUnderTest, type EngineUnderTest } from '../engine/support/engine-server.js';
import type { TestDatabase } from '../support/database.js';
import { EXE, MB, pdf, png } from '../support/sample-files.js';
import { demoDatabase, instanceVariables, signIn, webApp } from './support.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const toPersianDigits = (s: string) => s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

interface Attachment {
  readonly content: Buffer;
  readonly filename: string;
  readonly contentType?: string;
}

// --- the suite ---------------------------------------------------------------------------------

describe('public website complaint form (R-CMP-02)', () => {
  let db: TestDatabase;
  let t: EngineUnderTest;
  let storeDir: string;
  let store: LocalFileStore;
  let app: express.Express;
  let unitId: number;
  let unitName: string;
  /** Another person's case, which no answer may reveal (R-X-03). */
  let other: { id: number; trackingCode: string };

  const open: Partial<WebAppOptions> = {
    publicRateLimit: { limit: 10_000, windowMs: 60_000 },
    publicSubmitRateLimit: { limit: 10_000, windowMs: 60_000 },
    formTokenMinAgeMs: 0,
  };

  beforeAll(async () => {
    [db, t] = await Promise.all([demoDatabase(), startEngineUnderTest()]);
    await deployResources(
      t.client,
      (await projectResources(ROOT)).filter(
        (r) =>
          r.name.endsWith('.form') || ['complaint-handling.bpmn', 'corrective-action.bpmn'].includes(r.name),
      ),
    );
    storeDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mcc-public-complaint-'));
    store = new LocalFileStore(storeDir);
    app = webApp(db, t.client, { ...open, attachmentStore: store });
    ({ id: unitId, name_fa: unitName } = (await db
      .app('units')
      .where({ code: 'membership' })
      .first('id', 'name_fa')) as { id: number; name_fa: string });
    other = await db.app.transaction((trx) =>
      registerComplaint(
        trx,
        {
          channel: 'phone',
          complainantName: 'فرهاد کیانی‌نژاد',
          complainantPhone: '09127776655',
          complainantEmail: 'kiani@example.ir',
          subject: 'پروندهٔ محرمانهٔ دیگر',
          description: 'شرح محرمانه‌ای که نباید در هیچ پاسخی دیده شود.',
        },
        'staff:mcc.expert1',
      ),
    );
  });
  afterAll(async () => {
    await db.drop();
    await t.close();
    await fs.rm(storeDir, { recursive: true, force: true });
  });

  /** Every answer the tests received, checked at the end for the other case's data. */
  const answers: string[] = [];
  const keep = (res: request.Response) => {
    answers.push(JSON.stringify({ body: res.body as unknown, text: res.text, headers: res.headers }));
    return res;
  };

  async function formToken(on = app): Promise<string> {
    const res = keep(await request(on).get('/api/public/complaint-form'));
    expect(res.status).toBe(200);
    return (res.body as { formToken: string }).formToken;
  }

  const valid = () => ({
    kind: 'complaint',
    complainantName: 'سارا محمدی',
    complainantPhone: toPersianDigits('0913-123-4567'),
    complainantEmail: 'sara@example.ir',
    subject: 'تأخیر در صدور کارت بازرگانی',
    description: 'درخواست تمدید کارت بازرگانی سه هفته است بی‌پاسخ مانده است.\nلطفاً پیگیری کنید.',
    concernedUnitId: String(unitId),
    occurredAt: '2026-05-20',
    website: '',
  });

  async function submit(
    fields: Record<string, string | undefined>,
    files: readonly Attachment[] = [],
    on = app,
  ): Promise<request.Response> {
    let req = request(on).post('/api/public/complaints');
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) req = req.field(name, value);
    for (const f of files)
      req = req.attach('attachments', f.content, {
        filename: f.filename,
        contentType: f.contentType ?? 'application/octet-stream',
      });
    return keep(await req);
  }

  const count = async (table: string) =>
    Number(((await db.app(table).count('* as n').first()) as { n: string }).n);
  const storedFiles = async () =>
    (await fs.readdir(storeDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
  async function nothingSaved<T>(fn: () => Promise<T>): Promise<T> {
    const before = [await count('complaints'), await count('complaint_attachments'), await storedFiles()];
    const result = await fn();
    expect([await count('complaints'), await count('complaint_attachments'), await storedFiles()]).toEqual(
      before,
    );
    return result;
  }

  it('R-CMP-02 gives the page the units, the attachment rules and a signed form token', async () => {
    const res = keep(await request(app).get('/api/public/complaint-form'));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.body as {
      formToken: string;
      formTokenExpiresAt: string;
      kinds: { value: string; label: string }[];
      units: { id: number; name: string }[];
      attachments: Record<string, unknown>;
      fields: Record<string, { required: boolean; maxLength?: number }>;
    };
    expect(body.formToken).toMatch(/^v1\.[0-9a-z]+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.formTokenExpiresAt) - Date.now()).toBeGreaterThan(7_000_000);
    expect(body.kinds).toEqual([
      { value: 'complaint', label: 'شکایت' },
      { value: 'criticism', label: 'انتقاد' },
      { value: 'suggestion', label: 'پیشنهاد' },
    ]);
    expect(body.units).toContainEqual({ id: unitId, name: unitName });
    expect(body.units).toHaveLength(await count('units'));
    expect(Object.keys(body.units[0]!).sort()).toEqual(['id', 'name']);
    expect(body.attachments).toEqual({
      field: 'attachments',
      maxFiles: 3,
      maxFileBytes: 5 * MB,
      maxTotalBytes: 15 * MB,
      types: [
        { mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
        { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], label: 'تصویر JPEG' },
        { mediaType: 'image/png', extensions: ['png'], label: 'تصویر PNG' },
        { mediaType: 'image/webp', extensions: ['webp'], label: 'تصویر WebP' },
      ],
      accept: 'application/pdf,.pdf,image/jpeg,.jpg,.jpeg,.jpe,.jfif,image/png,.png,image/webp,.webp',
      summaryFa: 'PDF، تصویر JPEG، تصویر PNG، تصویر WebP؛ حداکثر ۳ فایل، هر فایل تا ۵ مگابایت',
    });
    expect(body.fields.complainantPhone).toEqual({ required: true, maxLength: 32 });
    expect(body.fields.description).toEqual({ required: true, maxLength: 10_000 });
    // Each load gets its own token.
    expect(await formToken()).not.toBe(body.formToken);
  });

  it('R-CMP-02 R-CMP-03 R-ISO-01 registers a website complaint with two attachments, answers only its tracking code and starts complaint handling', async () => {
    const scan = pdf('the renewal request');
    const photo = png();
    const res = await submit({ ...valid(), formToken: await formToken() }, [
      { content: scan, filename: 'درخواست تمدید.pdf', contentType: 'application/pdf' },
      { content: photo, filename: 'photo.PNG', contentType: 'image/png' },
    ]);
    expect(res.status).toBe(201);
    expect(Object.keys(res.body as object)).toEqual(['trackingCode']);
    const { trackingCode } = res.body as { trackingCode: string };
    expect(trackingCode).toMatch(/^C\d{4}-[A-Z0-9]{8}$/);

    const row = (await db.app('complaints').where({ tracking_code: trackingCode }).first()) as ComplaintRow;
    expect(row).toMatchObject({
      channel: 'website',
      kind: 'complaint',
      status: 'registered',
      member_id: null,
      complainant_name: 'سارا محمدی',
      complainant_phone: '09131234567',
      complainant_email: 'sara@example.ir',
      subject: 'تأخیر در صدور کارت بازرگانی',
      description: 'درخواست تمدید کارت بازرگانی سه هفته است بی‌پاسخ مانده است.\nلطفاً پیگیری کنید.',
      concerned_unit_id: unitId,
      registered_by_staff_id: null,
    });
    expect(row.occurred_at?.toISOString()).toBe('2026-05-19T20:30:00.000Z'); // 20 May, 00:00 Tehran
    // R-ISO-01: the acknowledgement deadline is set at registration, 2 working days on.
    expect(row.acknowledgement_due_at).toEqual(
      acknowledgementDueAt(
        await loadWorkingCalendar(db.app),
        row.received_at,
        await loadAcknowledgementWorkingDays(db.app),
      ),
    );
    const stages = (await db
      .app('complaint_stages')
      .where({ complaint_id: row.id })
      .pluck('stage')) as string[];
    expect(stages).toEqual(['registered']);

    const attachments = await listComplaintAttachments(db.app, row.id);
    expect(attachments.map((a) => [a.fileName, a.mediaType, a.sizeBytes, a.uploadedByStaffId])).toEqual([
      ['درخواست تمدید.pdf', 'application/pdf', scan.length, null],
      ['photo.PNG', 'image/png', photo.length, null],
    ]);
    expect((await readComplaintAttachment(db.app, store, attachments[0]!.id)).content).toEqual(scan);
    expect((await readComplaintAttachment(db.app, store, attachments[1]!.id)).content).toEqual(photo);

    // The process runs for this complaint and the complaint points at it.
    expect(row.process_instance_key).toMatch(/^\d+$/);
    const instance = await t.client.getProcessInstance(
      { processInstanceKey: row.process_instance_key } as never,
      { consistency: { waitUpToMs: 0 } } as never,
    );
    expect(instance).toMatchObject({ processDefinitionId: 'complaint-handling', state: 'ACTIVE' });
    expect(await instanceVariables(t.client, row.process_instance_key!)).toEqual({ complaintId: row.id });
    const jobs = await t.client.searchJobs(
      { filter: { processInstanceKey: row.process_instance_key } } as never,
      { consistency: { waitUpToMs: 0 } } as never,
    );
    expect((jobs.items as unknown as { type: string }[]).map((j) => j.type)).toEqual(['complaint.register']);
    const audit = (await db
      .app('audit_events')
      .where({ entity_type: 'complaint', entity_id: String(row.id) })
      .orderBy('seq')
      .select('actor', 'action')) as { actor: string; action: string }[];
    expect(audit.map((a) => a.action)).toEqual([
      'complaint.registered',
      'complaint.attachment-added',
      'complaint.attachment-added',
      'complaint.process-started',
    ]);
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set(['public']));
  });

  it('R-CMP-03 names every missing or invalid field in Persian, and saves nothing', async () => {
    const res = await nothingSaved(async () =>
      submit({
        formToken: await formToken(),
        kind: 'praise',
        complainantName: '   ',
        complainantPhone: '12345',
        complainantEmail: 'not-an-address',
        membershipNo: 'abc',
        subject: 'x'.repeat(301),
        concernedUnitId: '999999',
        occurredAt: '2099-01-01',
      }),
    );
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.body as { code: string; fields: { field: string; message: string }[] };
    expect(body.code).toBe('invalid-values');
    expect(body.fields.map((f) => f.field).sort()).toEqual(
      [
        'kind',
        'complainantName',
        'complainantPhone',
        'complainantEmail',
        'membershipNo',
        'subject',
        'description',
        'concernedUnitId',
        'occurredAt',
      ].sort(),
    );
    for (const f of body.fields) expect(f.message).toMatch(/[\u0600-\u06ff]/);
    expect(body.fields.find((f) => f.field === 'description')?.message).toBe('این فیلد الزامی است');

    // The same token still works once the member has corrected the form.
    const token = await formToken();
    expect((await submit({ ...valid(), formToken: token, complainantPhone: '' })).status).toBe(400);
    expect((await submit({ ...valid(), formToken: token })).status).toBe(201);
  });

  it('R-CMP-03 refuses a file larger than 5 MB with 413, and saves nothing', async () => {
    const res = await nothingSaved(async () =>
      submit({ ...valid(), formToken: await formToken() }, [
        { content: pdf('small'), filename: 'a.pdf', contentType: 'application/pdf' },
        { content: pdf('big', 5 * MB + 1), filename: 'b.pdf', contentType: 'application/pdf' },
      ]),
    );
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      code: 'file-too-large',
      fields: [{ field: 'attachments', message: 'حجم هر فایل حداکثر ۵ مگابایت مجاز است.' }],
    });
    // Exactly 5 MB is allowed.
    const ok = await submit({ ...valid(), formToken: await formToken() }, [
      { content: pdf('max', 5 * MB), filename: 'max.pdf', contentType: 'application/pdf' },
    ]);
    expect(ok.status).toBe(201);
  });

  it('R-CMP-03 decides a file by its content: an executable named .pdf, a text file, a wrong extension, the same file twice, a fourth file and a file in another field are refused, nothing saved', async () => {
    const token = await formToken();
    const exeAsPdf = await nothingSaved(() =>
      submit({ ...valid(), formToken: token }, [
        { content: pdf(), filename: 'letter.pdf', contentType: 'application/pdf' },
        { content: EXE, filename: 'invoice.pdf', contentType: 'application/pdf' },
      ]),
    );
    expect(exeAsPdf.status).toBe(400);
    expect((exeAsPdf.body as { fields: unknown }).fields).toEqual([
      {
        field: 'attachments[1]',
        message:
          'این فایل یک فایل اجرایی ویندوز است و پذیرفته نمی‌شود؛ انواع مجاز: PDF، تصویر JPEG، تصویر PNG، تصویر WebP.',
      },
    ]);

    // Text is a type the staff inbox takes, not the website form.
    const text = await nothingSaved(() =>
      submit({ ...valid(), formToken: token }, [
        { content: Buffer.from('متن نامه'), filename: 'letter.txt', contentType: 'text/plain' },
      ]),
    );
    expect((text.body as { fields: unknown }).fields).toEqual([
      {
        field: 'attachments[0]',
        message:
          'این فایل متن ساده (UTF-8) است و پذیرفته نمی‌شود؛ انواع مجاز: PDF، تصویر JPEG، تصویر PNG، تصویر WebP.',
      },
    ]);

    const pngAsPdf = await nothingSaved(() =>
      submit({ ...valid(), formToken: token }, [{ content: png(), filename: 'scan.pdf' }]),
    );
    expect((pngAsPdf.body as { fields: { field: string; message: string }[] }).fields).toEqual([
      { field: 'attachments[0]', message: expect.stringContaining('پسوند نام فایل (.pdf)') },
    ]);

    const sameTwice = await nothingSaved(() =>
      submit({ ...valid(), formToken: token }, [
        { content: pdf('x'), filename: 'a.pdf' },
        { content: pdf('x'), filename: 'b.pdf' },
      ]),
    );
    expect((sameTwice.body as { fields: unknown }).fields).toEqual([
      { field: 'attachments[1]', message: 'این فایل دو بار پیوست شده است.' },
    ]);

    const four = await nothingSaved(() =>
      submit(
        { ...valid(), formToken: token },
        ['1', '2', '3', '4'].map((n) => ({ content: pdf(n), filename: `${n}.pdf` })),
      ),
    );
    expect(four.status).toBe(400);
    expect((four.body as { fields: unknown }).fields).toEqual([
      { field: 'attachments', message: 'حداکثر ۳ فایل می‌توانید پیوست کنید.' },
    ]);

    const elsewhere = await nothingSaved(async () => {
      let req = request(app).post('/api/public/complaints');
      for (const [name, value] of Object.entries({ ...valid(), formToken: token }))
        req = req.field(name, value);
      return keep(await req.attach('document', pdf(), 'a.pdf'));
    });
    expect(elsewhere.status).toBe(400);
    expect((elsewhere.body as { fields: unknown }).fields).toEqual([
      { field: 'document', message: 'این فیلد فایل نمی‌پذیرد.' },
    ]);

    expect(
      (
        await request(app)
          .post('/api/public/complaints')
          .send({ ...valid(), formToken: await formToken() })
      ).status,
    ).toBe(415);
  });

  it('R-CMP-02 treats a filled honeypot and a missing, tampered, too young or replayed token alike: one 400, nothing saved', async () => {
    const answersOf: request.Response[] = [];
    await nothingSaved(async () => {
      answersOf.push(
        await submit({ ...valid(), formToken: await formToken(), website: 'http://spam.example' }),
      );
      answersOf.push(await submit({ ...valid(), formToken: undefined }));
      const token = await formToken();
      answersOf.push(
        await submit({ ...valid(), formToken: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` }),
      );
      // The real default: sent at once after loading the form.
      const strict = webApp(db, t.client, { ...open, formTokenMinAgeMs: undefined, attachmentStore: store });
      answersOf.push(await submit({ ...valid(), formToken: await formToken(strict) }, [], strict));
      // A token from another app instance (another secret) is a forgery too.
      answersOf.push(await submit({ ...valid(), formToken: await formToken(strict) }));
    });
    const used = await formToken();
    expect((await submit({ ...valid(), formToken: used })).status).toBe(201);
    answersOf.push(await nothingSaved(() => submit({ ...valid(), formToken: used })));

    expect(answersOf.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 400]);
    for (const r of answersOf) expect(r.body).toEqual(answersOf[0]!.body);
    expect(answersOf[0]!.body).toEqual({
      type: 'about:blank',
      status: 400,
      code: 'submission-rejected',
      title: 'The form was not accepted; load it again and send it once more.',
      detail: 'فرم پذیرفته نشد. لطفاً صفحه را دوباره باز کنید و فرم را دوباره بفرستید.',
    });
  });

  it('R-CMP-03 takes no attachments when the app has no file store', async () => {
    const bare = webApp(db, t.client, open);
    const form = keep(await request(bare).get('/api/public/complaint-form'));
    expect((form.body as { attachments: { maxFiles: number } }).attachments.maxFiles).toBe(0);
    const res = await nothingSaved(async () =>
      submit({ ...valid(), formToken: await formToken(bare) }, [{ content: pdf(), filename: 'a.pdf' }], bare),
    );
    expect(res.status).toBe(400);
    expect((res.body as { fields: unknown }).fields).toEqual([
      { field: 'attachments', message: 'در حال حاضر امکان پیوست فایل در این فرم نیست.' },
    ]);
    expect((await submit({ ...valid(), formToken: await formToken(bare) }, [], bare)).status).toBe(201);
  });

  it('R-CMP-02 limits submissions per client IP: a flood gets 429 after the limit', async () => {
    const limited = webApp(db, t.client, {
      ...open,
      attachmentStore: store,
      publicSubmitRateLimit: { limit: 3, windowMs: 60 * 60 * 1000 },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await submit({ ...valid() }, [], limited)).status);
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    const last = await submit({ ...valid(), formToken: await formToken(limited) }, [], limited);
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    // Loading the form has its own (public) limit.
    expect((await request(limited).get('/api/public/complaint-form')).status).toBe(200);
  });

  it('R-CMP-02 keeps the complaint when the engine cannot be reached: 202 with the tracking code, the failure audited; the MCC then starts its process from the dossier, once', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const down = createCamundaClient({
      config: {
        CAMUNDA_REST_ADDRESS: `http://127.0.0.1:${port}`,
        CAMUNDA_AUTH_STRATEGY: 'NONE',
        CAMUNDA_SDK_LOG_LEVEL: 'silent',
        CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS: 1,
      } as never,
    });
    const offline = webApp(db, down, { ...open, attachmentStore: store });
    const res = await submit({ ...valid(), formToken: await formToken(offline) }, [], offline);
    expect(res.status).toBe(202);
    expect(Object.keys(res.body as object)).toEqual(['trackingCode']);
    const row = (await db
      .app('complaints')
      .where({ tracking_code: (res.body as { trackingCode: string }).trackingCode })
      .first()) as ComplaintRow;
    expect(row).toMatchObject({ channel: 'website', status: 'registered', process_instance_key: null });
    const failed = (await db
      .app('audit_events')
      .where({
        entity_type: 'complaint',
        entity_id: String(row.id),
        action: 'complaint.process-start-failed',
      })
      .first('after')) as { after: { processDefinitionId: string } } | undefined;
    expect(failed?.after.processDefinitionId).toBe('complaint-handling');

    // Once the engine is back, the MCC starts the process from the dossier, once.
    const startFor = async (username: string) => {
      const who = await signIn(app, username);
      return request(app)
        .post(`/api/complaints/${row.id}/process-instance`)
        .set('cookie', who.cookie)
        .set('x-csrf-token', who.csrfToken);
    };
    expect((await startFor('auditor')).status).toBe(403);
    const started = await startFor('mcc.manager');
    expect(started.status).toBe(201);
    const linked = (await db.app('complaints').where({ id: row.id }).first('process_instance_key')) as {
      process_instance_key: string;
    };
    expect(String(linked.process_instance_key)).toBe(started.body.processInstanceKey);
    const audited = await db
      .app('audit_events')
      .where({ entity_id: String(row.id), action: 'complaint.process-started' })
      .first('actor');
    expect(audited).toEqual({ actor: 'staff:mcc.manager' });
    const again = await startFor('mcc.expert1');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'process-already-started',
      processInstanceKey: started.body.processInstanceKey,
    });
  });

  it('R-X-03 answers a known and an unknown membership number alike, and links the member only when the contact given is theirs', async () => {
    const member = (await db
      .app('members as m')
      .join('member_contacts as c', 'c.member_id', 'm.id')
      .where('c.kind', 'mobile')
      .orderBy('m.id')
      .first('m.id', 'm.membership_no', 'c.value')) as { id: number; membership_no: string; value: string };
    const unknownNo = '99999999';
    expect(await db.app('members').where({ membership_no: unknownNo }).first()).toBeUndefined();

    const send = async (membershipNo: string, phone: string) => {
      const res = await submit({
        ...valid(),
        complainantEmail: undefined,
        complainantPhone: phone,
        membershipNo: toPersianDigits(membershipNo),
        formToken: await formToken(),
      });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body as object)).toEqual(['trackingCode']);
      return (await db
        .app('complaints')
        .where({ tracking_code: (res.body as { trackingCode: string }).trackingCode })
        .first()) as ComplaintRow;
    };

    const theirs = await send(member.membership_no, member.value);
    expect(theirs.member_id).toBe(member.id);
    expect(theirs.description).not.toContain('شمارهٔ عضویت');

    for (const [no, phone] of [
      [member.membership_no, '09350000001'], // a real number, someone else's phone: not linked
      [unknownNo, '09350000001'],
    ] as const) {
      const row = await send(no, phone);
      expect(row.member_id).toBeNull();
      expect(row.description).toContain(`شمارهٔ عضویت اعلام‌شده در فرم وب‌سایت (تأییدنشده): ${no}`);
    }
  });

  it('R-X-03 no answer of the form reveals anything about another case', async () => {
    // The other case's attachment content, sent again on the website: stored as a copy, nothing said.
    const shared = pdf('shared');
    await db.app.transaction((trx) =>
      addComplaintAttachment(
        trx,
        store,
        { complaintId: other.id, fileName: 'o.pdf', content: shared },
        'staff:mcc.expert1',
      ),
    );
    const res = await submit({ ...valid(), formToken: await formToken() }, [
      { content: shared, filename: 'shared.pdf', contentType: 'application/pdf' },
    ]);
    expect(res.status).toBe(201);

    expect(answers.length).toBeGreaterThan(30);
    const secrets = [other.trackingCode, 'کیانی', '09127776655', 'kiani@example.ir', 'محرمانه'];
    for (const answer of answers) for (const s of secrets) expect(answer).not.toContain(s);
  });
});
