import type { FeelDateTime } from 'feelin';
import { formatLocalDate, formatLocalTime, formatOffset } from './java-time-format.js';

/**
 * An instant with the text Zeebe gives it (Java's `ZonedDateTime.toString()`, e.g. `2024-05-01T09:30+03:30`).
 * Used for timer dates, user task due and follow-up dates.
 */
export interface ZonedDateTimeValue {
  readonly epochMillis: number;
  readonly text: string;
}

interface LocalDateTimeFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly nanosecond: number;
}

// Java's ISO_ZONED_DATE_TIME: a local date-time, a mandatory offset and an optional [zone id].
const ZONED_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)(?:\[([^\]]+)\])?$/;

/** Parses text as Java's `ZonedDateTime.parse` does; `null` when it is not a valid zoned date-time. */
export function parseZonedDateTime(text: string): ZonedDateTimeValue | null {
  const match = ZONED_DATE_TIME.exec(text);
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, fraction, offset, zone] = match;
  const fields: LocalDateTimeFields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? '0'),
    nanosecond: Number((fraction ?? '').padEnd(9, '0')),
  };
  if (!isValidLocalDateTime(fields)) return null;
  const offsetSeconds = parseOffset(offset ?? 'Z');
  if (offsetSeconds === null) return null;
  if (zone !== undefined && !isKnownZone(zone)) return null;
  const epochMillis = utcMillisOf(fields) - offsetSeconds * 1000;
  const zoneSuffix = zone === undefined ? '' : `[${zone}]`;
  return { epochMillis, text: `${formatLocalDateTime(fields)}${formatOffset(offsetSeconds)}${zoneSuffix}` };
}

/**
 * The instant of a FEEL date-time. A date-time without zone is placed in the system's default zone, as Zeebe
 * does (`atZone(ZoneId.systemDefault())`).
 */
export function zonedDateTimeOfFeel(value: FeelDateTime): ZonedDateTimeValue {
  const plain = value.value;
  const fields: LocalDateTimeFields = {
    year: plain.year,
    month: plain.month,
    day: plain.day,
    hour: plain.hour,
    minute: plain.minute,
    second: plain.second,
    nanosecond: plain.millisecond * 1_000_000 + plain.microsecond * 1000 + plain.nanosecond,
  };
  if (value.zone === null) {
    const local = new Date(
      fields.year,
      fields.month - 1,
      fields.day,
      fields.hour,
      fields.minute,
      fields.second,
      plain.millisecond,
    );
    local.setFullYear(fields.year);
    return zonedDateTimeOfLocal(local, fields);
  }
  const zoned = plain.toZonedDateTime(value.zone);
  const offsetSeconds = Math.round(zoned.offsetNanoseconds / 1_000_000_000);
  const zoneSuffix = isOffsetZone(value.zone) ? '' : `[${value.zone}]`;
  return {
    epochMillis: zoned.epochMilliseconds,
    text: `${formatLocalDateTime(fields)}${formatOffset(offsetSeconds)}${zoneSuffix}`,
  };
}

/** An instant in the system's default zone, e.g. the engine clock's `now`. */
export function zonedDateTimeOfEpoch(epochMillis: number): ZonedDateTimeValue {
  const local = new Date(epochMillis);
  return zonedDateTimeOfLocal(local, {
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
    hour: local.getHours(),
    minute: local.getMinutes(),
    second: local.getSeconds(),
    nanosecond: local.getMilliseconds() * 1_000_000,
  });
}

function zonedDateTimeOfLocal(local: Date, fields: LocalDateTimeFields): ZonedDateTimeValue {
  const offsetSeconds = -local.getTimezoneOffset() * 60;
  return {
    epochMillis: local.getTime(),
    text: `${formatLocalDateTime(fields)}${formatOffset(offsetSeconds)}`,
  };
}

function formatLocalDateTime(fields: LocalDateTimeFields): string {
  return `${formatLocalDate(fields.year, fields.month, fields.day)}T${formatLocalTime(
    fields.hour,
    fields.minute,
    fields.second,
    fields.nanosecond,
  )}`;
}

function utcMillisOf(fields: LocalDateTimeFields): number {
  const date = new Date(0);
  date.setUTCFullYear(fields.year, fields.month - 1, fields.day);
  date.setUTCHours(fields.hour, fields.minute, fields.second, Math.floor(fields.nanosecond / 1_000_000));
  return date.getTime();
}

function isValidLocalDateTime(fields: LocalDateTimeFields): boolean {
  if (fields.month < 1 || fields.month > 12 || fields.day < 1) return false;
  if (fields.hour > 23 || fields.minute > 59 || fields.second > 59) return false;
  return fields.day <= daysInMonth(fields.year, fields.month);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && isLeap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
}

function parseOffset(offset: string): number | null {
  if (offset === 'Z') return 0;
  const [hours, minutes, seconds] = offset.slice(1).split(':').map(Number);
  if (hours === undefined || minutes === undefined || hours > 18 || minutes > 59 || (seconds ?? 0) > 59) {
    return null;
  }
  const total = hours * 3600 + minutes * 60 + (seconds ?? 0);
  return offset.startsWith('-') ? -total : total;
}

function isOffsetZone(zone: string): boolean {
  return zone === 'UTC' || zone === 'Z' || /^[+-]\d{2}:\d{2}(:\d{2})?$/.test(zone);
}

function isKnownZone(zone: string): boolean {
  if (isOffsetZone(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
