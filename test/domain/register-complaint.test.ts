import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditTrail } from '../../src/audit/audit-trail.js';
import { loadWorkingCalendar } from '../../src/calendar/calendar-store.js';
import { DomainInputError } from '../../src/domain/complaints/errors.js';
import { findStage, recordStage } from '../../src/domain/complaints/record-stage.js';
import {
  registerComplaint,
  type RegisterComplaintInput,
} from '../../src/domain/complaints/register-complaint.js';
import { auditEvents, createWorld, stages, tehran, type World } from '../workers/support.js';

let world: World;
beforeAll(async () => {
  world = await createWorld(tehran('2026-06-03', '14:00'));
});
afterAll(() => world.close());

const form: RegisterComplaintInput = {
  channel: 'in_person',
  complainantName: 'رضا کاظمی',
  complainantPhone: '۰۹۱۳ ۱۱۱ ۲۲۳۳',
  subject: 'برخورد نامناسب در پیشخوان',
  description: 'کارمند پیشخوان بدون پاسخ مرا به واحد دیگری فرستاد.',
  occurredAt: '2026-06-02T11:00:00+03:30',
  remedySought: 'عذرخواهی و آموزش کارکنان',
};

async function rejection(input: RegisterComplaintInput): Promise<DomainInputError> {
  const error = await world.app
    .transaction((trx) => registerComplaint(trx, input, 'staff:mcc.expert1'))
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(DomainInputError);
  return error as DomainInputError;
}

describe('registerComplaint', () => {
  it('R-CMP-03 R-CMP-14 registers the complaint form, the staff it names, the registered stage and an audit event', async () => {
    const named = await world.staffId('membership.staff');
    const unit = await world.unitId('membership');
    const calendar = await loadWorkingCalendar(world.app);
    const { id, trackingCode } = await world.app.transaction((trx) =>
      registerComplaint(
        trx,
        { ...form, concernedUnitId: unit, namedStaffIds: [named, named] },
        'staff:mcc.expert1',
        {
          now: tehran('2026-06-03', '14:00'),
          calendar,
        },
      ),
    );
    expect(trackingCode).toMatch(/^C1405-[A-Z0-9]{8}$/);
    const row = (await world.app('complaints').where({ id }).first()) as Record<string, unknown>;
    expect(row).toMatchObject({
      tracking_code: trackingCode,
      status: 'registered',
      kind: 'complaint',
      channel: 'in_person',
      complainant_phone: '09131112233',
      occurred_at: tehran('2026-06-02', '11:00'),
      received_at: tehran('2026-06-03', '14:00'),
      acknowledgement_due_at: tehran('2026-06-07', '16:00'),
      concerned_unit_id: unit,
      registered_by_staff_id: await world.staffId('mcc.expert1'),
    });
    expect(await world.app('complaint_named_staff').where({ complaint_id: id }).pluck('staff_id')).toEqual([
      named,
    ]);
    const [registered, ...rest] = await stages(world.app, id);
    expect(rest).toHaveLength(0);
    expect(registered).toMatchObject({
      stage: 'registered',
      actor_label: 'staff:mcc.expert1',
      idempotency_key: 'registered',
    });
    expect(registered?.summary_fa).toContain(trackingCode);
    const [event] = await auditEvents(world.app, 'complaint', id);
    expect(event).toMatchObject({
      action: 'complaint.registered',
      actor: 'staff:mcc.expert1',
      document_code: 'ME-FR-01-01-01',
    });
  });

  it('R-CMP-03 a complaint without member needs the complainant’s name and a way to reach them; errors name the field', async () => {
    const error = await rejection({ channel: 'website', subject: ' ', description: 'x' });
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { field: 'subject', message: 'must not be empty' },
        { field: 'complainantName', message: 'is required when memberId is not given' },
        {
          field: 'complainantPhone',
          message: 'a phone number or an e-mail address is required when memberId is not given',
        },
      ]),
    );
    expect(error.issues.every((i) => /^[A-Za-z.]+$/.test(i.field))).toBe(true);
    expect((await rejection({ ...form, channel: 'fax' as never })).issues[0]?.field).toBe('channel');
    expect((await rejection({ ...form, complainantEmail: 'not-mail' })).issues[0]?.field).toBe(
      'complainantEmail',
    );
  });

  it('R-CMP-03 references to unknown records are refused before anything is written', async () => {
    const before = await world.app('complaints').count<{ count: string }[]>('* as count');
    const error = await rejection({
      ...form,
      memberId: 999999,
      concernedUnitId: 99999,
      namedStaffIds: [88888],
    });
    expect(error.issues.map((i) => i.field)).toEqual(['memberId', 'concernedUnitId', 'namedStaffIds']);
    expect(await world.app('complaints').count<{ count: string }[]>('* as count')).toEqual(before);
  });

  it('R-CMP-14 R-X-02 recordStage records a stage once and audits it only when new', async () => {
    const { id } = await world.app.transaction((trx) => registerComplaint(trx, form, 'public'));
    const input = {
      complaintId: id,
      stage: 'note' as const,
      actor: 'staff:mcc.manager' as const,
      summaryFa: 'عضو تماس گرفت و مدرک تازه‌ای فرستاد.',
      data: { channel: 'phone' },
      processInstanceKey: '2251799813730001',
      elementId: 'Task_Note',
      idempotencyKey: 'job:42',
    };
    const first = await world.app.transaction((trx) => recordStage(trx, input));
    const second = await world.app.transaction((trx) => recordStage(trx, { ...input, summaryFa: 'دوباره' }));
    expect(first.isNew).toBe(true);
    expect(second).toEqual({ isNew: false, id: first.id });
    const stored = await world.app.transaction((trx) => findStage(trx, id, 'job:42'));
    expect(stored).toMatchObject({
      stage: 'note',
      summary_fa: 'عضو تماس گرفت و مدرک تازه‌ای فرستاد.',
      actor_staff_id: await world.staffId('mcc.manager'),
      process_instance_key: '2251799813730001',
      element_id: 'Task_Note',
    });
    const notes = await auditEvents(world.app, 'complaint', id, 'complaint.note');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      process_instance_key: '2251799813730001',
      document_code: 'ME-FR-01-01-01',
    });
    expect(await verifyAuditTrail(world.app)).toMatchObject({ ok: true });
  });
});
