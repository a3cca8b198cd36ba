/**
 * "Record what the person decided" (R-CMP-14): the values a staff member entered in a user task
 * are kept as a stage of the complaint form, and the stages that decide something about the case
 * (review, investigation report, the SG's decision, a phone acknowledgement) update the complaint.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Actor } from '../../audit/audit-trail.js';
import {
  COMPLAINT_KINDS,
  SEVERITIES,
  auditView,
  changedFields,
  lockComplaint,
  updateComplaint,
  type ComplaintChanges,
  type ComplaintRow,
} from './complaint-record.js';
import { DomainInputError, parseInput } from './errors.js';
import { blankToUndefined, entityId } from './field-types.js';
import { SEVERITY_LABELS_FA } from './labels.js';
import { findStage, recordStage, type ComplaintStage } from './record-stage.js';

const optionalNote = z.preprocess(blankToUndefined, z.string().trim().max(20_000).nullish());
const idList = z.preprocess((v) => (v == null || v === '' ? [] : v), z.array(entityId).max(50));
const flag = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());

/** The variables each deciding stage needs, with their types (errors name the variable). */
export const STAGE_FIELD_SCHEMAS = {
  reviewed: z.looseObject({
    severity: z.enum(SEVERITIES, { error: () => 'must be critical, major or minor' }),
    concernedUnitId: z.preprocess(blankToUndefined, entityId.nullish()),
    namedStaffIds: idList,
    kind: z.preprocess(blankToUndefined, z.enum(COMPLAINT_KINDS).nullish()),
    reviewNote: optionalNote,
  }),
  investigated: z.looseObject({
    circumstances: optionalNote,
    causes: optionalNote,
    consequences: optionalNote,
    actionsTaken: optionalNote,
  }),
  decided: z.looseObject({
    decision: z.enum(['accepted', 'rejected'], { error: () => 'must be accepted or rejected' }),
    conveneCommittee: flag.nullish().transform((v) => v ?? false),
    committeeExtraStaffIds: idList,
    decisionNote: optionalNote,
  }),
  acknowledged: z.looseObject({
    reached: flag.nullish().transform((v) => v ?? false),
    acknowledgementNote: optionalNote,
  }),
} satisfies Partial<Record<ComplaintStage, z.ZodType>>;

export interface RecordProcessStageInput {
  readonly complaintId: number;
  readonly stage: ComplaintStage;
  /** The variables named by the task's `fields` header, by name (missing ones as undefined). */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly actor: Actor;
  readonly now: Date;
  readonly processInstanceKey?: string | null;
  readonly elementId?: string | null;
  readonly idempotencyKey: string;
}

type Effect = { changes: ComplaintChanges; summaryFa: string; namedStaffIds?: number[] };

async function assertExists(trx: Knex.Transaction, field: string, table: string, ids: readonly number[]) {
  if (ids.length === 0) return;
  const found = new Set(
    (
      (await trx(table)
        .whereIn('id', [...new Set(ids)])
        .select('id')) as { id: number }[]
    ).map((r) => r.id),
  );
  const missing = ids.filter((i) => !found.has(i));
  if (missing.length > 0) {
    throw new DomainInputError(
      missing.map((m) => ({ field, message: `refers to ${table} ${m}, which does not exist` })),
    );
  }
}

async function effectOf(
  trx: Knex.Transaction,
  complaint: ComplaintRow,
  stage: ComplaintStage,
  values: Record<string, unknown>,
  now: Date,
): Promise<Effect> {
  switch (stage) {
    case 'reviewed': {
      const v = values as z.output<(typeof STAGE_FIELD_SCHEMAS)['reviewed']>;
      await assertExists(trx, 'concernedUnitId', 'units', v.concernedUnitId ? [v.concernedUnitId] : []);
      await assertExists(trx, 'namedStaffIds', 'staff', v.namedStaffIds);
      return {
        changes: {
          severity: v.severity,
          concerned_unit_id: v.concernedUnitId ?? null,
          ...(v.kind ? { kind: v.kind } : {}),
          ...(complaint.status === 'registered' ? { status: 'under_review' as const } : {}),
        },
        namedStaffIds: [...new Set(v.namedStaffIds)],
        summaryFa: `مدیر مرکز ارتباط با اعضا شکایت را بررسی کرد؛ شدت: ${SEVERITY_LABELS_FA[v.severity]}.`,
      };
    }
    case 'investigated':
      return {
        changes: { status: 'awaiting_decision', first_response_at: complaint.first_response_at ?? now },
        summaryFa:
          'مسئول رسیدگی گزارش بررسی (شرح وقایع، علل، پیامدها، اقدامات و مستندات) را به دبیرکل ارائه کرد.',
      };
    case 'decided': {
      const v = values as z.output<(typeof STAGE_FIELD_SCHEMAS)['decided']>;
      const committee = v.decision === 'accepted' && v.conveneCommittee;
      return {
        changes: { decision: v.decision, status: committee ? 'in_committee' : 'communicating_result' },
        summaryFa:
          v.decision === 'accepted'
            ? `دبیرکل شکایت را پذیرفت${committee ? ' و تشکیل کمیتهٔ بررسی شکایات اعضا را لازم دانست' : ''}.`
            : 'دبیرکل شکایت را نپذیرفت.',
      };
    }
    case 'acknowledged': {
      const v = values as z.output<(typeof STAGE_FIELD_SCHEMAS)['acknowledged']>;
      return v.reached
        ? {
            changes: { acknowledged_at: complaint.acknowledged_at ?? now },
            summaryFa: 'وصول شکایت به‌صورت تلفنی به شاکی اعلام شد.',
          }
        : { changes: {}, summaryFa: 'تماس تلفنی برای اعلام وصول شکایت بی‌پاسخ ماند.' };
    }
    default:
      return { changes: {}, summaryFa: `مرحلهٔ «${stage}» ثبت شد.` };
  }
}

/**
 * Records the stage with the given variables as its data and applies what it decides. A second
 * call with the same idempotency key changes nothing and returns `isNew: false`.
 */
export async function recordProcessStage(
  trx: Knex.Transaction,
  input: RecordProcessStageInput,
): Promise<{ isNew: boolean; data: Record<string, unknown> }> {
  const complaint = await lockComplaint(trx, input.complaintId);
  const existing = await findStage(trx, input.complaintId, input.idempotencyKey);
  if (existing) return { isNew: false, data: existing.data };

  const schema = (STAGE_FIELD_SCHEMAS as Partial<Record<ComplaintStage, z.ZodObject>>)[input.stage];
  const parsed = schema ? (parseInput(schema, input.fields) as Record<string, unknown>) : { ...input.fields };
  // Known fields as checked (a blank note is null), others as they came.
  const data = Object.fromEntries(
    Object.keys(input.fields).map((k) => [
      k,
      (schema && k in schema.shape ? parsed[k] : input.fields[k]) ?? null,
    ]),
  );
  const effect = await effectOf(trx, complaint, input.stage, parsed, input.now);

  let after = complaint;
  if (Object.keys(effect.changes).length > 0)
    after = await updateComplaint(trx, complaint.id, effect.changes);
  const diff = changedFields(auditView(complaint), auditView(after));
  if (effect.namedStaffIds) {
    const before = (
      (await trx('complaint_named_staff').where({ complaint_id: complaint.id }).pluck('staff_id')) as number[]
    ).sort((a, b) => a - b);
    const wanted = [...effect.namedStaffIds].sort((a, b) => a - b);
    if (JSON.stringify(before) !== JSON.stringify(wanted)) {
      await trx('complaint_named_staff').where({ complaint_id: complaint.id }).delete();
      if (wanted.length > 0) {
        await trx('complaint_named_staff').insert(
          wanted.map((staffId) => ({ complaint_id: complaint.id, staff_id: staffId })),
        );
      }
      diff.before.namedStaffIds = before;
      diff.after.namedStaffIds = wanted;
    }
  }
  await recordStage(trx, {
    complaintId: complaint.id,
    stage: input.stage,
    actor: input.actor,
    occurredAt: input.now,
    summaryFa: effect.summaryFa,
    data,
    processInstanceKey: input.processInstanceKey ?? null,
    elementId: input.elementId ?? null,
    idempotencyKey: input.idempotencyKey,
    audit: { before: diff.before, after: diff.after },
  });
  return { isNew: true, data };
}
