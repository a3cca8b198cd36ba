import { z } from 'zod';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { lockComplaint, type ComplaintRow } from '../../src/domain/complaints/complaint-record.js';
import { complaintCaseUrl, staffInboxUrl } from '../../src/domain/complaints/links.js';
import { findStage, recordStage } from '../../src/domain/complaints/record-stage.js';
import {
  activeStaffWithRole,
  primaryUnitOf,
  secretaryGeneral,
  staffById,
  type StaffMember,
} from '../../src/domain/complaints/staff-directory.js';
import { enqueueEmail } from '../../src/notify/index.js';
import { clip, jobKeyOf, stageContext } from '../support.js';
import { entityId } from '../variables.js';

interface EscalationSpec {
  readonly stepTitle: string;
  readonly deadline: keyof Pick<
    ComplaintRow,
    'acknowledgement_due_at' | 'response_due_at' | 'resolution_due_at'
  >;
  /** Who has the step, when it is not the handler. */
  readonly responsible?: string;
  /** Whether the MCC manager is told as well as the Secretary General. */
  readonly mccManager: boolean;
  /** Whether the handler is told that the deadline passed and the SG knows. */
  readonly handler: boolean;
}

/** The escalations `complaint.escalate` knows, by the task header `reason`. */
export const ESCALATION_REASONS: Readonly<Record<string, EscalationSpec>> = {
  'acknowledgement-overdue': {
    stepTitle: 'اعلام وصول شکایت به شاکی',
    deadline: 'acknowledgement_due_at',
    responsible: 'کارشناسان مرکز ارتباط با اعضا',
    mccManager: true,
    handler: false,
  },
  'response-overdue': {
    stepTitle: 'بررسی شکایت و ارائهٔ گزارش به دبیرکل',
    deadline: 'response_due_at',
    mccManager: false,
    handler: true,
  },
  'resolution-overdue': {
    stepTitle: 'تصمیم‌گیری و رفع شکایت',
    deadline: 'resolution_due_at',
    responsible: 'دبیرکل و کمیتهٔ بررسی شکایات اعضا',
    mccManager: true,
    handler: false,
  },
};

function specOf(header: string | undefined): [string, EscalationSpec] {
  const reason = header?.trim() ?? '';
  const spec = Object.hasOwn(ESCALATION_REASONS, reason) ? ESCALATION_REASONS[reason] : undefined;
  if (!spec) {
    throw new Error(
      `header reason must be one of ${Object.keys(ESCALATION_REASONS).join(', ')}, got ${JSON.stringify(reason)}`,
    );
  }
  return [reason, spec];
}

/**
 * The overdue timers (R-CMP-13, R-ISO-01, R-ISO-02): a passed deadline is reported to the
 * Secretary General, accountable for follow-up until the final result (and, per reason, to the
 * MCC manager and the handler).
 */
export const escalateWorker = defineWorker({
  type: 'complaint.escalate',
  description: 'Reports a passed deadline of a complaint to the Secretary General',
  headers: { reason: `why: ${Object.keys(ESCALATION_REASONS).join(', ')}` },
  input: z.object({ complaintId: entityId }),
  output: z.object({}),
  async handler(job, services) {
    const [reason, spec] = specOf(job.headers.reason);
    const now = services.now();
    await services.db.transaction(async (trx) => {
      const complaint = await lockComplaint(trx, job.variables.complaintId);
      if (await findStage(trx, complaint.id, jobKeyOf(job))) return;
      const deadline = complaint[spec.deadline] ?? now;
      const handler = complaint.handler_staff_id
        ? await staffById(trx, complaint.handler_staff_id)
        : undefined;
      const handlerUnit = handler ? await primaryUnitOf(trx, handler.id) : undefined;
      const responsible =
        spec.responsible ??
        (handler ? `${handler.fullNameFa}${handlerUnit ? ` (${handlerUnit.nameFa})` : ''}` : 'مسئول رسیدگی');
      const recipients = new Map<number, StaffMember>();
      for (const s of await secretaryGeneral(trx)) recipients.set(s.id, s);
      if (spec.mccManager)
        for (const s of await activeStaffWithRole(trx, 'mcc-manager')) recipients.set(s.id, s);
      const base = `complaint:${complaint.id}:escalation:${reason}`;
      const entity = { entityType: 'complaint', entityId: complaint.id };
      const case_ = {
        caseKind: 'complaint' as const,
        caseReference: complaint.tracking_code,
        caseTitle: clip(complaint.subject, 300),
        stepTitle: spec.stepTitle,
        deadline,
        state: 'passed' as const,
      };
      const notified: string[] = [];
      for (const r of recipients.values()) {
        if (!r.email) continue;
        await enqueueEmail(trx, {
          to: r.email,
          template: 'deadline-escalation',
          data: {
            recipientName: r.fullNameFa,
            ...case_,
            responsible: clip(responsible, 200),
            ...(complaint.severity ? { severity: complaint.severity } : {}),
            caseUrl: complaintCaseUrl(services.publicBaseUrl, complaint.id),
          },
          dedupeKey: `${base}:${r.username}`,
          ...entity,
        });
        notified.push(r.username);
      }
      if (spec.handler && handler?.email && !recipients.has(handler.id)) {
        await enqueueEmail(trx, {
          to: handler.email,
          template: 'deadline-reminder',
          data: {
            recipientName: handler.fullNameFa,
            ...case_,
            inboxUrl: staffInboxUrl(services.publicBaseUrl),
            escalated: true,
          },
          dedupeKey: `${base}:${handler.username}`,
          ...entity,
        });
        notified.push(handler.username);
      }
      await recordStage(trx, {
        ...stageContext(job, now),
        complaintId: complaint.id,
        stage: 'escalated',
        summaryFa: `مهلت «${spec.stepTitle}» گذشت و موضوع به دبیرکل گزارش شد.`,
        data: { reason, deadline, responsible, notified },
      });
    });
    return {};
  },
});
