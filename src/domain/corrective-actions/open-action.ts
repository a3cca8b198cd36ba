import type { Knex } from 'knex';
import { z } from 'zod';
import { appendAuditEvent, type Actor } from '../../audit/audit-trail.js';
import { civilDayOf, epochDayOf, formatJalaliDate, toLatinDigits } from '../../calendar/index.js';
import { DomainInputError, parseInput, type InputIssue } from '../complaints/errors.js';
import { blankToUndefined, entityId, text } from '../complaints/field-types.js';
import { parseDateTime } from '../complaints/iso-time.js';
import { recordStage } from '../complaints/record-stage.js';
import { readSetting } from '../complaints/settings.js';
import { primaryUnitOf, staffByUsername } from '../complaints/staff-directory.js';
import {
  ACTION_SOURCE_TYPES,
  CORRECTIVE_ACTION_PROCEDURE,
  actionAuditView,
  actionReference,
  type ActionSourceType,
  type CorrectiveActionRow,
} from './action-record.js';
import { MAX_VERIFY_AFTER_DAYS, MIN_VERIFY_AFTER_DAYS } from './schedule.js';

const optionalId = z.preprocess(blankToUndefined, entityId.optional());

/** A due date: a Gregorian day 'YYYY-MM-DD', or a date-time whose Tehran day is taken. */
export const civilDate = z
  .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a date') })
  .transform((value, ctx) => {
    const s = toLatinDigits(value.trim());
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
      try {
        epochDayOf(s);
        return s;
      } catch {
        // fall through to the issue below
      }
    }
    const instant = parseDateTime(s);
    if (instant) return civilDayOf(instant);
    ctx.addIssue({ code: 'custom', message: 'must be a date YYYY-MM-DD (Gregorian), e.g. 2026-07-01' });
    return z.NEVER;
  });

/** A corrective action as defined on form `corrective-action-definition` (R-ISO-04). */
export const openActionSchema = z
  .object({
    sourceType: z.enum(ACTION_SOURCE_TYPES, {
      error: (i) =>
        i.input === undefined ? 'is required' : `must be one of ${ACTION_SOURCE_TYPES.join(', ')}`,
    }),
    complaintId: optionalId,
    surveyId: optionalId,
    meetingId: optionalId,
    callId: optionalId,
    meetingResolutionId: optionalId,
    /** The ineffective action this one follows (R-ISO-04). */
    parentActionId: optionalId,
    description: text(2000),
    ownerUsername: text(40),
    dueOn: civilDate,
    resources: z.preprocess(blankToUndefined, text(2000).optional()),
    successIndicator: text(2000),
    verifyAfterDays: z.preprocess(
      blankToUndefined,
      z
        .number()
        .int('must be a whole number of days')
        .min(MIN_VERIFY_AFTER_DAYS, `must be at least ${MIN_VERIFY_AFTER_DAYS} days`)
        .max(MAX_VERIFY_AFTER_DAYS, `must be at most ${MAX_VERIFY_AFTER_DAYS} days`)
        .optional(),
    ),
  })
  .superRefine(checkActionSource);

/** The variable that holds the source's id, for each source type. */
export const SOURCE_ID_FIELD: Record<
  ActionSourceType,
  'complaintId' | 'surveyId' | 'meetingId' | 'callId' | undefined
> = {
  complaint: 'complaintId',
  survey: 'surveyId',
  meeting: 'meetingId',
  call: 'callId',
  management_review: undefined,
};

/** The source's id is given, and no other source's (a refinement for zod object schemas). */
export function checkActionSource(
  v: { sourceType: ActionSourceType } & Partial<
    Record<'complaintId' | 'surveyId' | 'meetingId' | 'callId', unknown>
  >,
  ctx: z.RefinementCtx,
): void {
  const wanted = SOURCE_ID_FIELD[v.sourceType];
  for (const field of ['complaintId', 'surveyId', 'meetingId', 'callId'] as const) {
    if (field === wanted && v[field] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `is required when sourceType is ${v.sourceType}`,
      });
    } else if (field !== wanted && v[field] !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `must be empty when sourceType is ${v.sourceType}`,
      });
    }
  }
}

export type OpenActionInput = z.input<typeof openActionSchema>;

export interface OpenActionOptions {
  readonly now: Date;
  readonly processInstanceKey?: string | null;
  readonly elementId?: string | null;
}

async function referenceIssues(
  trx: Knex.Transaction,
  v: z.output<typeof openActionSchema>,
): Promise<InputIssue[]> {
  const checks = [
    ['complaintId', 'complaints', v.complaintId],
    ['surveyId', 'surveys', v.surveyId],
    ['meetingId', 'specialist_meetings', v.meetingId],
    ['callId', 'calls', v.callId],
    ['meetingResolutionId', 'meeting_resolutions', v.meetingResolutionId],
  ] as const;
  const issues: InputIssue[] = [];
  for (const [field, table, value] of checks) {
    if (value !== undefined && !(await trx(table).where({ id: value }).first('id'))) {
      issues.push({ field, message: `refers to ${table} ${value}, which does not exist` });
    }
  }
  return issues;
}

/**
 * Opens a corrective action (R-CMP-11, R-ISO-04): description, owner, due date, resources, success
 * indicator; its effectiveness is verified `verifyAfterDays` (30–90, default from the setting
 * `corrective_action.verify_after_days`) after it is done. A further action after an ineffective
 * one names it as `parentActionId`. Audit event SY-PR-05-00-02; a complaint's form records it too.
 */
export async function openCorrectiveAction(
  trx: Knex.Transaction,
  input: OpenActionInput,
  actor: Actor,
  options: OpenActionOptions,
): Promise<CorrectiveActionRow> {
  const v = parseInput(openActionSchema, input);
  const issues = await referenceIssues(trx, v);
  const owner = await staffByUsername(trx, v.ownerUsername);
  if (!owner)
    issues.push({ field: 'ownerUsername', message: `no member of staff is called ${v.ownerUsername}` });
  else if (!owner.isActive)
    issues.push({ field: 'ownerUsername', message: `${owner.username} is no longer active` });
  if (v.dueOn < civilDayOf(options.now)) {
    issues.push({ field: 'dueOn', message: `must not be before today (${civilDayOf(options.now)})` });
  }
  if (v.parentActionId !== undefined) {
    const parent = (await trx('corrective_actions').where({ id: v.parentActionId }).first('status')) as
      { status: string } | undefined;
    if (!parent)
      issues.push({
        field: 'parentActionId',
        message: `corrective action ${v.parentActionId} does not exist`,
      });
    else if (parent.status !== 'ineffective') {
      issues.push({
        field: 'parentActionId',
        message: `corrective action ${v.parentActionId} is ${parent.status}: a further action follows an ineffective one`,
      });
    }
  }
  if (issues.length > 0 || !owner) throw new DomainInputError(issues);

  const verifyAfterDays =
    v.verifyAfterDays ??
    (await readSetting(
      trx,
      'corrective_action.verify_after_days',
      z.number().int().min(MIN_VERIFY_AFTER_DAYS).max(MAX_VERIFY_AFTER_DAYS),
    ));
  const actorStaff = actor.startsWith('staff:')
    ? await staffByUsername(trx, actor.slice('staff:'.length))
    : undefined;
  const [row] = (await trx('corrective_actions')
    .insert({
      source_type: v.sourceType,
      complaint_id: v.complaintId ?? null,
      survey_id: v.surveyId ?? null,
      meeting_id: v.meetingId ?? null,
      call_id: v.callId ?? null,
      meeting_resolution_id: v.meetingResolutionId ?? null,
      parent_action_id: v.parentActionId ?? null,
      description_fa: v.description,
      owner_staff_id: owner.id,
      owner_unit_id: (await primaryUnitOf(trx, owner.id))?.id ?? null,
      due_on: v.dueOn,
      resources_fa: v.resources ?? null,
      success_indicator_fa: v.successIndicator,
      verify_after_days: verifyAfterDays,
      process_instance_key: options.processInstanceKey ?? null,
      created_by_staff_id: actorStaff?.id ?? null,
      created_at: options.now,
    })
    .returning('*')) as CorrectiveActionRow[];
  const action = row!;
  await appendAuditEvent(trx, {
    actor,
    action: 'corrective-action.opened',
    entityType: 'corrective-action',
    entityId: action.id,
    before: null,
    after: actionAuditView(action),
    ...(options.processInstanceKey ? { processInstanceKey: options.processInstanceKey } : {}),
    documentCode: CORRECTIVE_ACTION_PROCEDURE,
  });
  if (action.complaint_id !== null) {
    await recordStage(trx, {
      complaintId: action.complaint_id,
      stage: 'corrective_action_defined',
      actor,
      occurredAt: options.now,
      summaryFa:
        `اقدام اصلاحی ${actionReference(action.id)} به مسئولیت ${owner.fullNameFa} تا ${formatJalaliDate(action.due_on)} تعریف شد` +
        (action.parent_action_id
          ? ` (در پی اقدام ناموثر ${actionReference(action.parent_action_id)}).`
          : '.'),
      data: {
        correctiveActionId: action.id,
        parentActionId: action.parent_action_id,
        description: action.description_fa,
        ownerUsername: owner.username,
        dueOn: action.due_on,
        successIndicator: action.success_indicator_fa,
      },
      processInstanceKey: options.processInstanceKey ?? null,
      elementId: options.elementId ?? null,
      idempotencyKey: `corrective-action:${action.id}`,
    });
  }
  return action;
}
