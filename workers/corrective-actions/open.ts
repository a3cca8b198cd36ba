import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { isoWithOffset } from '../../src/domain/complaints/iso-time.js';
import { correctiveActionUrl } from '../../src/domain/complaints/links.js';
import { staffById } from '../../src/domain/complaints/staff-directory.js';
import {
  ACTION_SOURCE_TYPES,
  actionReference,
  latestActionOfInstance,
  type CorrectiveActionRow,
} from '../../src/domain/corrective-actions/action-record.js';
import {
  checkActionSource,
  civilDate,
  openCorrectiveAction,
} from '../../src/domain/corrective-actions/open-action.js';
import { actionReminderAt, dueAtOf } from '../../src/domain/corrective-actions/schedule.js';
import { formatJalaliDate, type WorkingCalendar } from '../../src/calendar/index.js';
import { WORKER_ACTOR, clip, noticeToStaff } from '../support.js';
import {
  dateTimeOut,
  entityId,
  oneOf,
  optionalEntityId,
  optionalText,
  requiredText,
  wholeNumber,
} from '../variables.js';

const input = z
  .object({
    sourceType: oneOf(ACTION_SOURCE_TYPES),
    complaintId: optionalEntityId,
    surveyId: optionalEntityId,
    meetingId: optionalEntityId,
    callId: optionalEntityId,
    description: requiredText(2000),
    ownerUsername: requiredText(40),
    dueOn: civilDate,
    resources: optionalText(2000),
    successIndicator: requiredText(2000),
    /** Set by the process when it loops back after an ineffective action; checked, not trusted. */
    parentActionId: optionalEntityId,
    verifyAfterDays: z.preprocess(
      (v) => (v === null || v === '' ? undefined : v),
      wholeNumber(30, 90).optional(),
    ),
    /** Set when the process loops back after an ineffective action: the new action's parent. */
    correctiveActionId: optionalEntityId,
  })
  .superRefine(checkActionSource);

const output = z.object({ correctiveActionId: entityId, dueAt: dateTimeOut, reminderAt: dateTimeOut });

function outputOf(calendar: WorkingCalendar, action: CorrectiveActionRow): z.output<typeof output> {
  const dueAt = dueAtOf(calendar, action.due_on);
  return {
    correctiveActionId: action.id,
    dueAt: isoWithOffset(dueAt),
    reminderAt: isoWithOffset(actionReminderAt(calendar, dueAt, action.created_at)),
  };
}

/**
 * Task_OpenAction (R-CMP-11, R-ISO-04): opens the corrective action as defined — from a complaint,
 * survey, meeting, call or management review; after an ineffective action, a further one linked to
 * it — and tells its owner. Writes when it is due and when to remind the owner.
 */
export const openWorker = defineWorker({
  type: 'corrective-action.open',
  description: 'Opens the corrective action as defined and tells its owner',
  input,
  output,
  async handler(job, services) {
    const v = job.variables;
    const calendar = await services.calendar();
    const now = services.now();
    return services.db.transaction(async (trx) => {
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [
        `corrective-action.open:${job.processInstanceKey}`,
      ]);
      // An instance opens one action, then a further one after each ineffective one (the process
      // loops back): the newest action of the instance is the parent, or, when it is not
      // ineffective, the one a repeated delivery of this job already opened.
      const latest = await latestActionOfInstance(trx, job.processInstanceKey);
      if (latest && latest.status !== 'ineffective') return outputOf(calendar, latest);
      const parentActionId = latest?.id;
      if (v.parentActionId !== undefined && v.parentActionId !== parentActionId) {
        throw new Error(
          `parentActionId: ${v.parentActionId} is not the ineffective action of this process instance (${parentActionId ?? 'none'})`,
        );
      }
      const action = await openCorrectiveAction(
        trx,
        {
          sourceType: v.sourceType,
          complaintId: v.complaintId,
          surveyId: v.surveyId,
          meetingId: v.meetingId,
          callId: v.callId,
          parentActionId,
          description: v.description,
          ownerUsername: v.ownerUsername,
          dueOn: v.dueOn,
          resources: v.resources,
          successIndicator: v.successIndicator,
          verifyAfterDays: v.verifyAfterDays,
        },
        WORKER_ACTOR,
        {
          now,
          // The key is unique: only the instance's first action carries it; further ones hang on their parent.
          processInstanceKey: parentActionId === undefined ? job.processInstanceKey : null,
          elementId: job.elementId,
        },
      );
      const owner = await staffById(trx, action.owner_staff_id);
      if (owner) {
        await noticeToStaff(
          trx,
          owner,
          {
            title: clip(`اقدام اصلاحی ${actionReference(action.id)} به شما سپرده شد`, 200),
            body: [
              'اقدام اصلاحی زیر به مسئولیت شما تعریف شد (روش اجرایی SY-PR-05-00-02). لطفاً پیشرفت آن را در کارتابل خود گزارش کنید.',
              `شرح: ${action.description_fa}`,
              `شاخص موفقیت: ${action.success_indicator_fa}`,
              `مهلت انجام: ${formatJalaliDate(action.due_on)}`,
            ].join('\n\n'),
            action: { label: 'مشاهدهٔ اقدام', url: correctiveActionUrl(services.publicBaseUrl, action.id) },
          },
          `corrective-action:${action.id}:opened`,
          { type: 'corrective-action', id: action.id },
        );
      }
      return outputOf(calendar, action);
    });
  },
});
