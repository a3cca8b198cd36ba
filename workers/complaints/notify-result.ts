import { z } from 'zod';
import { DAY_MS } from '../../src/calendar/index.js';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import {
  FINAL_RESULTS,
  auditView,
  changedFields,
  lockComplaint,
  updateComplaint,
} from '../../src/domain/complaints/complaint-record.js';
import { complainantContact } from '../../src/domain/complaints/contacts.js';
import {
  FEEDBACK_LINK_VALID_DAYS,
  hashFeedbackToken,
  newFeedbackToken,
} from '../../src/domain/complaints/feedback-token.js';
import { RESULT_LABELS_FA } from '../../src/domain/complaints/labels.js';
import { feedbackUrl } from '../../src/domain/complaints/links.js';
import { findStage, recordStage } from '../../src/domain/complaints/record-stage.js';
import { enqueueEmail, enqueueSms } from '../../src/notify/index.js';
import { clip, jobKeyOf, stageContext } from '../support.js';
import { entityId, oneOf, requiredText } from '../variables.js';

/** The corrective actions decided on the case, in plain words, for the result letter (R-CMP-11). */
async function actionDescriptions(
  trx: Parameters<typeof lockComplaint>[0],
  complaintId: number,
): Promise<string[]> {
  const opened = (await trx('corrective_actions')
    .where({ complaint_id: complaintId })
    .orderBy('id')
    .pluck('description_fa')) as string[];
  if (opened.length > 0) return opened;
  const decided = (await trx('complaint_stages')
    .where({ complaint_id: complaintId, stage: 'committee_decided' })
    .orderBy('id', 'desc')
    .first('data')) as { data: { correctiveActions?: { description?: unknown }[] } } | undefined;
  return (decided?.data.correctiveActions ?? []).flatMap((a) =>
    typeof a.description === 'string' && a.description.trim() ? [a.description.trim()] : [],
  );
}

/**
 * Task_NotifyMemberOfResult (R-CMP-12, R-ISO-05): the final result to the member by e-mail and
 * SMS, with a personal satisfaction link: a random token whose SHA-256 alone is stored, valid as
 * long as the process waits for the answer.
 */
export const notifyResultWorker = defineWorker({
  type: 'complaint.notify-result',
  description: 'Sends the member the final result and a personal satisfaction link',
  input: z.object({
    complaintId: entityId,
    finalResult: oneOf(FINAL_RESULTS),
    resultText: requiredText(5000),
  }),
  output: z.object({ feedbackRequested: z.boolean() }),
  async handler(job, services) {
    const { complaintId, finalResult, resultText } = job.variables;
    const now = services.now();
    return services.db.transaction(async (trx) => {
      const complaint = await lockComplaint(trx, complaintId);
      const done = await findStage(trx, complaintId, jobKeyOf(job));
      if (done) return { feedbackRequested: done.data.feedbackRequested === true };
      const contact = await complainantContact(trx, complaint);
      const channels: string[] = [];
      let expiresAt: Date | undefined;
      const alreadyRequested = await trx('complaint_feedback')
        .where({ complaint_id: complaintId })
        .first('complaint_id');
      if (!alreadyRequested && (contact.email || contact.mobile)) {
        const token = newFeedbackToken();
        expiresAt = new Date(now.getTime() + FEEDBACK_LINK_VALID_DAYS * DAY_MS);
        await trx('complaint_feedback').insert({
          complaint_id: complaintId,
          token_hash: hashFeedbackToken(token),
          requested_at: now,
          expires_at: expiresAt,
        });
        const actions = (await actionDescriptions(trx, complaintId)).slice(0, 20).map((a) => clip(a, 500));
        const data = {
          recipientName: contact.name,
          trackingCode: complaint.tracking_code,
          receivedAt: complaint.received_at,
          decidedAt: now,
          outcome: finalResult,
          explanation: resultText,
          ...(actions.length > 0 ? { correctiveActions: actions } : {}),
          surveyUrl: feedbackUrl(services.publicBaseUrl, token),
        };
        const entity = { entityType: 'complaint', entityId: complaintId };
        if (contact.email) {
          await enqueueEmail(trx, {
            to: contact.email,
            template: 'complaint-result',
            data,
            dedupeKey: `complaint:${complaintId}:result:email`,
            ...entity,
          });
          channels.push('email');
        }
        if (contact.mobile) {
          await enqueueSms(trx, {
            to: contact.mobile,
            template: 'complaint-result',
            data,
            dedupeKey: `complaint:${complaintId}:result:sms`,
            ...entity,
          });
          channels.push('sms');
        }
      }
      const feedbackRequested = expiresAt !== undefined || alreadyRequested !== undefined;
      const after = await updateComplaint(trx, complaintId, {
        final_result: finalResult,
        result_communicated_at: complaint.result_communicated_at ?? now,
        ...(complaint.status === 'closed' ? {} : { status: 'communicating_result' as const }),
      });
      await recordStage(trx, {
        ...stageContext(job, now),
        complaintId,
        stage: 'result_communicated',
        summaryFa:
          channels.length > 0
            ? `نتیجهٔ نهایی («${RESULT_LABELS_FA[finalResult]}») با ${channels.map((c) => (c === 'email' ? 'رایانامه' : 'پیامک')).join(' و ')} به عضو اعلام شد.`
            : `نتیجهٔ نهایی («${RESULT_LABELS_FA[finalResult]}») ثبت شد؛ نشانی رایانامه یا شمارهٔ همراهی برای اعلام به عضو نیست.`,
        data: { finalResult, resultText, channels, feedbackRequested },
        audit: changedFields(auditView(complaint), auditView(after)),
      });
      if (expiresAt) {
        await recordStage(trx, {
          ...stageContext(job, now),
          idempotencyKey: `${jobKeyOf(job)}:satisfaction`,
          complaintId,
          stage: 'satisfaction_requested',
          summaryFa: 'پیوند شخصی نظرسنجی رضایت از نحوهٔ رسیدگی برای عضو فرستاده شد (R-ISO-05).',
          data: { channels, expiresAt },
        });
      }
      return { feedbackRequested };
    });
  },
});
