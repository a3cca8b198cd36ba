import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerComplaint } from '../../src/domain/complaints/register-complaint.js';
import type { SystemUnderTest } from '../processes/support/system-under-test.js';
import {
  expectRightToLeft,
  fileComplaint,
  screenshot,
  startBrowserSystem,
  type BrowserSystem,
} from './support.js';

describe('staff inbox in the browser', () => {
  let system: BrowserSystem;
  let sut: SystemUnderTest;

  beforeAll(async () => {
    system = await startBrowserSystem();
    sut = system.sut;
    for (const [name, subject] of [
      ['مریم صادقی', 'تأخیر در صدور گواهی مبدأ'],
      ['حسن رضایی', 'پاسخ‌ندادن به تماس‌های تلفنی'],
    ] as const)
      await fileComplaint(sut, {
        subject,
        description: 'درخواست ما بیش از دو هفته بی‌پاسخ مانده است.',
        complainantName: name,
        complainantEmail: 'member@example.ir',
      });
  });
  afterAll(() => system?.close());

  it('the MCC manager signs in and sees the review tasks of new complaints with Jalali dates in Persian digits', async () => {
    const page = await system.as('mcc.manager');
    const rows = page.locator('table.list tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    const created = await rows.first().locator('td').nth(2).innerText();
    expect(created).toMatch(/^[۰-۹]{1,2} [آ-ی]+ ۱۴۰[۵-۶]$/);
    await screenshot(page, 'inbox');
    await expectRightToLeft(page);
  });

  it('R-CMP-04 the manager claims a review, sees the form’s own errors beside the fields, and completes it through the REST API', async () => {
    const page = await system.as('mcc.manager');
    const row = page.locator('tr', { hasText: 'تأخیر در صدور گواهی مبدأ' });
    await row.getByRole('button', { name: 'برداشتن' }).click();
    await row.getByText('در دست شما').waitFor();
    await row.getByRole('link').click();

    await page.getByRole('heading', { name: /تأخیر در صدور گواهی مبدأ/ }).waitFor();
    await page.getByRole('button', { name: 'ثبت و پایان کار' }).click();
    const severity = page.locator('[data-component="Field_severity"]');
    await expect(severity.getByRole('alert').innerText()).resolves.toBe('این فیلد الزامی است');

    await severity.getByLabel('جزئی').check();
    await page.getByLabel('واحد مربوط').selectOption({ label: 'امور عضویت و کارت بازرگانی' });
    await screenshot(page, 'task-review');
    await page.getByRole('button', { name: 'ثبت و پایان کار' }).click();
    await page.getByRole('heading', { name: 'کارتابل' }).waitFor();
    await sut.settle();

    const stages = (await sut.db
      .app('complaint_stages as s')
      .join('complaints as c', 'c.id', 's.complaint_id')
      .where('c.subject', 'تأخیر در صدور گواهی مبدأ')
      .pluck('s.stage')) as string[];
    expect(stages).toContain('reviewed');
    const complaint = await sut.db
      .app('complaints')
      .where({ subject: 'تأخیر در صدور گواهی مبدأ' })
      .first('severity');
    expect(complaint.severity).toBe('minor');
  });

  it('R-ISO-04 the page a corrective action’s e-mails link to shows the action, its progress and its complaint', async () => {
    const staffId = async (username: string) =>
      ((await sut.db.owner('staff').where({ username }).first('id')) as { id: number }).id;
    const complaint = (await sut.db
      .owner('complaints')
      .where({ subject: 'پاسخ‌ندادن به تماس‌های تلفنی' })
      .first('id')) as {
      id: number;
    };
    const [action] = (await sut.db
      .owner('corrective_actions')
      .insert({
        source_type: 'complaint',
        complaint_id: complaint.id,
        description_fa: 'پاسخ‌گویی تلفنی در دو نوبت',
        owner_staff_id: await staffId('mcc.expert2'),
        due_on: '2026-12-30',
        success_indicator_fa: 'هیچ تماسی بی‌پاسخ نماند',
        progress_pct: 30,
      })
      .returning('id')) as { id: number }[];
    const page = await system.as('mcc.expert2');
    await page.goto(`/corrective-actions/${action!.id}`);
    const region = page.getByRole('region', { name: 'اقدام' });
    await region.getByText('پاسخ‌گویی تلفنی در دو نوبت').waitFor();
    await expect(region.innerText()).resolves.toContain('۳۰٪');
    await region.getByRole('link', { name: /پاسخ‌ندادن به تماس‌های تلفنی/ }).click();
    await page.getByRole('heading', { name: 'پاسخ‌ندادن به تماس‌های تلفنی' }).waitFor();
  });

  it('R-CMP-02 a complaint whose process never started (engine down when it was filed) is started by the MCC manager from its dossier', async () => {
    const { id } = await sut.db.app.transaction((trx) =>
      registerComplaint(
        trx,
        {
          channel: 'website',
          complainantName: 'کیوان صدری',
          complainantEmail: 'sadri@example.ir',
          subject: 'پرونده‌ای که فرایندش آغاز نشد',
          description: 'هنگام ثبت، موتور فرایند در دسترس نبود.',
        },
        'public',
      ),
    );
    const page = await system.as('mcc.manager');
    await page.goto(`/complaints/${id}`);
    await page.getByRole('button', { name: 'آغاز فرایند رسیدگی' }).click();
    await page.locator('.diagram [data-element-id="Task_Register"]').waitFor();
    await sut.settle();
    await page.reload();
    const review = page.locator('.diagram [data-element-id="Task_ManagerReview"]');
    await review.waitFor();
    await expect(review.getAttribute('class')).resolves.toContain('current');
  });
});
