import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { COMPLAINT_FORM, findComplaint } from '../../src/domain/complaints/complaint-record.js';
import { handlerOption, listEligibleHandlers } from '../../src/domain/complaints/eligible-handlers.js';
import { NotFoundError } from '../../src/domain/complaints/errors.js';
import { appendAuditEventOncePerJob } from '../../src/domain/complaints/job-audit.js';
import { WORKER_ACTOR } from '../support.js';
import { entityId } from '../variables.js';

const option = z.object({ label: z.string(), value: z.string() });

/**
 * Task_ListEligibleHandlers (R-CMP-05): the staff the Secretary General may choose as handler —
 * not the unit concerned, not the people named, not the complainant — as options of the
 * assignment form's select. Who was left out and why goes to the audit trail.
 */
export const listEligibleHandlersWorker = defineWorker({
  type: 'complaint.list-eligible-handlers',
  description: 'Lists the staff who may handle the complaint (no stakeholders) for the assignment form',
  input: z.object({ complaintId: entityId }),
  output: z.object({ handlerOptions: z.array(option) }),
  async handler(job, services) {
    return services.db.transaction(async (trx) => {
      const complaint = await findComplaint(trx, job.variables.complaintId);
      if (!complaint) throw new NotFoundError('complaint', job.variables.complaintId);
      const { eligible, excluded } = await listEligibleHandlers(trx, complaint);
      if (eligible.length === 0) {
        throw new Error(`complaint ${complaint.id}: no active member of staff is free of a stake in it`);
      }
      await appendAuditEventOncePerJob(trx, job.key, {
        actor: WORKER_ACTOR,
        action: 'complaint.eligible-handlers-listed',
        entityType: 'complaint',
        entityId: complaint.id,
        after: {
          eligible: eligible.map((c) => c.username),
          excluded: excluded.map((c) => ({ username: c.username, reasons: c.reasons })),
        },
        processInstanceKey: job.processInstanceKey,
        documentCode: COMPLAINT_FORM,
      });
      return { handlerOptions: eligible.map(handlerOption) };
    });
  },
});
