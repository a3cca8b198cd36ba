import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { lockComplaint } from '../../src/domain/complaints/complaint-record.js';
import { staffInboxUrl } from '../../src/domain/complaints/links.js';
import { findStage, recordStage } from '../../src/domain/complaints/record-stage.js';
import { staffById } from '../../src/domain/complaints/staff-directory.js';
import { enqueueEmail, enqueueSms } from '../../src/notify/index.js';
import { clip, jobKeyOf, stageContext } from '../support.js';
import { entityId } from '../variables.js';

/** The reminders `complaint.remind` knows, by the task header `reason`. */
export const REMINDER_REASONS = {
  'response-deadline-near': {
    stepTitle: 'بررسی شکایت و ارائهٔ گزارش به دبیرکل',
    deadline: 'response_due_at',
  },
} as const;

export type ReminderReason = keyof typeof REMINDER_REASONS;

function reasonOf(header: string | undefined): ReminderReason {
  const reason = header?.trim() ?? '';
  if (!Object.hasOwn(REMINDER_REASONS, reason)) {
    throw new Error(
      `header reason must be one of ${Object.keys(REMINDER_REASONS).join(', ')}, got ${JSON.stringify(reason)}`,
    );
  }
  return reason as ReminderReason;
}

/**
 * Timer_ResponseReminder → Task_RemindHandler (R-ISO-02): reminds the handler, by e-mail and SMS,
 * one working day before the response deadline.
 */
export const remindWorker = defineWorker({
  type: 'complaint.remind',
  description: 'Reminds the handler of a complaint that a deadline is near',
  headers: { reason: `why: ${Object.keys(REMINDER_REASONS).join(', ')}` },
  input: z.object({ complaintId: entityId }),
  output: z.object({}),
  async handler(job, services) {
    const reason = reasonOf(job.headers.reason);
    const now = services.now();
    await services.db.transaction(async (trx) => {
      const complaint = await lockComplaint(trx, job.variables.complaintId);
      if (await findStage(trx, complaint.id, jobKeyOf(job))) return;
      const spec = REMINDER_REASONS[reason];
      const handler = complaint.handler_staff_id
        ? await staffById(trx, complaint.handler_staff_id)
        : undefined;
      if (!handler) throw new Error(`complaint ${complaint.id} has no handler to remind`);
      const deadline = complaint[spec.deadline] ?? now;
      const data = {
        recipientName: handler.fullNameFa,
        caseKind: 'complaint' as const,
        caseReference: complaint.tracking_code,
        caseTitle: clip(complaint.subject, 300),
        stepTitle: spec.stepTitle,
        deadline,
        state: 'approaching' as const,
        inboxUrl: staffInboxUrl(services.publicBaseUrl),
      };
      const dedupe = `complaint:${complaint.id}:reminder:${reason}:${handler.username}`;
      const entity = { entityType: 'complaint', entityId: complaint.id };
      const channels: string[] = [];
      if (handler.email) {
        await enqueueEmail(trx, {
          to: handler.email,
          template: 'deadline-reminder',
          data,
          dedupeKey: `${dedupe}:email`,
          ...entity,
        });
        channels.push('email');
      }
      if (handler.mobile) {
        await enqueueSms(trx, {
          to: handler.mobile,
          template: 'deadline-reminder',
          data,
          dedupeKey: `${dedupe}:sms`,
          ...entity,
        });
        channels.push('sms');
      }
      await recordStage(trx, {
        ...stageContext(job, now),
        complaintId: complaint.id,
        stage: 'reminder_sent',
        summaryFa: `به ${handler.fullNameFa} نزدیک بودن مهلت «${spec.stepTitle}» یادآوری شد.`,
        data: { reason, recipient: handler.username, channels, deadline },
      });
    });
    return {};
  },
});
