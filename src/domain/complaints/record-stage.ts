import type { Knex } from 'knex';
import { appendAuditEvent, type Actor } from '../../audit/audit-trail.js';
import { COMPLAINT_FORM } from './complaint-record.js';

/** The values of `complaint_stages.stage`: the steps form ME-FR-01-01-01 records (R-CMP-14). */
export const COMPLAINT_STAGES = [
  'registered',
  'acknowledged',
  'classified',
  'reviewed',
  'forwarded_to_secretary_general',
  'handler_assigned',
  'handler_refused_as_stakeholder',
  'investigated',
  'root_cause_analysed',
  'decided',
  'committee_decision',
  'committee_convened',
  'committee_decided',
  'corrective_action_defined',
  'result_communicated',
  'satisfaction_requested',
  'satisfaction_recorded',
  'reminder_sent',
  'escalated',
  'closed',
  'note',
] as const;

export type ComplaintStage = (typeof COMPLAINT_STAGES)[number];

export function isComplaintStage(value: string): value is ComplaintStage {
  return (COMPLAINT_STAGES as readonly string[]).includes(value);
}

export interface RecordStageInput {
  readonly complaintId: number;
  readonly stage: ComplaintStage;
  /** Who took the step; kept as the stage's actor label and the audit event's actor. */
  readonly actor: Actor;
  /** The staff member who took the step; looked up from a `staff:<username>` actor when absent. */
  readonly actorStaffId?: number | null;
  readonly summaryFa?: string | null;
  /** What the step decided or found (a JSON object). */
  readonly data?: Record<string, unknown>;
  readonly processInstanceKey?: string | null;
  readonly elementId?: string | null;
  /**
   * Unique per complaint: a second record with the same key is ignored (jobs are delivered at
   * least once). Workers use `job:<jobKey>`; the registration uses `registered`.
   */
  readonly idempotencyKey: string;
  readonly occurredAt?: Date;
  /** The business change the step made, for the audit event; by default the event holds the stage. */
  readonly audit?: { readonly action?: string; readonly before?: unknown; readonly after?: unknown };
}

export interface RecordStageResult {
  /** False when a stage with this idempotency key was already recorded: nothing was written. */
  readonly isNew: boolean;
  readonly id: number;
}

/** One row of `complaint_stages`. */
export interface StageRow {
  id: number;
  complaint_id: number;
  stage: ComplaintStage;
  actor_staff_id: number | null;
  actor_label: string | null;
  occurred_at: Date;
  summary_fa: string | null;
  data: Record<string, unknown>;
  process_instance_key: string | null;
  element_id: string | null;
  idempotency_key: string | null;
}

async function staffIdOf(trx: Knex.Transaction, actor: Actor): Promise<number | null> {
  if (!actor.startsWith('staff:')) return null;
  const row = (await trx('staff')
    .where({ username: actor.slice('staff:'.length) })
    .first('id')) as { id: number } | undefined;
  return row?.id ?? null;
}

/** The stage recorded with this idempotency key, if any. */
export async function findStage(
  trx: Knex | Knex.Transaction,
  complaintId: number,
  idempotencyKey: string,
): Promise<StageRow | undefined> {
  return (await trx('complaint_stages')
    .where({ complaint_id: complaintId, idempotency_key: idempotencyKey })
    .first()) as StageRow | undefined;
}

/** The stages of a complaint in the order they happened: the running record of the form. */
export async function listStages(trx: Knex | Knex.Transaction, complaintId: number): Promise<StageRow[]> {
  return (await trx('complaint_stages')
    .where({ complaint_id: complaintId })
    .orderBy([{ column: 'occurred_at' }, { column: 'id' }])) as StageRow[];
}

/**
 * Records one step of a complaint on its form (R-CMP-14) and, only when the step is new, an audit
 * event with the form's document code (R-X-02), both in `trx`. Recording the same idempotency key
 * again changes nothing.
 */
export async function recordStage(
  trx: Knex.Transaction,
  input: RecordStageInput,
): Promise<RecordStageResult> {
  const actorStaffId =
    input.actorStaffId === undefined ? await staffIdOf(trx, input.actor) : input.actorStaffId;
  const data = input.data ?? {};
  const inserted = (await trx('complaint_stages')
    .insert({
      complaint_id: input.complaintId,
      stage: input.stage,
      actor_staff_id: actorStaffId,
      actor_label: input.actor,
      ...(input.occurredAt ? { occurred_at: input.occurredAt } : {}),
      summary_fa: input.summaryFa ?? null,
      data: JSON.stringify(data),
      process_instance_key: input.processInstanceKey ?? null,
      element_id: input.elementId ?? null,
      idempotency_key: input.idempotencyKey,
    })
    .onConflict(['complaint_id', 'idempotency_key'])
    .ignore()
    .returning('id')) as { id: number }[];
  const id = inserted[0]?.id;
  if (id === undefined) {
    const existing = await findStage(trx, input.complaintId, input.idempotencyKey);
    if (!existing) throw new Error(`complaint stage ${input.idempotencyKey} conflicted but does not exist`);
    return { isNew: false, id: existing.id };
  }
  await appendAuditEvent(trx, {
    actor: input.actor,
    action: input.audit?.action ?? `complaint.${input.stage.replaceAll('_', '-')}`,
    entityType: 'complaint',
    entityId: input.complaintId,
    before: input.audit?.before ?? null,
    after: {
      stage: input.stage,
      stageId: id,
      summaryFa: input.summaryFa ?? null,
      data,
      ...(input.audit?.after !== undefined ? { complaint: input.audit.after } : {}),
    },
    ...(input.processInstanceKey ? { processInstanceKey: input.processInstanceKey } : {}),
    documentCode: COMPLAINT_FORM,
  });
  return { isNew: true, id };
}
