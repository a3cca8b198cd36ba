import type { Knex } from 'knex';
import { TEHRAN } from './time-zone.js';
import { WorkingCalendar, type CalendarException, type CalendarExceptionKind } from './working-time.js';

interface ScheduleRow {
  valid_from: string;
  valid_to: string | null;
  weekday: number;
  opens_at: string;
  closes_at: string;
}

interface ExceptionRow {
  day: string;
  kind: CalendarExceptionKind;
  opens_at: string | null;
  closes_at: string | null;
  title_fa: string;
}

/**
 * The working calendar as stored: the weekly schedule versions and the exceptions that apply
 * nationally or to `region` (a province or county named in the `calendar.region` setting).
 */
export async function loadWorkingCalendar(knex: Knex, region?: string): Promise<WorkingCalendar> {
  const schedules = (await knex('work_schedules').select(
    'valid_from',
    'valid_to',
    'weekday',
    'opens_at',
    'closes_at',
  )) as ScheduleRow[];
  const exceptions = (await knex('calendar_exceptions')
    .where((q) => {
      q.where('scope', 'national');
      if (region) q.orWhere('region', region);
    })
    .select('day', 'kind', 'opens_at', 'closes_at', 'title_fa')) as ExceptionRow[];
  return new WorkingCalendar({
    timeZone: TEHRAN,
    schedules: schedules.map((s) => ({
      validFrom: s.valid_from,
      validTo: s.valid_to,
      weekday: s.weekday,
      opensAt: s.opens_at,
      closesAt: s.closes_at,
    })),
    exceptions: exceptions.map((e): CalendarException => ({
      day: e.day,
      kind: e.kind,
      opensAt: e.opens_at,
      closesAt: e.closes_at,
      title: e.title_fa,
    })),
  });
}
