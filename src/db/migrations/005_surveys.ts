import { sqlMigration } from './types.js';

/**
 * Project and six-month surveys (form ME-FR-02-01-01): versioned questionnaires, target members,
 * contact attempts and answers (R-PS-*, R-SS-*), plus approvals and topic coding shared by other areas.
 */
export default sqlMigration(
  '005_surveys',
  `
  create table questionnaires (
    id integer generated always as identity primary key,
    code text not null constraint questionnaires__code__format check (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    version integer not null constraint questionnaires__version__positive check (version > 0),
    title_fa text not null constraint questionnaires__title_fa__not_blank check (btrim(title_fa) <> ''),
    status text not null default 'draft'
      constraint questionnaires__status__known check (status in ('draft', 'approved', 'retired')),
    approved_at timestamptz,
    approved_by_staff_id integer references staff (id),
    created_at timestamptz not null default now(),
    constraint questionnaires__version__unique unique (code, version),
    constraint questionnaires__approved_at__required check (status = 'draft' or approved_at is not null)
  );

  create table questionnaire_questions (
    id integer generated always as identity primary key,
    questionnaire_id integer not null references questionnaires (id) on delete cascade,
    position smallint not null constraint questionnaire_questions__position__positive check (position > 0),
    text_fa text not null constraint questionnaire_questions__text_fa__not_blank check (btrim(text_fa) <> ''),
    answer_kind text not null
      constraint questionnaire_questions__answer_kind__known check (answer_kind in ('scale', 'choice', 'yes_no', 'text')),
    scale_min smallint,
    scale_max smallint,
    options jsonb,
    topic text,
    constraint questionnaire_questions__scale_max__range check (
      (answer_kind = 'scale') = (scale_min is not null and scale_max is not null)
      and (scale_max is null or scale_max > scale_min)),
    constraint questionnaire_questions__options__required check (
      (answer_kind = 'choice') = (options is not null and jsonb_typeof(options) = 'array')),
    constraint questionnaire_questions__position__unique unique (questionnaire_id, position)
  );

  create table surveys (
    id integer generated always as identity primary key,
    kind text not null constraint surveys__kind__known check (kind in ('project', 'six_month')),
    title_fa text not null constraint surveys__title_fa__not_blank check (btrim(title_fa) <> ''),
    service_description_fa text,
    requesting_unit_id integer references units (id),
    conducting_unit_id integer references units (id),
    method text not null constraint surveys__method__known check (method in ('phone', 'porsline', 'website', 'mixed')),
    questionnaire_id integer references questionnaires (id),
    status text not null default 'requested' constraint surveys__status__known check (status in (
      'requested', 'approved', 'rejected', 'preparing', 'running', 'completed', 'cancelled')),
    min_attempts smallint not null default 2,
    max_attempts smallint not null default 3,
    starts_on date,
    ends_on date,
    porsline_survey_id text,
    process_instance_key bigint,
    created_by_staff_id integer references staff (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint surveys__requesting_unit_id__required check (kind <> 'project' or requesting_unit_id is not null),
    constraint surveys__min_attempts__range check (min_attempts between 1 and max_attempts),
    constraint surveys__ends_on__after_start check (ends_on is null or starts_on is null or ends_on >= starts_on),
    constraint surveys__process_instance_key__unique unique (process_instance_key)
  );
  create trigger surveys_touch before update on surveys for each row execute function touch_updated_at();

  create table survey_targets (
    id integer generated always as identity primary key,
    survey_id integer not null references surveys (id) on delete cascade,
    member_id integer not null references members (id),
    status text not null default 'pending' constraint survey_targets__status__known check (status in (
      'pending', 'responded', 'unreachable', 'declined')),
    approved boolean not null default false,
    constraint survey_targets__member_id__unique unique (survey_id, member_id)
  );

  create table survey_contact_attempts (
    id integer generated always as identity primary key,
    target_id integer not null references survey_targets (id) on delete cascade,
    attempt_no smallint not null constraint survey_contact_attempts__attempt_no__positive check (attempt_no > 0),
    channel text not null constraint survey_contact_attempts__channel__known check (channel in (
      'phone', 'sms_link', 'email_link', 'website')),
    line_used text constraint survey_contact_attempts__line_used__known check (line_used in (
      'landline_1', 'landline_2', 'mcc_mobile')),
    staff_id integer references staff (id),
    attempted_at timestamptz not null,
    outcome text not null constraint survey_contact_attempts__outcome__known check (outcome in (
      'answered', 'no_answer', 'busy', 'wrong_number', 'declined', 'link_sent', 'callback_requested')),
    notes text,
    constraint survey_contact_attempts__line_used__for_phone check ((channel = 'phone') = (line_used is not null)),
    constraint survey_contact_attempts__attempt_no__unique unique (target_id, attempt_no)
  );

  create table survey_responses (
    id integer generated always as identity primary key,
    target_id integer not null references survey_targets (id) on delete cascade,
    received_at timestamptz not null,
    via text not null constraint survey_responses__via__known check (via in ('phone', 'porsline', 'website')),
    recorded_by_staff_id integer references staff (id),
    comment_fa text,
    dissatisfaction_voiced boolean not null default false,
    new_services_introduced boolean not null default false,
    external_id text,
    constraint survey_responses__target_id__unique unique (target_id),
    constraint survey_responses__external_id__unique unique (external_id)
  );

  create table survey_answers (
    response_id integer not null references survey_responses (id) on delete cascade,
    question_id integer not null references questionnaire_questions (id),
    value_numeric numeric,
    value_text text,
    constraint survey_answers__value__present check (value_numeric is not null or value_text is not null),
    primary key (response_id, question_id)
  );

  -- Sign-offs by a role (SG approval, President ratification, list and questionnaire approval).
  create table approvals (
    id integer generated always as identity primary key,
    subject_type text not null constraint approvals__subject_type__known check (subject_type in (
      'survey_request', 'survey_member_list', 'questionnaire', 'meeting_proposal')),
    subject_id integer not null,
    approver_role text not null,
    staff_id integer references staff (id),
    decision text not null constraint approvals__decision__known check (decision in (
      'approved', 'rejected', 'changes_requested')),
    comment_fa text,
    decided_at timestamptz not null default now()
  );
  create index approvals__subject on approvals (subject_type, subject_id);

  -- Free-text feedback coded by topic (R-ISO-07).
  create table feedback_topics (
    id integer generated always as identity primary key,
    source_type text not null constraint feedback_topics__source_type__known check (source_type in (
      'complaint', 'survey_response', 'survey_answer', 'meeting')),
    source_id integer not null,
    topic text not null constraint feedback_topics__topic__not_blank check (btrim(topic) <> ''),
    coded_by_staff_id integer references staff (id),
    coded_at timestamptz not null default now(),
    constraint feedback_topics__topic__unique unique (source_type, source_id, topic)
  );
  `,
  `
  drop table feedback_topics;
  drop table approvals;
  drop table survey_answers;
  drop table survey_responses;
  drop table survey_contact_attempts;
  drop table survey_targets;
  drop table surveys;
  drop table questionnaire_questions;
  drop table questionnaires;
  `,
);
