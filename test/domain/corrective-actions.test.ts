import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditTrail } from '../../src/audit/audit-trail.js';
import { loadWorkingCalendar } from '../../src/calendar/calendar-store.js';
import type { WorkingCalendar } from '../../src/calendar/index.js';
import { DomainInputError } from '../../src/domain/complaints/errors.js';
import {
  openCorrectiveAction,
  type OpenActionInput,
} from '../../src/domain/corrective-actions/open-action.js';
import { recordProgress } from '../../src/domain/corrective-actions/record-progress.js';
import { recordVerification } from '../../src/domain/corrective-actions/record-verification.js';
import { auditEvents, createWorld, tehran, webComplaint, type World } from '../workers/support.js';

let world: World;
let calendar: WorkingCalendar;
let complaintId: number;
beforeAll(async () => {
  world = await createWorld(tehran('2026-06-14', '12:00'));
  calendar = await loadWorkingCalendar(world.app);
  complaintId = (await webComplaint(world)).id;
});
afterAll(() => world.close());

const actor = 'staff:mcc.manager' as const;
const base: OpenActionInput = {
  sourceType: 'complaint',
  complaintId: 0,
  description: 'آموزش کارکنان پیشخوان',
  ownerUsername: 'membership.manager',
  dueOn: '2026-07-01',
  resources: 'دو جلسهٔ آموزشی',
  successIndicator: 'هیچ شکایت تازه‌ای از پیشخوان در سه ماه',
};

const open = (input: Partial<OpenActionInput>, now = tehran('2026-06-14', '12:00')) =>
  world.app.transaction((trx) =>
    openCorrectiveAction(trx, { ...base, complaintId, ...input }, actor, { now }),
  );

async function inputError(p: Promise<unknown>): Promise<DomainInputError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainInputError);
  return error as DomainInputError;
}

describe('corrective actions (SY-PR-05-00-02)', () => {
  it('R-ISO-04 an action records description, owner, deadline, resources, success indicator and status', async () => {
    const action = await open({});
    expect(action).toMatchObject({
      source_type: 'complaint',
      complaint_id: complaintId,
      description_fa: 'آموزش کارکنان پیشخوان',
      owner_staff_id: await world.staffId('membership.manager'),
      owner_unit_id: await world.unitId('membership'),
      due_on: '2026-07-01',
      resources_fa: 'دو جلسهٔ آموزشی',
      success_indicator_fa: 'هیچ شکایت تازه‌ای از پیشخوان در سه ماه',
      status: 'open',
      progress_pct: 0,
      verify_after_days: 30,
      created_by_staff_id: await world.staffId('mcc.manager'),
    });
    const [event] = await auditEvents(world.app, 'corrective-action', action.id);
    expect(event).toMatchObject({
      action: 'corrective-action.opened',
      actor,
      document_code: 'SY-PR-05-00-02',
    });
  });

  it('R-ISO-04 an incomplete definition is refused, naming each field', async () => {
    const error = await inputError(
      open({ description: '', successIndicator: undefined, dueOn: '1405/04/10', verifyAfterDays: 120 }),
    );
    expect(error.issues.map((i) => i.field).sort()).toEqual([
      'description',
      'dueOn',
      'successIndicator',
      'verifyAfterDays',
    ]);
    const source = await inputError(open({ sourceType: 'survey' }));
    expect(source.issues.map((i) => i.field).sort()).toEqual(['complaintId', 'surveyId']);
  });

  it('R-ISO-04 the full life: progress, done, verified ineffective, a further action linked to it, verified effective', async () => {
    const first = await open({});
    const progress = (id: number, pct: number, done: boolean, now: Date, jobKey?: string) =>
      world.app.transaction((trx) =>
        recordProgress(trx, calendar, {
          actionId: id,
          progressPct: pct,
          done,
          actor,
          now,
          ...(jobKey ? { jobKey } : {}),
        }),
      );
    const verify = (id: number, effective: boolean, now: Date) =>
      world.app.transaction((trx) =>
        recordVerification(trx, { actionId: id, effective, note: 'بررسی شد', actor, now }),
      );

    expect((await progress(first.id, 50, false, tehran('2026-06-20', '10:00'), 'k1')).action.status).toBe(
      'in_progress',
    );
    expect((await progress(first.id, 50, false, tehran('2026-06-20', '10:00'), 'k1')).isNew).toBe(false);
    await inputError(verify(first.id, true, tehran('2026-06-21', '10:00')));

    const done = await progress(first.id, 80, true, tehran('2026-06-30', '11:00'));
    expect(done.action).toMatchObject({
      status: 'done',
      progress_pct: 100,
      verification_due_on: '2026-07-30',
    });
    expect(done.verificationDueAt).toEqual(tehran('2026-07-30', '11:00'));

    const ineffective = await verify(first.id, false, tehran('2026-07-30', '12:30'));
    expect(ineffective.action).toMatchObject({ status: 'ineffective', effective: false });
    // Not closed: the record keeps the failed action and a further one is defined after it.
    const further = await open(
      { parentActionId: first.id, description: 'بازطراحی فرایند پیشخوان', dueOn: '2026-09-01' },
      tehran('2026-07-30', '13:00'),
    );
    expect(further).toMatchObject({ parent_action_id: first.id, status: 'open' });
    // Only an ineffective action can be followed up.
    const notIneffective = await inputError(open({ parentActionId: further.id }));
    expect(notIneffective.issues[0]?.field).toBe('parentActionId');

    await progress(further.id, 100, true, tehran('2026-08-25', '09:00'));
    const effective = await verify(further.id, true, tehran('2026-09-24', '09:00'));
    expect(effective.action).toMatchObject({ status: 'effective', effective: true });
    expect((await verify(further.id, false, tehran('2026-09-25', '09:00'))).isNew).toBe(false);
    expect((await world.app('corrective_actions').where({ id: further.id }).first()).status).toBe(
      'effective',
    );
    expect(await verifyAuditTrail(world.app)).toMatchObject({ ok: true });
  });
});
