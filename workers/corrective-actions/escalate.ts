import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { appendAuditEventOncePerJob } from '../../src/domain/complaints/job-audit.js';
import { correctiveActionUrl, staffInboxUrl } from '../../src/domain/complaints/links.js';
import {
  activeStaffWithRole,
  primaryUnitOf,
  secretaryGeneral,
  staffById,
  type StaffMember,
} from '../../src/domain/complaints/staff-directory.js';
import {
  CORRECTIVE_ACTION_PROCEDURE,
  actionReference,
  lockAction,
} from '../../src/domain/corrective-actions/action-record.js';
import { dueAtOf } from '../../src/domain/corrective-actions/schedule.js';
import { enqueueEmail } from '../../src/notify/index.js';
import { WORKER_ACTOR, clip } from '../support.js';
import { entityId } from '../variables.js';

/**
 * Timer_ActionOverdue → Task_EscalateAction (R-ISO-04, R-CMP-13): an action past its due date is
 * reported to the MCC manager and the Secretary General; its owner is told that it was.
 */
export const escalateWorker = defineWorker({
  type: 'corrective-action.escalate',
  description: 'Reports a corrective action past its due date to the MCC manager and the Secretary General',
  input: z.object({ correctiveActionId: entityId }),
  output: z.object({}),
  async handler(job, services) {
    const calendar = await services.calendar();
    await services.db.transaction(async (trx) => {
      const action = await lockAction(trx, job.variables.correctiveActionId);
      const owner = await staffById(trx, action.owner_staff_id);
      const unit = owner ? await primaryUnitOf(trx, owner.id) : undefined;
      const deadline = dueAtOf(calendar, action.due_on);
      const case_ = {
        caseKind: 'corrective-action' as const,
        caseReference: actionReference(action.id),
        caseTitle: clip(action.description_fa, 300),
        stepTitle: 'انجام اقدام اصلاحی',
        deadline,
        state: 'passed' as const,
      };
      const recipients = new Map<number, StaffMember>();
      for (const s of await activeStaffWithRole(trx, 'mcc-manager')) recipients.set(s.id, s);
      for (const s of await secretaryGeneral(trx)) recipients.set(s.id, s);
      const base = `corrective-action:${action.id}:escalation`;
      const entity = { entityType: 'corrective-action', entityId: action.id };
      const notified: string[] = [];
      for (const r of recipients.values()) {
        if (!r.email) continue;
        await enqueueEmail(trx, {
          to: r.email,
          template: 'deadline-escalation',
          data: {
            recipientName: r.fullNameFa,
            ...case_,
            responsible: clip(
              owner ? `${owner.fullNameFa}${unit ? ` (${unit.nameFa})` : ''}` : 'مسئول اقدام',
              200,
            ),
            caseUrl: correctiveActionUrl(services.publicBaseUrl, action.id),
          },
          dedupeKey: `${base}:${r.username}`,
          ...entity,
        });
        notified.push(r.username);
      }
      if (owner?.email && !recipients.has(owner.id)) {
        await enqueueEmail(trx, {
          to: owner.email,
          template: 'deadline-reminder',
          data: {
            recipientName: owner.fullNameFa,
            ...case_,
            inboxUrl: staffInboxUrl(services.publicBaseUrl),
            escalated: true,
          },
          dedupeKey: `${base}:${owner.username}`,
          ...entity,
        });
        notified.push(owner.username);
      }
      await appendAuditEventOncePerJob(trx, job.key, {
        actor: WORKER_ACTOR,
        action: 'corrective-action.escalated',
        entityType: 'corrective-action',
        entityId: action.id,
        after: { dueAt: deadline, notified },
        processInstanceKey: job.processInstanceKey,
        documentCode: CORRECTIVE_ACTION_PROCEDURE,
      });
    });
    return {};
  },
});
