import { parseZonedDateTime } from '../../feel/index.js';

/**
 * An ISO 8601 duration as Zeebe reads it (its `Interval`): a calendar part (years, months, days, added in the
 * time zone of the start, or the system zone) and an exact part (hours, minutes, seconds), optionally with an
 * explicit start (`2025-01-01T08:00:00Z/PT1H`).
 */
export interface TimeInterval {
  readonly years: number;
  readonly months: number;
  readonly days: number;
  readonly millis: number;
  readonly start: { readonly epochMillis: number; readonly offsetSeconds: number } | null;
}

// java.time.Period.parse and java.time.Duration.parse, both case-insensitive.
const PERIOD = /^([-+]?)P(?:([-+]?\d+)Y)?(?:([-+]?\d+)M)?(?:([-+]?\d+)W)?(?:([-+]?\d+)D)?$/i;
const DURATION =
  /^([-+]?)P(?:([-+]?\d+)D)?(?:T(?:([-+]?\d+)H)?(?:([-+]?\d+)M)?(?:([-+]?\d+)(?:[.,](\d{0,9}))?S)?)?$/i;

/** Parses `PT15M`, `P1DT2H`, `P1Y2M`, `P2W`, `-PT5S`, `2025-01-01T08:00:00Z/PT1H`; `null` if not valid. */
export function parseTimeInterval(text: string): TimeInterval | null {
  const slash = text.lastIndexOf('/');
  let start: TimeInterval['start'] = null;
  if (slash > 0) {
    const startText = text.slice(0, slash);
    const parsed = parseZonedDateTime(startText);
    if (parsed === null) return null;
    start = { epochMillis: parsed.epochMillis, offsetSeconds: offsetSecondsOf(startText) };
  }
  const expression = text.slice(slash + 1);
  const signLength = expression.startsWith('-') || expression.startsWith('+') ? 1 : 0;
  const timeOffset = expression.indexOf('T');
  if (timeOffset === -1) {
    const period = parsePeriod(expression);
    return period === null ? null : { ...period, millis: 0, start };
  }
  if (timeOffset === signLength + 1) {
    const millis = parseDuration(expression);
    return millis === null ? null : { years: 0, months: 0, days: 0, millis, start };
  }
  const period = parsePeriod(expression.slice(0, timeOffset));
  const millis = parseDuration(`${expression.slice(0, signLength)}P${expression.slice(timeOffset)}`);
  return period === null || millis === null ? null : { ...period, millis, start };
}

/** An interval of exact length (a FEEL days-and-time duration) or of calendar months (years and months). */
export function exactInterval(millis: number): TimeInterval {
  return { years: 0, months: 0, days: 0, millis, start: null };
}

export function calendarInterval(years: number, months: number): TimeInterval {
  return { years, months, days: 0, millis: 0, start: null };
}

/**
 * When an interval that starts at `fromEpochMillis` ends (Zeebe's `Interval.toEpochMilli`): from its own start
 * if it has one; calendar parts are added in the zone of that start, or in the system zone.
 */
export function endOfInterval(interval: TimeInterval, fromEpochMillis: number): number {
  const from = interval.start?.epochMillis ?? fromEpochMillis;
  const offsetSeconds = interval.start?.offsetSeconds ?? null;
  return addCalendarPart(from, interval, offsetSeconds) + interval.millis;
}

/** The end of the same interval when it starts at `epochMillis` (zone of its own start, or the system zone). */
export function endOfIntervalStartingAt(interval: TimeInterval, epochMillis: number): number {
  const restarted =
    interval.start === null ? interval : { ...interval, start: { ...interval.start, epochMillis } };
  return endOfInterval(restarted, epochMillis);
}

function parsePeriod(text: string): Pick<TimeInterval, 'years' | 'months' | 'days'> | null {
  const match = PERIOD.exec(text);
  if (match === null || (match[2] ?? match[3] ?? match[4] ?? match[5]) === undefined) return null;
  const sign = match[1] === '-' ? -1 : 1;
  return {
    years: sign * toInt(match[2]),
    months: sign * toInt(match[3]),
    days: sign * (toInt(match[4]) * 7 + toInt(match[5])),
  };
}

function parseDuration(text: string): number | null {
  const match = DURATION.exec(text);
  if (match === null) return null;
  const [, sign, days, hours, minutes, seconds, fraction] = match;
  if ((days ?? hours ?? minutes ?? seconds) === undefined) return null;
  if (text.toUpperCase().endsWith('T')) return null;
  const secondsSign = seconds?.startsWith('-') === true ? -1 : 1;
  const fractionMillis = Number(((fraction ?? '') + '000').slice(0, 3));
  const millis =
    toInt(days) * 86_400_000 +
    toInt(hours) * 3_600_000 +
    toInt(minutes) * 60_000 +
    toInt(seconds) * 1000 +
    secondsSign * fractionMillis;
  return sign === '-' ? -millis : millis;
}

function toInt(text: string | undefined): number {
  return text === undefined ? 0 : Number.parseInt(text, 10);
}

function offsetSecondsOf(dateTimeText: string): number {
  const match = /(Z|[+-]\d{2}:\d{2}(?::\d{2})?)(?:\[[^\]]+\])?$/.exec(dateTimeText);
  const offset = match?.[1];
  if (offset === undefined || offset === 'Z') return 0;
  const [hours = 0, minutes = 0, seconds = 0] = offset.slice(1).split(':').map(Number);
  const total = hours * 3600 + minutes * 60 + seconds;
  return offset.startsWith('-') ? -total : total;
}

/** Adds years, months (clamping the day, as Java does) and days in a fixed offset or the system zone. */
function addCalendarPart(epochMillis: number, interval: TimeInterval, offsetSeconds: number | null): number {
  if (interval.years === 0 && interval.months === 0 && interval.days === 0) return epochMillis;
  const months = interval.years * 12 + interval.months;
  if (offsetSeconds === null) {
    const date = new Date(epochMillis);
    const target = clampedMonth(date.getFullYear(), date.getMonth() + months, date.getDate());
    const result = new Date(epochMillis);
    result.setFullYear(target.year, target.monthIndex, target.day + interval.days);
    return result.getTime();
  }
  const shifted = new Date(epochMillis + offsetSeconds * 1000);
  const target = clampedMonth(shifted.getUTCFullYear(), shifted.getUTCMonth() + months, shifted.getUTCDate());
  shifted.setUTCFullYear(target.year, target.monthIndex, target.day + interval.days);
  return shifted.getTime() - offsetSeconds * 1000;
}

function clampedMonth(
  year: number,
  monthIndex: number,
  day: number,
): { year: number; monthIndex: number; day: number } {
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(2000, targetMonth + 1, 0)).getUTCDate();
  const isLeap = (targetYear % 4 === 0 && targetYear % 100 !== 0) || targetYear % 400 === 0;
  const limit = targetMonth === 1 ? (isLeap ? 29 : 28) : lastDay;
  return { year: targetYear, monthIndex: targetMonth, day: Math.min(day, limit) };
}
