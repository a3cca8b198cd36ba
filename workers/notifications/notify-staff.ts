import { z } from 'zod';
import { appendAuditEvent } from '../../src/audit/audit-trail.js';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { staffForRecipients } from '../../src/domain/complaints/staff-directory.js';
import { noticeToStaff, WORKER_ACTOR } from '../support.js';

/** `{name}` in a header's text is replaced by the process variable of that name (text or number). */
function fill(template: string, variables: Record<string, unknown>): string {
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => {
    const value = variables[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
  });
}

/**
 * A notice to staff that a process owner can drop into any process: whom (candidate groups or
 * `user:<username>`, comma-separated), a title and a text, in the task's headers; `{name}` in them
 * reads a process variable. One e-mail per person per job, however often the job runs.
 */
export const notifyStaffWorker = defineWorker({
  type: 'notification.notify-staff',
  description: 'Sends a Persian notice by e-mail to staff: by role, unit manager or username',
  headers: {
    recipients: 'comma-separated candidate groups or user:<username>, e.g. "mcc-manager, unit-manager:legal"',
    title: 'the notice title (Persian); {variable} is replaced by a process variable',
    body: 'the notice text (Persian); {variable} is replaced by a process variable',
  },
  input: z.record(z.string(), z.unknown()),
  output: z.object({ notifiedCount: z.number().int() }),
  async handler(job, services) {
    const recipients = (job.headers.recipients ?? '')
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    if (recipients.length === 0) throw new Error("the task header 'recipients' names nobody");
    const title = fill(job.headers.title ?? '', job.variables).trim();
    const body = fill(job.headers.body ?? '', job.variables).trim();
    if (!title || !body) throw new Error("the task headers 'title' and 'body' are required");
    return services.db.transaction(async (trx) => {
      const staff = await staffForRecipients(trx, recipients);
      let notified = 0;
      for (const person of staff) {
        const queued = await noticeToStaff(trx, person, { title, body }, `notice:${job.key}`, {
          type: 'staff',
          id: person.id,
        });
        if (queued?.status === 'enqueued') notified += 1;
      }
      if (notified > 0) {
        await appendAuditEvent(trx, {
          actor: WORKER_ACTOR,
          action: 'notification.staff-notified',
          entityType: 'process-instance',
          entityId: job.processInstanceKey,
          after: { recipients, usernames: staff.map((s) => s.username), title, elementId: job.elementId },
          processInstanceKey: job.processInstanceKey,
        });
      }
      return { notifiedCount: staff.length };
    });
  },
});
