import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditTrail } from '../../src/audit/audit-trail.js';
import { escalateWorker } from '../../workers/corrective-actions/escalate.js';
import { openWorker } from '../../workers/corrective-actions/open.js';
import { recordProgressWorker } from '../../workers/corrective-actions/record-progress.js';
import { recordVerificationWorker } from '../../workers/corrective-actions/record-verification.js';
import { remindWorker } from '../../workers/corrective-actions/remind.js';
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

const PROCESS = '2251799813720001';

let world: World;
let complaintId: number;
let firstActionId: number;
beforeAll(async () => {
  world = await createWorld(tehran('2026-06-14', '12:00'));
  complaintId = (await webComplaint(world)).id;
});
afterAll(() => world.close());

interface ActionView {
  id: number;
  status: string;
  progress_pct: number;
  done_at: Date | null;
  verify_after_days: number;
  verification_due_on: string | null;
  effective: boolean | null;
  verified_at: Date | null;
  parent_action_id: number | null;
  process_instance_key: string | null;
  owner_staff_id: number;
  owner_unit_id: number | null;
  due_on: string;
}
const action = async (id: number) =>
  (await world.app('corrective_actions').where({ id }).first()) as ActionView;

const definition = {
  sourceType: 'complaint',
  description: 'تعیین جانشین برای کارشناس صدور کارت',
  ownerUsername: 'membership.manager',
  dueOn: '2026-07-15',
  resources: 'یک کارشناس',
  successIndicator: 'زمان صدور کارت کمتر از ۵ روز کاری',
  verifyAfterDays: 60,
  action: { description: 'تعیین جانشین' },
};

describe('corrective-action workers (SY-PR-05-00-02)', () => {
  it('R-CMP-11 R-ISO-04 corrective-action.open opens the action of a complaint, records it on the form and tells the owner, once', async () => {
    const job = jobFor(openWorker, { ...definition, complaintId }, { processInstanceKey: PROCESS });
    const first = await runJob(openWorker, job, world.services);
    expect(await runJob(openWorker, job, world.services)).toEqual(first);
    expect(first).toEqual({
      correctiveActionId: expect.any(Number),
      dueAt: '2026-07-15T16:00:00+03:30',
      reminderAt: '2026-07-14T16:00:00+03:30',
    });
    firstActionId = first.correctiveActionId as number;
    expect(await action(firstActionId)).toMatchObject({
      status: 'open',
      owner_staff_id: await world.staffId('membership.manager'),
      owner_unit_id: await world.unitId('membership'),
      due_on: '2026-07-15',
      verify_after_days: 60,
      parent_action_id: null,
      process_instance_key: PROCESS,
    });
    expect(await world.app('corrective_actions').where({ complaint_id: complaintId })).toHaveLength(1);
    const defined = await stages(world.app, complaintId, 'corrective_action_defined');
    expect(defined).toHaveLength(1);
    expect(defined[0]?.data).toMatchObject({
      correctiveActionId: firstActionId,
      ownerUsername: 'membership.manager',
    });
    const [opened] = await auditEvents(
      world.app,
      'corrective-action',
      firstActionId,
      'corrective-action.opened',
    );
    expect(opened).toMatchObject({ document_code: 'SY-PR-05-00-02', process_instance_key: PROCESS });
    const mails = await outbox(world.app, { entity_type: 'corrective-action', entity_id: firstActionId });
    expect(mails.map((m) => [m.template, m.recipient, m.dedupe_key])).toEqual([
      [
        'staff-notice',
        'membership.manager@eccim.example',
        `corrective-action:${firstActionId}:opened:membership.manager`,
      ],
    ]);
  });

  it('R-ISO-04 an action is defined completely: the owner must exist and the due date must not have passed', async () => {
    await expect(
      run(openWorker, { ...definition, complaintId, ownerUsername: 'nobody' }, world.services, {
        processInstanceKey: '2251799813720099',
      }),
    ).rejects.toThrow(/ownerUsername: no member of staff is called nobody/);
    await expect(
      run(openWorker, { ...definition, complaintId, dueOn: '2026-06-01' }, world.services, {
        processInstanceKey: '2251799813720099',
      }),
    ).rejects.toThrow(/dueOn: must not be before today/);
  });

  it('R-ISO-04 the owner is reminded before the due date and the overdue action is escalated, once each', async () => {
    world.setNow(tehran('2026-07-14', '16:00'));
    const remind = jobFor(
      remindWorker,
      { correctiveActionId: firstActionId },
      { processInstanceKey: PROCESS },
    );
    await runJob(remindWorker, remind, world.services);
    await runJob(remindWorker, remind, world.services);
    world.setNow(tehran('2026-07-15', '16:00'));
    const escalate = jobFor(
      escalateWorker,
      { correctiveActionId: firstActionId },
      { processInstanceKey: PROCESS },
    );
    await runJob(escalateWorker, escalate, world.services);
    await runJob(escalateWorker, escalate, world.services);
    const mails = await outbox(world.app, { entity_type: 'corrective-action', entity_id: firstActionId });
    expect(mails.map((m) => [m.template, m.channel, m.recipient])).toEqual([
      ['staff-notice', 'email', 'membership.manager@eccim.example'],
      ['deadline-reminder', 'email', 'membership.manager@eccim.example'],
      ['deadline-reminder', 'sms', expect.stringMatching(/^09\d{9}$/)],
      ['deadline-escalation', 'email', 'mcc.manager@eccim.example'],
      ['deadline-escalation', 'email', 'sg@eccim.example'],
      ['deadline-reminder', 'email', 'membership.manager@eccim.example'],
    ]);
    expect(
      await auditEvents(world.app, 'corrective-action', firstActionId, 'corrective-action.reminded'),
    ).toHaveLength(1);
    expect(
      await auditEvents(world.app, 'corrective-action', firstActionId, 'corrective-action.escalated'),
    ).toHaveLength(1);
  });

  it('R-ISO-04 progress is recorded; when done, effectiveness is checked verifyAfterDays later in office hours', async () => {
    world.setNow(tehran('2026-06-20', '10:00'));
    const progress = jobFor(recordProgressWorker, {
      correctiveActionId: firstActionId,
      progressPct: 40,
      progressNote: 'کارشناس جانشین انتخاب شد.',
      done: false,
    });
    expect(await runJob(recordProgressWorker, progress, world.services)).toEqual({});
    await runJob(recordProgressWorker, progress, world.services);
    expect(await action(firstActionId)).toMatchObject({
      status: 'in_progress',
      progress_pct: 40,
      done_at: null,
    });

    world.setNow(tehran('2026-07-08', '17:00'));
    const done = jobFor(recordProgressWorker, {
      correctiveActionId: firstActionId,
      progressPct: 90,
      done: true,
    });
    const output = await runJob(recordProgressWorker, done, world.services);
    // 60 days later is Sunday 6 Sep at 17:00, after closing: the check is due at Monday's opening.
    expect(output).toEqual({ verificationDueAt: '2026-09-07T08:00:00+03:30' });
    expect(await runJob(recordProgressWorker, done, world.services)).toEqual(output);
    expect(await action(firstActionId)).toMatchObject({
      status: 'done',
      progress_pct: 100,
      done_at: tehran('2026-07-08', '17:00'),
      verification_due_on: '2026-09-07',
    });
    const updates = (await world
      .app('corrective_action_updates')
      .where({ action_id: firstActionId })
      .orderBy('id')) as {
      progress_pct: number;
      note_fa: string;
      staff_id: number;
    }[];
    expect(updates.map((u) => [u.progress_pct, u.note_fa])).toEqual([
      [40, 'کارشناس جانشین انتخاب شد.'],
      [100, 'اقدام انجام شد.'],
    ]);
    expect(updates[0]?.staff_id).toBe(await world.staffId('membership.manager'));
  });

  it('R-ISO-04 an ineffective action stays on record as ineffective and a further action is linked to it; closed only when verified effective', async () => {
    world.setNow(tehran('2026-09-07', '09:00'));
    const verify = jobFor(recordVerificationWorker, {
      correctiveActionId: firstActionId,
      effective: false,
      verificationNote: 'زمان صدور هنوز ۸ روز است.',
    });
    await runJob(recordVerificationWorker, verify, world.services);
    await runJob(recordVerificationWorker, verify, world.services);
    expect(await action(firstActionId)).toMatchObject({
      status: 'ineffective',
      effective: false,
      verified_at: tehran('2026-09-07', '09:00'),
    });
    expect(
      await auditEvents(world.app, 'corrective-action', firstActionId, 'corrective-action.verified'),
    ).toHaveLength(1);

    // The process loops back to Task_DefineAction and opens a further action in the same instance
    // (its variable correctiveActionId still names the ineffective one, as does parentActionId).
    const further = jobFor(
      openWorker,
      {
        ...definition,
        complaintId,
        correctiveActionId: firstActionId,
        parentActionId: firstActionId,
        description: 'خودکارسازی گردش کار صدور کارت',
        dueOn: '2026-10-31',
        verifyAfterDays: 30,
      },
      { processInstanceKey: PROCESS },
    );
    const opened = await runJob(openWorker, further, world.services);
    expect(await runJob(openWorker, further, world.services)).toEqual(opened);
    const furtherId = opened.correctiveActionId as number;
    // A parent that is not the instance's ineffective action points at a modelling error.
    await expect(
      run(openWorker, { ...definition, complaintId, parentActionId: firstActionId }, world.services, {
        processInstanceKey: '2251799813720003',
      }),
    ).rejects.toThrow(/parentActionId: \d+ is not the ineffective action of this process instance/);
    expect(furtherId).not.toBe(firstActionId);
    expect(await action(furtherId)).toMatchObject({
      status: 'open',
      parent_action_id: firstActionId,
      process_instance_key: null,
      verify_after_days: 30,
    });
    expect(
      (await stages(world.app, complaintId, 'corrective_action_defined')).map((s) => s.data.parentActionId),
    ).toEqual([null, firstActionId]);

    await expect(
      run(recordVerificationWorker, { correctiveActionId: furtherId, effective: true }, world.services),
    ).rejects.toThrow(/only a done action can be verified/);
    world.setNow(tehran('2026-10-20', '10:00'));
    const { output } = await run(
      recordProgressWorker,
      { correctiveActionId: furtherId, progressPct: 100, done: true },
      world.services,
    );
    expect(output).toEqual({ verificationDueAt: '2026-11-19T10:00:00+03:30' });
    world.setNow(tehran('2026-11-19', '10:30'));
    await run(
      recordVerificationWorker,
      { correctiveActionId: furtherId, effective: 'true', verificationNote: '' },
      world.services,
    );
    expect(await action(furtherId)).toMatchObject({ status: 'effective', effective: true });
    await expect(
      run(
        recordProgressWorker,
        { correctiveActionId: furtherId, progressPct: 10, done: false },
        world.services,
      ),
    ).rejects.toThrow(/is effective: progress is no longer reported/);
  });

  it('R-ISO-04 an action from a management review takes the verification interval from the settings', async () => {
    world.setNow(tehran('2026-06-14', '12:00'));
    const { output } = await run(
      openWorker,
      {
        sourceType: 'management_review',
        description: 'بازنگری فرم ثبت شکایت',
        ownerUsername: 'strategy.manager',
        dueOn: '2026-08-01',
        successIndicator: 'فرم جدید ابلاغ شود',
        // A stray variable from a calling process does not make the new action a follow-up.
        correctiveActionId: firstActionId,
      },
      world.services,
      { processInstanceKey: '2251799813720002' },
    );
    expect(await action(output.correctiveActionId as number)).toMatchObject({
      verify_after_days: 30,
      parent_action_id: null,
      process_instance_key: '2251799813720002',
    });
    expect(await verifyAuditTrail(world.app)).toMatchObject({ ok: true });
  });
});
