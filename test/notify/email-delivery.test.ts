import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  NotificationDispatcher,
  OUTBOX_TABLE,
  createMailTransport,
  enqueueEmail,
  runNotifications,
  startSmtpCatcher,
  type DispatcherOptions,
  type EmailTransport,
  type OutboxRow,
  type SmtpCatcher,
} from '../../src/notify/index.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import {
  ACK_DATA,
  HOUR,
  INVITATION_DATA,
  MINUTE,
  MovableClock,
  RESULT_DATA,
  SECOND,
  parseICalendar,
  silentLogger,
} from './support.js';

const FROM = '"مرکز ارتباط با اعضا" <no-reply@eccim.ir>';

let db: TestDatabase;
let catcher: SmtpCatcher | undefined;
const transports: EmailTransport[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());
beforeEach(async () => {
  await db.owner(OUTBOX_TABLE).delete();
});
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  await catcher?.close();
  catcher = undefined;
});

function transportTo(url: string): EmailTransport {
  const t = createMailTransport({
    smtpUrl: url,
    from: FROM,
    connectionTimeoutMs: 2_000,
    greetingTimeoutMs: 2_000,
  });
  transports.push(t);
  return t;
}

function dispatcher(email: EmailTransport, options: Partial<DispatcherOptions> = {}) {
  return new NotificationDispatcher({ db: db.app, logger: silentLogger, email, random: () => 0, ...options });
}

async function enqueueAck(n = 1, dedupe = 'ack') {
  await db.app.transaction(async (trx) => {
    for (let i = 1; i <= n; i++) {
      await enqueueEmail(trx, {
        to: `member${i}@example.ir`,
        template: 'complaint-acknowledgement',
        data: ACK_DATA,
        dedupeKey: `${dedupe}:${i}`,
      });
    }
  });
}

const outbox = () => db.app<OutboxRow>(OUTBOX_TABLE).orderBy('id') as Promise<OutboxRow[]>;

describe('e-mail delivery through the outbox, over real SMTP', () => {
  it('R-ISO-01 the acknowledgement mail reaches the complainant with the tracking code in Persian', async () => {
    catcher = await startSmtpCatcher();
    await db.app.transaction((trx) =>
      enqueueEmail(trx, {
        to: 'ali.rezaei@example.ir',
        template: 'complaint-acknowledgement',
        data: ACK_DATA,
        dedupeKey: 'complaint:7:ack',
      }),
    );
    const summary = await dispatcher(transportTo(catcher.url)).runOnce();
    expect(summary).toEqual({ attempted: 1, sent: 1, retrying: 0, failed: 0 });

    const [mail, ...others] = catcher.list();
    expect(others).toHaveLength(0);
    expect(mail?.envelope.to).toEqual(['ali.rezaei@example.ir']);
    expect(mail?.to).toEqual(['ali.rezaei@example.ir']);
    expect(mail?.from).toBe('no-reply@eccim.ir');
    expect(mail?.subject).toBe('ثبت شکایت شما — کد رهگیری C۱۴۰۴-۰۰۰۱۲۳');
    expect(mail?.html).toMatch(/<html dir="rtl" lang="fa">/);
    expect(mail?.html).toContain('C۱۴۰۴-۰۰۰۱۲۳');
    expect(mail?.text).toContain('شکایت شما با کد رهگیری C۱۴۰۴-۰۰۰۱۲۳ در تاریخ ۱۱ خرداد ۱۴۰۴');
    expect(mail?.text).toContain('با سلام و احترام');
    expect(mail?.messageId).toMatch(/^<mcc\.outbox\.\d+\.[0-9a-f]{16}@eccim\.ir>$/);
    expect(mail?.headers.get('x-mcc-outbox-id')).toBe(String((await outbox())[0]?.id));

    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(row?.sent_at).toBeInstanceOf(Date);
    // Nothing more to do: a second run sends nothing.
    expect(await dispatcher(transportTo(catcher.url)).runOnce()).toMatchObject({ attempted: 0 });
    expect(catcher.list()).toHaveLength(1);
  });

  it('R-CMP-08 the committee invitation arrives with an .ics that parses and starts at the right UTC instant', async () => {
    catcher = await startSmtpCatcher();
    await db.app.transaction((trx) =>
      enqueueEmail(trx, {
        to: 'maryam.ahmadi@example.ir',
        template: 'committee-invitation',
        data: INVITATION_DATA,
        dedupeKey: 'meeting:42:invite:maryam',
      }),
    );
    await dispatcher(transportTo(catcher.url)).runOnce();
    const mail = await catcher.waitFor((m) => m.to.includes('maryam.ahmadi@example.ir'));
    expect(mail.subject).toBe('دعوت به جلسهٔ کمیتهٔ بررسی شکایات اعضا — دوشنبه ۱۲ خرداد ۱۴۰۴، ساعت ۱۰:۰۰');
    expect(mail.text).toContain('ساعت: ۱۰:۰۰ تا ۱۲:۰۰');
    expect(mail.attachments).toHaveLength(1);
    const ics = mail.attachments[0];
    expect(ics?.filename).toBe('invite.ics');
    expect(ics?.contentType).toBe('text/calendar');
    const { props } = parseICalendar(ics?.content.toString('utf8') ?? '');
    expect(props.get('DTSTART')).toEqual(['DTSTART:20250602T063000Z']);
    expect(props.get('DTEND')).toEqual(['DTEND:20250602T083000Z']);
    expect(props.get('UID')).toEqual(['UID:committee-meeting-42@eccim.ir']);
    expect(props.get('DTSTAMP')?.[0]).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    expect(props.get('ORGANIZER')?.[0]).toMatch(/:mailto:crm@eccim\.ir$/);
    expect(props.get('ATTENDEE')?.[0]).toMatch(
      /^ATTENDEE;CN="مریم احمدی";.*:mailto:maryam\.ahmadi@example\.ir$/,
    );
  });

  it('R-CMP-12 the result reaches the member with the outcome and the survey link (R-ISO-05)', async () => {
    catcher = await startSmtpCatcher();
    await db.app.transaction((trx) =>
      enqueueEmail(trx, {
        to: 'ali.rezaei@example.ir',
        template: 'complaint-result',
        data: RESULT_DATA,
        dedupeKey: 'complaint:7:result',
      }),
    );
    await dispatcher(transportTo(catcher.url)).runOnce();
    const mail = await catcher.waitFor(() => true);
    expect(mail.subject).toBe('نتیجهٔ رسیدگی به شکایت شما — کد رهگیری C۱۴۰۴-۰۰۰۱۲۳');
    expect(mail.text).toContain('نتیجهٔ نهایی: پذیرش شکایت');
    expect(mail.text).toContain(RESULT_DATA.surveyUrl);
    expect(mail.html).toContain(`href="${RESULT_DATA.surveyUrl}"`);
  });

  it('the same dedupe key enqueued twice gives one mail', async () => {
    catcher = await startSmtpCatcher();
    await enqueueAck(1, 'same');
    await enqueueAck(1, 'same');
    await dispatcher(transportTo(catcher.url)).runOnce();
    expect(catcher.list()).toHaveLength(1);
  });

  it('a rolled-back business transaction sends no mail', async () => {
    catcher = await startSmtpCatcher();
    await expect(
      db.app.transaction(async (trx) => {
        await enqueueEmail(trx, {
          to: 'a@example.ir',
          template: 'complaint-acknowledgement',
          data: ACK_DATA,
          dedupeKey: 'rb',
        });
        throw new Error('complaint could not be saved');
      }),
    ).rejects.toThrow();
    expect(await dispatcher(transportTo(catcher.url)).runOnce()).toMatchObject({ attempted: 0 });
    expect(catcher.list()).toHaveLength(0);
  });

  it('SMTP down: retried with exponential back-off, then sent once when the server is back', async () => {
    // A port where nothing listens: connection refused.
    const gone = await startSmtpCatcher();
    const port = gone.port;
    await gone.close();
    const clock = new MovableClock();
    const d = dispatcher(transportTo(`smtp://127.0.0.1:${port}`), { clock });
    await enqueueAck(1, 'down');

    expect(await d.runOnce()).toEqual({ attempted: 1, sent: 0, retrying: 1, failed: 0 });
    let [row] = await outbox();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row?.last_error).toMatch(/ECONNREFUSED/);
    // First retry 30 s later (random() = 0: no jitter taken off).
    expect(row!.next_attempt_at.getTime() - clock.now().getTime()).toBeGreaterThan(29 * SECOND);
    expect(row!.next_attempt_at.getTime() - clock.now().getTime()).toBeLessThanOrEqual(30 * SECOND);

    // Not due yet: nothing happens.
    clock.advance(20 * SECOND);
    expect(await d.runOnce()).toMatchObject({ attempted: 0 });

    clock.advance(10 * SECOND);
    expect(await d.runOnce()).toMatchObject({ attempted: 1, retrying: 1 });
    [row] = await outbox();
    expect(row?.attempts).toBe(2);
    // Second retry after 60 s.
    const wait = row!.next_attempt_at.getTime() - clock.now().getTime();
    expect(wait).toBeGreaterThan(59 * SECOND);
    expect(wait).toBeLessThanOrEqual(60 * SECOND);

    catcher = await startSmtpCatcher({ port });
    clock.advance(30 * SECOND);
    expect(await d.runOnce()).toMatchObject({ attempted: 0 });
    clock.advance(30 * SECOND);
    expect(await d.runOnce()).toEqual({ attempted: 1, sent: 1, retrying: 0, failed: 0 });
    clock.advance(HOUR);
    expect(await d.runOnce()).toMatchObject({ attempted: 0 });

    expect(catcher.list()).toHaveLength(1);
    [row] = await outbox();
    expect(row).toMatchObject({ status: 'sent', attempts: 3 });
    expect(row?.sent_at).toBeInstanceOf(Date);
  });

  it('out of attempts: failed, with the last error kept', async () => {
    const gone = await startSmtpCatcher();
    const port = gone.port;
    await gone.close();
    const clock = new MovableClock();
    const d = dispatcher(transportTo(`smtp://127.0.0.1:${port}`), { clock, maxAttempts: 3 });
    await enqueueAck(1, 'doomed');
    const outcomes = [];
    for (let i = 0; i < 5; i++) {
      outcomes.push(await d.runOnce());
      clock.advance(HOUR);
    }
    expect(outcomes.map((o) => [o.attempted, o.retrying, o.failed])).toEqual([
      [1, 1, 0],
      [1, 1, 0],
      [1, 0, 1],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'failed', attempts: 3, sent_at: null });
    expect(row?.last_error).toMatch(/^SMTP failed: .*ECONNREFUSED/);
  });

  it('the back-off doubles up to the one-hour cap', async () => {
    const gone = await startSmtpCatcher();
    const port = gone.port;
    await gone.close();
    const clock = new MovableClock();
    const d = dispatcher(transportTo(`smtp://127.0.0.1:${port}`), { clock, maxAttempts: 20 });
    await enqueueAck(1, 'cap');
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      await d.runOnce();
      const [row] = await outbox();
      const wait = row!.next_attempt_at.getTime() - clock.now().getTime();
      waits.push(Math.round(wait / SECOND));
      clock.advance(wait);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it('a recipient the server refuses (550) fails at once, without retries', async () => {
    catcher = await startSmtpCatcher({ rejectRecipient: (a) => a.startsWith('nobody@') });
    await db.app.transaction((trx) =>
      enqueueEmail(trx, {
        to: 'nobody@example.ir',
        template: 'complaint-acknowledgement',
        data: ACK_DATA,
        dedupeKey: 'nobody',
      }),
    );
    expect(await dispatcher(transportTo(catcher.url)).runOnce()).toEqual({
      attempted: 1,
      sent: 0,
      retrying: 0,
      failed: 1,
    });
    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row?.last_error).toMatch(/SMTP refused: .*550/);
  });

  it('two dispatchers running at once never send the same message twice', async () => {
    catcher = await startSmtpCatcher();
    await enqueueAck(40, 'parallel');
    const slow = (t: EmailTransport): EmailTransport => ({
      send: async (mail, o) => {
        await new Promise((r) => setTimeout(r, 10));
        return t.send(mail, o);
      },
      close: () => t.close(),
    });
    const a = dispatcher(slow(transportTo(catcher.url)), { batchSize: 4 });
    const b = dispatcher(slow(transportTo(catcher.url)), { batchSize: 4 });
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(ra.sent + rb.sent).toBe(40);
    expect(ra.attempted).toBeGreaterThan(0);
    expect(rb.attempted).toBeGreaterThan(0);

    const mails = catcher.list();
    expect(mails).toHaveLength(40);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(40);
    expect(new Set(mails.flatMap((m) => m.envelope.to)).size).toBe(40);
    const rows = await outbox();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.sent_at !== null)).toBe(true);
  });

  it('a dispatcher that died mid-send: the message goes out again after the lease, with the same Message-ID', async () => {
    catcher = await startSmtpCatcher();
    const clock = new MovableClock();
    await enqueueAck(1, 'crash');
    // Dispatcher A claimed the row (a 2-minute lease), handed the mail to SMTP, and died before
    // recording it: the claim as the dispatcher makes it, then the send.
    await db
      .app(OUTBOX_TABLE)
      .update({ attempts: 1, next_attempt_at: new Date(clock.now().getTime() + 2 * MINUTE) });
    const [claimed] = await outbox();
    await transportTo(catcher.url).send({
      outboxId: claimed!.id,
      dedupeKey: claimed!.dedupe_key,
      to: claimed!.recipient,
      subject: claimed!.subject!,
      text: claimed!.body_text,
      html: claimed!.body_html,
      attachments: claimed!.attachments,
    });

    const b = dispatcher(transportTo(catcher.url), { clock });
    expect(await b.runOnce()).toMatchObject({ attempted: 0 }); // A's lease still holds
    clock.advance(2 * MINUTE + SECOND);
    expect(await b.runOnce()).toMatchObject({ attempted: 1, sent: 1 });

    const mails = catcher.list();
    expect(mails).toHaveLength(2); // at-least-once: stated, not hidden
    expect(mails[0]?.messageId).toBe(mails[1]?.messageId);
    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('start() keeps sending as messages arrive; stop() waits for the run in progress', async () => {
    catcher = await startSmtpCatcher();
    const d = dispatcher(transportTo(catcher.url));
    d.start(50);
    await enqueueAck(3, 'loop');
    await catcher.waitFor(() => catcher!.list().length === 3, 5_000);
    await d.stop();
    await enqueueAck(1, 'after-stop');
    await new Promise((r) => setTimeout(r, 200));
    expect(catcher.list()).toHaveLength(3);
  });

  it('authenticates when SMTP_URL carries a user and password', async () => {
    catcher = await startSmtpCatcher();
    await enqueueAck(1, 'auth');
    await dispatcher(
      transportTo(catcher.url.replace('smtp://', 'smtp://mcc%40eccim.ir:s3cret%2F@')),
    ).runOnce();
    const mail = await catcher.waitFor(() => true);
    expect(mail.authUser).toBe('mcc@eccim.ir');
  });

  it('without SMTP_URL, runNotifications catches the mail in-process (what npm start does)', async () => {
    const running = await runNotifications({
      db: db.app,
      logger: silentLogger,
      config: { smtpUrl: undefined, mailFrom: FROM, sms: { provider: 'log' }, pollIntervalMs: 50 },
    });
    try {
      expect(running.catcher?.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
      expect(running.smtpUrl).toBe(running.catcher?.url);
      await enqueueAck(1, 'npm-start');
      const mail = await running.catcher!.waitFor((m) => m.to.includes('member1@example.ir'), 5_000);
      expect(mail.subject).toContain('کد رهگیری');
    } finally {
      await running.stop();
    }
  });
});
