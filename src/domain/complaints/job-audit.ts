import type { Knex } from 'knex';
import { appendAuditEvent, type AuditEventInput } from '../../audit/audit-trail.js';

/**
 * Appends the audit event unless one with the same action, entity and job key is already there:
 * for steps that leave no other record a repeated job could be recognised by (a reminder, a list
 * of handlers offered, a progress report). The job key is kept in the event's `after.jobKey`.
 * Returns whether the event was appended.
 */
export async function appendAuditEventOncePerJob(
  trx: Knex.Transaction,
  jobKey: string,
  event: AuditEventInput & { readonly after?: Record<string, unknown> },
): Promise<boolean> {
  const existing = (await trx('audit_events')
    .where({ entity_type: event.entityType, entity_id: String(event.entityId), action: event.action })
    .whereRaw(`after->>'jobKey' = ?`, [jobKey])
    .first('seq')) as { seq: string } | undefined;
  if (existing) return false;
  await appendAuditEvent(trx, { ...event, after: { ...(event.after ?? {}), jobKey } });
  return true;
}
