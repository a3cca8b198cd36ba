import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { formatJalaliDateTime } from '../../src/calendar/index.js';
import {
  SEVERITIES,
  auditView,
  changedFields,
  lockComplaint,
  updateComplaint,
} from '../../src/domain/complaints/complaint-record.js';
import { complaintDeadlines, loadSeverityTargets } from '../../src/domain/complaints/deadlines.js';
import { isoWithOffset } from '../../src/domain/complaints/iso-time.js';
import { SEVERITY_LABELS_FA } from '../../src/domain/complaints/labels.js';
import { complaintCaseUrl } from '../../src/domain/complaints/links.js';
import { findStage, recordStage } from '../../src/domain/complaints/record-stage.js';
import { secretaryGeneral } from '../../src/domain/complaints/staff-directory.js';
import { clip, jobKeyOf, noticeToStaff, stageContext } from '../support.js';
import { dateTimeOut, entityId, oneOf } from '../variables.js';

const output = z.object({
  responseDueAt: dateTimeOut,
  resolutionDueAt: dateTimeOut,
  reminderAt: dateTimeOut,
});

/**
 * Task_SetDeadlines (R-ISO-02): the response and resolution deadlines for the severity, and when to
 * remind the handler (one working day before the response deadline). The Secretary General is
 * told at once of a critical complaint.
 */
export const classifyDeadlinesWorker = defineWorker({
  type: 'complaint.classify-deadlines',
  description:
    'Sets the response and resolution deadlines for the severity; tells the SG of a critical complaint',
  input: z.object({ complaintId: entityId, severity: oneOf(SEVERITIES) }),
  output,
  async handler(job, services) {
    const { complaintId, severity } = job.variables;
    const calendar = await services.calendar();
    const now = services.now();
    return services.db.transaction(async (trx) => {
      const complaint = await lockComplaint(trx, complaintId);
      const done = await findStage(trx, complaintId, jobKeyOf(job));
      if (done) return output.parse(done.data);
      const d = complaintDeadlines(calendar, await loadSeverityTargets(trx), {
        receivedAt: complaint.received_at,
        severity,
        now,
      });
      const result = {
        responseDueAt: isoWithOffset(d.responseDueAt),
        resolutionDueAt: isoWithOffset(d.resolutionDueAt),
        reminderAt: isoWithOffset(d.reminderAt),
      };
      const after = await updateComplaint(trx, complaintId, {
        severity,
        response_due_at: d.responseDueAt,
        resolution_due_at: d.resolutionDueAt,
      });
      const notified: string[] = [];
      if (severity === 'critical') {
        for (const sg of await secretaryGeneral(trx)) {
          const sent = await noticeToStaff(
            trx,
            sg,
            {
              title: clip(`شکایت بحرانی — کد رهگیری ${complaint.tracking_code}`, 200),
              body: [
                `شکایتی با شدت «${SEVERITY_LABELS_FA.critical}» ثبت شده است و طبق R-ISO-02 باید فوراً پیگیری شود.`,
                `موضوع: ${complaint.subject}`,
                `مهلت پاسخ اولیه: ${formatJalaliDateTime(d.responseDueAt)}\nمهلت رفع شکایت: ${formatJalaliDateTime(d.resolutionDueAt)}`,
              ].join('\n\n'),
              action: { label: 'مشاهدهٔ پرونده', url: complaintCaseUrl(services.publicBaseUrl, complaintId) },
            },
            `complaint:${complaintId}:critical`,
            { type: 'complaint', id: complaintId },
          );
          if (sent) notified.push(sg.username);
        }
      }
      const diff = changedFields(auditView(complaint), auditView(after));
      await recordStage(trx, {
        ...stageContext(job, now),
        complaintId,
        stage: 'classified',
        summaryFa:
          `شدت شکایت «${SEVERITY_LABELS_FA[severity]}» تعیین شد؛ مهلت پاسخ ${formatJalaliDateTime(d.responseDueAt)}` +
          `، مهلت رفع ${formatJalaliDateTime(d.resolutionDueAt)}` +
          (notified.length > 0 ? '؛ دبیرکل بی‌درنگ آگاه شد.' : '.'),
        data: { severity, ...result, secretaryGeneralNotified: notified },
        audit: diff,
      });
      return result;
    });
  },
});
