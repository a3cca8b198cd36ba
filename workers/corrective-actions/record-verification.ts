import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { recordVerification } from '../../src/domain/corrective-actions/record-verification.js';
import { WORKER_ACTOR } from '../support.js';
import { entityId, flag, optionalText } from '../variables.js';

/**
 * Task_RecordVerification (R-ISO-04): the MCC manager's check of effectiveness. Effective closes
 * the action; ineffective keeps it on record and the process defines a further action.
 */
export const recordVerificationWorker = defineWorker({
  type: 'corrective-action.record-verification',
  description:
    'Records whether a done corrective action proved effective (closed) or not (a further action follows)',
  input: z.object({ correctiveActionId: entityId, effective: flag, verificationNote: optionalText(5000) }),
  output: z.object({}),
  async handler(job, services) {
    const v = job.variables;
    const now = services.now();
    await services.db.transaction((trx) =>
      recordVerification(trx, {
        actionId: v.correctiveActionId,
        effective: v.effective,
        note: v.verificationNote,
        actor: WORKER_ACTOR,
        now,
        processInstanceKey: job.processInstanceKey,
      }),
    );
    return {};
  },
});
