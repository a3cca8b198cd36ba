/**
 * The case dossier of one complaint from the business database: form ME-FR-01-01-01 as staff need it
 * (R-CMP-03), every stage recorded on it in order (R-CMP-14), its attachments, root-cause analyses,
 * committee meetings, corrective actions (SY-PR-05-00-02) and the member's satisfaction; and the audit
 * events about it (R-X-02). The caller has checked that the user may see the complaint.
 */
import type { Knex } from 'knex';
import { fromRow, type AuditRow } from '../../audit/audit-trail.js';
import { COMPLAINT_FORM, type ComplaintRow } from '../../domain/complaints/complaint-record.js';
import {
  CHANNEL_LABELS_FA,
  KIND_LABELS_FA,
  RESULT_LABELS_FA,
  ROOT_CAUSE_METHOD_LABELS_FA,
  SEVERITY_LABELS_FA,
  STAGE_LABELS_FA,
  STATUS_LABELS_FA,
} from '../../domain/complaints/labels.js';
import type { ComplaintStage } from '../../domain/complaints/record-stage.js';
import { staffNamesOf } from '../../domain/complaints/staff-directory.js';
import {
  ACTION_STATUS_LABELS_FA,
  type CorrectiveActionRow,
} from '../../domain/corrective-actions/action-record.js';
import { overdueSql } from './overdue.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

interface Person {
  readonly username: string;
  readonly fullNameFa: string;
}

async function staffByIds(db: Knex, ids: readonly (number | null)[]): Promise<Map<number, Person>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = (await db('staff').whereIn('id', wanted).select('id', 'username', 'full_name_fa')) as {
    id: number;
    username: string;
    full_name_fa: string;
  }[];
  return new Map(rows.map((r) => [r.id, { username: r.username, fullNameFa: r.full_name_fa }]));
}

async function unitsByIds(db: Knex, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = (await db('units').whereIn('id', wanted).select('id', 'name_fa')) as {
    id: number;
    name_fa: string;
  }[];
  return new Map(rows.map((r) => [r.id, r.name_fa]));
}

const unitOf = (units: Map<number, string>, id: number | null) =>
  id === null ? null : { id, nameFa: units.get(id) ?? '' };

// --- the complaint ---------------------------------------------------------------------------------

async function complaintPart(db: Knex, row: ComplaintRow, now: Date) {
  const [member, named, overdue] = await Promise.all([
    row.member_id === null
      ? undefined
      : (db('members')
          .where({ id: row.member_id })
          .first('id', 'membership_no', 'legal_name', 'trade_name') as Promise<
          { id: number; membership_no: string; legal_name: string; trade_name: string | null } | undefined
        >),
    db('complaint_named_staff as n')
      .join('staff as s', 's.id', 'n.staff_id')
      .where('n.complaint_id', row.id)
      .orderBy('s.id')
      .select('s.id', 's.username', { fullNameFa: 's.full_name_fa' }) as Promise<
      { id: number; username: string; fullNameFa: string }[]
    >,
    db('complaints as c')
      .where('c.id', row.id)
      .first({ overdue: overdueSql(db, now) }) as Promise<{ overdue: boolean }>,
  ]);
  const [staff, units] = await Promise.all([
    staffByIds(db, [row.handler_staff_id, row.registered_by_staff_id]),
    unitsByIds(db, [row.concerned_unit_id, row.handler_unit_id]),
  ]);
  const person = (id: number | null) => (id === null ? null : (staff.get(id) ?? null));
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    documentCode: COMPLAINT_FORM,
    kind: row.kind,
    kindLabelFa: KIND_LABELS_FA[row.kind],
    channel: row.channel,
    channelLabelFa: CHANNEL_LABELS_FA[row.channel],
    status: row.status,
    statusLabelFa: STATUS_LABELS_FA[row.status],
    severity: row.severity,
    severityLabelFa: row.severity ? SEVERITY_LABELS_FA[row.severity] : null,
    subject: row.subject,
    description: row.description,
    occurredAt: iso(row.occurred_at),
    remedySought: row.remedy_sought,
    member: member
      ? {
          id: member.id,
          membershipNo: member.membership_no,
          legalName: member.legal_name,
          tradeName: member.trade_name,
        }
      : null,
    complainant: { name: row.complainant_name, phone: row.complainant_phone, email: row.complainant_email },
    concernedUnit: unitOf(units, row.concerned_unit_id),
    handler: person(row.handler_staff_id),
    handlerUnit: unitOf(units, row.handler_unit_id),
    registeredBy: person(row.registered_by_staff_id),
    namedStaff: named.map(({ username, fullNameFa }) => ({ username, fullNameFa })),
    source: { surveyId: row.source_survey_id, meetingId: row.source_meeting_id, callId: row.source_call_id },
    decision: row.decision,
    finalResult: row.final_result,
    finalResultLabelFa: row.final_result ? RESULT_LABELS_FA[row.final_result] : null,
    receivedAt: row.received_at.toISOString(),
    acknowledgementDueAt: iso(row.acknowledgement_due_at),
    acknowledgedAt: iso(row.acknowledged_at),
    responseDueAt: iso(row.response_due_at),
    firstResponseAt: iso(row.first_response_at),
    resolutionDueAt: iso(row.resolution_due_at),
    resultCommunicatedAt: iso(row.result_communicated_at),
    closedAt: iso(row.closed_at),
    overdue: overdue.overdue,
    processInstanceKey: row.process_instance_key,
  };
}

// --- the running record (R-CMP-14) ---------------------------------------------------------------

async function stagesPart(db: Knex, complaintId: number) {
  const rows = (await db('complaint_stages as s')
    .leftJoin('staff as st', 'st.id', 's.actor_staff_id')
    .where('s.complaint_id', complaintId)
    .orderBy([{ column: 's.occurred_at' }, { column: 's.id' }])
    .select(
      's.id',
      's.stage',
      's.actor_label',
      's.occurred_at',
      's.summary_fa',
      's.data',
      's.element_id',
      's.process_instance_key',
      { username: 'st.username', full_name_fa: 'st.full_name_fa' },
    )) as {
    id: number;
    stage: ComplaintStage;
    actor_label: string | null;
    occurred_at: Date;
    summary_fa: string | null;
    data: Record<string, unknown>;
    element_id: string | null;
    process_instance_key: string | null;
    username: string | null;
    full_name_fa: string | null;
  }[];
  return rows.map((s) => ({
    id: s.id,
    stage: s.stage,
    labelFa: STAGE_LABELS_FA[s.stage] ?? s.stage,
    actor: { username: s.username, nameFa: s.full_name_fa, label: s.actor_label },
    occurredAt: s.occurred_at.toISOString(),
    summaryFa: s.summary_fa,
    data: s.data,
    elementId: s.element_id,
    processInstanceKey: s.process_instance_key,
  }));
}

async function attachmentsPart(db: Knex, complaintId: number) {
  const rows = (await db('complaint_attachments as a')
    .leftJoin('staff as s', 's.id', 'a.uploaded_by_staff_id')
    .where('a.complaint_id', complaintId)
    .orderBy('a.id')
    .select('a.id', 'a.file_name', 'a.media_type', 'a.size_bytes', 'a.sha256', 'a.uploaded_at', {
      uploaded_by: 's.full_name_fa',
    })) as {
    id: number;
    file_name: string;
    media_type: string;
    size_bytes: number;
    sha256: string;
    uploaded_at: Date;
    uploaded_by: string | null;
  }[];
  return rows.map((a) => ({
    id: a.id,
    fileName: a.file_name,
    mediaType: a.media_type,
    sizeBytes: Number(a.size_bytes),
    sha256: a.sha256,
    uploadedAt: a.uploaded_at.toISOString(),
    uploadedBy: a.uploaded_by,
    downloadUrl: `/api/complaints/${complaintId}/attachments/${a.id}`,
  }));
}

async function rootCausesPart(db: Knex, complaintId: number) {
  const rows = (await db('complaint_root_causes as r')
    .leftJoin('staff as s', 's.id', 'r.recorded_by_staff_id')
    .where('r.complaint_id', complaintId)
    .orderBy('r.id')
    .select('r.id', 'r.method', 'r.category', 'r.root_cause_fa', 'r.analysis', 'r.recorded_at', {
      recorded_by: 's.full_name_fa',
    })) as {
    id: number;
    method: keyof typeof ROOT_CAUSE_METHOD_LABELS_FA;
    category: string;
    root_cause_fa: string;
    analysis: unknown;
    recorded_at: Date;
    recorded_by: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    method: r.method,
    methodLabelFa: ROOT_CAUSE_METHOD_LABELS_FA[r.method] ?? r.method,
    category: r.category,
    rootCauseFa: r.root_cause_fa,
    analysis: r.analysis,
    recordedAt: r.recorded_at.toISOString(),
    recordedBy: r.recorded_by,
  }));
}

async function committeePart(db: Knex, complaintId: number) {
  const meetings = (await db('committee_meetings')
    .where({ complaint_id: complaintId })
    .orderBy('id')
    .select(
      'id',
      'scheduled_at',
      'location_fa',
      'status',
      'decision',
      'decision_notes_fa',
      'decided_at',
    )) as {
    id: number;
    scheduled_at: Date;
    location_fa: string | null;
    status: string;
    decision: 'accepted' | 'rejected' | 'settled' | null;
    decision_notes_fa: string | null;
    decided_at: Date | null;
  }[];
  const members = meetings.length
    ? ((await db('committee_members as cm')
        .join('staff as s', 's.id', 'cm.staff_id')
        .whereIn(
          'cm.committee_meeting_id',
          meetings.map((m) => m.id),
        )
        .orderBy([{ column: 'cm.committee_meeting_id' }, { column: 's.id' }])
        .select(
          'cm.committee_meeting_id',
          's.username',
          's.full_name_fa',
          'cm.membership',
          'cm.attended',
        )) as {
        committee_meeting_id: number;
        username: string;
        full_name_fa: string;
        membership: string;
        attended: boolean | null;
      }[])
    : [];
  return meetings.map((m) => ({
    id: m.id,
    scheduledAt: m.scheduled_at.toISOString(),
    locationFa: m.location_fa,
    status: m.status,
    decision: m.decision,
    decisionLabelFa: m.decision ? RESULT_LABELS_FA[m.decision] : null,
    decisionNotesFa: m.decision_notes_fa,
    decidedAt: iso(m.decided_at),
    members: members
      .filter((x) => x.committee_meeting_id === m.id)
      .map((x) => ({
        username: x.username,
        fullNameFa: x.full_name_fa,
        membership: x.membership,
        attended: x.attended,
      })),
  }));
}

async function satisfactionPart(db: Knex, complaintId: number) {
  const row = (await db('complaint_feedback')
    .where({ complaint_id: complaintId })
    .first('requested_at', 'expires_at', 'satisfaction', 'comment_fa', 'responded_at')) as
    | {
        requested_at: Date;
        expires_at: Date;
        satisfaction: number | null;
        comment_fa: string | null;
        responded_at: Date | null;
      }
    | undefined;
  return row
    ? {
        requestedAt: row.requested_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
        satisfaction: row.satisfaction,
        commentFa: row.comment_fa,
        respondedAt: iso(row.responded_at),
      }
    : null;
}

async function correctiveActionsPart(db: Knex, complaintId: number) {
  return correctiveActionViews(
    db,
    (await db('corrective_actions')
      .where({ complaint_id: complaintId })
      .orderBy('id')) as CorrectiveActionRow[],
  );
}

/** Corrective actions as the dossier and the action's own page show them: people and units by name. */
export async function correctiveActionViews(db: Knex, rows: readonly CorrectiveActionRow[]) {
  const [staff, units] = await Promise.all([
    staffByIds(
      db,
      rows.flatMap((a) => [a.owner_staff_id, a.verified_by_staff_id]),
    ),
    unitsByIds(
      db,
      rows.map((a) => a.owner_unit_id),
    ),
  ]);
  return rows.map((a) => ({
    id: a.id,
    parentActionId: a.parent_action_id,
    descriptionFa: a.description_fa,
    owner: staff.get(a.owner_staff_id) ?? null,
    ownerUnit: unitOf(units, a.owner_unit_id),
    dueOn: a.due_on,
    resourcesFa: a.resources_fa,
    successIndicatorFa: a.success_indicator_fa,
    status: a.status,
    statusLabelFa: ACTION_STATUS_LABELS_FA[a.status],
    progressPct: a.progress_pct,
    doneAt: iso(a.done_at),
    verifyAfterDays: a.verify_after_days,
    verificationDueOn: a.verification_due_on,
    verifiedAt: iso(a.verified_at),
    verifiedBy: a.verified_by_staff_id === null ? null : (staff.get(a.verified_by_staff_id) ?? null),
    effective: a.effective,
    verificationNotesFa: a.verification_notes_fa,
    processInstanceKey: a.process_instance_key,
  }));
}

// --- the audit trail (R-X-02) --------------------------------------------------------------------

export interface DossierAuditEvent {
  readonly seq: number;
  readonly occurredAt: string;
  readonly actor: string;
  /** The staff member's name when the actor is `staff:<username>`. */
  readonly actorNameFa: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly processInstanceKey: string | null;
  readonly documentCode: string | null;
  readonly hash: string;
}

/**
 * The audit events about a complaint, oldest first: those recorded on the complaint itself and on its
 * corrective actions, and every event of its process instances (the complaint's and the ones it called:
 * user tasks completed, notices sent). Both ways are indexed (`audit_events__entity`,
 * `audit_events__process_instance`).
 */
export async function auditEventsOf(
  db: Knex,
  complaintId: number,
  actionIds: readonly number[],
  processInstanceKeys: readonly string[],
): Promise<DossierAuditEvent[]> {
  const keys = [...new Set(processInstanceKeys)].filter((k) => /^[0-9]{1,19}$/.test(k));
  const rows = (await db('audit_events as e')
    .where((w) => {
      w.where({ 'e.entity_type': 'complaint', 'e.entity_id': String(complaintId) });
      if (actionIds.length)
        w.orWhere((a) =>
          a.where('e.entity_type', 'corrective-action').whereIn(
            'e.entity_id',
            actionIds.map((id) => String(id)),
          ),
        );
      if (keys.length) w.orWhereIn('e.process_instance_key', keys);
    })
    .orderBy('e.seq')
    .select('e.*', { process_instance_key: db.raw('e.process_instance_key::text') })) as AuditRow[];
  const events = rows.map(fromRow);
  const usernames = [
    ...new Set(events.filter((e) => e.actor.startsWith('staff:')).map((e) => e.actor.slice('staff:'.length))),
  ];
  const names = await staffNamesOf(db, usernames);
  return events.map(({ prevHash: _prevHash, ...e }) => ({
    ...e,
    occurredAt: e.occurredAt.toISOString(),
    actorNameFa: e.actor.startsWith('staff:') ? (names.get(e.actor.slice('staff:'.length)) ?? null) : null,
  }));
}

// --- the whole record --------------------------------------------------------------------------

export type DossierRecord = Awaited<ReturnType<typeof dossierRecordOf>>;

/** Everything the business database holds about the complaint, but the audit events. */
export async function dossierRecordOf(db: Knex, row: ComplaintRow, now: Date = new Date()) {
  const [complaint, stages, attachments, rootCauses, committeeMeetings, correctiveActions, satisfaction] =
    await Promise.all([
      complaintPart(db, row, now),
      stagesPart(db, row.id),
      attachmentsPart(db, row.id),
      rootCausesPart(db, row.id),
      committeePart(db, row.id),
      correctiveActionsPart(db, row.id),
      satisfactionPart(db, row.id),
    ]);
  return { complaint, stages, attachments, rootCauses, committeeMeetings, correctiveActions, satisfaction };
}
