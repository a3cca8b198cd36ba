import { sqlMigration } from './types.js';

/**
 * The working-time calendar (R-X-01): weekly opening hours versioned by date range, and dated
 * exceptions — official holidays, closures, partial-day closures — kept as data, never computed.
 */
export default sqlMigration(
  '011_calendar',
  `
  create table work_schedules (
    id integer generated always as identity primary key,
    valid_from date not null,
    valid_to date,
    -- 0 = Sunday … 6 = Saturday, as JavaScript's Date#getDay.
    weekday smallint not null constraint work_schedules__weekday__range check (weekday between 0 and 6),
    opens_at time not null,
    closes_at time not null,
    constraint work_schedules__closes_at__after_opening check (closes_at > opens_at),
    constraint work_schedules__valid_to__after_start check (valid_to is null or valid_to >= valid_from),
    constraint work_schedules__weekday__unique unique (valid_from, weekday, opens_at)
  );

  create table calendar_exceptions (
    id integer generated always as identity primary key,
    day date not null,
    kind text not null constraint calendar_exceptions__kind__known check (kind in (
      'holiday', 'closure', 'reduced_hours', 'extra_working_day')),
    title_fa text not null constraint calendar_exceptions__title_fa__not_blank check (btrim(title_fa) <> ''),
    opens_at time,
    closes_at time,
    scope text not null default 'national'
      constraint calendar_exceptions__scope__known check (scope in ('national', 'province', 'county')),
    region text,
    source text,
    created_at timestamptz not null default now(),
    constraint calendar_exceptions__closes_at__hours check (
      (kind in ('reduced_hours', 'extra_working_day')) = (opens_at is not null and closes_at is not null)
      and (closes_at is null or closes_at > opens_at)),
    constraint calendar_exceptions__region__scope check ((scope = 'national') = (region is null)),
    constraint calendar_exceptions__day__unique unique nulls not distinct (day, kind, scope, region)
  );
  create index calendar_exceptions__day on calendar_exceptions (day);
  `,
  `
  drop table calendar_exceptions;
  drop table work_schedules;
  `,
);
