import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  DeliveryError,
  KavenegarSmsProvider,
  LoggingSmsProvider,
  NotificationDispatcher,
  NotificationInputError,
  OUTBOX_TABLE,
  enqueueSms,
  internationalMobile,
  maskMobile,
  normaliseIranianMobile,
  type OutboxRow,
} from '../../src/notify/index.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { ACK_DATA, HOUR, MovableClock, silentLogger } from './support.js';

describe('Iranian mobile numbers', () => {
  it.each([
    ['09121234567', '09121234567'],
    ['+989121234567', '09121234567'],
    ['00989121234567', '09121234567'],
    ['989121234567', '09121234567'],
    ['9121234567', '09121234567'],
    ['۰۹۱۲۱۲۳۴۵۶۷', '09121234567'],
    ['٠٩١٢١٢٣٤٥٦٧', '09121234567'],
    ['+98 (912) 123-4567', '09121234567'],
    [' 0912 123 4567 ', '09121234567'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseIranianMobile(input)).toBe(expected);
  });

  it.each(['03131234567', '0912123456', '091212345678', '+9712345678', 'نامعلوم', ''])(
    'rejects %j',
    (input) => {
      expect(() => normaliseIranianMobile(input, 'mobile')).toThrow(NotificationInputError);
      expect(() => normaliseIranianMobile(input, 'mobile')).toThrow(
        /mobile: .* is not an Iranian mobile number/,
      );
    },
  );

  it('gives the international form and a masked form for logs', () => {
    expect(internationalMobile('09121234567')).toBe('+989121234567');
    expect(maskMobile('09121234567')).toBe('0912***4567');
  });
});

interface StandInRequest {
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly contentType: string | undefined;
  readonly params: Record<string, string>;
}

/** Stands in for api.kavenegar.com: records each request and answers as Kavenegar does. */
async function startKavenegarStandIn(
  answer: (params: Record<string, string>) => { http: number; body: unknown },
) {
  const requests: StandInRequest[] = [];
  let nextId = 8792343;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      requests.push({ method: req.method, path: req.url, contentType: req.headers['content-type'], params });
      const { http, body } = answer(params);
      const json = JSON.stringify(body).replace('"__ID__"', String(nextId++));
      res.writeHead(http, { 'content-type': 'application/json; charset=utf-8' }).end(json);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const ok = (params: Record<string, string>) => ({
  http: 200,
  body: {
    return: { status: 200, message: 'تایید شد' },
    entries: [
      {
        messageid: '__ID__',
        message: params.message,
        status: 1,
        statustext: 'در صف ارسال',
        sender: params.sender ?? '10004346',
        receptor: params.receptor,
        date: 1356619709,
        cost: 120,
      },
    ],
  },
});

describe('Kavenegar provider (against a local stand-in of its REST API)', () => {
  it('POSTs receptor, message, sender and localid, form-encoded, to /v1/{API key}/sms/send.json', async () => {
    const api = await startKavenegarStandIn(ok);
    try {
      const provider = new KavenegarSmsProvider({
        apiKey: 'TEST-KEY-123',
        sender: '10004346',
        baseUrl: api.baseUrl,
      });
      const result = await provider.send({
        to: '+98 912 123 4567',
        text: 'شکایت شما ثبت شد.',
        reference: '77',
      });
      expect(result).toEqual({ providerMessageId: '8792343' });
      expect(api.requests).toEqual([
        {
          method: 'POST',
          path: '/v1/TEST-KEY-123/sms/send.json',
          contentType: 'application/x-www-form-urlencoded; charset=utf-8',
          params: {
            receptor: '09121234567',
            message: 'شکایت شما ثبت شد.',
            sender: '10004346',
            localid: '77',
          },
        },
      ]);
    } finally {
      await api.close();
    }
  });

  it('an invalid receptor (411) is a permanent failure; no credit (418) and server trouble are retried', async () => {
    const api = await startKavenegarStandIn((p) =>
      p.receptor === '09120000411'
        ? { http: 411, body: { return: { status: 411, message: 'دریافت کننده نامعتبر است' }, entries: null } }
        : p.receptor === '09120000418'
          ? {
              http: 200,
              body: { return: { status: 418, message: 'اعتبار حساب شما کافی نیست' }, entries: null },
            }
          : { http: 502, body: 'Bad Gateway' },
    );
    try {
      const provider = new KavenegarSmsProvider({ apiKey: 'K', baseUrl: api.baseUrl });
      const failure = (to: string) =>
        provider.send({ to, text: 'x' }).then(
          () => undefined,
          (e: unknown) => e as DeliveryError,
        );
      const invalid = await failure('09120000411');
      expect(invalid).toBeInstanceOf(DeliveryError);
      expect(invalid).toMatchObject({ permanent: true });
      expect(invalid?.message).toBe('Kavenegar refused the message: status 411 (دریافت کننده نامعتبر است)');
      expect(await failure('09120000418')).toMatchObject({
        permanent: false,
        message: expect.stringMatching(/status 418/),
      });
      expect(await failure('09120000502')).toMatchObject({
        permanent: false,
        message: expect.stringMatching(/status 502/),
      });
    } finally {
      await api.close();
    }
  });

  it('an unreachable API is a retryable failure', async () => {
    const api = await startKavenegarStandIn(ok);
    await api.close();
    const provider = new KavenegarSmsProvider({ apiKey: 'K', baseUrl: api.baseUrl });
    await expect(provider.send({ to: '09121234567', text: 'x' })).rejects.toMatchObject({
      permanent: false,
      message: expect.stringMatching(/^Kavenegar unreachable/),
    });
  });
});

describe('SMS through the outbox', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    await db.owner(OUTBOX_TABLE).delete();
  });
  const outbox = () => db.app<OutboxRow>(OUTBOX_TABLE).orderBy('id') as Promise<OutboxRow[]>;

  it('R-ISO-01 the acknowledgement SMS goes out once through the logging provider, with the tracking code in Persian', async () => {
    const sms = new LoggingSmsProvider(silentLogger);
    const enqueue = () =>
      db.app.transaction((trx) =>
        enqueueSms(trx, {
          to: '+989121234567',
          template: 'complaint-acknowledgement',
          data: ACK_DATA,
          dedupeKey: 'complaint:7:ack:sms',
        }),
      );
    await enqueue();
    await enqueue();
    const d = new NotificationDispatcher({ db: db.app, logger: silentLogger, sms });
    expect(await d.runOnce()).toEqual({ attempted: 1, sent: 1, retrying: 0, failed: 0 });
    expect(await d.runOnce()).toMatchObject({ attempted: 0 });
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]).toMatchObject({ to: '09121234567', providerMessageId: 'log-1' });
    expect(sms.sent[0]?.text).toContain('شکایت شما با کد رهگیری C۱۴۰۴-۰۰۰۱۲۳ در تاریخ ۱۱ خرداد ۱۴۰۴ ثبت شد');
    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sms.sent[0]?.reference).toBe(String(row?.id));
  });

  it('through the Kavenegar stand-in: retried while it fails, then sent once, with the outbox id as localid', async () => {
    let down = true;
    const api = await startKavenegarStandIn((p) =>
      down
        ? {
            http: 200,
            body: { return: { status: 409, message: 'سرور قادر به پاسخگوئی نیست' }, entries: null },
          }
        : ok(p),
    );
    try {
      const clock = new MovableClock();
      const d = new NotificationDispatcher({
        db: db.app,
        logger: silentLogger,
        sms: new KavenegarSmsProvider({ apiKey: 'TEST-KEY', baseUrl: api.baseUrl }),
        clock,
        random: () => 0,
      });
      await db.app.transaction((trx) =>
        enqueueSms(trx, {
          to: '09121234567',
          text: 'جلسهٔ کمیته فردا ساعت ۱۰ برگزار می‌شود.',
          dedupeKey: 'k1',
        }),
      );
      expect(await d.runOnce()).toMatchObject({ attempted: 1, retrying: 1 });
      let [row] = await outbox();
      expect(row?.last_error).toMatch(/status 409/);
      down = false;
      clock.advance(HOUR);
      expect(await d.runOnce()).toMatchObject({ attempted: 1, sent: 1 });
      [row] = await outbox();
      expect(row).toMatchObject({ status: 'sent', attempts: 2 });
      expect(api.requests).toHaveLength(2);
      expect(api.requests.map((r) => r.params.localid)).toEqual([String(row?.id), String(row?.id)]);
      expect(api.requests[1]?.params.message).toBe('جلسهٔ کمیته فردا ساعت ۱۰ برگزار می‌شود.');
    } finally {
      await api.close();
    }
  });

  it('a number Kavenegar calls invalid fails at once, with its message kept', async () => {
    const api = await startKavenegarStandIn(() => ({
      http: 411,
      body: { return: { status: 411, message: 'دریافت کننده نامعتبر است' }, entries: null },
    }));
    try {
      const d = new NotificationDispatcher({
        db: db.app,
        logger: silentLogger,
        sms: new KavenegarSmsProvider({ apiKey: 'K', baseUrl: api.baseUrl }),
      });
      await db.app.transaction((trx) => enqueueSms(trx, { to: '09121234567', text: 'x', dedupeKey: 'k2' }));
      expect(await d.runOnce()).toEqual({ attempted: 1, sent: 0, retrying: 0, failed: 1 });
      const [row] = await outbox();
      expect(row).toMatchObject({ status: 'failed', attempts: 1 });
      expect(row?.last_error).toContain('دریافت کننده نامعتبر است');
    } finally {
      await api.close();
    }
  });

  it('an SMS with no provider configured is retried, not lost', async () => {
    await db.app.transaction((trx) => enqueueSms(trx, { to: '09121234567', text: 'x', dedupeKey: 'k3' }));
    const d = new NotificationDispatcher({ db: db.app, logger: silentLogger });
    expect(await d.runOnce()).toMatchObject({ attempted: 1, retrying: 1 });
    const [row] = await outbox();
    expect(row).toMatchObject({ status: 'pending', last_error: 'no SMS provider is configured' });
  });
});
