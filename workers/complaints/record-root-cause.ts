import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { lockComplaint } from '../../src/domain/complaints/complaint-record.js';
import { ROOT_CAUSE_METHOD_LABELS_FA } from '../../src/domain/complaints/labels.js';
import { findStage, recordStage } from '../../src/domain/complaints/record-stage.js';
import { jobKeyOf, stageContext } from '../support.js';
import { entityId, nullToUndefined, oneOf, requiredText } from '../variables.js';

const input = z.object({
  complaintId: entityId,
  rootCauseMethod: oneOf(['five_why', 'ishikawa']),
  rootCauseCategory: requiredText(200),
  rootCause: requiredText(5000),
  /** The analysis itself: text, the five answers, or the fishbone's branches. */
  analysis: z.preprocess(
    nullToUndefined,
    z
      .union(
        [z.string().trim().max(20_000), z.array(z.unknown()).max(50), z.record(z.string(), z.unknown())],
        {
          error: () => 'must be text, a list or an object',
        },
      )
      .optional(),
  ),
});

/** The `analysis` jsonb column holds an object. */
function analysisObject(analysis: z.output<typeof input>['analysis']): Record<string, unknown> {
  if (analysis === undefined) return {};
  if (typeof analysis === 'string') return { text: analysis };
  if (Array.isArray(analysis)) return { steps: analysis };
  return analysis;
}

/**
 * Task_RecordRootCause (R-ISO-03): the root-cause analysis (5-Why or Ishikawa) of a major or
 * critical complaint, kept by category so repeat complaints can be counted (R-ISO-06).
 */
export const recordRootCauseWorker = defineWorker({
  type: 'complaint.record-root-cause',
  description: 'Records the root-cause analysis (5-Why or Ishikawa) of a major or critical complaint',
  input,
  output: z.object({}),
  async handler(job, services) {
    const v = job.variables;
    const now = services.now();
    await services.db.transaction(async (trx) => {
      const complaint = await lockComplaint(trx, v.complaintId);
      if (await findStage(trx, complaint.id, jobKeyOf(job))) return;
      const [row] = (await trx('complaint_root_causes')
        .insert({
          complaint_id: complaint.id,
          method: v.rootCauseMethod,
          category: v.rootCauseCategory,
          root_cause_fa: v.rootCause,
          analysis: JSON.stringify(analysisObject(v.analysis)),
          recorded_by_staff_id: complaint.handler_staff_id,
          recorded_at: now,
        })
        .returning('id')) as { id: number }[];
      await recordStage(trx, {
        ...stageContext(job, now),
        complaintId: complaint.id,
        stage: 'root_cause_analysed',
        summaryFa: `تحلیل ریشه‌ای به روش ${ROOT_CAUSE_METHOD_LABELS_FA[v.rootCauseMethod]} ثبت شد؛ دسته: ${v.rootCauseCategory}.`,
        data: {
          rootCauseId: row!.id,
          rootCauseMethod: v.rootCauseMethod,
          rootCauseCategory: v.rootCauseCategory,
          rootCause: v.rootCause,
        },
      });
    });
    return {};
  },
});
