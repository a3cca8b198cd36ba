import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type express from 'express';
import request from 'supertest';
import { registerComplaint } from '../../src/domain/complaints/register-complaint.js';
import type { TestDatabase } from '../support/database.js';
import { demoDatabase, webApp } from './support.js';

const toPersianDigits = (s: string) => s.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);

describe('public complaint status lookup (no sign-in)', () => {
  let db: TestDatabase;
  let app: express.Express;
  let trackingCode: string;

  beforeAll(async () => {
    db = await demoDatabase();
    app = webApp(db, undefined, { publicRateLimit: { limit: 1000, windowMs: 60_000 } });
    ({ trackingCode } = await db.app.transaction((trx) =>
      registerComplaint(
        trx,
        {
          channel: 'website',
          complainantName: 'رضا نادری',
          complainantPhone: '09131234567',
          subject: 'تأخیر در صدور کارت بازرگانی',
          description: 'درخواست تمدید سه هفته است بی‌پاسخ مانده است.',
        },
        'public',
      ),
    ));
  });
  afterAll(() => db.drop());

  const ask = (body: object, on = app) => request(on).post('/api/public/complaint-status').send(body);

  it('R-CMP-02 shows the stage and dates for the tracking code and the phone given, however typed', async () => {
    for (const [code, phone] of [
      [trackingCode, '09131234567'],
      [toPersianDigits(trackingCode.toLowerCase()), '+98 913 123 4567'],
      [` ${trackingCode} `, toPersianDigits('0913-123-4567')],
    ]) {
      const res = await ask({ trackingCode: code, phone });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        trackingCode,
        status: 'registered',
        receivedAt: expect.any(String),
        acknowledgedAt: null,
        responseDueAt: null,
        resultCommunicatedAt: null,
        closedAt: null,
      });
    }
  });

  it('R-X-03 answers a wrong phone exactly as an unknown code, revealing nothing', async () => {
    const wrongPhone = await ask({ trackingCode, phone: '09130000000' });
    const unknownCode = await ask({ trackingCode: 'C1405-QQQQQQQQ', phone: '09131234567' });
    expect(wrongPhone.status).toBe(404);
    expect(unknownCode.status).toBe(404);
    expect(wrongPhone.body).toEqual(unknownCode.body);
    expect(JSON.stringify(wrongPhone.body)).not.toContain('نادری');
    expect((await ask({ trackingCode })).status).toBe(400);
    expect((await ask({ trackingCode, phone: '0913', extra: 1 })).status).toBe(400);
  });

  it('is rate-limited per client', async () => {
    const limited = webApp(db, undefined, { publicRateLimit: { limit: 3, windowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await ask({ trackingCode, phone: '09130000000' }, limited)).status);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });

  it('behind a proxy (WEB_TRUST_PROXY) counts each member’s own address, and without it one forged header opens no new window', async () => {
    const lookUpFrom = (app: express.Express, address: string) =>
      request(app)
        .post('/api/public/complaint-status')
        .set('x-forwarded-for', address)
        .send({ trackingCode, phone: '09130000000' })
        .then((r) => r.status);
    const limit = { limit: 1, windowMs: 60_000 };
    const proxied = webApp(db, undefined, { publicRateLimit: limit, trustProxy: 1 });
    expect([await lookUpFrom(proxied, '5.1.1.1'), await lookUpFrom(proxied, '5.2.2.2')]).toEqual([404, 404]);
    expect(await lookUpFrom(proxied, '5.1.1.1')).toBe(429);
    const direct = webApp(db, undefined, { publicRateLimit: limit });
    expect([await lookUpFrom(direct, '5.1.1.1'), await lookUpFrom(direct, '5.2.2.2')]).toEqual([404, 429]);
  });
});
