import { sqlMigration } from './types.js';

/** Incoming and outgoing calls with their follow-up (R-CALL-01 … R-CALL-08). */
export default sqlMigration(
  '004_calls',
  `
  create table calls (
    id integer generated always as identity primary key,
    direction text not null constraint calls__direction__known check (direction in ('incoming', 'outgoing')),
    caller_number text not null constraint calls__caller_number__format check (caller_number ~ '^\\+?[0-9]{4,15}$'),
    caller_name text,
    member_id integer references members (id),
    destination_unit_id integer references units (id),
    destination_staff_id integer references staff (id),
    answered_by text constraint calls__answered_by__known check (answered_by in ('unit', 'mcc')),
    handled_by_staff_id integer references staff (id),
    referred_to_staff_id integer references staff (id),
    started_at timestamptz not null,
    answered_at timestamptz,
    ended_at timestamptz,
    outcome text not null constraint calls__outcome__known check (outcome in ('answered', 'unanswered', 'referred')),
    subject text,
    follow_up_due_at timestamptz,
    follow_up_done_at timestamptz,
    follow_up_by_staff_id integer references staff (id),
    follow_up_result text,
    process_instance_key bigint,
    created_at timestamptz not null default now(),
    constraint calls__ended_at__after_start check (ended_at is null or ended_at >= started_at),
    constraint calls__referred_to_staff_id__required check (outcome <> 'referred' or referred_to_staff_id is not null),
    constraint calls__follow_up_result__required check (follow_up_done_at is null or follow_up_result is not null)
  );
  create index calls__unit_started on calls (destination_unit_id, started_at);
  create index calls__member on calls (member_id);
  create index calls__open_follow_up on calls (follow_up_due_at) where outcome = 'unanswered' and follow_up_done_at is null;
  `,
  `drop table calls;`,
);
