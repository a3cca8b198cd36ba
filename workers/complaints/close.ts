import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import {
  FINAL_RESULTS,
  auditView,
  changedFields,
  lockComplaint,
  updateComplaint,
} from '../../src/domain/complaints/complaint-record.js';
import { RESULT_LABELS_FA } from '../../src/domain/complaints/labels.js';
import { findStage, recordStage } from '../../src/domain/complaints/record-stage.js';
import { jobKeyOf, stageContext } from '../support.js';
import { entityId, oneOf } from '../variables.js';

/** Task_Close (R-CMP-12, R-CMP-14): the case is closed with its final result. */
export const closeWorker = defineWorker({
  type: 'complaint.close',
  description: 'Closes the complaint with its final result',
  input: z.object({ complaintId: entityId, finalResult: oneOf(FINAL_RESULTS) }),
  output: z.object({}),
  async handler(job, services) {
    const { complaintId, finalResult } = job.variables;
    const now = services.now();
    await services.db.transaction(async (trx) => {
      const complaint = await lockComplaint(trx, complaintId);
      if (await findStage(trx, complaintId, jobKeyOf(job))) return;
      const after = await updateComplaint(trx, complaintId, {
        status: 'closed',
        closed_at: complaint.closed_at ?? now,
        final_result: finalResult,
      });
      await recordStage(trx, {
        ...stageContext(job, now),
        complaintId,
        stage: 'closed',
        summaryFa: `پرونده با نتیجهٔ «${RESULT_LABELS_FA[finalResult]}» بسته شد.`,
        data: { finalResult },
        audit: changedFields(auditView(complaint), auditView(after)),
      });
    });
    return {};
  },
});
