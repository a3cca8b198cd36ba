import type { FeelDate, FeelDateTime, FeelDuration, FeelTime } from 'feelin';
import {
  formatJavaDuration,
  formatJavaPeriod,
  formatLocalDate,
  formatLocalTime,
  formatOffset,
} from './java-time-format.js';
import type { JsonValue } from './json-value.js';
import { feelTypeOf } from './feel-type.js';
import { zonedDateTimeOfFeel } from './zoned-date-time.js';

/**
 * Converts a FEEL result into the JSON value the engine stores, as Zeebe's `FeelToMessagePackTransformer` does:
 * temporal values become their Java text (`2024-01-31`, `2024-01-31T10:00+03:30`, `PT72H`, `P1Y2M`), contexts
 * become objects, and values JSON cannot hold (functions, ranges, non-finite numbers) become `null`.
 */
export function feelToJson(value: unknown): JsonValue {
  switch (feelTypeOf(value)) {
    case 'NULL':
    case 'FUNCTION':
    case 'RANGE':
      return null;
    case 'BOOLEAN':
      return value as boolean;
    case 'NUMBER':
      return numberToJson(value as number | bigint);
    case 'STRING':
      return value as string;
    case 'ARRAY':
      return (value as unknown[]).map(feelToJson);
    case 'DURATION':
    case 'PERIOD':
      return durationToJson(value as FeelDuration);
    case 'DATE_TIME':
      return zonedDateTimeOfFeel(value as FeelDateTime).text;
    case 'DATE': {
      const date = (value as FeelDate).value;
      return formatLocalDate(date.year, date.month, date.day);
    }
    case 'TIME':
      return timeToJson(value as FeelTime);
    case 'OBJECT':
      return objectToJson(value as object);
  }
}

function numberToJson(value: number | bigint): number | null {
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

function objectToJson(value: object): JsonValue {
  const result: { [key: string]: JsonValue } = {};
  for (const [key, entry] of Object.entries(value)) {
    result[key] = feelToJson(entry);
  }
  return result;
}

function durationToJson(value: FeelDuration): string {
  const duration = value.value;
  if (value.yearsMonths) {
    return formatJavaPeriod(duration.years, duration.months, 0);
  }
  const seconds =
    BigInt(duration.days) * 86_400n +
    BigInt(duration.hours) * 3600n +
    BigInt(duration.minutes) * 60n +
    BigInt(duration.seconds);
  const nanos =
    BigInt(duration.milliseconds) * 1_000_000n +
    BigInt(duration.microseconds) * 1000n +
    BigInt(duration.nanoseconds);
  return formatJavaDuration(seconds * 1_000_000_000n + nanos);
}

function timeToJson(value: FeelTime): string {
  const time = value.value;
  const nanos = time.millisecond * 1_000_000 + time.microsecond * 1000 + time.nanosecond;
  const local = formatLocalTime(time.hour, time.minute, time.second, nanos);
  if (value.zone === null) return local;
  const offset = value['time offset'];
  const offsetSeconds = offset === null ? 0 : Math.round(offset.value.total({ unit: 'seconds' }));
  return `${local}${formatOffset(offsetSeconds)}`;
}
