import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { isoWithOffset } from '../../src/domain/complaints/iso-time.js';
import { recordProgress } from '../../src/domain/corrective-actions/record-progress.js';
import { WORKER_ACTOR } from '../support.js';
import { dateTimeOut, entityId, flag, optionalText, wholeNumber } from '../variables.js';

/**
 * Task_RecordProgress (R-ISO-04): the owner's progress report; when done, the action waits for the
 * check of its effectiveness, `verifyAfterDays` (30–90) later.
 */
export const recordProgressWorker = defineWorker({
  type: 'corrective-action.record-progress',
  description:
    "Records the owner's progress on a corrective action; schedules the effectiveness check when done",
  input: z.object({
    correctiveActionId: entityId,
    progressPct: wholeNumber(0, 100),
    progressNote: optionalText(5000),
    done: flag,
  }),
  output: z.object({ verificationDueAt: dateTimeOut.optional() }),
  async handler(job, services) {
    const v = job.variables;
    const calendar = await services.calendar();
    const now = services.now();
    const result = await services.db.transaction((trx) =>
      recordProgress(trx, calendar, {
        actionId: v.correctiveActionId,
        progressPct: v.progressPct,
        note: v.progressNote,
        done: v.done,
        actor: WORKER_ACTOR,
        now,
        processInstanceKey: job.processInstanceKey,
        jobKey: job.key,
      }),
    );
    return result.verificationDueAt ? { verificationDueAt: isoWithOffset(result.verificationDueAt) } : {};
  },
});
