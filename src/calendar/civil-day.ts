/**
 * Civil (calendar) days written as ISO 'YYYY-MM-DD' strings — the form PostgreSQL `date` columns
 * and the calendar tables use — and their numbering as days since 1970-01-01, which makes day
 * arithmetic and weekdays plain integer operations. A civil day has no time zone.
 */

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a Gregorian civil day; throws RangeError for anything else. */
export function epochDayOf(day: string): number {
  const m = ISO_DAY.exec(day);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = Date.UTC(y, mo - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d) {
      return ms / DAY_MS;
    }
  }
  throw new RangeError(`Not a valid civil day 'YYYY-MM-DD': ${JSON.stringify(day)}`);
}

/** The ISO day string of a day number. */
export function dayOfEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as `Date#getDay` and the `work_schedules.weekday` column. */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function isCivilDay(value: string): boolean {
  try {
    epochDayOf(value);
    return true;
  } catch {
    return false;
  }
}
