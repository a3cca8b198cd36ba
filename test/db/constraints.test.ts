import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Knex } from 'knex';
import { describeDataError, type DataError } from '../../src/db/errors.js';
import { createTestDatabase, insertedId, type TestDatabase } from '../support/database.js';

async function rejection(write: Promise<unknown>): Promise<DataError> {
  try {
    await write;
  } catch (error) {
    const described = describeDataError(error);
    if (!described) throw error;
    return described;
  }
  throw new Error('the write was accepted');
}

const member = (over: Record<string, unknown> = {}) => ({
  membership_no: '100200',
  legal_name: 'شرکت نمونه (سهامی خاص)',
  member_type: 'company',
  national_id: '10260123456',
  ...over,
});

const complaint = (over: Record<string, unknown> = {}) => ({
  tracking_code: 'C-1404-000001',
  channel: 'website',
  complainant_name: 'سارا محمدی',
  complainant_phone: '09131234567',
  subject: 'تأخیر در صدور کارت بازرگانی',
  description: 'درخواست تمدید کارت بازرگانی سه هفته است بی‌پاسخ مانده است.',
  ...over,
});

describe('the business schema rejects bad data and names the field', () => {
  let db: TestDatabase;
  let app: Knex;
  beforeAll(async () => {
    db = await createTestDatabase();
    app = db.app;
  });
  afterAll(() => db.drop());

  it('R-MTG-03 a member without a name', async () => {
    expect(await rejection(app('members').insert(member({ legal_name: null })))).toMatchObject({
      kind: 'required',
      table: 'members',
      field: 'legal_name',
    });
    expect(await rejection(app('members').insert(member({ legal_name: '   ' })))).toMatchObject({
      kind: 'invalid',
      field: 'legal_name',
    });
  });

  it('R-MTG-03 member identifiers, contacts and countries are checked', async () => {
    expect(await rejection(app('members').insert(member({ national_id: '12' })))).toMatchObject({
      field: 'national_id',
    });
    expect(await rejection(app('members').insert(member({ export_countries: ['Iraq'] })))).toMatchObject({
      field: 'export_countries',
    });
    const id = await insertedId(app('members').insert(member({ export_countries: ['IQ', 'AF'] })));
    expect(await rejection(app('members').insert(member({ national_id: '10260999999' })))).toMatchObject({
      kind: 'duplicate',
      field: 'membership_no',
    });
    expect(
      await rejection(app('member_contacts').insert({ member_id: id, kind: 'mobile', value: '0311234567' })),
    ).toMatchObject({ kind: 'invalid', field: 'value' });
    await app('member_contacts').insert({ member_id: id, kind: 'landline', value: '03136261234' });
  });

  it('R-CMP-03 a complaint without a channel', async () => {
    expect(await rejection(app('complaints').insert(complaint({ channel: null })))).toMatchObject({
      kind: 'required',
      table: 'complaints',
      field: 'channel',
    });
    expect(await rejection(app('complaints').insert(complaint({ channel: 'pigeon' })))).toMatchObject({
      kind: 'invalid',
      field: 'channel',
    });
  });

  it('R-CMP-03 a complaint names a member or an outside complainant with a way to reach them', async () => {
    expect(await rejection(app('complaints').insert(complaint({ complainant_name: null })))).toMatchObject({
      kind: 'invalid',
      field: 'complainant_name',
    });
    expect(
      await rejection(
        app('complaints').insert(complaint({ complainant_phone: null, complainant_email: null })),
      ),
    ).toMatchObject({ kind: 'invalid', field: 'complainant_phone' });
  });

  it('R-CMP-14 a duplicate tracking code', async () => {
    await app('complaints').insert(complaint({ tracking_code: 'C-1404-000777' }));
    expect(
      await rejection(app('complaints').insert(complaint({ tracking_code: 'C-1404-000777' }))),
    ).toMatchObject({
      kind: 'duplicate',
      field: 'tracking_code',
    });
  });

  it('R-ISO-02 severity is one of critical, major, minor', async () => {
    expect(
      await rejection(
        app('complaints').insert(complaint({ tracking_code: 'C-1404-000002', severity: 'urgent' })),
      ),
    ).toMatchObject({ field: 'severity' });
  });

  it('R-ISO-04 a corrective action is verified 30 to 90 days after it is done, and closes only when verified', async () => {
    const staffId = await insertedId(
      app('staff').insert({ username: 'owner.one', full_name_fa: 'مالک اقدام' }),
    );
    const action = {
      source_type: 'management_review',
      description_fa: 'بازنگری فرایند صدور کارت',
      owner_staff_id: staffId,
      due_on: '2026-01-10',
      success_indicator_fa: 'کاهش زمان صدور به ۵ روز',
    };
    expect(
      await rejection(app('corrective_actions').insert({ ...action, verify_after_days: 10 })),
    ).toMatchObject({
      field: 'verify_after_days',
    });
    expect(
      await rejection(
        app('corrective_actions').insert({ ...action, status: 'effective', done_at: new Date() }),
      ),
    ).toMatchObject({ field: 'effective' });
    expect(
      await rejection(app('corrective_actions').insert({ ...action, source_type: 'complaint' })),
    ).toMatchObject({
      field: 'source',
    });
    expect(
      await rejection(app('corrective_actions').insert({ ...action, owner_staff_id: 999999 })),
    ).toMatchObject({ kind: 'unknown_reference', field: 'owner_staff_id' });
  });

  it('R-PS-07 a survey contact attempt by phone records the line used', async () => {
    expect(
      await rejection(
        app('survey_contact_attempts').insert({
          target_id: 1,
          attempt_no: 1,
          channel: 'phone',
          attempted_at: new Date(),
          outcome: 'no_answer',
        }),
      ),
    ).toMatchObject({ field: 'line_used' });
  });

  it('R-CALL-03 a referred call names whom it was referred to', async () => {
    expect(
      await rejection(
        app('calls').insert({
          direction: 'incoming',
          caller_number: '03136261234',
          started_at: new Date(),
          outcome: 'referred',
        }),
      ),
    ).toMatchObject({ field: 'referred_to_staff_id' });
  });

  it('R-X-01 a calendar exception with reduced hours gives them', async () => {
    expect(
      await rejection(
        app('calendar_exceptions').insert({
          day: '2026-01-12',
          kind: 'reduced_hours',
          title_fa: 'تعطیلی از ساعت ۱۱',
        }),
      ),
    ).toMatchObject({ field: 'closes_at' });
  });
});
