import { sqlMigration } from './types.js';

/**
 * Complaints, criticism and suggestions (form ME-FR-01-01-01, R-CMP-*, R-ISO-01 … R-ISO-05). The
 * stage table is the form's running record: every step, who took it, when, and what it decided.
 */
export default sqlMigration(
  '007_complaints',
  `
  create table complaints (
    id integer generated always as identity primary key,
    tracking_code text not null
      constraint complaints__tracking_code__format check (tracking_code ~ '^[A-Z0-9-]{6,32}$'),
    kind text not null default 'complaint'
      constraint complaints__kind__known check (kind in ('complaint', 'criticism', 'suggestion')),
    channel text not null constraint complaints__channel__known check (channel in (
      'in_person', 'phone', 'website', 'letter', 'survey', 'meeting', 'call')),
    member_id integer references members (id),
    complainant_name text,
    complainant_phone text constraint complaints__complainant_phone__format check (complainant_phone ~ '^0[0-9]{10}$'),
    complainant_email text
      constraint complaints__complainant_email__format check (complainant_email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'),
    subject text not null constraint complaints__subject__not_blank check (btrim(subject) <> ''),
    description text not null constraint complaints__description__not_blank check (btrim(description) <> ''),
    occurred_at timestamptz,
    remedy_sought text,
    concerned_unit_id integer references units (id),
    severity text constraint complaints__severity__known check (severity in ('critical', 'major', 'minor')),
    status text not null default 'registered' constraint complaints__status__known check (status in (
      'registered', 'under_review', 'with_secretary_general', 'assigned', 'investigating',
      'awaiting_decision', 'in_committee', 'communicating_result', 'closed', 'withdrawn')),
    decision text constraint complaints__decision__known check (decision in ('accepted', 'rejected')),
    final_result text constraint complaints__final_result__known check (final_result in ('accepted', 'rejected', 'settled')),
    handler_staff_id integer references staff (id),
    handler_unit_id integer references units (id),
    registered_by_staff_id integer references staff (id),
    source_survey_id integer references surveys (id),
    source_meeting_id integer references specialist_meetings (id),
    source_call_id integer references calls (id),
    received_at timestamptz not null default now(),
    acknowledgement_due_at timestamptz,
    acknowledged_at timestamptz,
    response_due_at timestamptz,
    first_response_at timestamptz,
    resolution_due_at timestamptz,
    result_communicated_at timestamptz,
    closed_at timestamptz,
    process_instance_key bigint,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint complaints__tracking_code__unique unique (tracking_code),
    constraint complaints__process_instance_key__unique unique (process_instance_key),
    constraint complaints__complainant_name__required check (member_id is not null or coalesce(btrim(complainant_name), '') <> ''),
    constraint complaints__complainant_phone__contact_required check (
      member_id is not null or complainant_phone is not null or complainant_email is not null),
    constraint complaints__closed_at__required check ((status = 'closed') = (closed_at is not null))
  );
  create trigger complaints_touch before update on complaints for each row execute function touch_updated_at();
  create index complaints__status on complaints (status);
  create index complaints__member on complaints (member_id);
  create index complaints__unit on complaints (concerned_unit_id);
  create index complaints__received on complaints (received_at);

  -- People named in a complaint: they may not handle it (R-CMP-05).
  create table complaint_named_staff (
    complaint_id integer not null references complaints (id) on delete cascade,
    staff_id integer not null references staff (id),
    primary key (complaint_id, staff_id)
  );

  create table complaint_attachments (
    id integer generated always as identity primary key,
    complaint_id integer not null references complaints (id),
    file_name text not null
      constraint complaint_attachments__file_name__length check (btrim(file_name) <> '' and length(file_name) <= 255),
    media_type text not null,
    size_bytes integer not null constraint complaint_attachments__size_bytes__positive check (size_bytes > 0),
    sha256 text not null constraint complaint_attachments__sha256__format check (sha256 ~ '^[0-9a-f]{64}$'),
    storage_key text not null,
    uploaded_by_staff_id integer references staff (id),
    uploaded_at timestamptz not null default now(),
    constraint complaint_attachments__storage_key__unique unique (storage_key)
  );
  create index complaint_attachments__complaint on complaint_attachments (complaint_id);

  create table complaint_stages (
    id integer generated always as identity primary key,
    complaint_id integer not null references complaints (id),
    stage text not null constraint complaint_stages__stage__known check (stage in (
      'registered', 'acknowledged', 'classified', 'reviewed', 'forwarded_to_secretary_general',
      'handler_assigned', 'handler_refused_as_stakeholder', 'investigated', 'root_cause_analysed',
      'decided', 'committee_decision', 'committee_convened', 'committee_decided',
      'corrective_action_defined', 'result_communicated', 'satisfaction_requested',
      'satisfaction_recorded', 'reminder_sent', 'escalated', 'closed', 'note')),
    actor_staff_id integer references staff (id),
    actor_label text,
    occurred_at timestamptz not null default now(),
    summary_fa text,
    data jsonb not null default '{}' constraint complaint_stages__data__object check (jsonb_typeof(data) = 'object'),
    process_instance_key bigint,
    element_id text,
    idempotency_key text,
    constraint complaint_stages__actor__required check (actor_staff_id is not null or actor_label is not null),
    constraint complaint_stages__idempotency_key__unique unique (complaint_id, idempotency_key)
  );
  create index complaint_stages__complaint on complaint_stages (complaint_id, occurred_at);

  create table complaint_root_causes (
    id integer generated always as identity primary key,
    complaint_id integer not null references complaints (id),
    method text not null constraint complaint_root_causes__method__known check (method in ('five_why', 'ishikawa')),
    category text not null constraint complaint_root_causes__category__not_blank check (btrim(category) <> ''),
    root_cause_fa text not null constraint complaint_root_causes__root_cause_fa__not_blank check (btrim(root_cause_fa) <> ''),
    analysis jsonb not null default '{}',
    recorded_by_staff_id integer references staff (id),
    recorded_at timestamptz not null default now()
  );
  create index complaint_root_causes__category on complaint_root_causes (category);

  create table committee_meetings (
    id integer generated always as identity primary key,
    complaint_id integer not null references complaints (id),
    scheduled_at timestamptz not null,
    location_fa text,
    status text not null default 'planned'
      constraint committee_meetings__status__known check (status in ('planned', 'held', 'cancelled')),
    decision text constraint committee_meetings__decision__known check (decision in ('accepted', 'rejected', 'settled')),
    decision_notes_fa text,
    decided_at timestamptz,
    constraint committee_meetings__decided_at__required check ((decision is null) = (decided_at is null))
  );

  create table committee_members (
    committee_meeting_id integer not null references committee_meetings (id) on delete cascade,
    staff_id integer not null references staff (id),
    membership text not null constraint committee_members__membership__known check (membership in (
      'fixed', 'unit_concerned', 'invited')),
    attended boolean,
    primary key (committee_meeting_id, staff_id)
  );

  -- The member's satisfaction with the handling, through a personal link (R-ISO-05).
  create table complaint_feedback (
    complaint_id integer primary key references complaints (id),
    token_hash text not null,
    requested_at timestamptz not null default now(),
    expires_at timestamptz not null,
    satisfaction smallint constraint complaint_feedback__satisfaction__range check (satisfaction between 1 and 5),
    comment_fa text,
    responded_at timestamptz,
    constraint complaint_feedback__token_hash__unique unique (token_hash),
    constraint complaint_feedback__satisfaction__required check ((satisfaction is null) = (responded_at is null))
  );
  `,
  `
  drop table complaint_feedback;
  drop table committee_members;
  drop table committee_meetings;
  drop table complaint_root_causes;
  drop table complaint_stages;
  drop table complaint_attachments;
  drop table complaint_named_staff;
  drop table complaints;
  `,
);
