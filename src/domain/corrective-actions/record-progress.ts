import type { Knex } from 'knex';
import { appendAuditEvent, type Actor, type AuditEventInput } from '../../audit/audit-trail.js';
import type { WorkingCalendar } from '../../calendar/index.js';
import { DomainInputError } from '../complaints/errors.js';
import { appendAuditEventOncePerJob } from '../complaints/job-audit.js';
import { CORRECTIVE_ACTION_PROCEDURE, lockAction, type CorrectiveActionRow } from './action-record.js';
import { dayOf, verificationDueAt } from './schedule.js';

export interface RecordProgressInput {
  readonly actionId: number;
  /** 0–100; a done action is 100. */
  readonly progressPct: number;
  readonly note?: string | null;
  readonly done: boolean;
  readonly actor: Actor;
  readonly now: Date;
  /** Who reported; by default the owner (the progress task is the owner's). */
  readonly staffId?: number | null;
  readonly processInstanceKey?: string | null;
  /** Makes the call idempotent: a second call with the same key changes nothing. */
  readonly jobKey?: string;
}

export interface RecordProgressResult {
  readonly isNew: boolean;
  readonly action: CorrectiveActionRow;
  /** When the action is done: when its effectiveness is checked (R-ISO-04). */
  readonly verificationDueAt?: Date;
}

const ACTION = 'corrective-action.progress-recorded';

/**
 * A progress report of the owner (R-ISO-04 status): kept in `corrective_action_updates`; when done,
 * the action is `done` and its verification is scheduled `verify_after_days` later.
 */
export async function recordProgress(
  trx: Knex.Transaction,
  calendar: WorkingCalendar,
  input: RecordProgressInput,
): Promise<RecordProgressResult> {
  const before = await lockAction(trx, input.actionId);
  const result = (action: CorrectiveActionRow, isNew: boolean): RecordProgressResult => ({
    isNew,
    action,
    ...(action.done_at
      ? { verificationDueAt: verificationDueAt(calendar, action.done_at, action.verify_after_days) }
      : {}),
  });
  if (input.jobKey) {
    const seen = await trx('audit_events')
      .where({ entity_type: 'corrective-action', entity_id: String(before.id), action: ACTION })
      .whereRaw(`after->>'jobKey' = ?`, [input.jobKey])
      .first('seq');
    if (seen) return result(before, false);
  }
  if (!Number.isInteger(input.progressPct) || input.progressPct < 0 || input.progressPct > 100) {
    throw new DomainInputError([{ field: 'progressPct', message: 'must be a whole number from 0 to 100' }]);
  }
  if (!['open', 'in_progress'].includes(before.status)) {
    throw new DomainInputError([
      {
        field: 'correctiveActionId',
        message: `corrective action ${before.id} is ${before.status}: progress is no longer reported`,
      },
    ]);
  }
  const pct = input.done ? 100 : input.progressPct;
  const note = input.note?.trim() || (input.done ? 'اقدام انجام شد.' : `پیشرفت ${pct}٪`);
  await trx('corrective_action_updates').insert({
    action_id: before.id,
    staff_id: input.staffId === undefined ? before.owner_staff_id : input.staffId,
    recorded_at: input.now,
    progress_pct: pct,
    note_fa: note,
  });
  const verifyAt = input.done ? verificationDueAt(calendar, input.now, before.verify_after_days) : undefined;
  const [after] = (await trx('corrective_actions')
    .where({ id: before.id })
    .update({
      progress_pct: pct,
      status: input.done ? 'done' : 'in_progress',
      ...(input.done ? { done_at: input.now, verification_due_on: dayOf(calendar, verifyAt!) } : {}),
    })
    .returning('*')) as CorrectiveActionRow[];
  const event: AuditEventInput & { after: Record<string, unknown> } = {
    actor: input.actor,
    action: ACTION,
    entityType: 'corrective-action',
    entityId: before.id,
    before: { status: before.status, progressPct: before.progress_pct },
    after: {
      status: after!.status,
      progressPct: pct,
      note,
      ...(input.done ? { doneAt: input.now, verificationDueOn: after!.verification_due_on } : {}),
    },
    ...(input.processInstanceKey ? { processInstanceKey: input.processInstanceKey } : {}),
    documentCode: CORRECTIVE_ACTION_PROCEDURE,
  };
  if (input.jobKey) await appendAuditEventOncePerJob(trx, input.jobKey, event);
  else await appendAuditEvent(trx, event);
  return result(after!, true);
}
