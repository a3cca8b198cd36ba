import { z } from 'zod';
import { formatJalaliDateTime } from '../../src/calendar/index.js';
import { defineWorker } from '../../src/camunda/worker-definition.js';
import { committeeMembers } from '../../src/domain/complaints/committee.js';
import {
  auditView,
  changedFields,
  lockComplaint,
  updateComplaint,
} from '../../src/domain/complaints/complaint-record.js';
import { findStage, recordStage } from '../../src/domain/complaints/record-stage.js';
import { activeStaffWithRole, secretaryGeneral } from '../../src/domain/complaints/staff-directory.js';
import { enqueueEmail } from '../../src/notify/index.js';
import { clip, jobKeyOf, stageContext } from '../support.js';
import { dateTimeIn, entityId, entityIdList, requiredText } from '../variables.js';

/** How long a committee meeting is booked for in the invitation. */
export const COMMITTEE_MEETING_MINUTES = 120;

const output = z.object({
  committeeMeetingId: entityId,
  committeeMemberUsernames: z.array(z.string()),
});

const input = z.object({
  complaintId: entityId,
  committeeAt: dateTimeIn,
  committeeLocation: requiredText(300),
  /** One item per line (a text area), or a list. */
  committeeAgenda: z.union([requiredText(10_000), z.array(requiredText(500)).min(1)], {
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be text or a list of items'),
  }),
  committeeExtraStaffIds: entityIdList,
});

function agendaItems(agenda: string | readonly string[]): string[] {
  const items = (typeof agenda === 'string' ? agenda.split(/\r?\n/) : [...agenda])
    .map((line) => line.replace(/^\s*(?:[-*•]|[0-9۰-۹]+[.)-])\s*/, '').trim())
    .filter(Boolean)
    .map((line) => clip(line, 500));
  return items.slice(0, 30);
}

/**
 * Task_ConveneCommittee (R-CMP-08, R-CMP-09): plans the meeting of the Member Complaints Review
 * Committee — the fixed members, the manager of the unit concerned and the SG's extra members —
 * and invites each by e-mail with an iCalendar attachment.
 */
export const conveneCommitteeWorker = defineWorker({
  type: 'complaint.convene-committee',
  description: 'Plans the complaints committee meeting and invites its members with an .ics',
  input,
  output,
  async handler(job, services) {
    const v = job.variables;
    const now = services.now();
    return services.db.transaction(async (trx) => {
      const complaint = await lockComplaint(trx, v.complaintId);
      const done = await findStage(trx, complaint.id, jobKeyOf(job));
      if (done) return output.parse(done.data);
      const members = await committeeMembers(trx, {
        concernedUnitId: complaint.concerned_unit_id,
        extraStaffIds: v.committeeExtraStaffIds,
      });
      const [meeting] = (await trx('committee_meetings')
        .insert({ complaint_id: complaint.id, scheduled_at: v.committeeAt, location_fa: v.committeeLocation })
        .returning('id')) as { id: number }[];
      const meetingId = meeting!.id;
      if (members.length > 0) {
        await trx('committee_members').insert(
          members.map((m) => ({ committee_meeting_id: meetingId, staff_id: m.id, membership: m.membership })),
        );
      }
      const organizer = [
        ...(await activeStaffWithRole(trx, 'mcc-manager')),
        ...(await secretaryGeneral(trx)),
      ].find((s) => s.email);
      const agenda = agendaItems(v.committeeAgenda);
      const endsAt = new Date(v.committeeAt.getTime() + COMMITTEE_MEETING_MINUTES * 60_000);
      const invited: string[] = [];
      if (organizer?.email && agenda.length > 0) {
        for (const m of members) {
          if (!m.email) continue;
          await enqueueEmail(trx, {
            to: m.email,
            template: 'committee-invitation',
            data: {
              recipientName: m.fullNameFa,
              meetingId,
              startsAt: v.committeeAt,
              endsAt,
              location: v.committeeLocation,
              agenda,
              trackingCode: complaint.tracking_code,
              organizer: { name: organizer.fullNameFa, email: organizer.email },
            },
            dedupeKey: `committee-meeting:${meetingId}:invitation:${m.username}`,
            entityType: 'complaint',
            entityId: complaint.id,
          });
          invited.push(m.username);
        }
      } else {
        services.log.warn(
          { complaintId: complaint.id },
          'committee invitations not sent: no organizer e-mail or agenda',
        );
      }
      const after =
        complaint.status === 'in_committee'
          ? complaint
          : await updateComplaint(trx, complaint.id, { status: 'in_committee' });
      const result = {
        committeeMeetingId: meetingId,
        committeeMemberUsernames: members.map((m) => m.username),
      };
      await recordStage(trx, {
        ...stageContext(job, now),
        complaintId: complaint.id,
        stage: 'committee_convened',
        summaryFa: `جلسهٔ کمیتهٔ بررسی شکایات اعضا برای ${formatJalaliDateTime(v.committeeAt)} در ${v.committeeLocation} با ${members.length} عضو تشکیل شد.`,
        data: {
          ...result,
          committeeAt: v.committeeAt,
          committeeLocation: v.committeeLocation,
          agenda,
          members: members.map((m) => ({ username: m.username, membership: m.membership })),
          invited,
        },
        audit: changedFields(auditView(complaint), auditView(after)),
      });
      return result;
    });
  },
});
