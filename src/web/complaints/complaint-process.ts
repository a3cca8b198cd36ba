import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import type { Knex } from 'knex';
import { appendAuditEvent, type Actor } from '../../audit/audit-trail.js';
import { COMPLAINT_FORM, lockComplaint, updateComplaint } from '../../domain/complaints/complaint-record.js';

/** processes/complaint-handling.md: `Start_Registered`, started with `complaintId`. */
export const COMPLAINT_PROCESS_ID = 'complaint-handling';

export interface ProcessStart {
  /** False when the complaint had its process already (nothing was started). */
  readonly started: boolean;
  readonly processInstanceKey: string;
}

/**
 * Starts `complaint-handling` for a complaint that has no process yet and links the instance to it,
 * audited. The complaint's row stays locked during the engine call, so two starts (the public form's
 * and a staff member's, or two clicks) cannot both start one: the second finds the link. The
 * `complaint.register` worker of the new instance waits for the lock and then finds it linked.
 */
export async function startComplaintProcess(
  db: Knex,
  client: CamundaClient,
  complaintId: number,
  actor: Actor,
): Promise<ProcessStart> {
  return db.transaction(async (trx) => {
    const row = await lockComplaint(trx, complaintId);
    if (row.process_instance_key !== null)
      return { started: false, processInstanceKey: String(row.process_instance_key) };
    const { processInstanceKey } = (await client.createProcessInstance({
      processDefinitionId: COMPLAINT_PROCESS_ID,
      variables: { complaintId },
    } as never)) as { processInstanceKey: string };
    await updateComplaint(trx, complaintId, { process_instance_key: processInstanceKey });
    await appendAuditEvent(trx, {
      actor,
      action: 'complaint.process-started',
      entityType: 'complaint',
      entityId: complaintId,
      before: { processInstanceKey: null },
      after: { processInstanceKey, processDefinitionId: COMPLAINT_PROCESS_ID },
      processInstanceKey,
      documentCode: COMPLAINT_FORM,
    });
    return { started: true, processInstanceKey };
  });
}
