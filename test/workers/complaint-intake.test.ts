import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditTrail } from '../../src/audit/audit-trail.js';
import { acknowledgeWorker } from '../../workers/complaints/acknowledge.js';
import { classifyDeadlinesWorker } from '../../workers/complaints/classify-deadlines.js';
import { forwardToSecretaryGeneralWorker } from '../../workers/complaints/forward-to-secretary-general.js';
import { recordStageWorker } from '../../workers/complaints/record-stage.js';
import { registerWorker } from '../../workers/complaints/register.js';
import {
  auditEvents,
  createWorld,
  jobFor,
  outbox,
  run,
  runJob,
  stages,
  tehran,
  webComplaint,
  type World,
} from './support.js';

// Wednesday 13 Khordad 1405, 14:00: Thursday (Ghadir) and Friday (15 Khordad) are days off.
const RECEIVED = tehran('2026-06-03', '14:00');

let world: World;
beforeAll(async () => {
  world = await createWorld(RECEIVED);
});
afterAll(() => world.close());

interface ComplaintView {
  status: string;
  process_instance_key: string | null;
  acknowledgement_due_at: Date | null;
  acknowledged_at: Date | null;
  severity: string | null;
  concerned_unit_id: number | null;
  kind: string;
  response_due_at: Date | null;
  resolution_due_at: Date | null;
}
const complaint = async (id: number) =>
  (await world.app('complaints').where({ id }).first()) as ComplaintView;

describe('complaint intake workers', () => {
  it('R-CMP-01 R-ISO-01 complaint.register takes the complaint the web app registered and sets the acknowledgement deadline across the holiday weekend', async () => {
    world.setNow(tehran('2026-06-03', '14:05'));
    const { id } = await webComplaint(world, { receivedAt: RECEIVED });
    const job = jobFor(registerWorker, { complaintId: id }, { processInstanceKey: '2251799813700001' });
    const first = await runJob(registerWorker, job, world.services);
    expect(first).toMatchObject({
      complaintId: id,
      trackingCode: expect.stringMatching(/^C1405-[A-Z0-9]{8}$/),
      complainantCanBeNotified: true,
      // 2 working days after a Wednesday afternoon: Thursday and Friday are off → Sunday at closing.
      acknowledgementDueAt: '2026-06-07T16:00:00+03:30',
      kind: 'complaint',
    });
    // The forms' choices travel with the case, so Tasklist shows them too.
    expect(first.unitOptions).toContainEqual({ label: 'مرکز ارتباط با اعضا', value: expect.any(Number) });
    expect(first.staffUsernameOptions).toContainEqual({
      label: expect.stringContaining('مریم کریمی'),
      value: 'mcc.manager',
    });
    expect(await complaint(id)).toMatchObject({
      status: 'under_review',
      process_instance_key: '2251799813700001',
    });
    expect(await runJob(registerWorker, job, world.services)).toEqual(first);
    const events = await auditEvents(world.app, 'complaint', id, 'complaint.handling-started');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      process_instance_key: '2251799813700001',
      document_code: 'ME-FR-01-01-01',
    });
    expect(await stages(world.app, id)).toEqual([
      expect.objectContaining({ stage: 'registered', idempotency_key: 'registered', actor_label: 'public' }),
    ]);
  });

  it('R-CMP-02 complaint.register registers a complaint raised by a survey once per process instance', async () => {
    const member = (await world
      .app('members')
      .whereExists(function () {
        this.select(world.app.raw('1'))
          .from('member_contacts')
          .whereRaw("member_id = members.id and kind = 'email'");
      })
      .first('id')) as { id: number };
    const variables = {
      channel: 'survey',
      sourceReference: 'survey-7/member-12',
      memberId: member.id,
      subject: 'نارضایتی از زمان پاسخ‌گویی',
      description: 'امتیاز پرسش «سرعت پاسخ‌گویی» ۴۰٪ بود.',
    };
    const job = jobFor(registerWorker, variables, { processInstanceKey: '2251799813700002' });
    const first = await runJob(registerWorker, job, world.services);
    expect(await runJob(registerWorker, job, world.services)).toEqual(first);
    const again = await run(registerWorker, variables, world.services, {
      processInstanceKey: '2251799813700002',
    });
    expect(again.output).toEqual(first);
    const rows = await world.app('complaints').where({ process_instance_key: '2251799813700002' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'survey', member_id: member.id, complainant_name: null });
    expect(first.complainantCanBeNotified).toBe(true);
    const [registered] = await stages(world.app, first.complaintId as number, 'registered');
    expect(registered).toMatchObject({
      actor_label: 'system:worker',
      process_instance_key: '2251799813700002',
      data: expect.objectContaining({ sourceReference: 'survey-7/member-12', channel: 'survey' }),
    });
  });

  it('R-ISO-01 a complainant with neither e-mail nor mobile cannot be notified (the phone path)', async () => {
    const { id } = await webComplaint(world, {
      complainantPhone: '03132345678',
      complainantEmail: null,
    });
    const { output } = await run(registerWorker, { complaintId: id }, world.services, {
      processInstanceKey: '2251799813700003',
    });
    expect(output.complainantCanBeNotified).toBe(false);
  });

  it('R-ISO-01 complaint.acknowledge tells the complainant by e-mail and SMS, once', async () => {
    world.setNow(tehran('2026-06-03', '14:10'));
    const { id, trackingCode } = await webComplaint(world);
    await run(registerWorker, { complaintId: id }, world.services, {
      processInstanceKey: '2251799813700004',
    });
    const job = jobFor(acknowledgeWorker, { complaintId: id }, { processInstanceKey: '2251799813700004' });
    const first = await runJob(acknowledgeWorker, job, world.services);
    expect(first).toEqual({ acknowledgedAt: '2026-06-03T14:10:00+03:30' });
    world.setNow(tehran('2026-06-03', '14:11'));
    expect(await runJob(acknowledgeWorker, job, world.services)).toEqual(first);

    const mails = await outbox(world.app, { template: 'complaint-acknowledgement', entity_id: id });
    expect(mails.map((m) => [m.channel, m.recipient, m.dedupe_key])).toEqual([
      ['email', 'sara.mohammadi@example.ir', `complaint:${id}:acknowledgement:email`],
      ['sms', '09131234567', `complaint:${id}:acknowledgement:sms`],
    ]);
    expect(mails[0]?.body_text).toContain('http://127.0.0.1:9/complaints/status');
    expect((await complaint(id)).acknowledged_at).toEqual(tehran('2026-06-03', '14:10'));
    const acknowledged = await stages(world.app, id, 'acknowledged');
    expect(acknowledged).toHaveLength(1);
    expect(acknowledged[0]).toMatchObject({ data: { channels: ['email', 'sms'], trackingCode } });
    expect(await auditEvents(world.app, 'complaint', id, 'complaint.acknowledged')).toHaveLength(1);
  });

  it('R-CMP-04 R-CMP-14 complaint.record-stage records the review and updates the complaint, once', async () => {
    const { id } = await webComplaint(world);
    const membership = await world.unitId('membership');
    const named = await world.staffId('membership.staff');
    const headers = { stage: 'reviewed', fields: 'severity,concernedUnitId,namedStaffIds,kind,reviewNote' };
    const variables = {
      complaintId: id,
      severity: 'major',
      concernedUnitId: String(membership),
      namedStaffIds: [named],
      kind: 'complaint',
      reviewNote: 'مدارک پیوست کامل است.',
      unrelated: 'not copied',
    };
    const job = jobFor(recordStageWorker, variables, { headers, elementId: 'Task_RecordReview' });
    expect(await runJob(recordStageWorker, job, world.services)).toEqual({});
    await runJob(recordStageWorker, job, world.services);

    expect(await complaint(id)).toMatchObject({
      severity: 'major',
      concerned_unit_id: membership,
      status: 'under_review',
    });
    expect(await world.app('complaint_named_staff').where({ complaint_id: id }).pluck('staff_id')).toEqual([
      named,
    ]);
    const reviewed = await stages(world.app, id, 'reviewed');
    expect(reviewed).toHaveLength(1);
    expect(reviewed[0]).toMatchObject({
      element_id: 'Task_RecordReview',
      data: {
        severity: 'major',
        concernedUnitId: membership,
        namedStaffIds: [named],
        kind: 'complaint',
        reviewNote: 'مدارک پیوست کامل است.',
      },
    });
    const [event] = await auditEvents(world.app, 'complaint', id, 'complaint.reviewed');
    expect(event?.before).toMatchObject({ severity: null, concernedUnitId: null, namedStaffIds: [] });
    expect(event?.after).toMatchObject({
      complaint: { severity: 'major', concernedUnitId: membership, namedStaffIds: [named] },
    });
  });

  it('R-CMP-14 complaint.record-stage names a bad variable and an unknown stage header', async () => {
    const { id } = await webComplaint(world);
    const review = jobFor(
      recordStageWorker,
      { complaintId: id, severity: 'huge' },
      { headers: { stage: 'reviewed', fields: 'severity,concernedUnitId' } },
    );
    await expect(runJob(recordStageWorker, review, world.services)).rejects.toThrow(
      /severity: must be critical, major or minor/,
    );
    const unknown = jobFor(
      recordStageWorker,
      { complaintId: id },
      { headers: { stage: 'approved', fields: '' } },
    );
    await expect(runJob(recordStageWorker, unknown, world.services)).rejects.toThrow(
      /header stage must be one of/,
    );
    const missingUnit = jobFor(
      recordStageWorker,
      { complaintId: id, severity: 'minor', concernedUnitId: 99999 },
      { headers: { stage: 'reviewed', fields: 'severity,concernedUnitId' } },
    );
    await expect(runJob(recordStageWorker, missingUnit, world.services)).rejects.toThrow(
      /concernedUnitId: refers to units 99999/,
    );
    expect(await stages(world.app, id, 'reviewed')).toHaveLength(0);
  });

  it('R-ISO-02 a minor complaint: response in 5 working days across the holiday weekend, reminder the working day before', async () => {
    world.setNow(tehran('2026-06-03', '15:00'));
    const { id } = await webComplaint(world, { receivedAt: RECEIVED });
    const { output } = await run(
      classifyDeadlinesWorker,
      { complaintId: id, severity: 'minor' },
      world.services,
    );
    expect(output).toEqual({
      // Saturday, Sunday, Monday, Tuesday, Wednesday (10 June) at closing.
      responseDueAt: '2026-06-10T16:00:00+03:30',
      resolutionDueAt: '2026-07-03T14:00:00+03:30',
      reminderAt: '2026-06-09T16:00:00+03:30',
    });
    expect(await complaint(id)).toMatchObject({
      severity: 'minor',
      response_due_at: tehran('2026-06-10', '16:00'),
      resolution_due_at: tehran('2026-07-03', '14:00'),
    });
    expect(await outbox(world.app, { entity_id: id, template: 'staff-notice' })).toHaveLength(0);
  });

  it('R-ISO-02 a major complaint: 48 working hours (a half-day Thursday included) and 30 days', async () => {
    const { id } = await webComplaint(world, { receivedAt: RECEIVED });
    const { output } = await run(
      classifyDeadlinesWorker,
      { complaintId: id, severity: 'major' },
      world.services,
    );
    expect(output).toEqual({
      responseDueAt: '2026-06-13T10:00:00+03:30',
      resolutionDueAt: '2026-07-03T14:00:00+03:30',
      reminderAt: '2026-06-10T14:00:00+03:30',
    });
  });

  it('R-ISO-02 a critical complaint: 24 working hours and 7 days, and the Secretary General is told at once, once', async () => {
    world.setNow(tehran('2026-06-03', '15:00'));
    const { id, trackingCode } = await webComplaint(world, { receivedAt: RECEIVED });
    const job = jobFor(classifyDeadlinesWorker, { complaintId: id, severity: 'critical' });
    const first = await runJob(classifyDeadlinesWorker, job, world.services);
    expect(first).toEqual({
      // Wednesday 14–16 (2 h), Saturday and Sunday (16 h), Monday 08–14 (6 h).
      responseDueAt: '2026-06-08T14:00:00+03:30',
      resolutionDueAt: '2026-06-10T14:00:00+03:30',
      reminderAt: '2026-06-07T14:00:00+03:30',
    });
    world.setNow(tehran('2026-06-03', '15:30'));
    expect(await runJob(classifyDeadlinesWorker, job, world.services)).toEqual(first);
    const mails = await outbox(world.app, { entity_id: id, template: 'staff-notice' });
    expect(mails.map((m) => [m.recipient, m.dedupe_key])).toEqual([
      ['sg@eccim.example', `complaint:${id}:critical:sg`],
    ]);
    expect(mails[0]?.subject).toContain('بحرانی');
    expect(mails[0]?.subject).toContain(trackingCode);
    const classified = await stages(world.app, id, 'classified');
    expect(classified).toHaveLength(1);
    expect(classified[0]?.data).toMatchObject({ severity: 'critical', secretaryGeneralNotified: ['sg'] });
  });

  it('R-ISO-02 the reminder is never set before now', async () => {
    world.setNow(tehran('2026-06-08', '09:00'));
    const { id } = await webComplaint(world, { receivedAt: RECEIVED });
    const { output } = await run(
      classifyDeadlinesWorker,
      { complaintId: id, severity: 'critical' },
      world.services,
    );
    expect(output).toMatchObject({
      responseDueAt: '2026-06-08T14:00:00+03:30',
      reminderAt: '2026-06-08T09:00:00+03:30',
    });
  });

  it('R-CMP-04 complaint.forward-to-secretary-general puts the case with the SG and tells them, once', async () => {
    world.setNow(tehran('2026-06-03', '16:00'));
    const { id } = await webComplaint(world);
    await run(registerWorker, { complaintId: id }, world.services, {
      processInstanceKey: '2251799813700005',
    });
    const job = jobFor(
      forwardToSecretaryGeneralWorker,
      { complaintId: id },
      { processInstanceKey: '2251799813700005' },
    );
    await runJob(forwardToSecretaryGeneralWorker, job, world.services);
    await runJob(forwardToSecretaryGeneralWorker, job, world.services);
    expect((await complaint(id)).status).toBe('with_secretary_general');
    const mails = await outbox(world.app, { entity_id: id, template: 'staff-notice' });
    expect(mails.map((m) => [m.recipient, m.dedupe_key])).toEqual([
      ['sg@eccim.example', `complaint:${id}:forwarded-to-sg:sg`],
    ]);
    expect(await stages(world.app, id, 'forwarded_to_secretary_general')).toHaveLength(1);
  });

  it('R-X-02 every step left a verifiable audit trail', async () => {
    expect(await verifyAuditTrail(world.app)).toMatchObject({ ok: true });
  });
});
