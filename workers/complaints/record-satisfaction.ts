import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { lockComplaint } from '../../src/domain/complaints/complaint-record.js';
import { findStage, recordStage } from '../../src/domain/complaints/record-stage.js';
import { jobKeyOf, stageContext } from '../support.js';
import { entityId, nullToUndefined, optionalText, wholeNumber } from '../variables.js';

interface FeedbackRow {
  satisfaction: number | null;
  comment_fa: string | null;
  responded_at: Date | null;
}

/**
 * Task_RecordSatisfaction (R-ISO-05): the member's satisfaction with the handling (1–5) and
 * comment, or that none came within the waiting time.
 */
export const recordSatisfactionWorker = defineWorker({
  type: 'complaint.record-satisfaction',
  description: "Records the member's satisfaction with the handling, or that no answer came",
  input: z.object({
    complaintId: entityId,
    satisfaction: z.preprocess(nullToUndefined, wholeNumber(1, 5).optional()),
    satisfactionComment: optionalText(5000),
  }),
  output: z.object({}),
  async handler(job, services) {
    const { complaintId, satisfaction, satisfactionComment } = job.variables;
    const now = services.now();
    await services.db.transaction(async (trx) => {
      await lockComplaint(trx, complaintId);
      if (await findStage(trx, complaintId, jobKeyOf(job))) return;
      const before = (await trx('complaint_feedback').where({ complaint_id: complaintId }).first()) as
        FeedbackRow | undefined;
      let recorded = before?.responded_at ? before : undefined;
      if (satisfaction !== undefined && before && !before.responded_at) {
        await trx('complaint_feedback')
          .where({ complaint_id: complaintId })
          .update({ satisfaction, comment_fa: satisfactionComment ?? null, responded_at: now });
        recorded = { satisfaction, comment_fa: satisfactionComment ?? null, responded_at: now };
      }
      const score = recorded?.satisfaction ?? satisfaction ?? null;
      await recordStage(trx, {
        ...stageContext(job, now),
        complaintId,
        stage: 'satisfaction_recorded',
        summaryFa:
          score !== null ? `رضایت عضو از نحوهٔ رسیدگی: ${score} از ۵.` : 'عضو در مهلت نظرسنجی پاسخی نداد.',
        data: {
          responded: score !== null,
          satisfaction: score,
          satisfactionComment: recorded?.comment_fa ?? satisfactionComment ?? null,
        },
        audit: {
          before: before ? { satisfaction: before.satisfaction, respondedAt: before.responded_at } : null,
          after: { satisfaction: score, respondedAt: recorded?.responded_at ?? null },
        },
      });
    });
    return {};
  },
});
