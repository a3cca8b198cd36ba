/**
 * The issue's security rules in the browser, on the real engine, database and pages: "authorization
 * tests try other users' records; the public form rejects floods and bad files". Each test opens
 * what its user may not see (another unit's complaint, another person's task, the administration)
 * and checks that the page says only «not found» or «no access», and that the API from the same
 * session agrees; then the public complaint form is sent files it must refuse, more submissions
 * than one address may make, and a filled honeypot, and nothing of those is saved.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { LocalFileStore } from '../../src/domain/complaints/file-store.js';
import { completeAs, openTasks } from '../processes/support/case-driver.js';
import { EXE, MB, png } from '../support/sample-files.js';
import type { SystemUnderTest } from '../processes/support/system-under-test.js';
import { fileComplaint, screenshot, serveWeb, startBrowserSystem, type BrowserSystem } from './support.js';

const NOT_FOUND = 'موردی یافت نشد.';
const FORBIDDEN = 'شما به این بخش دسترسی ندارید.';
const TOO_MANY = 'تعداد درخواست‌ها بیش از حد مجاز است؛ چند دقیقهٔ دیگر دوباره تلاش کنید.';
const PHONE_VIEWPORT = { width: 390, height: 844 };
/** A PNG of 6 MB: a real one, then padding; over the form's 5 MB a file. */
const PNG_6MB = Buffer.concat([png(), Buffer.alloc(6 * MB, 0x20)]);

describe('authorization and the public form’s defences in the browser', () => {
  let system: BrowserSystem;
  let sut: SystemUnderTest;
  let files: string;

  beforeAll(async () => {
    system = await startBrowserSystem({
      // Room for the bad-file and honeypot tests; the flood test serves its own app with a small limit.
      publicSubmitRateLimit: { limit: 100, windowMs: 60_000 },
    });
    ({ sut, files } = system);
  });
  afterAll(() => system?.close());

  const as = (username: string) => system.as(username);

  const unitId = async (code: string): Promise<number> =>
    ((await sut.db.owner('units').where({ code }).first('id')) as { id: number }).id;

  const count = async (table: string, where: Record<string, unknown> = {}): Promise<number> =>
    Number(((await sut.db.owner(table).where(where).count({ n: '*' }).first()) as { n: string }).n);

  /** The open task `elementId` of an instance. */
  async function openTask(processInstanceKey: string, elementId: string) {
    const task = (await openTasks(sut, processInstanceKey)).find((t) => t.elementId === elementId);
    if (!task) throw new Error(`no open ${elementId} in ${processInstanceKey}`);
    return task;
  }

  /** Everything the page shows as text. */
  async function pageText(page: Page): Promise<string> {
    return (await page.evaluate('document.body.innerText')) as string;
  }

  it('R-X-03 R-ISO-08 a unit manager opening the dossier of another unit’s complaint sees only «not found»; their own unit’s dossier opens', async () => {
    const other = await fileComplaint(sut, {
      subject: 'تأخیر در پاسخ به استعلام بازار ترکیه',
      description: 'استعلام ما دربارهٔ بازار ترکیه یک ماه است بی‌پاسخ مانده است.',
      complainantName: 'فرهاد کیانی',
      complainantEmail: 'kiani@example.ir',
    });
    const own = await fileComplaint(sut, {
      subject: 'تأخیر در ارجاع پرونده به مرکز داوری',
      description: 'پروندهٔ اختلاف ما دو ماه است به داور ارجاع نشده است.',
      complainantName: 'لیلا نوروزی',
      complainantEmail: 'norouzi@example.ir',
    });
    await sut.db
      .owner('complaints')
      .where({ id: other.complaintId })
      .update({ concerned_unit_id: await unitId('trade') });
    await sut.db
      .owner('complaints')
      .where({ id: own.complaintId })
      .update({ concerned_unit_id: await unitId('legal') });

    const page = await as('legal.manager');
    await page.goto(`/complaints/${other.complaintId}`);
    await expect(page.getByRole('alert').innerText()).resolves.toBe(NOT_FOUND);
    const shown = await pageText(page);
    expect(shown).not.toContain('تأخیر در پاسخ به استعلام بازار ترکیه');
    expect(shown).not.toContain('فرهاد کیانی');
    expect(shown).not.toContain(other.trackingCode);
    await screenshot(page, 'security-dossier-other-unit');
    // The same session, straight to the API: the same 404 as a complaint that does not exist.
    const api = await page.request.get(`/api/complaints/${other.complaintId}`);
    expect(api.status()).toBe(404);
    expect(await page.request.get('/api/complaints/2147483647').then((r) => r.status())).toBe(404);

    await page.goto(`/complaints/${own.complaintId}`);
    await page.getByText('تأخیر در ارجاع پرونده به مرکز داوری').first().waitFor();
    expect(await page.getByText(NOT_FOUND).count()).toBe(0);
  });

  it('R-X-03 an MCC expert opening a task assigned to another person sees only «not found», and the API from that session answers 404', async () => {
    const subject = 'اشتباه در مبلغ حق عضویت سالانه';
    const complaint = await fileComplaint(sut, {
      subject,
      description: 'مبلغ حق عضویت امسال دو برابر سال گذشته از ما گرفته شده است.',
      complainantName: 'بهروز مرادی',
      complainantEmail: 'moradi@example.ir',
    });
    const key = complaint.processInstanceKey;
    await completeAs(sut, 'mcc.manager', key, 'Task_ManagerReview', {
      severity: 'minor',
      concernedUnitId: await unitId('membership'),
      namedStaffIds: [],
      kind: 'complaint',
      reviewNote: 'مدارک کامل است.',
    });
    await completeAs(sut, 'sg', key, 'Task_AssignHandler', { handlerUsername: 'legal.manager' });
    const task = await openTask(key, 'Task_Investigate');
    expect(task.assignee).toBe('legal.manager');

    const page = await as('mcc.expert1');
    await page.goto(`/tasks/${task.userTaskKey}`);
    await expect(page.getByRole('alert').innerText()).resolves.toBe(NOT_FOUND);
    const shown = await pageText(page);
    expect(shown).not.toContain(subject);
    expect(shown).not.toContain('بهروز مرادی');
    expect(shown).not.toContain('بررسی و تهیه گزارش رسیدگی');
    await screenshot(page, 'security-task-of-another');
    const api = await page.request.get(`/api/tasks/${task.userTaskKey}`);
    expect(api.status()).toBe(404);
    expect(((await api.json()) as { code: string }).code).toBe('task-not-found');

    // The person it is assigned to opens it.
    const handler = await as('legal.manager');
    await handler.goto(`/tasks/${task.userTaskKey}`);
    await handler.getByRole('heading', { name: new RegExp(subject) }).waitFor();
  });

  it('R-X-03 a non-administrator opening the administration sees «no access» and no link to it', async () => {
    const page = await as('mcc.manager');
    const nav = page.getByRole('navigation', { name: 'بخش‌ها' });
    await nav.getByRole('link', { name: 'کارتابل' }).waitFor();
    expect(await nav.locator('a[href^="/admin"]').count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'کاربران و واحدها' }).count()).toBe(0);

    await page.goto('/admin');
    await expect(page.getByRole('alert').innerText()).resolves.toBe(FORBIDDEN);
    const shown = await pageText(page);
    expect(shown).not.toContain('mcc.expert1');
    expect(shown).not.toContain('legal.manager');
    await screenshot(page, 'security-admin-forbidden');
    expect((await page.request.get('/api/admin/staff')).status()).toBe(403);

    // An administrator does see it, in the navigation.
    const admin = await as('admin');
    await admin
      .getByRole('navigation', { name: 'بخش‌ها' })
      .getByRole('link', { name: 'کاربران و واحدها' })
      .waitFor();
  });

  it('a forged request (the session cookie without the CSRF header) cannot claim a task, and the task stays unclaimed', async () => {
    const complaint = await fileComplaint(sut, {
      subject: 'بی‌پاسخ ماندن درخواست گواهی عضویت',
      description: 'درخواست گواهی عضویت ما ده روز است بی‌پاسخ مانده است.',
      complainantName: 'ساره توکلی',
      complainantEmail: 'tavakoli@example.ir',
    });
    const task = await openTask(complaint.processInstanceKey, 'Task_ManagerReview');
    expect(task.assignee ?? null).toBeNull();

    const page = await as('mcc.manager');
    const cookies = await page.context().cookies();
    expect(cookies.some((c) => c.name === 'mcc_session')).toBe(true);

    const noHeader = await page.context().request.post(`/api/tasks/${task.userTaskKey}/claim`);
    expect(noHeader.status()).toBe(403);
    expect(((await noHeader.json()) as { code: string }).code).toBe('csrf-token-missing');
    const wrongHeader = await page.context().request.post(`/api/tasks/${task.userTaskKey}/claim`, {
      headers: { 'x-csrf-token': 'forged-token-from-another-site' },
    });
    expect(wrongHeader.status()).toBe(403);
    expect(((await wrongHeader.json()) as { code: string }).code).toBe('csrf-token-invalid');
    expect((await openTask(complaint.processInstanceKey, 'Task_ManagerReview')).assignee ?? null).toBeNull();

    // The page itself, which sends the header, claims it.
    await page.goto(`/tasks/${task.userTaskKey}`);
    await page.getByRole('button', { name: 'برداشتن کار' }).click();
    await page.getByRole('button', { name: 'ثبت و پایان کار' }).waitFor();
    expect((await openTask(complaint.processInstanceKey, 'Task_ManagerReview')).assignee).toBe('mcc.manager');
  });

  /** The public form, filled in as a member would on a phone. */
  async function fillForm(page: Page, subject: string): Promise<void> {
    await page.getByLabel('نام و نام خانوادگی').fill('کاوه صالحی');
    await page.getByLabel('شمارهٔ تلفن همراه').fill('۰۹۱۳۷۶۵۴۳۲۱');
    await page.getByLabel('رایانامه').fill('salehi@example.ir');
    await page.getByLabel('موضوع').fill(subject);
    await page.getByLabel('شرح درخواست').fill('درخواست صدور کارت بازرگانی ما بی‌پاسخ مانده است.');
  }

  async function expectFormKept(page: Page, subject: string): Promise<void> {
    expect(await page.getByLabel('نام و نام خانوادگی').inputValue()).toBe('کاوه صالحی');
    expect(await page.getByLabel('شمارهٔ تلفن همراه').inputValue()).toBe('۰۹۱۳۷۶۵۴۳۲۱');
    expect(await page.getByLabel('رایانامه').inputValue()).toBe('salehi@example.ir');
    expect(await page.getByLabel('موضوع').inputValue()).toBe(subject);
    expect(await page.getByLabel('شرح درخواست').inputValue()).toBe(
      'درخواست صدور کارت بازرگانی ما بی‌پاسخ مانده است.',
    );
  }

  it('R-CMP-02 R-CMP-03 the public form refuses a file over 5 MB and an executable named .pdf beside the attachments field, saves nothing, and keeps what was typed', async () => {
    const subject = 'صدور کارت بازرگانی با پیوست نادرست';
    const page = await (await system.context(PHONE_VIEWPORT)).newPage();
    await page.goto('/complaints/new');
    await fillForm(page, subject);
    const complaintsBefore = await count('complaints');
    const attachmentsBefore = await count('complaint_attachments');
    const attachmentsField = page.locator('.field', { has: page.locator('#f-attachments') });
    const submit = page.getByRole('button', { name: 'ثبت درخواست' });

    await page.getByLabel('پیوست‌ها').setInputFiles({
      name: 'اسکن-بزرگ.png',
      mimeType: 'image/png',
      buffer: PNG_6MB,
    });
    await submit.click();
    await expect(attachmentsField.getByRole('alert').innerText()).resolves.toBe(
      'حجم هر فایل حداکثر ۵ مگابایت مجاز است.',
    );
    await expectFormKept(page, subject);
    await screenshot(page, 'security-form-file-too-large');
    expect(await count('complaints')).toBe(complaintsBefore);

    await page.getByLabel('پیوست‌ها').setInputFiles({
      name: 'رسید.pdf',
      mimeType: 'application/pdf',
      buffer: EXE, // a Windows executable under a PDF's name and media type
    });
    // Choosing another file clears the old message.
    await attachmentsField.getByRole('alert').waitFor({ state: 'detached' });
    await submit.click();
    const typeError = await attachmentsField.getByRole('alert').innerText();
    expect(typeError).toContain('یک فایل اجرایی ویندوز');
    expect(typeError).toContain('پذیرفته نمی‌شود');
    await expectFormKept(page, subject);
    await screenshot(page, 'security-form-executable');
    expect(await count('complaints')).toBe(complaintsBefore);
    expect(await count('complaint_attachments')).toBe(attachmentsBefore);
    expect(await count('complaints', { subject })).toBe(0);
    expect(await fs.readdir(files, { recursive: true })).toEqual([]);

    // With a file it accepts, the same form goes through.
    await page
      .getByLabel('پیوست‌ها')
      .setInputFiles({ name: 'رسید.png', mimeType: 'image/png', buffer: png() });
    await submit.click();
    await page.getByRole('heading', { name: 'درخواست شما ثبت شد' }).waitFor();
    expect(await count('complaints', { subject })).toBe(1);
    await sut.settle();
  });

  it('R-CMP-02 the public form refuses a submission whose hidden honeypot field is filled, and saves nothing', async () => {
    const subject = 'درخواست ارسالی ربات';
    const page = await (await system.context(PHONE_VIEWPORT)).newPage();
    await page.goto('/complaints/new');
    await fillForm(page, subject);
    await page.evaluate("document.getElementById('f-website').value = 'https://spam.example'; undefined");
    const before = await count('complaints');
    await page.getByRole('button', { name: 'ثبت درخواست' }).click();
    await expect(page.locator('p.notice.error[role="alert"]').innerText()).resolves.toContain(
      'فرم پذیرفته نشد.',
    );
    expect(await page.getByRole('heading', { name: 'درخواست شما ثبت شد' }).count()).toBe(0);
    expect(await count('complaints')).toBe(before);
    expect(await count('complaints', { subject })).toBe(0);
  });

  it('R-CMP-02 the public form refuses a flood: past the limit of submissions per address the page says «too many requests» and nothing more is saved', async () => {
    const floodFiles = await fs.mkdtemp(path.join(os.tmpdir(), 'eccim-flood-'));
    const flood = await serveWeb(sut, {
      attachmentStore: new LocalFileStore(floodFiles),
      formTokenMinAgeMs: 0,
      publicSubmitRateLimit: { limit: 2, windowMs: 60_000 },
    });
    try {
      const subject = 'درخواست تکراری دربارهٔ کارت بازرگانی';
      const page = await (await system.context(PHONE_VIEWPORT, flood.url)).newPage();
      for (let i = 1; i <= 2; i++) {
        await page.goto('/complaints/new');
        await fillForm(page, subject);
        await page.getByRole('button', { name: 'ثبت درخواست' }).click();
        await page.getByRole('heading', { name: 'درخواست شما ثبت شد' }).waitFor();
        expect(await count('complaints', { subject })).toBe(i);
      }
      await page.goto('/complaints/new');
      await fillForm(page, subject);
      await page.getByRole('button', { name: 'ثبت درخواست' }).click();
      await expect(page.locator('p.notice.error[role="alert"]').innerText()).resolves.toBe(TOO_MANY);
      await expectFormKept(page, subject);
      await screenshot(page, 'security-form-flood');
      expect(await page.getByRole('heading', { name: 'درخواست شما ثبت شد' }).count()).toBe(0);
      expect(await count('complaints', { subject })).toBe(2);
      await sut.settle();
    } finally {
      await flood.close();
      await fs.rm(floodFiles, { recursive: true, force: true });
    }
  });
});
