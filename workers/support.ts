import type { Knex } from 'knex';
import type { WorkerJob } from '../src/camunda/worker-definition.js';
import type { StaffMember } from '../src/domain/complaints/staff-directory.js';
import { enqueueEmail, type EnqueueResult } from '../src/notify/index.js';

/** The audit actor of every automated step. */
export const WORKER_ACTOR = 'system:worker' as const;

/** Idempotency key of what one job records: a second delivery of the job finds it. */
export function jobKeyOf(job: Pick<WorkerJob<unknown>, 'key'>): string {
  return `job:${job.key}`;
}

/** The stage fields every worker passes to recordStage. */
export function stageContext(job: WorkerJob<unknown>, now: Date) {
  return {
    actor: WORKER_ACTOR,
    occurredAt: now,
    processInstanceKey: job.processInstanceKey,
    elementId: job.elementId,
    idempotencyKey: jobKeyOf(job),
  };
}

/**
 * A notice by e-mail to a member of staff (template `staff-notice`), queued in `trx`; nothing when
 * they have no address. The dedupe key gets the username appended, so one event is one mail per
 * person however often the job runs.
 */
export async function noticeToStaff(
  trx: Knex.Transaction,
  staff: StaffMember,
  notice: { title: string; body: string; action?: { label: string; url: string } },
  dedupeKey: string,
  entity: { type: string; id: number },
): Promise<EnqueueResult | undefined> {
  if (!staff.email) return undefined;
  return enqueueEmail(trx, {
    to: staff.email,
    template: 'staff-notice',
    data: { recipientName: staff.fullNameFa, ...notice },
    dedupeKey: `${dedupeKey}:${staff.username}`,
    entityType: entity.type,
    entityId: entity.id,
  });
}

/** Keeps a title within a template's limit. */
export function clip(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
