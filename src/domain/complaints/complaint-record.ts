import type { Knex } from 'knex';
import { NotFoundError } from './errors.js';

export type ComplaintKind = 'complaint' | 'criticism' | 'suggestion';
export type ComplaintChannel = 'in_person' | 'phone' | 'website' | 'letter' | 'survey' | 'meeting' | 'call';
export type Severity = 'critical' | 'major' | 'minor';
export type ComplaintStatus =
  | 'registered'
  | 'under_review'
  | 'with_secretary_general'
  | 'assigned'
  | 'investigating'
  | 'awaiting_decision'
  | 'in_committee'
  | 'communicating_result'
  | 'closed'
  | 'withdrawn';
export type FinalResult = 'accepted' | 'rejected' | 'settled';

export const SEVERITIES = ['critical', 'major', 'minor'] as const satisfies readonly Severity[];
export const COMPLAINT_KINDS = [
  'complaint',
  'criticism',
  'suggestion',
] as const satisfies readonly ComplaintKind[];
export const COMPLAINT_STATUSES = [
  'registered',
  'under_review',
  'with_secretary_general',
  'assigned',
  'investigating',
  'awaiting_decision',
  'in_committee',
  'communicating_result',
  'closed',
  'withdrawn',
] as const satisfies readonly ComplaintStatus[];
export const FINAL_RESULTS = ['accepted', 'rejected', 'settled'] as const satisfies readonly FinalResult[];

/** The document every stage of a complaint is recorded on (R-CMP-14). */
export const COMPLAINT_FORM = 'ME-FR-01-01-01';

/** One row of `complaints`. */
export interface ComplaintRow {
  id: number;
  tracking_code: string;
  kind: ComplaintKind;
  channel: ComplaintChannel;
  member_id: number | null;
  complainant_name: string | null;
  complainant_phone: string | null;
  complainant_email: string | null;
  subject: string;
  description: string;
  occurred_at: Date | null;
  remedy_sought: string | null;
  concerned_unit_id: number | null;
  severity: Severity | null;
  status: ComplaintStatus;
  decision: 'accepted' | 'rejected' | null;
  final_result: FinalResult | null;
  handler_staff_id: number | null;
  handler_unit_id: number | null;
  registered_by_staff_id: number | null;
  source_survey_id: number | null;
  source_meeting_id: number | null;
  source_call_id: number | null;
  received_at: Date;
  acknowledgement_due_at: Date | null;
  acknowledged_at: Date | null;
  response_due_at: Date | null;
  first_response_at: Date | null;
  resolution_due_at: Date | null;
  result_communicated_at: Date | null;
  closed_at: Date | null;
  process_instance_key: string | null;
  created_at: Date;
  updated_at: Date;
}

/** The complaint, or undefined. */
export async function findComplaint(
  db: Knex | Knex.Transaction,
  id: number,
): Promise<ComplaintRow | undefined> {
  return (await db('complaints').where({ id }).first()) as ComplaintRow | undefined;
}

/**
 * The complaint, locked until the end of `trx`: steps of one complaint are serialised, so a job
 * delivered twice at the same time does its work once.
 */
export async function lockComplaint(trx: Knex.Transaction, id: number): Promise<ComplaintRow> {
  const row = (await trx('complaints').where({ id }).forUpdate().first()) as ComplaintRow | undefined;
  if (!row) throw new NotFoundError('complaint', id);
  return row;
}

/** Columns a step may change. */
export type ComplaintChanges = Partial<Omit<ComplaintRow, 'id' | 'created_at' | 'updated_at'>>;

/** Updates the complaint and returns the row as it is now. */
export async function updateComplaint(
  trx: Knex.Transaction,
  id: number,
  changes: ComplaintChanges,
): Promise<ComplaintRow> {
  const [row] = (await trx('complaints').where({ id }).update(changes).returning('*')) as ComplaintRow[];
  if (!row) throw new NotFoundError('complaint', id);
  return row;
}

/** The fields of a complaint worth keeping in an audit event (no free text, no contact details). */
export function auditView(row: ComplaintRow): Record<string, unknown> {
  return {
    status: row.status,
    kind: row.kind,
    severity: row.severity,
    concernedUnitId: row.concerned_unit_id,
    decision: row.decision,
    finalResult: row.final_result,
    handlerStaffId: row.handler_staff_id,
    handlerUnitId: row.handler_unit_id,
    acknowledgementDueAt: row.acknowledgement_due_at,
    acknowledgedAt: row.acknowledged_at,
    responseDueAt: row.response_due_at,
    firstResponseAt: row.first_response_at,
    resolutionDueAt: row.resolution_due_at,
    resultCommunicatedAt: row.result_communicated_at,
    closedAt: row.closed_at,
    processInstanceKey: row.process_instance_key,
  };
}

/** Only the entries of `after` that differ from `before`, with their old values: a compact audit diff. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}
