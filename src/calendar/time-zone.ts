/**
 * Wall-clock time in a named IANA time zone, read from `Intl` so that the tz database governs
 * offsets (Iran: +03:30 since DST was abolished in 2022, +04:30 in earlier summers). No offset is
 * hard-coded here.
 */
import { DAY_MS, MINUTE_MS, dayOfEpochDay } from './civil-day.js';

export const TEHRAN = 'Asia/Tehran';

/** A wall-clock reading: the civil day (days since 1970-01-01) and the minute of that day. */
export interface WallClock {
  readonly epochDay: number;
  /** Minutes since local midnight, with seconds and milliseconds as a fraction. */
  readonly minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws RangeError when `timeZone` is not a zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The local wall clock of an instant, as milliseconds of a UTC-labelled time line. */
function wallClockMs(instantMs: number, timeZone: string): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of formatterFor(timeZone).formatToParts(whole)) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        hour = Number(p.value);
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
      case 'era':
        bc = p.value.startsWith('B');
        break;
    }
  }
  const d = new Date(0);
  d.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime() + (instantMs - whole);
}

/** Offset of the zone from UTC at an instant, in milliseconds (Tehran today: +12 600 000). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  return wallClockMs(instantMs, timeZone) - instantMs;
}

/** The wall clock in `timeZone` at an instant. */
export function wallClockOf(instant: Date | number, timeZone: string): WallClock {
  const ms = wallClockMs(typeof instant === 'number' ? instant : instant.getTime(), timeZone);
  const epochDay = Math.floor(ms / DAY_MS);
  return { epochDay, minuteOfDay: (ms - epochDay * DAY_MS) / MINUTE_MS };
}

/** The civil day 'YYYY-MM-DD' in `timeZone` at an instant (default Asia/Tehran). */
export function civilDayOf(instant: Date, timeZone: string = TEHRAN): string {
  return dayOfEpochDay(wallClockOf(instant, timeZone).epochDay);
}

/**
 * The instant at which the wall clock of `timeZone` shows `minuteOfDay` on the civil day
 * `epochDay`. A time skipped by a forward clock change maps to the instant after the gap; a time
 * shown twice (backward change) maps to its first occurrence.
 */
export function instantOfWallClock(epochDay: number, minuteOfDay: number, timeZone: string): number {
  return instantsOfWallClockDay(epochDay, [minuteOfDay], timeZone)[0] as number;
}

/**
 * Several wall-clock minutes of one civil day as instants; three `Intl` look-ups for the whole
 * day when its offset does not change (the common case), more only on a clock-change day.
 */
export function instantsOfWallClockDay(
  epochDay: number,
  minutesOfDay: readonly number[],
  timeZone: string,
): number[] {
  const midnight = epochDay * DAY_MS;
  const atStart = zoneOffsetMs(midnight - zoneOffsetMs(midnight, timeZone), timeZone);
  const atEnd = zoneOffsetMs(midnight + DAY_MS - atStart, timeZone);
  if (atStart === atEnd) return minutesOfDay.map((m) => midnight + m * MINUTE_MS - atStart);
  return minutesOfDay.map((m) => {
    const local = midnight + m * MINUTE_MS;
    const before = local - atStart; // reading with the offset in force before the change
    const after = local - atEnd;
    const first = Math.min(before, after);
    if (wallClockMs(first, timeZone) === local) return first;
    const second = Math.max(before, after);
    if (wallClockMs(second, timeZone) === local) return second;
    return local - atStart; // in the gap: same distance from midnight as before the change
  });
}
