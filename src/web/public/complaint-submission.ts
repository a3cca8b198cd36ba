/**
 * Saving a checked website complaint (R-CMP-02, R-CMP-03) and starting its handling process. The
 * complaint and its attachments are committed first, in one transaction; the process is started
 * after, so a complaint is never lost to an engine that is down: it stays registered, the failure
 * is logged and recorded in the audit trail, and the member still gets the tracking code.
 */
import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import type { Knex } from 'knex';
import { appendAuditEvent } from '../../audit/audit-trail.js';
import { loadWorkingCalendar } from '../../calendar/calendar-store.js';
import { addComplaintAttachment, type AttachmentLimits } from '../../domain/complaints/attachments.js';
import { COMPLAINT_FORM } from '../../domain/complaints/complaint-record.js';
import type { FileStore } from '../../domain/complaints/file-store.js';
import { normalisePhone } from '../../domain/complaints/public-status.js';
import { registerComplaint, type RegisteredComplaint } from '../../domain/complaints/register-complaint.js';
import type { Logger } from '../../logger.js';
import { COMPLAINT_PROCESS_ID, startComplaintProcess } from '../complaints/complaint-process.js';
import { ATTACHMENTS_FIELD, type PublicComplaint } from './complaint-form-input.js';

/**
 * The member a membership number names, when the phone or e-mail given on the form is one of that
 * member's contacts; undefined otherwise. An unverified number must not link the complaint to a
 * member: the process would then write to the member's own e-mail, and the member's phones would
 * open the case's status.
 */
async function verifiedMemberId(db: Knex, c: PublicComplaint): Promise<number | undefined> {
  if (c.membershipNo === undefined) return undefined;
  const member = (await db('members').where({ membership_no: c.membershipNo }).first('id')) as
    { id: number } | undefined;
  if (!member) return undefined;
  const contacts = (await db('member_contacts').where({ member_id: member.id }).select('kind', 'value')) as {
    kind: string;
    value: string;
  }[];
  const email = c.complainantEmail?.toLowerCase();
  const matches = contacts.some((k) =>
    k.kind === 'email'
      ? email !== undefined && k.value.trim().toLowerCase() === email
      : normalisePhone(k.value) === c.complainantPhone,
  );
  return matches ? member.id : undefined;
}

/**
 * Registers the complaint (channel `website`, actor `public`) with its acknowledgement deadline
 * (R-ISO-01) and adds each attachment, all in one transaction. A membership number that could not be
 * verified is kept as a line at the end of the description, for the MCC manager's review.
 */
export async function saveWebsiteComplaint(
  db: Knex,
  store: FileStore | undefined,
  limits: AttachmentLimits,
  c: PublicComplaint,
): Promise<RegisteredComplaint> {
  if (c.files.length > 0 && !store) throw new Error('attachments were accepted without a file store');
  const memberId = await verifiedMemberId(db, c);
  const description =
    c.membershipNo !== undefined && memberId === undefined
      ? `${c.description}\n\n— شمارهٔ عضویت اعلام‌شده در فرم وب‌سایت (تأییدنشده): ${c.membershipNo}`
      : c.description;
  const calendar = await loadWorkingCalendar(db);
  return db.transaction(async (trx) => {
    const complaint = await registerComplaint(
      trx,
      {
        channel: 'website',
        kind: c.kind,
        memberId: memberId ?? null,
        complainantName: c.complainantName,
        complainantPhone: c.complainantPhone,
        complainantEmail: c.complainantEmail ?? null,
        subject: c.subject,
        description,
        occurredAt: c.occurredAt ?? null,
        remedySought: c.remedySought ?? null,
        concernedUnitId: c.concernedUnitId ?? null,
      },
      'public',
      { calendar },
    );
    for (const [i, file] of c.files.entries()) {
      await addComplaintAttachment(
        trx,
        store!,
        {
          complaintId: complaint.id,
          fileName: file.originalname,
          declaredType: file.mimetype,
          content: file.buffer,
        },
        'public',
        { limits, field: `${ATTACHMENTS_FIELD}[${i}]` },
      );
    }
    return complaint;
  });
}

/**
 * Starts `complaint-handling` for the saved complaint. Returns false, after logging and auditing the
 * failure, when the engine refused or could not be reached: the complaint is kept, and the MCC
 * manager starts its process from the dossier.
 */
export async function startComplaintHandling(
  db: Knex,
  client: CamundaClient,
  log: Logger,
  complaint: RegisteredComplaint,
): Promise<boolean> {
  try {
    await startComplaintProcess(db, client, complaint.id, 'public');
    return true;
  } catch (err) {
    log.error(
      { err, complaintId: complaint.id, trackingCode: complaint.trackingCode },
      `website complaint ${complaint.trackingCode} is saved, but its ${COMPLAINT_PROCESS_ID} process did not start: start it from the dossier`,
    );
    await appendAuditEvent(db, {
      actor: 'public',
      action: 'complaint.process-start-failed',
      entityType: 'complaint',
      entityId: complaint.id,
      after: {
        processDefinitionId: COMPLAINT_PROCESS_ID,
        error: String((err as Error).message).slice(0, 500),
      },
      documentCode: COMPLAINT_FORM,
    }).catch((e: unknown) => log.error({ err: e }, 'could not audit the failed process start'));
    return false;
  }
}
