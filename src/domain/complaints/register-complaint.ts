import type { Knex } from 'knex';
import { z } from 'zod';
import type { Actor } from '../../audit/audit-trail.js';
import { toLatinDigits, type WorkingCalendar } from '../../calendar/index.js';
import { COMPLAINT_KINDS, type ComplaintChannel } from './complaint-record.js';
import { acknowledgementDueAt, loadAcknowledgementWorkingDays } from './deadlines.js';
import { DomainInputError, parseInput, type InputIssue } from './errors.js';
import { blankToUndefined, entityId, instant, optionalText, text } from './field-types.js';
import { recordStage } from './record-stage.js';
import { generateTrackingCode } from './tracking-code.js';
import { CHANNEL_LABELS_FA } from './labels.js';

export { CHANNEL_LABELS_FA };

export const COMPLAINT_CHANNELS = [
  'in_person',
  'phone',
  'website',
  'letter',
  'survey',
  'meeting',
  'call',
] as const satisfies readonly ComplaintChannel[];

/** The complaint form (ME-FR-01-01-01) as the web app and the workers fill it (R-CMP-03). */
export const registerComplaintSchema = z
  .object({
    kind: z.enum(COMPLAINT_KINDS).default('complaint'),
    channel: z.enum(COMPLAINT_CHANNELS, {
      error: (issue) =>
        issue.input === undefined ? 'is required' : `must be one of ${COMPLAINT_CHANNELS.join(', ')}`,
    }),
    memberId: z.preprocess(blankToUndefined, entityId.nullish()),
    complainantName: optionalText(200),
    complainantPhone: z.preprocess(
      (v) => (typeof v === 'string' ? blankToUndefined(toLatinDigits(v).replace(/[\s\-()]/g, '')) : v),
      z
        .string()
        .regex(/^0\d{10}$/, 'must be an Iranian phone number of 11 digits starting with 0, e.g. 09131234567')
        .nullish(),
    ),
    complainantEmail: z.preprocess(blankToUndefined, z.email('must be an e-mail address').nullish()),
    subject: text(300),
    description: text(20_000),
    occurredAt: z.preprocess(blankToUndefined, instant.nullish()),
    remedySought: optionalText(5000),
    concernedUnitId: z.preprocess(blankToUndefined, entityId.nullish()),
    namedStaffIds: z.array(entityId).max(50).default([]),
    sourceSurveyId: entityId.nullish(),
    sourceMeetingId: entityId.nullish(),
    sourceCallId: entityId.nullish(),
    registeredByStaffId: entityId.nullish(),
    receivedAt: instant.nullish(),
    /** Where a raised complaint came from, e.g. `survey-7/member-12` (message correlation key). */
    sourceReference: optionalText(200),
  })
  .superRefine((v, ctx) => {
    if (v.memberId == null && v.complainantName == null) {
      ctx.addIssue({
        code: 'custom',
        path: ['complainantName'],
        message: 'is required when memberId is not given',
      });
    }
    if (v.memberId == null && v.complainantPhone == null && v.complainantEmail == null) {
      ctx.addIssue({
        code: 'custom',
        path: ['complainantPhone'],
        message: 'a phone number or an e-mail address is required when memberId is not given',
      });
    }
  });

export type RegisterComplaintInput = z.input<typeof registerComplaintSchema>;

export interface RegisterComplaintOptions {
  /** When the complaint was received, unless the input says; default now. */
  readonly now?: Date;
  /** With a calendar the acknowledgement deadline (R-ISO-01) is set at once. */
  readonly calendar?: WorkingCalendar;
  readonly processInstanceKey?: string | null;
  readonly elementId?: string | null;
}

export interface RegisteredComplaint {
  readonly id: number;
  readonly trackingCode: string;
}

async function missingReferences(
  trx: Knex.Transaction,
  checks: readonly { field: string; table: string; ids: readonly number[] }[],
): Promise<InputIssue[]> {
  const issues: InputIssue[] = [];
  for (const { field, table, ids } of checks) {
    if (ids.length === 0) continue;
    const found = new Set(
      (
        (await trx(table)
          .whereIn('id', [...new Set(ids)])
          .select('id')) as { id: number }[]
      ).map((r) => r.id),
    );
    for (const missing of ids.filter((i) => !found.has(i))) {
      issues.push({ field, message: `refers to ${table} ${missing}, which does not exist` });
    }
  }
  return issues;
}

async function unusedTrackingCode(trx: Knex.Transaction, receivedAt: Date): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const code = generateTrackingCode(receivedAt);
    if (!(await trx('complaints').where({ tracking_code: code }).first('id'))) return code;
  }
  throw new Error('could not find an unused tracking code in 10 attempts');
}

/**
 * Registers a complaint (R-CMP-01, R-CMP-03): checks the form (errors name the field in English),
 * inserts the complaint and the staff it names, records the `registered` stage and its audit event
 * (ME-FR-01-01-01), all in `trx`. Used by the web app's forms and by `complaint.register`.
 */
export async function registerComplaint(
  trx: Knex.Transaction,
  input: RegisterComplaintInput,
  actor: Actor,
  options: RegisterComplaintOptions = {},
): Promise<RegisteredComplaint> {
  const v = parseInput(registerComplaintSchema, input);
  const issues = await missingReferences(trx, [
    { field: 'memberId', table: 'members', ids: v.memberId ? [v.memberId] : [] },
    { field: 'concernedUnitId', table: 'units', ids: v.concernedUnitId ? [v.concernedUnitId] : [] },
    { field: 'namedStaffIds', table: 'staff', ids: v.namedStaffIds },
    {
      field: 'registeredByStaffId',
      table: 'staff',
      ids: v.registeredByStaffId ? [v.registeredByStaffId] : [],
    },
    { field: 'sourceSurveyId', table: 'surveys', ids: v.sourceSurveyId ? [v.sourceSurveyId] : [] },
    {
      field: 'sourceMeetingId',
      table: 'specialist_meetings',
      ids: v.sourceMeetingId ? [v.sourceMeetingId] : [],
    },
    { field: 'sourceCallId', table: 'calls', ids: v.sourceCallId ? [v.sourceCallId] : [] },
  ]);
  if (issues.length > 0) throw new DomainInputError(issues);

  const receivedAt = v.receivedAt ?? options.now ?? new Date();
  const registeredBy =
    v.registeredByStaffId ??
    (actor.startsWith('staff:')
      ? ((
          (await trx('staff')
            .where({ username: actor.slice('staff:'.length) })
            .first('id')) as { id: number } | undefined
        )?.id ?? null)
      : null);
  const ackDue = options.calendar
    ? acknowledgementDueAt(options.calendar, receivedAt, await loadAcknowledgementWorkingDays(trx))
    : null;
  const trackingCode = await unusedTrackingCode(trx, receivedAt);
  const [row] = (await trx('complaints')
    .insert({
      tracking_code: trackingCode,
      kind: v.kind,
      channel: v.channel,
      member_id: v.memberId ?? null,
      complainant_name: v.complainantName ?? null,
      complainant_phone: v.complainantPhone ?? null,
      complainant_email: v.complainantEmail ?? null,
      subject: v.subject,
      description: v.description,
      occurred_at: v.occurredAt ?? null,
      remedy_sought: v.remedySought ?? null,
      concerned_unit_id: v.concernedUnitId ?? null,
      registered_by_staff_id: registeredBy,
      source_survey_id: v.sourceSurveyId ?? null,
      source_meeting_id: v.sourceMeetingId ?? null,
      source_call_id: v.sourceCallId ?? null,
      received_at: receivedAt,
      acknowledgement_due_at: ackDue,
      process_instance_key: options.processInstanceKey ?? null,
    })
    .returning('id')) as { id: number }[];
  const complaintId = row!.id;
  const namedStaffIds = [...new Set(v.namedStaffIds)];
  if (namedStaffIds.length > 0) {
    await trx('complaint_named_staff').insert(
      namedStaffIds.map((staffId) => ({ complaint_id: complaintId, staff_id: staffId })),
    );
  }
  await recordStage(trx, {
    complaintId,
    stage: 'registered',
    actor,
    actorStaffId: registeredBy,
    occurredAt: options.now,
    summaryFa: `${v.kind === 'suggestion' ? 'پیشنهاد' : v.kind === 'criticism' ? 'انتقاد' : 'شکایت'} از طریق ${CHANNEL_LABELS_FA[v.channel]} با کد رهگیری ${trackingCode} ثبت شد.`,
    data: {
      trackingCode,
      kind: v.kind,
      channel: v.channel,
      memberId: v.memberId ?? null,
      subject: v.subject,
      concernedUnitId: v.concernedUnitId ?? null,
      namedStaffIds,
      sourceReference: v.sourceReference ?? null,
      sourceSurveyId: v.sourceSurveyId ?? null,
      sourceMeetingId: v.sourceMeetingId ?? null,
      sourceCallId: v.sourceCallId ?? null,
      acknowledgementDueAt: ackDue,
    },
    processInstanceKey: options.processInstanceKey ?? null,
    elementId: options.elementId ?? null,
    idempotencyKey: 'registered',
    audit: { action: 'complaint.registered' },
  });
  return { id: complaintId, trackingCode };
}
