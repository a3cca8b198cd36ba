import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  NotificationInputError,
  OUTBOX_TABLE,
  enqueueEmail,
  enqueueSms,
  type OutboxRow,
  type TemplateName,
} from '../../src/notify/index.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { ACK_DATA, INVITATION_DATA } from './support.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());
beforeEach(async () => {
  await db.owner(OUTBOX_TABLE).delete();
});

const rows = () => db.app<OutboxRow>(OUTBOX_TABLE).orderBy('id') as Promise<OutboxRow[]>;

describe('outbox', () => {
  it('R-ISO-01 stores the rendered acknowledgement (subject, HTML, text) in the caller’s transaction', async () => {
    const result = await db.app.transaction((trx) =>
      enqueueEmail(trx, {
        to: 'ali.rezaei@example.ir',
        template: 'complaint-acknowledgement',
        data: ACK_DATA,
        dedupeKey: 'complaint:7:acknowledgement:email',
        entityType: 'complaint',
        entityId: 7,
      }),
    );
    expect(result).toEqual({ status: 'enqueued', id: expect.any(Number) });
    const [row] = await rows();
    expect(row).toMatchObject({
      id: result.id,
      channel: 'email',
      recipient: 'ali.rezaei@example.ir',
      subject: 'ثبت شکایت شما — کد رهگیری C۱۴۰۴-۰۰۰۱۲۳',
      template: 'complaint-acknowledgement',
      status: 'pending',
      attempts: 0,
      entity_type: 'complaint',
      entity_id: 7,
      attachments: [],
      sent_at: null,
    });
    expect(row?.body_html).toContain('<html dir="rtl" lang="fa">');
    expect(row?.body_text).toContain('۱۱ خرداد ۱۴۰۴');
  });

  it('the same dedupe key twice inserts one row and reports the duplicate', async () => {
    const input = {
      to: 'ali.rezaei@example.ir',
      template: 'complaint-acknowledgement' as const,
      data: ACK_DATA,
      dedupeKey: 'complaint:7:ack',
    };
    const first = await db.app.transaction((trx) => enqueueEmail(trx, input));
    const second = await db.app.transaction((trx) => enqueueEmail(trx, input));
    expect(first.status).toBe('enqueued');
    expect(second).toEqual({ status: 'duplicate', id: first.id });
    // Within one transaction too.
    const third = await db.app.transaction(async (trx) => {
      await enqueueEmail(trx, { ...input, dedupeKey: 'complaint:8:ack' });
      return enqueueEmail(trx, { ...input, dedupeKey: 'complaint:8:ack' });
    });
    expect(third.status).toBe('duplicate');
    expect(await rows()).toHaveLength(2);
  });

  it('two transactions racing with one dedupe key leave one row; the second learns it is a duplicate', async () => {
    const input = {
      to: 'a@example.ir',
      template: 'complaint-acknowledgement' as const,
      data: ACK_DATA,
      dedupeKey: 'race',
    };
    const results = await Promise.all([
      db.app.transaction((trx) => enqueueEmail(trx, input)),
      db.app.transaction((trx) => enqueueEmail(trx, input)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'enqueued']);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await rows()).toHaveLength(1);
  });

  it('a rolled-back business transaction leaves no message', async () => {
    await expect(
      db.app.transaction(async (trx) => {
        await enqueueEmail(trx, {
          to: 'a@example.ir',
          template: 'complaint-acknowledgement',
          data: ACK_DATA,
          dedupeKey: 'rolled-back',
        });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(await rows()).toHaveLength(0);
  });

  it('bad input is an error naming the field, and the caller’s transaction stays usable', async () => {
    await db.app.transaction(async (trx) => {
      await expect(
        enqueueEmail(trx, {
          to: 'not-an-address',
          template: 'complaint-acknowledgement',
          data: ACK_DATA,
          dedupeKey: ' ',
        }),
      ).rejects.toThrow(/to: must be an e-mail address; dedupeKey: must not be empty/);
      await expect(
        enqueueEmail(trx, {
          to: 'a@example.ir',
          template: 'no-such-template' as TemplateName,
          data: ACK_DATA as never,
          dedupeKey: 'x',
        }),
      ).rejects.toThrow(/unknown template "no-such-template"/);
      const { statusUrl: _omit, ...missing } = ACK_DATA;
      await expect(
        enqueueEmail(trx, {
          to: 'a@example.ir',
          template: 'complaint-acknowledgement',
          data: missing as never,
          dedupeKey: 'x',
        }),
      ).rejects.toMatchObject({
        name: 'NotificationInputError',
        template: 'complaint-acknowledgement',
        issues: [{ field: 'data.statusUrl', message: 'is required' }],
      });
      // Nothing reached the database, so the transaction can carry on.
      await enqueueEmail(trx, {
        to: 'a@example.ir',
        template: 'complaint-acknowledgement',
        data: ACK_DATA,
        dedupeKey: 'ok',
      });
    });
    expect((await rows()).map((r) => r.dedupe_key)).toEqual(['ok']);
  });

  it('refuses to run outside a transaction: the message must commit with the business change', async () => {
    await expect(
      enqueueEmail(db.app as never, {
        to: 'a@example.ir',
        template: 'complaint-acknowledgement',
        data: ACK_DATA,
        dedupeKey: 'k',
      }),
    ).rejects.toThrow(/needs the knex transaction/);
  });

  it('R-CMP-08 stores the invitation’s .ics and extra attachments as base64 in the attachments column', async () => {
    await db.app.transaction((trx) =>
      enqueueEmail(trx, {
        to: 'maryam.ahmadi@example.ir',
        template: 'committee-invitation',
        data: INVITATION_DATA,
        dedupeKey: 'meeting:42:invite:maryam',
        attachments: [
          { filename: 'گزارش.txt', contentType: 'text/plain; charset=utf-8', content: 'گزارش مسئول رسیدگی' },
        ],
      }),
    );
    const [row] = await rows();
    expect(row?.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['invite.ics', 'text/calendar; charset=utf-8; method=REQUEST'],
      ['گزارش.txt', 'text/plain; charset=utf-8'],
    ]);
    const ics = Buffer.from(row?.attachments[0]?.content ?? '', 'base64').toString('utf8');
    expect(ics).toContain('DTSTART:20250602T063000Z\r\n');
    expect(Buffer.from(row?.attachments[1]?.content ?? '', 'base64').toString('utf8')).toBe(
      'گزارش مسئول رسیدگی',
    );
  });

  it('an SMS is stored with the number normalised to 09…, from a template or a plain text', async () => {
    await db.app.transaction(async (trx) => {
      await enqueueSms(trx, {
        to: '+98 912 123 4567',
        template: 'complaint-acknowledgement',
        data: ACK_DATA,
        dedupeKey: 'sms:1',
      });
      await enqueueSms(trx, { to: '۰۹۱۲-۱۲۳-۴۵۶۷', text: 'متن آزمایشی', dedupeKey: 'sms:2' });
    });
    const stored = await rows();
    expect(stored.map((r) => [r.channel, r.recipient, r.subject, r.body_html])).toEqual([
      ['sms', '09121234567', null, null],
      ['sms', '09121234567', null, null],
    ]);
    expect(stored[0]?.body_text).toContain('کد رهگیری C۱۴۰۴-۰۰۰۱۲۳');
    expect(stored[1]?.body_text).toBe('متن آزمایشی');
    await expect(
      db.app.transaction((trx) => enqueueSms(trx, { to: '031-3123 4567', text: 'x', dedupeKey: 'sms:3' })),
    ).rejects.toThrow(NotificationInputError);
    await expect(
      db.app.transaction((trx) => enqueueSms(trx, { to: '031-3123 4567', text: 'x', dedupeKey: 'sms:3' })),
    ).rejects.toThrow(/to: "031-3123 4567" is not an Iranian mobile number/);
  });

  it('notBefore holds a message back until then', async () => {
    const later = new Date(Date.now() + 3_600_000);
    await db.app.transaction((trx) =>
      enqueueSms(trx, { to: '09121234567', text: 'یادآوری', dedupeKey: 'later', notBefore: later }),
    );
    const [row] = await rows();
    expect(row?.next_attempt_at.getTime()).toBe(later.getTime());
  });
});
