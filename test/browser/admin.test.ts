import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startBrowserSystem, type BrowserSystem } from './support.js';

describe('administration in the browser', () => {
  let system: BrowserSystem;

  beforeAll(async () => {
    system = await startBrowserSystem();
  });
  afterAll(() => system?.close());

  it('the administrator adds a staff member with a role; the field errors of a refused save show beside the fields; the new member signs in and sees the role’s work', async () => {
    const page = await system.as('admin');
    await page.getByRole('link', { name: 'کاربران و واحدها' }).click();
    await page.getByRole('button', { name: 'افزودن کاربر' }).click();
    const form = page.getByRole('form', { name: 'کاربر تازه' });
    await form.getByLabel('نام کاربری').fill('mcc.expert4');
    await form.getByLabel('نام و نام خانوادگی').fill('سارا کاظمی');
    await form.getByLabel('گذرواژه (دست‌کم ۱۲ نویسه)').fill('short');
    await form.getByLabel('کارشناس ارتباط با اعضا').check();
    await form.getByRole('button', { name: 'ذخیره' }).click();
    await expect(form.locator('.field.invalid').getByRole('alert').first().innerText()).resolves.toMatch(
      /۱۲/,
    );

    await form.getByLabel('گذرواژه (دست‌کم ۱۲ نویسه)').fill('a-long-enough-passphrase');
    await form.getByRole('button', { name: 'ذخیره' }).click();
    await page.getByText('کاربر سارا کاظمی ساخته شد.').waitFor();
    const row = page.locator('table[aria-label="کارکنان"] tr', { hasText: 'mcc.expert4' });
    await expect(row.innerText()).resolves.toContain('کارشناس ارتباط با اعضا');

    const expert = await (await system.context()).newPage();
    await expert.goto('/signin');
    await expert.getByLabel('نام کاربری').fill('mcc.expert4');
    await expert.getByLabel('گذرواژه').fill('a-long-enough-passphrase');
    await expert.getByRole('button', { name: 'ورود' }).click();
    await expert.getByRole('heading', { name: 'کارتابل' }).waitFor();
    await expect(expert.locator('header').innerText()).resolves.toContain('کارشناس ارتباط با اعضا');
  });
});
