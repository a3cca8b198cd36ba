import { z } from 'zod';
import { appendAuditEvent } from '../../src/audit/audit-trail.js';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import {
  COMPLAINT_FORM,
  auditView,
  changedFields,
  lockComplaint,
  updateComplaint,
  type ComplaintChanges,
  type ComplaintRow,
} from '../../src/domain/complaints/complaint-record.js';
import { canBeNotified, complainantContact } from '../../src/domain/complaints/contacts.js';
import {
  acknowledgementDueAt,
  loadAcknowledgementWorkingDays,
} from '../../src/domain/complaints/deadlines.js';
import { isoWithOffset } from '../../src/domain/complaints/iso-time.js';
import { registerComplaint } from '../../src/domain/complaints/register-complaint.js';
import { formOptions } from '../../src/domain/form-options.js';
import { WORKER_ACTOR } from '../support.js';
import { dateTimeOut, entityId, oneOf, optionalEntityId, optionalText } from '../variables.js';

const RAISED = ['channel', 'sourceReference', 'memberId', 'subject', 'description'] as const;

const input = z
  .object({
    complaintId: optionalEntityId,
    // The variables of the `complaint-raised` message (Start_Raised).
    channel: z.preprocess((v) => v ?? undefined, oneOf(['survey', 'meeting', 'call']).optional()),
    sourceReference: optionalText(200),
    memberId: optionalEntityId,
    subject: optionalText(300),
    description: optionalText(20_000),
    sourceSurveyId: optionalEntityId,
    sourceMeetingId: optionalEntityId,
    sourceCallId: optionalEntityId,
  })
  .superRefine((v, ctx) => {
    if (v.complaintId !== undefined) return;
    for (const name of RAISED) {
      if (v[name] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'is required when complaintId is not given (a complaint raised by message)',
        });
      }
    }
  });

const output = z.object({
  complaintId: entityId,
  trackingCode: z.string(),
  complainantCanBeNotified: z.boolean(),
  /** Read by `Timer_AcknowledgementDue` (R-ISO-01). */
  acknowledgementDueAt: dateTimeOut,
  kind: z.string(),
  /** The unit the complainant named, so that the review form starts from it (R-CMP-04: adds what is missing). */
  concernedUnitId: z.number().optional(),
  /** The choices the review, decision and corrective-action forms offer. */
  unitOptions: z.array(z.object({ label: z.string(), value: z.number() })),
  staffOptions: z.array(z.object({ label: z.string(), value: z.number() })),
  staffUsernameOptions: z.array(z.object({ label: z.string(), value: z.string() })),
});

/**
 * Task_Register (R-CMP-01, R-CMP-02, R-ISO-01): links a complaint the web app registered to this
 * process instance, or registers one raised by a survey, meeting or call; sets the acknowledgement
 * deadline (2 working days) and says whether the complainant can be told by e-mail or SMS.
 */
export const registerWorker = defineWorker({
  type: 'complaint.register',
  description: 'Registers the complaint (or takes the one registered) and sets its acknowledgement deadline',
  input,
  output,
  async handler(job, services) {
    const v = job.variables;
    const calendar = await services.calendar();
    const now = services.now();
    return services.db.transaction(async (trx) => {
      let complaint: ComplaintRow;
      if (v.complaintId !== undefined) {
        complaint = await lockComplaint(trx, v.complaintId);
      } else {
        await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [
          `complaint.register:${job.processInstanceKey}`,
        ]);
        const existing = (await trx('complaints')
          .where({ process_instance_key: job.processInstanceKey })
          .first('id')) as { id: number } | undefined;
        const id =
          existing?.id ??
          (
            await registerComplaint(
              trx,
              {
                channel: v.channel!,
                memberId: v.memberId,
                subject: v.subject!,
                description: v.description!,
                sourceReference: v.sourceReference,
                sourceSurveyId: v.sourceSurveyId,
                sourceMeetingId: v.sourceMeetingId,
                sourceCallId: v.sourceCallId,
              },
              WORKER_ACTOR,
              { now, calendar, processInstanceKey: job.processInstanceKey, elementId: job.elementId },
            )
          ).id;
        complaint = await lockComplaint(trx, id);
      }
      if (
        complaint.process_instance_key !== null &&
        complaint.process_instance_key !== job.processInstanceKey
      ) {
        throw new Error(
          `complaint ${complaint.id} is already handled by process instance ${complaint.process_instance_key}`,
        );
      }
      const changes: ComplaintChanges = {};
      if (complaint.process_instance_key === null) changes.process_instance_key = job.processInstanceKey;
      if (complaint.acknowledgement_due_at === null) {
        changes.acknowledgement_due_at = acknowledgementDueAt(
          calendar,
          complaint.received_at,
          await loadAcknowledgementWorkingDays(trx),
        );
      }
      if (complaint.status === 'registered') changes.status = 'under_review';
      let after = complaint;
      if (Object.keys(changes).length > 0) {
        after = await updateComplaint(trx, complaint.id, changes);
        const diff = changedFields(auditView(complaint), auditView(after));
        await appendAuditEvent(trx, {
          actor: WORKER_ACTOR,
          action: 'complaint.handling-started',
          entityType: 'complaint',
          entityId: complaint.id,
          before: diff.before,
          after: diff.after,
          processInstanceKey: job.processInstanceKey,
          documentCode: COMPLAINT_FORM,
        });
      }
      const contact = await complainantContact(trx, after);
      return {
        ...(await formOptions(trx)),
        kind: after.kind,
        ...(after.concerned_unit_id !== null ? { concernedUnitId: after.concerned_unit_id } : {}),
        complaintId: after.id,
        trackingCode: after.tracking_code,
        complainantCanBeNotified: canBeNotified(contact),
        acknowledgementDueAt: isoWithOffset(after.acknowledgement_due_at!),
      };
    });
  },
});
