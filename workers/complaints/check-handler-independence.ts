import { z } from 'zod';
import { formatJalaliDateTime } from '../../src/calendar/index.js';
import { BpmnError, defineWorker } from '../../src/camunda/worker-definition.js';
import {
  auditView,
  changedFields,
  lockComplaint,
  updateComplaint,
} from '../../src/domain/complaints/complaint-record.js';
import { checkHandlerIndependence } from '../../src/domain/complaints/handler-independence.js';
import { staffInboxUrl } from '../../src/domain/complaints/links.js';
import { findStage, recordStage } from '../../src/domain/complaints/record-stage.js';
import { primaryUnitOf, staffByUsername } from '../../src/domain/complaints/staff-directory.js';
import { clip, jobKeyOf, noticeToStaff, stageContext } from '../support.js';
import { entityId, requiredText } from '../variables.js';

export const HANDLER_IS_STAKEHOLDER = 'HANDLER_IS_STAKEHOLDER';

/**
 * Task_CheckIndependence (R-CMP-05): the handler the Secretary General named must not be a direct
 * stakeholder. If they are, the refusal is recorded and the BPMN error HANDLER_IS_STAKEHOLDER
 * carries the Persian reason back to the assignment; otherwise the handler is assigned and told.
 */
export const checkHandlerIndependenceWorker = defineWorker({
  type: 'complaint.check-handler-independence',
  description:
    'Refuses a handler who is a stakeholder (BPMN error HANDLER_IS_STAKEHOLDER); assigns one who is not',
  input: z.object({ complaintId: entityId, handlerUsername: requiredText(40) }),
  output: z.object({}),
  async handler(job, services) {
    const now = services.now();
    const refusal = await services.db.transaction(async (trx): Promise<string | undefined> => {
      const complaint = await lockComplaint(trx, job.variables.complaintId);
      const done = await findStage(trx, complaint.id, jobKeyOf(job));
      if (done) return done.stage === 'handler_refused_as_stakeholder' ? String(done.data.reason) : undefined;
      const handler = await staffByUsername(trx, job.variables.handlerUsername);
      if (!handler)
        throw new Error(`handlerUsername: no member of staff is called ${job.variables.handlerUsername}`);
      if (!handler.isActive) throw new Error(`handlerUsername: ${handler.username} is no longer active`);
      const verdict = await checkHandlerIndependence(trx, complaint, handler);
      if (!verdict.independent) {
        await recordStage(trx, {
          ...stageContext(job, now),
          complaintId: complaint.id,
          stage: 'handler_refused_as_stakeholder',
          summaryFa: verdict.reason,
          data: {
            handlerUsername: handler.username,
            handlerStaffId: handler.id,
            reasons: verdict.reasons,
            reason: verdict.reason,
          },
        });
        return verdict.reason;
      }
      const unit = await primaryUnitOf(trx, handler.id);
      const after = await updateComplaint(trx, complaint.id, {
        handler_staff_id: handler.id,
        handler_unit_id: unit?.id ?? null,
        status: 'investigating',
      });
      await noticeToStaff(
        trx,
        handler,
        {
          title: clip(`رسیدگی به شکایت ${complaint.tracking_code}`, 200),
          body: [
            'دبیرکل شما را مسئول رسیدگی به شکایت زیر تعیین کرد. لطفاً شرح وقایع، علل، پیامدهای احتمالی، اقدامات ' +
              'انجام‌شده و مستندات را در کارتابل خود ثبت کنید (R-CMP-06).',
            `موضوع: ${complaint.subject}`,
            complaint.response_due_at ? `مهلت پاسخ: ${formatJalaliDateTime(complaint.response_due_at)}` : '',
          ]
            .filter(Boolean)
            .join('\n\n'),
          action: { label: 'کارتابل', url: staffInboxUrl(services.publicBaseUrl) },
        },
        `complaint:${complaint.id}:handler-assigned`,
        { type: 'complaint', id: complaint.id },
      );
      await recordStage(trx, {
        ...stageContext(job, now),
        complaintId: complaint.id,
        stage: 'handler_assigned',
        summaryFa: `${handler.fullNameFa}${unit ? ` (${unit.nameFa})` : ''} مسئول رسیدگی به شکایت شد.`,
        data: {
          handlerUsername: handler.username,
          handlerStaffId: handler.id,
          handlerUnitId: unit?.id ?? null,
        },
        audit: changedFields(auditView(complaint), auditView(after)),
      });
      return undefined;
    });
    if (refusal !== undefined) throw new BpmnError(HANDLER_IS_STAKEHOLDER, refusal, { reason: refusal });
    return {};
  },
});
