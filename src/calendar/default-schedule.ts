/**
 * The chamber's default working week (R-X-01): Saturday to Wednesday 08:00–16:00, Thursday a
 * configurable half-day (08:00–12:00 by default, or closed), Friday off. Returned as
 * `work_schedules` rows for one `valid_from`, so a change of hours is a new version of the week.
 */
import type { WorkScheduleRow } from './working-time.js';

/** Weekday numbers of `work_schedules.weekday` (as `Date#getDay`). */
export const WEEKDAY = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
} as const;

export interface OpeningHours {
  readonly opensAt: string;
  readonly closesAt: string;
}

export const DEFAULT_WEEKDAY_HOURS: OpeningHours = { opensAt: '08:00', closesAt: '16:00' };
export const DEFAULT_THURSDAY_HOURS: OpeningHours = { opensAt: '08:00', closesAt: '12:00' };

export interface DefaultWeekOptions {
  /** Last day of this version, inclusive; open-ended when absent. */
  readonly validTo?: string;
  /** Saturday–Wednesday hours; default 08:00–16:00 (e.g. 08:00–14:00 under a decree). */
  readonly hours?: OpeningHours;
  /** Thursday hours, or 'closed'; default 08:00–12:00. */
  readonly thursday?: OpeningHours | 'closed';
}

const SATURDAY_TO_WEDNESDAY = [
  WEEKDAY.saturday,
  WEEKDAY.sunday,
  WEEKDAY.monday,
  WEEKDAY.tuesday,
  WEEKDAY.wednesday,
] as const;

/** The schedule rows of the default week, valid from `validFrom` ('YYYY-MM-DD'). Friday has no row. */
export function defaultWeekSchedule(validFrom: string, options: DefaultWeekOptions = {}): WorkScheduleRow[] {
  const hours = options.hours ?? DEFAULT_WEEKDAY_HOURS;
  const thursday = options.thursday ?? DEFAULT_THURSDAY_HOURS;
  const validTo = options.validTo ?? null;
  const rows: WorkScheduleRow[] = SATURDAY_TO_WEDNESDAY.map((weekday) => ({
    validFrom,
    validTo,
    weekday,
    opensAt: hours.opensAt,
    closesAt: hours.closesAt,
  }));
  if (thursday !== 'closed') {
    rows.push({
      validFrom,
      validTo,
      weekday: WEEKDAY.thursday,
      opensAt: thursday.opensAt,
      closesAt: thursday.closesAt,
    });
  }
  return rows;
}
