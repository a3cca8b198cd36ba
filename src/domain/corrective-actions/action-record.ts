import type { Knex } from 'knex';
import { NotFoundError } from '../complaints/errors.js';

/** The procedure every record of a corrective action fulfils (R-CMP-11, R-ISO-04). */
export const CORRECTIVE_ACTION_PROCEDURE = 'SY-PR-05-00-02';

export const ACTION_SOURCE_TYPES = ['complaint', 'survey', 'meeting', 'call', 'management_review'] as const;
export type ActionSourceType = (typeof ACTION_SOURCE_TYPES)[number];
export type ActionStatus = 'open' | 'in_progress' | 'done' | 'effective' | 'ineffective' | 'cancelled';

export const ACTION_STATUS_LABELS_FA: Record<ActionStatus, string> = {
  open: 'باز',
  in_progress: 'در حال انجام',
  done: 'انجام‌شده، در انتظار ارزیابی اثربخشی',
  effective: 'اثربخش',
  ineffective: 'غیراثربخش',
  cancelled: 'لغوشده',
};

/** One row of `corrective_actions`. */
export interface CorrectiveActionRow {
  id: number;
  source_type: ActionSourceType;
  complaint_id: number | null;
  survey_id: number | null;
  meeting_id: number | null;
  call_id: number | null;
  meeting_resolution_id: number | null;
  parent_action_id: number | null;
  description_fa: string;
  owner_staff_id: number;
  owner_unit_id: number | null;
  /** 'YYYY-MM-DD' */
  due_on: string;
  resources_fa: string | null;
  success_indicator_fa: string;
  status: ActionStatus;
  progress_pct: number;
  done_at: Date | null;
  verify_after_days: number;
  /** 'YYYY-MM-DD' */
  verification_due_on: string | null;
  verified_at: Date | null;
  verified_by_staff_id: number | null;
  effective: boolean | null;
  verification_notes_fa: string | null;
  process_instance_key: string | null;
  created_by_staff_id: number | null;
  created_at: Date;
  updated_at: Date;
}

/** The action, locked until the end of `trx`. */
export async function lockAction(trx: Knex.Transaction, id: number): Promise<CorrectiveActionRow> {
  const row = (await trx('corrective_actions').where({ id }).forUpdate().first()) as
    CorrectiveActionRow | undefined;
  if (!row) throw new NotFoundError('corrective action', id);
  return row;
}

/** The fields of an action kept in audit events. */
export function actionAuditView(row: CorrectiveActionRow): Record<string, unknown> {
  return {
    sourceType: row.source_type,
    complaintId: row.complaint_id,
    surveyId: row.survey_id,
    meetingId: row.meeting_id,
    callId: row.call_id,
    parentActionId: row.parent_action_id,
    description: row.description_fa,
    ownerStaffId: row.owner_staff_id,
    ownerUnitId: row.owner_unit_id,
    dueOn: row.due_on,
    resources: row.resources_fa,
    successIndicator: row.success_indicator_fa,
    status: row.status,
    progressPct: row.progress_pct,
    doneAt: row.done_at,
    verifyAfterDays: row.verify_after_days,
    verificationDueOn: row.verification_due_on,
    verifiedAt: row.verified_at,
    effective: row.effective,
    processInstanceKey: row.process_instance_key,
  };
}

/** How people refer to an action, e.g. in mail: `CA-12`. */
export function actionReference(id: number): string {
  return `CA-${id}`;
}

/**
 * The newest action of a corrective-action process instance: the one the instance opened (it
 * carries the instance key), or the last of the further actions that hang on it, one after each
 * ineffective one (R-ISO-04). Undefined when the instance has opened none.
 */
export async function latestActionOfInstance(
  trx: Knex.Transaction,
  processInstanceKey: string,
): Promise<CorrectiveActionRow | undefined> {
  let action = (await trx('corrective_actions')
    .where({ process_instance_key: processInstanceKey })
    .first()) as CorrectiveActionRow | undefined;
  for (let depth = 0; action && depth < 1000; depth++) {
    const next = (await trx('corrective_actions')
      .where({ parent_action_id: action.id })
      .orderBy('id', 'desc')
      .first()) as CorrectiveActionRow | undefined;
    if (!next) return action;
    action = next;
  }
  return action;
}
