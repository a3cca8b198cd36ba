import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditTrail } from '../../src/audit/audit-trail.js';
import { checkHandlerIndependenceWorker } from '../../workers/complaints/check-handler-independence.js';
import { classifyDeadlinesWorker } from '../../workers/complaints/classify-deadlines.js';
import { closeWorker } from '../../workers/complaints/close.js';
import { conveneCommitteeWorker } from '../../workers/complaints/convene-committee.js';
import { notifyResultWorker } from '../../workers/complaints/notify-result.js';
import { recordCommitteeDecisionWorker } from '../../workers/complaints/record-committee-decision.js';
import { recordRootCauseWorker } from '../../workers/complaints/record-root-cause.js';
import { recordSatisfactionWorker } from '../../workers/complaints/record-satisfaction.js';
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

const RECEIVED = tehran('2026-06-03', '14:00');
const PROCESS = '2251799813710001';

let world: World;
let complaintId: number;
beforeAll(async () => {
  world = await createWorld(RECEIVED);
  const { id } = await webComplaint(world, { receivedAt: RECEIVED });
  complaintId = id;
  const on = { processInstanceKey: PROCESS };
  await run(registerWorker, { complaintId }, world.services, on);
  await run(
    recordStageWorker,
    { complaintId, severity: 'major', concernedUnitId: await world.unitId('membership'), namedStaffIds: [] },
    world.services,
    { ...on, headers: { stage: 'reviewed', fields: 'severity,concernedUnitId,namedStaffIds' } },
  );
  await run(classifyDeadlinesWorker, { complaintId, severity: 'major' }, world.services, on);
  await run(
    checkHandlerIndependenceWorker,
    { complaintId, handlerUsername: 'legal.manager' },
    world.services,
    on,
  );
});
afterAll(() => world.close());

const complaint = async () =>
  (await world.app('complaints').where({ id: complaintId }).first()) as Record<string, unknown>;

describe('complaint decision, committee, result and closing workers', () => {
  it('R-CMP-06 R-CMP-15 the investigation report is recorded and counts as the first response', async () => {
    world.setNow(tehran('2026-06-08', '11:00'));
    const fields = 'circumstances,causes,consequences,actionsTaken,evidence';
    const variables = {
      complaintId,
      circumstances: 'درخواست در صف بررسی مانده بود.',
      causes: 'کمبود کارشناس در واحد عضویت.',
      consequences: 'تأخیر در صادرات عضو.',
      actionsTaken: 'درخواست خارج از نوبت بررسی شد.',
      evidence: ['نامهٔ شمارهٔ ۱۲۳'],
    };
    const job = jobFor(recordStageWorker, variables, {
      processInstanceKey: PROCESS,
      headers: { stage: 'investigated', fields },
    });
    await runJob(recordStageWorker, job, world.services);
    await runJob(recordStageWorker, job, world.services);
    expect(await complaint()).toMatchObject({
      status: 'awaiting_decision',
      first_response_at: tehran('2026-06-08', '11:00'),
    });
    const [investigated, ...more] = await stages(world.app, complaintId, 'investigated');
    expect(more).toHaveLength(0);
    expect(investigated?.data).toEqual({
      circumstances: variables.circumstances,
      causes: variables.causes,
      consequences: variables.consequences,
      actionsTaken: variables.actionsTaken,
      evidence: ['نامهٔ شمارهٔ ۱۲۳'],
    });
  });

  it('R-ISO-03 the root-cause analysis of a major complaint is recorded by method and category', async () => {
    const job = jobFor(recordRootCauseWorker, {
      complaintId,
      rootCauseMethod: 'five_why',
      rootCauseCategory: 'staffing',
      rootCause: 'نبود جانشین برای کارشناس صدور کارت',
      analysis: 'چرا ۱: ... چرا ۵: نبود برنامهٔ جانشین‌پروری',
    });
    await runJob(recordRootCauseWorker, job, world.services);
    await runJob(recordRootCauseWorker, job, world.services);
    const rows = await world.app('complaint_root_causes').where({ complaint_id: complaintId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      method: 'five_why',
      category: 'staffing',
      root_cause_fa: 'نبود جانشین برای کارشناس صدور کارت',
      analysis: { text: 'چرا ۱: ... چرا ۵: نبود برنامهٔ جانشین‌پروری' },
      recorded_by_staff_id: await world.staffId('legal.manager'),
    });
    expect(await stages(world.app, complaintId, 'root_cause_analysed')).toHaveLength(1);
  });

  it('R-CMP-07 R-CMP-08 the SG accepts the complaint and convenes the committee', async () => {
    const extras = [await world.staffId('legal.manager'), await world.staffId('mcc.manager')];
    await run(
      recordStageWorker,
      {
        complaintId,
        decision: 'accepted',
        conveneCommittee: true,
        committeeExtraStaffIds: extras,
        decisionNote: '',
      },
      world.services,
      {
        headers: {
          stage: 'decided',
          fields: 'decision,conveneCommittee,committeeExtraStaffIds,decisionNote',
        },
      },
    );
    expect(await complaint()).toMatchObject({ decision: 'accepted', status: 'in_committee' });
    const [decided] = await stages(world.app, complaintId, 'decided');
    expect(decided?.data).toEqual({
      decision: 'accepted',
      conveneCommittee: true,
      committeeExtraStaffIds: extras,
      decisionNote: null,
    });
  });

  it('R-CMP-09 the committee: fixed members, the manager of the unit concerned and the SG’s extras, each once, invited with an .ics', async () => {
    world.setNow(tehran('2026-06-09', '09:00'));
    const variables = {
      complaintId,
      committeeAt: '2026-06-14T10:00:00+03:30',
      committeeLocation: 'سالن جلسات طبقهٔ دوم',
      committeeAgenda: '۱. گزارش مسئول رسیدگی\n۲. تصمیم دربارهٔ شکایت\n\n- تعریف اقدامات اصلاحی',
      committeeExtraStaffIds: [await world.staffId('legal.manager'), await world.staffId('mcc.manager')],
    };
    const job = jobFor(conveneCommitteeWorker, variables, { processInstanceKey: PROCESS });
    const first = await runJob(conveneCommitteeWorker, job, world.services);
    expect(await runJob(conveneCommitteeWorker, job, world.services)).toEqual(first);
    expect(first).toEqual({
      committeeMeetingId: expect.any(Number),
      committeeMemberUsernames: [
        'sg',
        'mcc.manager',
        'strategy.manager',
        'admin.assistant',
        'membership.manager',
        'legal.manager',
      ],
    });
    const meetingId = first.committeeMeetingId as number;
    const meeting = await world.app('committee_meetings').where({ id: meetingId }).first();
    expect(meeting).toMatchObject({
      complaint_id: complaintId,
      status: 'planned',
      scheduled_at: tehran('2026-06-14', '10:00'),
    });
    const members = (await world
      .app('committee_members')
      .join('staff', 'staff.id', 'committee_members.staff_id')
      .where({ committee_meeting_id: meetingId })
      .select('staff.username', 'committee_members.membership')) as {
      username: string;
      membership: string;
    }[];
    expect(Object.fromEntries(members.map((m) => [m.username, m.membership]))).toEqual({
      sg: 'fixed',
      'mcc.manager': 'fixed',
      'strategy.manager': 'fixed',
      'admin.assistant': 'fixed',
      'membership.manager': 'unit_concerned',
      'legal.manager': 'invited',
    });
    const invitations = await outbox(world.app, { template: 'committee-invitation', entity_id: complaintId });
    expect(invitations).toHaveLength(6);
    expect(invitations.map((m) => m.dedupe_key)).toContain(
      `committee-meeting:${meetingId}:invitation:membership.manager`,
    );
    const ics = Buffer.from(invitations[0]!.attachments[0]!.content, 'base64').toString('utf8');
    expect(invitations[0]?.attachments[0]?.filename).toBe('invite.ics');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`UID:committee-meeting-${meetingId}@eccim.ir`);
    expect(ics).toContain('DTSTART:20260614T063000Z');
    expect(ics).toContain('DTEND:20260614T083000Z');
    const [convened] = await stages(world.app, complaintId, 'committee_convened');
    expect(convened?.data).toMatchObject({
      agenda: ['گزارش مسئول رسیدگی', 'تصمیم دربارهٔ شکایت', 'تعریف اقدامات اصلاحی'],
    });
  });

  it('R-CMP-10 the committee’s decision and its corrective actions are recorded', async () => {
    world.setNow(tehran('2026-06-14', '12:00'));
    const [meeting] = (await world.app('committee_meetings').where({ complaint_id: complaintId })) as {
      id: number;
    }[];
    const correctiveActions = [
      {
        description: 'تعیین جانشین برای کارشناس صدور کارت',
        ownerUsername: 'membership.manager',
        dueOn: '2026-07-15',
        resources: 'یک کارشناس',
        successIndicator: 'زمان صدور کارت کمتر از ۵ روز کاری',
      },
    ];
    const job = jobFor(recordCommitteeDecisionWorker, {
      complaintId,
      committeeMeetingId: meeting!.id,
      committeeDecision: 'settled',
      committeeNote: 'عضو و واحد به توافق رسیدند.',
      correctiveActions,
    });
    await runJob(recordCommitteeDecisionWorker, job, world.services);
    await runJob(recordCommitteeDecisionWorker, job, world.services);
    expect(await world.app('committee_meetings').where({ id: meeting!.id }).first()).toMatchObject({
      status: 'held',
      decision: 'settled',
      decision_notes_fa: 'عضو و واحد به توافق رسیدند.',
      decided_at: tehran('2026-06-14', '12:00'),
    });
    const decided = await stages(world.app, complaintId, 'committee_decided');
    expect(decided).toHaveLength(1);
    expect(decided[0]?.data).toMatchObject({ committeeDecision: 'settled', correctiveActions });
    expect(await complaint()).toMatchObject({ status: 'communicating_result' });
  });

  it('R-CMP-12 R-ISO-05 the member gets the result and a personal satisfaction link whose token is stored hashed', async () => {
    world.setNow(tehran('2026-06-15', '10:00'));
    const job = jobFor(notifyResultWorker, {
      complaintId,
      finalResult: 'settled',
      resultText: 'با توافق شما و واحد امور عضویت، کارت شما در اولویت صادر شد.',
    });
    expect(await runJob(notifyResultWorker, job, world.services)).toEqual({ feedbackRequested: true });
    expect(await runJob(notifyResultWorker, job, world.services)).toEqual({ feedbackRequested: true });

    const mails = await outbox(world.app, { template: 'complaint-result', entity_id: complaintId });
    expect(mails.map((m) => [m.channel, m.recipient, m.dedupe_key])).toEqual([
      ['email', 'sara.mohammadi@example.ir', `complaint:${complaintId}:result:email`],
      ['sms', '09131234567', `complaint:${complaintId}:result:sms`],
    ]);
    const link = /http:\/\/127\.0\.0\.1:9\/feedback\/([A-Za-z0-9_-]{43})/.exec(mails[0]!.body_text);
    expect(link).not.toBeNull();
    const token = link![1]!;
    expect(mails[1]?.body_text).toContain(token);
    expect(mails[0]?.body_text).toContain('تعیین جانشین برای کارشناس صدور کارت');
    const feedback = (await world.app('complaint_feedback').where({ complaint_id: complaintId })) as {
      token_hash: string;
      requested_at: Date;
      expires_at: Date;
    }[];
    expect(feedback).toHaveLength(1);
    expect(feedback[0]?.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(feedback[0]?.expires_at).toEqual(tehran('2026-06-29', '10:00'));
    // The token itself is nowhere in the database: not in stages, not in the audit trail.
    const stored = JSON.stringify([
      await stages(world.app, complaintId),
      await auditEvents(world.app, 'complaint', complaintId),
    ]);
    expect(stored).not.toContain(token);
    expect(await complaint()).toMatchObject({
      final_result: 'settled',
      result_communicated_at: tehran('2026-06-15', '10:00'),
    });
    expect(await stages(world.app, complaintId, 'result_communicated')).toHaveLength(1);
    expect(await stages(world.app, complaintId, 'satisfaction_requested')).toHaveLength(1);
  });

  it('R-ISO-05 the member’s satisfaction is recorded', async () => {
    world.setNow(tehran('2026-06-16', '18:30'));
    const job = jobFor(recordSatisfactionWorker, {
      complaintId,
      satisfaction: '4',
      satisfactionComment: 'سپاس از پیگیری',
    });
    await runJob(recordSatisfactionWorker, job, world.services);
    await runJob(recordSatisfactionWorker, job, world.services);
    expect(await world.app('complaint_feedback').where({ complaint_id: complaintId }).first()).toMatchObject({
      satisfaction: 4,
      comment_fa: 'سپاس از پیگیری',
      responded_at: tehran('2026-06-16', '18:30'),
    });
    const recorded = await stages(world.app, complaintId, 'satisfaction_recorded');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.data).toEqual({
      responded: true,
      satisfaction: 4,
      satisfactionComment: 'سپاس از پیگیری',
    });
  });

  it('R-ISO-05 no answer in the waiting time is recorded as such', async () => {
    const { id } = await webComplaint(world);
    await run(
      notifyResultWorker,
      { complaintId: id, finalResult: 'rejected', resultText: 'شکایت وارد نبود.' },
      world.services,
    );
    await run(recordSatisfactionWorker, { complaintId: id }, world.services);
    expect(await world.app('complaint_feedback').where({ complaint_id: id }).first()).toMatchObject({
      satisfaction: null,
      responded_at: null,
    });
    const [recorded] = await stages(world.app, id, 'satisfaction_recorded');
    expect(recorded?.data).toEqual({ responded: false, satisfaction: null, satisfactionComment: null });
  });

  it('R-CMP-14 the case is closed and its form holds every stage from receipt to result', async () => {
    world.setNow(tehran('2026-06-17', '08:00'));
    const job = jobFor(closeWorker, { complaintId, finalResult: 'settled' });
    await runJob(closeWorker, job, world.services);
    await runJob(closeWorker, job, world.services);
    expect(await complaint()).toMatchObject({
      status: 'closed',
      closed_at: tehran('2026-06-17', '08:00'),
      final_result: 'settled',
    });
    expect((await stages(world.app, complaintId)).map((s) => s.stage)).toEqual([
      'registered',
      'reviewed',
      'classified',
      'handler_assigned',
      'investigated',
      'root_cause_analysed',
      'decided',
      'committee_convened',
      'committee_decided',
      'result_communicated',
      'satisfaction_requested',
      'satisfaction_recorded',
      'closed',
    ]);
    const events = await auditEvents(world.app, 'complaint', complaintId);
    expect(events.every((e) => e.document_code === 'ME-FR-01-01-01')).toBe(true);
    expect(events.filter((e) => e.process_instance_key === PROCESS).length).toBeGreaterThan(3);
    expect(await verifyAuditTrail(world.app)).toMatchObject({ ok: true });
  });
});
