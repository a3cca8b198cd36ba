import { sqlMigration } from './types.js';

/** Monthly specialist meetings: proposal, invitees, attendance, minutes SE-FR-02-01-01, resolutions (R-MTG-*). */
export default sqlMigration(
  '006_meetings',
  `
  create table specialist_meetings (
    id integer generated always as identity primary key,
    title_fa text not null constraint specialist_meetings__title_fa__not_blank check (btrim(title_fa) <> ''),
    sector text,
    proposal_fa text,
    status text not null default 'proposed' constraint specialist_meetings__status__known check (status in (
      'proposed', 'sg_approved', 'ratified', 'scheduled', 'held', 'minuted', 'closed', 'rejected', 'cancelled')),
    planned_for timestamptz,
    location_fa text,
    held_at timestamptz,
    minutes_fa text,
    minutes_recorded_at timestamptz,
    minutes_recorded_by_staff_id integer references staff (id),
    process_instance_key bigint,
    created_by_staff_id integer references staff (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint specialist_meetings__minutes_fa__required check (status not in ('minuted', 'closed') or minutes_fa is not null),
    constraint specialist_meetings__process_instance_key__unique unique (process_instance_key)
  );
  create trigger specialist_meetings_touch before update on specialist_meetings
    for each row execute function touch_updated_at();

  create table meeting_topics (
    id integer generated always as identity primary key,
    meeting_id integer not null references specialist_meetings (id) on delete cascade,
    position smallint not null,
    title_fa text not null constraint meeting_topics__title_fa__not_blank check (btrim(title_fa) <> ''),
    constraint meeting_topics__position__unique unique (meeting_id, position)
  );

  create table meeting_invitees (
    meeting_id integer not null references specialist_meetings (id) on delete cascade,
    member_id integer not null references members (id),
    contact_person text,
    invited_at timestamptz,
    rsvp text not null default 'pending' constraint meeting_invitees__rsvp__known check (rsvp in ('pending', 'accepted', 'declined')),
    attended boolean,
    primary key (meeting_id, member_id)
  );

  -- Staff and Board of Representatives members taking part.
  create table meeting_participants (
    meeting_id integer not null references specialist_meetings (id) on delete cascade,
    staff_id integer not null references staff (id),
    role_fa text,
    attended boolean,
    primary key (meeting_id, staff_id)
  );

  create table meeting_resolutions (
    id integer generated always as identity primary key,
    meeting_id integer not null references specialist_meetings (id) on delete cascade,
    position smallint not null,
    text_fa text not null constraint meeting_resolutions__text_fa__not_blank check (btrim(text_fa) <> ''),
    owner_staff_id integer references staff (id),
    owner_unit_id integer references units (id),
    due_on date,
    status text not null default 'open' constraint meeting_resolutions__status__known check (status in (
      'open', 'in_progress', 'done', 'cancelled')),
    done_at timestamptz,
    result_fa text,
    constraint meeting_resolutions__owner__required check (owner_staff_id is not null or owner_unit_id is not null),
    constraint meeting_resolutions__done_at__required check ((status = 'done') = (done_at is not null)),
    constraint meeting_resolutions__position__unique unique (meeting_id, position)
  );
  create index meeting_resolutions__open on meeting_resolutions (due_on) where status in ('open', 'in_progress');
  `,
  `
  drop table meeting_resolutions;
  drop table meeting_participants;
  drop table meeting_invitees;
  drop table meeting_topics;
  drop table specialist_meetings;
  `,
);
