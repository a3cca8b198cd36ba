import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { appendAuditEventOncePerJob } from '../../src/domain/complaints/job-audit.js';
import { staffInboxUrl } from '../../src/domain/complaints/links.js';
import { staffById } from '../../src/domain/complaints/staff-directory.js';
import {
  CORRECTIVE_ACTION_PROCEDURE,
  actionReference,
  lockAction,
} from '../../src/domain/corrective-actions/action-record.js';
import { dueAtOf } from '../../src/domain/corrective-actions/schedule.js';
import { enqueueEmail, enqueueSms } from '../../src/notify/index.js';
import { WORKER_ACTOR, clip } from '../support.js';
import { entityId } from '../variables.js';

/** Timer_ActionReminder → Task_RemindOwner (R-ISO-04): the due date of an action is near. */
export const remindWorker = defineWorker({
  type: 'corrective-action.remind',
  description: 'Reminds the owner of a corrective action that its due date is near',
  input: z.object({ correctiveActionId: entityId }),
  output: z.object({}),
  async handler(job, services) {
    const calendar = await services.calendar();
    await services.db.transaction(async (trx) => {
      const action = await lockAction(trx, job.variables.correctiveActionId);
      const owner = await staffById(trx, action.owner_staff_id);
      if (!owner)
        throw new Error(`corrective action ${action.id}: owner ${action.owner_staff_id} does not exist`);
      const deadline = dueAtOf(calendar, action.due_on);
      const data = {
        recipientName: owner.fullNameFa,
        caseKind: 'corrective-action' as const,
        caseReference: actionReference(action.id),
        caseTitle: clip(action.description_fa, 300),
        stepTitle: 'انجام اقدام اصلاحی و گزارش پیشرفت',
        deadline,
        state: 'approaching' as const,
        inboxUrl: staffInboxUrl(services.publicBaseUrl),
      };
      const dedupe = `corrective-action:${action.id}:reminder:${owner.username}`;
      const entity = { entityType: 'corrective-action', entityId: action.id };
      const channels: string[] = [];
      if (owner.email) {
        await enqueueEmail(trx, {
          to: owner.email,
          template: 'deadline-reminder',
          data,
          dedupeKey: `${dedupe}:email`,
          ...entity,
        });
        channels.push('email');
      }
      if (owner.mobile) {
        await enqueueSms(trx, {
          to: owner.mobile,
          template: 'deadline-reminder',
          data,
          dedupeKey: `${dedupe}:sms`,
          ...entity,
        });
        channels.push('sms');
      }
      await appendAuditEventOncePerJob(trx, job.key, {
        actor: WORKER_ACTOR,
        action: 'corrective-action.reminded',
        entityType: 'corrective-action',
        entityId: action.id,
        after: { recipient: owner.username, channels, dueAt: deadline },
        processInstanceKey: job.processInstanceKey,
        documentCode: CORRECTIVE_ACTION_PROCEDURE,
      });
    });
    return {};
  },
});
