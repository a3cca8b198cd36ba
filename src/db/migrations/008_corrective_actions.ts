import { sqlMigration } from './types.js';

/** Corrective actions (SY-PR-05-00-02, R-ISO-04): from a complaint, survey, meeting, call or review. */
export default sqlMigration(
  '008_corrective_actions',
  `
  create table corrective_actions (
    id integer generated always as identity primary key,
    source_type text not null constraint corrective_actions__source_type__known check (source_type in (
      'complaint', 'survey', 'meeting', 'call', 'management_review')),
    complaint_id integer references complaints (id),
    survey_id integer references surveys (id),
    meeting_id integer references specialist_meetings (id),
    call_id integer references calls (id),
    meeting_resolution_id integer references meeting_resolutions (id),
    parent_action_id integer references corrective_actions (id),
    description_fa text not null
      constraint corrective_actions__description_fa__not_blank check (btrim(description_fa) <> ''),
    owner_staff_id integer not null references staff (id),
    owner_unit_id integer references units (id),
    due_on date not null,
    resources_fa text,
    success_indicator_fa text not null
      constraint corrective_actions__success_indicator_fa__not_blank check (btrim(success_indicator_fa) <> ''),
    status text not null default 'open' constraint corrective_actions__status__known check (status in (
      'open', 'in_progress', 'done', 'effective', 'ineffective', 'cancelled')),
    progress_pct smallint not null default 0
      constraint corrective_actions__progress_pct__range check (progress_pct between 0 and 100),
    done_at timestamptz,
    verify_after_days smallint not null default 30
      constraint corrective_actions__verify_after_days__range check (verify_after_days between 30 and 90),
    verification_due_on date,
    verified_at timestamptz,
    verified_by_staff_id integer references staff (id),
    effective boolean,
    verification_notes_fa text,
    process_instance_key bigint,
    created_by_staff_id integer references staff (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint corrective_actions__source__matches check (
      (source_type = 'complaint') = (complaint_id is not null)
      and (source_type = 'survey') = (survey_id is not null)
      and (source_type = 'meeting') = (meeting_id is not null)
      and (source_type = 'call') = (call_id is not null)),
    constraint corrective_actions__done_at__required check (
      status not in ('done', 'effective', 'ineffective') or done_at is not null),
    constraint corrective_actions__effective__verified check (
      (status in ('effective', 'ineffective')) = (verified_at is not null and effective is not null)
      and (status <> 'effective' or effective) and (status <> 'ineffective' or not effective)),
    constraint corrective_actions__process_instance_key__unique unique (process_instance_key)
  );
  create trigger corrective_actions_touch before update on corrective_actions
    for each row execute function touch_updated_at();
  create index corrective_actions__open on corrective_actions (due_on) where status in ('open', 'in_progress');
  create index corrective_actions__complaint on corrective_actions (complaint_id);

  create table corrective_action_updates (
    id integer generated always as identity primary key,
    action_id integer not null references corrective_actions (id),
    staff_id integer references staff (id),
    recorded_at timestamptz not null default now(),
    progress_pct smallint constraint corrective_action_updates__progress_pct__range check (progress_pct between 0 and 100),
    note_fa text not null constraint corrective_action_updates__note_fa__not_blank check (btrim(note_fa) <> '')
  );
  `,
  `
  drop table corrective_action_updates;
  drop table corrective_actions;
  `,
);
