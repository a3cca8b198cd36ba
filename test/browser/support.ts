import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { pino } from 'pino';
import { createEngineClient } from '../../src/camunda/client.js';
import { DEMO_PASSWORD } from '../../src/db/seeds/demo-organisation.js';
import { LocalFileStore } from '../../src/domain/complaints/file-store.js';
import { registerComplaint } from '../../src/domain/complaints/register-complaint.js';
import { createWebApp, type WebAppOptions } from '../../src/web/app.js';
import { listenWeb, type RunningWeb } from '../../src/web/server.js';
import { startSystem, type SystemUnderTest } from '../processes/support/system-under-test.js';

/** Debian's Chromium; `npm test` installs it when missing (scripts/ensure-chromium.js) and never skips. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium on a closed network: no sign-in, sync, update or other calls out. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** The web app on a free port, on the system's database and engine (a non-strict client, as `npm start` uses). */
export async function serveWeb(
  sut: SystemUnderTest,
  options: Partial<WebAppOptions> = {},
): Promise<RunningWeb> {
  const client = createEngineClient({ restAddress: sut.restAddress, auth: { strategy: 'NONE' } });
  return listenWeb(
    createWebApp({
      db: sut.db.app,
      client,
      log: pino({ level: process.env.TEST_WEB_LOG ?? 'silent' }),
      secureCookies: false,
      publicRateLimit: { limit: 1000, windowMs: 60_000 },
      ...options,
    }),
    0,
  );
}

/** A fresh browser context (its own cookies) in Persian, on a laptop-sized screen. */
export function newContext(
  browser: Browser,
  baseURL: string,
  viewport = { width: 1366, height: 900 },
): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: 'fa-IR', timezoneId: 'Asia/Tehran', viewport });
}

/** Signs in through the sign-in page and waits for the inbox. */
export async function signInAs(context: BrowserContext, username: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('نام کاربری').fill(username);
  await page.getByLabel('گذرواژه').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'ورود' }).click();
  await page.getByRole('heading', { name: 'کارتابل' }).waitFor();
  return page;
}

/** Keeps a screenshot under the system temp folder and gives its path (for reading on failure). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(os.tmpdir(), 'eccim-screenshots');
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A complaint registered as staff would, its process started and run up to the first user task. */
export async function fileComplaint(
  sut: SystemUnderTest,
  input: { subject: string; description: string; complainantName: string; complainantEmail: string },
): Promise<{ complaintId: number; trackingCode: string; processInstanceKey: string }> {
  const registered = await sut.db.app.transaction((trx) =>
    registerComplaint(trx, { channel: 'website', ...input }, 'system:test'),
  );
  const { processInstanceKey } = await sut.client.createProcessInstance({
    processDefinitionId: 'complaint-handling',
    variables: { complaintId: registered.id },
  } as never);
  await sut.settle();
  return {
    complaintId: registered.id,
    trackingCode: registered.trackingCode,
    processInstanceKey: processInstanceKey as string,
  };
}

/**
 * Checks a page's layout reads right to left, as on the screenshot: the document is RTL, the page
 * heading starts at the right edge, and a table's first column is its right-most.
 */
export async function expectRightToLeft(page: Page): Promise<void> {
  const width = page.viewportSize()!.width;
  const direction = await page.evaluate(
    '[document.documentElement.dir, getComputedStyle(document.body).direction]',
  );
  if (JSON.stringify(direction) !== '["rtl","rtl"]')
    throw new Error(`the page is not RTL: ${JSON.stringify(direction)}`);
  const heading = (await page.locator('main h1').first().boundingBox())!;
  if (heading.x + heading.width < width * 0.75)
    throw new Error(
      `the heading is not at the right edge: it ends at ${heading.x + heading.width} of ${width}`,
    );
  const headers = page.locator('main table.list thead th');
  if ((await headers.count()) > 1) {
    const first = (await headers.first().boundingBox())!;
    const last = (await headers.last().boundingBox())!;
    if (!(first.x > last.x))
      throw new Error('the table runs left to right: its first column is not the right-most');
  }
}

type Viewport = { readonly width: number; readonly height: number };

/** The whole system, the web app on it and a browser: what every browser test starts from. */
export interface BrowserSystem {
  readonly sut: SystemUnderTest;
  readonly web: RunningWeb;
  readonly browser: Browser;
  /** Where the web app keeps complaint attachments. */
  readonly files: string;
  /** A fresh browser context (its own cookies) on the web app, or on `baseURL`; closed with the system. */
  context(viewport?: Viewport, baseURL?: string): Promise<BrowserContext>;
  /** Signs in as `username` in a fresh context and gives back the page, on the inbox. */
  as(username: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts the system (startSystem, the clock at now), a browser, and the web app on them with a
 * file store for attachments, the caught-mail pages, and forms that may be sent at once; `options`
 * change any of those.
 */
export async function startBrowserSystem(options: Partial<WebAppOptions> = {}): Promise<BrowserSystem> {
  const files = await fs.mkdtemp(path.join(os.tmpdir(), 'eccim-browser-'));
  const [sut, browser] = await Promise.all([startSystem(new Date()), launchBrowser()]);
  const web = await serveWeb(sut, {
    attachmentStore: new LocalFileStore(files),
    formTokenMinAgeMs: 0,
    caughtMailDir: sut.mailDir,
    ...options,
  });
  const contexts: BrowserContext[] = [];
  const context = async (viewport?: Viewport, baseURL = web.url) => {
    const c = await newContext(browser, baseURL, viewport);
    contexts.push(c);
    return c;
  };
  return {
    sut,
    web,
    browser,
    files,
    context,
    as: async (username) => signInAs(await context(), username),
    async close() {
      for (const c of contexts) await c.close();
      await browser.close();
      await web.close();
      await sut.close();
      await fs.rm(files, { recursive: true, force: true });
    },
  };
}
