import { TEHRAN, epochDayOf, instantOfWallClock, zoneOffsetMs } from '../../calendar/index.js';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * An instant as ISO 8601 with the zone's offset, e.g. `2026-06-03T14:00:00+03:30`: the form
 * process variables use, so that timers can take it directly (`timeDate="=responseDueAt"`).
 * Milliseconds are written only when there are any.
 */
export function isoWithOffset(instant: Date, timeZone: string = TEHRAN): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('not a valid date');
  const offset = zoneOffsetMs(ms, timeZone);
  const local = new Date(ms + offset);
  const millis = local.getUTCMilliseconds();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60_000;
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    (millis ? `.${pad(millis, 3)}` : '') +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?(?:\[[^\]]+\])?$/;

/**
 * Reads a date-time variable: ISO 8601 with an offset (or `Z`), or a local date-time without one
 * (as a date-time form field may give), which is read on the wall clock of `timeZone`. Returns
 * undefined when the text is not a date-time.
 */
export function parseDateTime(value: string, timeZone: string = TEHRAN): Date | undefined {
  const m = DATE_TIME.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const day = `${y}-${mo}-${d}`;
  let epochDay: number;
  try {
    epochDay = epochDayOf(day);
  } catch {
    return undefined;
  }
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = frac ? Number(`0.${frac}`) * 1000 : 0;
  const minuteOfDay = hour * 60 + minute + second / 60 + millis / 60_000;
  if (zone === undefined) return new Date(instantOfWallClock(epochDay, minuteOfDay, timeZone));
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
    if (zone.startsWith('-')) offsetMinutes = -offsetMinutes;
  }
  return new Date(epochDay * 86_400_000 + minuteOfDay * 60_000 - offsetMinutes * 60_000);
}
