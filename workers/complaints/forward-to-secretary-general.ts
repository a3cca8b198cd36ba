import { z } from 'zod';
import { formatJalaliDateTime } from '../../src/calendar/index.js';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import {
  auditView,
  changedFields,
  lockComplaint,
  updateComplaint,
} from '../../src/domain/complaints/complaint-record.js';
import { SEVERITY_LABELS_FA } from '../../src/domain/complaints/labels.js';
import { staffInboxUrl } from '../../src/domain/complaints/links.js';
import { findStage, recordStage } from '../../src/domain/complaints/record-stage.js';
import { secretaryGeneral, unitName } from '../../src/domain/complaints/staff-directory.js';
import { clip, jobKeyOf, noticeToStaff, stageContext } from '../support.js';
import { entityId } from '../variables.js';

/**
 * Task_ForwardToSecretaryGeneral (R-CMP-04, R-CMP-05): the reviewed complaint goes to the
 * Secretary General, who names its handler.
 */
export const forwardToSecretaryGeneralWorker = defineWorker({
  type: 'complaint.forward-to-secretary-general',
  description: 'Forwards the reviewed complaint to the Secretary General to name a handler',
  input: z.object({ complaintId: entityId }),
  output: z.object({}),
  async handler(job, services) {
    const now = services.now();
    await services.db.transaction(async (trx) => {
      const complaint = await lockComplaint(trx, job.variables.complaintId);
      if (await findStage(trx, complaint.id, jobKeyOf(job))) return;
      const after =
        complaint.status === 'under_review' || complaint.status === 'registered'
          ? await updateComplaint(trx, complaint.id, { status: 'with_secretary_general' })
          : complaint;
      const unit = complaint.concerned_unit_id ? await unitName(trx, complaint.concerned_unit_id) : undefined;
      const notified: string[] = [];
      for (const sg of await secretaryGeneral(trx)) {
        const sent = await noticeToStaff(
          trx,
          sg,
          {
            title: clip(`تعیین مسئول رسیدگی به شکایت ${complaint.tracking_code}`, 200),
            body: [
              'مدیر مرکز ارتباط با اعضا شکایت زیر را بررسی کرد و برای تعیین مسئول رسیدگی به کارتابل شما فرستاد. ' +
                'مسئول رسیدگی نباید ذی‌نفع مستقیم موضوع شکایت باشد (R-CMP-05).',
              `موضوع: ${complaint.subject}`,
              [
                complaint.severity ? `شدت: ${SEVERITY_LABELS_FA[complaint.severity]}` : '',
                unit ? `واحد مربوط: ${unit}` : '',
                complaint.response_due_at
                  ? `مهلت پاسخ: ${formatJalaliDateTime(complaint.response_due_at)}`
                  : '',
              ]
                .filter(Boolean)
                .join('\n'),
            ]
              .filter(Boolean)
              .join('\n\n'),
            action: { label: 'کارتابل', url: staffInboxUrl(services.publicBaseUrl) },
          },
          `complaint:${complaint.id}:forwarded-to-sg`,
          { type: 'complaint', id: complaint.id },
        );
        if (sent) notified.push(sg.username);
      }
      await recordStage(trx, {
        ...stageContext(job, now),
        complaintId: complaint.id,
        stage: 'forwarded_to_secretary_general',
        summaryFa: 'شکایت برای تعیین مسئول رسیدگی به دبیرکل ارجاع شد.',
        data: { notified },
        audit: changedFields(auditView(complaint), auditView(after)),
      });
    });
    return {};
  },
});
