import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { instanceState } from '../processes/support/case-driver.js';
import { png } from '../support/sample-files.js';
import type { SystemUnderTest } from '../processes/support/system-under-test.js';
import { instanceVariables } from '../web/support.js';
import {
  expectRightToLeft,
  fileComplaint,
  screenshot,
  startBrowserSystem,
  type BrowserSystem,
} from './support.js';

const SUBJECT = 'تأخیر در تمدید کارت بازرگانی';
const PHONE = '۰۹۱۳۱۲۳۴۵۶۷';

const toLatin = (text: string) => text.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));

/** Tomorrow in Tehran as a Jalali date typed the way people type it: ۱۴۰۵/۰۹/۰۵. */
function tomorrowJalali(): string {
  const parts = new Intl.DateTimeFormat('en-US-u-ca-persian', {
    timeZone: 'Asia/Tehran',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(Date.now() + 86_400_000));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}/${part('month')}/${part('day')}`.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
}

describe('a website complaint carried to its end in the browser', () => {
  let system: BrowserSystem;
  let sut: SystemUnderTest;
  let trackingCode: string;
  let processInstanceKey: string;

  beforeAll(async () => {
    system = await startBrowserSystem();
    sut = system.sut;
  });
  afterAll(() => system?.close());

  const as = (username: string) => system.as(username);

  /** Opens the inbox row of this complaint's task, claims it when open, and waits for its form. */
  async function openTask(page: Page, taskName: string): Promise<void> {
    await page.goto('/inbox');
    const row = page.locator('tr', { hasText: SUBJECT }).filter({ hasText: taskName });
    await row.waitFor();
    const claim = row.getByRole('button', { name: 'برداشتن' });
    if (await claim.isVisible()) {
      await claim.click();
      await row.getByText('در دست شما').waitFor();
    }
    await row.getByRole('link', { name: taskName }).click();
    await page.getByRole('button', { name: 'ثبت و پایان کار' }).waitFor();
  }

  async function finish(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'ثبت و پایان کار' }).click();
    await page.getByRole('heading', { name: 'کارتابل' }).waitFor();
    await sut.settle();
  }

  it('R-CMP-02 a member files a complaint on the public form on a phone and gets a tracking code', async () => {
    const context = await system.context({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto('/complaints/new');
    await page.getByLabel('نام و نام خانوادگی').fill('نرگس احمدی');
    await page.getByLabel('شمارهٔ تلفن همراه').fill(PHONE);
    await page.getByLabel('رایانامه').fill('ahmadi@example.ir');
    await page.getByLabel('موضوع').fill(SUBJECT);
    await page
      .getByLabel('شرح درخواست')
      .fill('درخواست تمدید کارت بازرگانی ما سه هفته است بی‌پاسخ مانده است.');
    await page.getByLabel('واحد مربوط (اگر می‌دانید)').selectOption({ label: 'امور عضویت و کارت بازرگانی' });
    await page
      .getByLabel('پیوست‌ها')
      .setInputFiles({ name: 'رسید.png', mimeType: 'image/png', buffer: png() });
    await screenshot(page, 'public-form-phone');
    await page.getByRole('button', { name: 'ثبت درخواست' }).click();
    await page.getByRole('heading', { name: 'درخواست شما ثبت شد' }).waitFor();
    trackingCode = toLatin(await page.locator('.tracking-code').innerText());
    expect(trackingCode).toMatch(/^C\d{4}-[A-Z0-9]+$/);

    const complaint = (await sut.db.app('complaints').where({ tracking_code: trackingCode }).first()) as {
      id: number;
      channel: string;
      process_instance_key: string;
    };
    expect(complaint.channel).toBe('website');
    processInstanceKey = String(complaint.process_instance_key);
    const attachments = await sut.db.app('complaint_attachments').where({ complaint_id: complaint.id });
    expect(attachments.map((a: { file_name: string }) => a.file_name)).toEqual(['رسید.png']);
    await sut.settle();
  });

  it('R-CMP-04 the MCC manager reviews it and classifies it as minor', async () => {
    const page = await as('mcc.manager');
    await openTask(page, 'بررسی و تکمیل توسط مدیر مرکز ارتباط با اعضا');
    await page.locator('[data-component="Field_severity"]').getByLabel(/^جزئی/).check();
    await finish(page);
  });

  let handler: string;
  it('R-CMP-05 the Secretary General assigns a handler', async () => {
    const options = (await instanceVariables(sut.client, processInstanceKey)).handlerOptions as {
      label: string;
      value: string;
    }[];
    const chosen = options[0]!;
    handler = chosen.value;
    const page = await as('sg');
    await openTask(page, await taskName('Task_AssignHandler'));
    await page.getByLabel('مسئول رسیدگی').selectOption({ label: chosen.label });
    await finish(page);
  });

  it('R-CMP-06 the handler signs in as themselves and reports the investigation', async () => {
    const page = await as(handler);
    await openTask(page, await taskName('Task_Investigate'));
    // The handler may open the case's dossier (they handle it), so the task page offers it.
    await expect(page.getByRole('link', { name: 'پروندهٔ کامل' }).isVisible()).resolves.toBe(true);
    await page.getByLabel('شرایط و زمینهٔ رخداد').fill('پرونده در انتظار استعلام از سازمان صمت مانده بود.');
    await page.getByLabel('علت‌های بروز مشکل').fill('پیگیری استعلام به کارشناس مشخصی سپرده نشده بود.');
    await page.getByLabel('پیامدهای احتمالی').fill('عضو نتوانست کالای خود را ترخیص کند.');
    await page.getByLabel('اقدامات انجام‌شده').fill('استعلام پاسخ گرفت و کارت تمدید شد.');
    await finish(page);
  });

  it('R-CMP-07 R-CMP-08 the Secretary General accepts it and sends it to the committee', async () => {
    const page = await as('sg');
    await openTask(page, await taskName('Task_SecretaryGeneralDecision'));
    await page.getByLabel('پذیرش شکایت').check();
    await page.getByLabel('طرح موضوع در کمیتهٔ بررسی شکایات اعضا').check();
    await page
      .getByLabel('دلایل و توضیحات تصمیم')
      .fill('تأخیر از سوی اتاق بوده است؛ کمیته راهکار پیشگیری را بررسی کند.');
    await finish(page);
  });

  it('R-CMP-09 the MCC manager arranges the committee meeting with a Jalali date', async () => {
    const page = await as('mcc.manager');
    await openTask(page, await taskName('Task_ArrangeCommittee'));
    await page.getByLabel('تاریخ جلسه').fill(tomorrowJalali());
    await page.getByLabel('ساعت آغاز').selectOption('10:00');
    await page.getByLabel('محل برگزاری').fill('تالار شورای اتاق');
    await page.getByLabel('دستور جلسه').fill('بررسی شکایت و راهکار پیشگیری از تکرار');
    await finish(page);
    const committeeAt = (await instanceVariables(sut.client, processInstanceKey)).committeeAt as string;
    expect(committeeAt).toMatch(/T10:00(:00)?\+03:30$/);
  });

  it('R-CMP-10 the committee’s decision is recorded by its secretary, the MCC manager', async () => {
    const page = await as('mcc.manager');
    await openTask(page, await taskName('Task_CommitteeDecision'));
    await page.getByLabel('سازش').check();
    await page
      .getByLabel('خلاصهٔ مذاکرات و دلایل رأی')
      .fill('با عذرخواهی از عضو و پیگیری ویژه، موضوع به سازش رسید.');
    await page.getByRole('button', { name: 'حذف این ردیف' }).click();
    await finish(page);
  });

  let feedbackLink: string;
  it('R-CMP-12 the MCC manager communicates the result, and the member receives it with a satisfaction link', async () => {
    const page = await as('mcc.manager');
    await openTask(page, await taskName('Task_CommunicateResult'));
    await page.locator('[data-component="Field_finalResult"]').getByLabel('سازش').check();
    await page
      .getByLabel('متن پیام به درخواست‌کننده')
      .fill('درخواست شما بررسی شد و کارت بازرگانی شما تمدید شده است.');
    await finish(page);
    await sut.deliverMail();
    const mail = await sut.smtp.waitFor(
      (m) => m.to.includes('ahmadi@example.ir') && /\/feedback\//.test(m.text),
    );
    feedbackLink = /\/feedback\/\S+/.exec(mail.text)![0];
  });

  it('while mail is caught locally, the administrator reads the result e-mail in the app', async () => {
    const page = await as('admin');
    await page.getByRole('link', { name: 'رایانامه‌های آزمایشی' }).click();
    // Subjects show the tracking code in Persian digits, as the member reads it.
    const subject = `نتیجهٔ رسیدگی به شکایت شما — کد رهگیری ${trackingCode.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!)}`;
    await page.locator('tr', { hasText: 'ahmadi@example.ir' }).getByRole('button', { name: subject }).click();
    const body = page.getByRole('region', { name: 'متن رایانامه' });
    await body.getByRole('heading', { name: subject }).waitFor();
    await expect(body.innerText()).resolves.toContain(feedbackLink);
  });

  it('R-ISO-05 the member answers the satisfaction link once, and the case closes', async () => {
    const context = await system.context({ width: 390, height: 844 });
    const page = await context.newPage();
    await page.goto(feedbackLink);
    await page.getByLabel(/^بسیار راضی/).check();
    await page.getByRole('button', { name: 'ثبت نظر' }).click();
    await page.getByText('سپاس از شما').waitFor();
    await sut.settle();
    expect(await instanceState(sut, processInstanceKey)).toBe('COMPLETED');
    const complaint = await sut.db.app('complaints').where({ tracking_code: trackingCode }).first('status');
    expect(complaint.status).toBe('closed');

    await page.goto('/complaints/status');
    await page.getByLabel('کد رهگیری').fill(trackingCode);
    await page.getByLabel('شمارهٔ تلفن').fill(PHONE);
    await page.getByRole('button', { name: 'نمایش وضعیت' }).click();
    await expect(page.getByRole('region', { name: 'وضعیت درخواست' }).innerText()).resolves.toContain(
      'بسته شدن پرونده',
    );
  });

  it('R-CMP-14 an auditor finds the case in the register and follows it in the dossier: every stage, the attachment, the audit events and the path on the diagram', async () => {
    const page = await as('auditor');
    await page.getByRole('link', { name: 'پرونده‌های شکایت' }).click();
    await page.getByLabel('جست‌وجو').fill(trackingCode);
    await page.getByLabel('جست‌وجو').press('Enter');
    await page.locator('table.list tbody tr').filter({ hasText: SUBJECT }).getByRole('link').click();

    await page.getByRole('heading', { name: SUBJECT }).waitFor();
    const history = await page.getByRole('region', { name: 'سابقهٔ رسیدگی' }).innerText();
    for (const stage of ['ثبت شد', 'بررسی', 'کمیته', 'بسته']) expect(history).toContain(stage);
    await expect(page.getByRole('link', { name: 'رسید.png' }).isVisible()).resolves.toBe(true);
    // The unit the member named survives the manager's review, which started from it.
    await expect(page.getByRole('region', { name: 'مشخصات' }).innerText()).resolves.toContain(
      'امور عضویت و کارت بازرگانی',
    );
    await expect(page.getByRole('region', { name: 'رویدادهای ممیزی' }).innerText()).resolves.toContain(
      'user-task.completed',
    );
    const diagram = page.locator('.diagram');
    await diagram.locator('.djs-element.visited').first().waitFor();
    for (const id of ['Task_ManagerReview', 'Task_CommitteeDecision', 'End_Closed'])
      await expect(diagram.locator(`[data-element-id="${id}"]`).getAttribute('class')).resolves.toContain(
        'visited',
      );
    await expect(
      diagram.locator('[data-element-id="Task_RootCauseAnalysis"]').getAttribute('class'),
    ).resolves.not.toContain('visited');
    await screenshot(page, 'dossier');
    await expectRightToLeft(page);
  });

  it('R-CMP-14 while a case is open, its dossier marks the current step on the diagram', async () => {
    const open = await fileComplaint(sut, {
      subject: 'کندی پاسخ‌گویی واحد صدور گواهی',
      description: 'برای گواهی مبدأ سه بار مراجعه کردیم.',
      complainantName: 'بهرام نیکو',
      complainantEmail: 'nikoo@example.ir',
    });
    const page = await as('mcc.manager');
    await page.goto(`/complaints/${open.complaintId}`);
    const current = page.locator('.diagram [data-element-id="Task_ManagerReview"]');
    await current.waitFor();
    await expect(current.getAttribute('class')).resolves.toContain('current');
    await expect(page.getByRole('region', { name: 'مسیر فرایند' }).innerText()).resolves.toContain(
      'گام کنونی',
    );
  });

  /** The task's name as the diagram gives it, read from the open task of that element. */
  async function taskName(elementId: string): Promise<string> {
    const { items } = (await sut.client.searchUserTasks(
      {
        filter: { processInstanceKey, elementId, state: 'CREATED' },
      } as never,
      { consistency: { waitUpToMs: 0 } } as never,
    )) as unknown as { items: { name: string }[] };
    if (!items[0]) throw new Error(`no open ${elementId}`);
    return items[0].name;
  }
});
