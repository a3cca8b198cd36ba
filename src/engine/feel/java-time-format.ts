/**
 * Text forms of temporal values exactly as Java's `toString()` writes them. Zeebe stores FEEL temporal results
 * as these strings (`ValDateTime` → `ZonedDateTime.toString()`, `ValDayTimeDuration` → `Duration.toString()`),
 * so a worker sees the same text from either engine.
 */

const NANOS_PER_SECOND = 1_000_000_000n;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `LocalDate.toString()`: `2024-01-31`. */
export function formatLocalDate(year: number, month: number, day: number): string {
  const yearText =
    year >= 0 && year <= 9999 ? pad(year, 4) : `${year > 9999 ? '+' : '-'}${pad(Math.abs(year), 4)}`;
  return `${yearText}-${pad(month)}-${pad(day)}`;
}

/** `LocalTime.toString()`: `10:00`, `10:00:05`, `10:00:05.120`, seconds only when not zero. */
export function formatLocalTime(hour: number, minute: number, second: number, nanosecond: number): string {
  let text = `${pad(hour)}:${pad(minute)}`;
  if (second > 0 || nanosecond > 0) {
    text += `:${pad(second)}`;
    if (nanosecond > 0) {
      if (nanosecond % 1_000_000 === 0) text += `.${pad(nanosecond / 1_000_000, 3)}`;
      else if (nanosecond % 1000 === 0) text += `.${pad(nanosecond / 1000, 6)}`;
      else text += `.${pad(nanosecond, 9)}`;
    }
  }
  return text;
}

/** `ZoneOffset.toString()`: `Z` for UTC, otherwise `+03:30` (with seconds when present). */
export function formatOffset(offsetSeconds: number): string {
  if (offsetSeconds === 0) return 'Z';
  const sign = offsetSeconds < 0 ? '-' : '+';
  const total = Math.abs(offsetSeconds);
  const seconds = total % 60;
  const text = `${sign}${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}`;
  return seconds === 0 ? text : `${text}:${pad(seconds)}`;
}

/** `Duration.toString()`: `PT72H`, `PT1H30M`, `PT0.5S`, `PT-5M`, `PT0S`. */
export function formatJavaDuration(totalNanos: bigint): string {
  if (totalNanos === 0n) return 'PT0S';
  let seconds = totalNanos / NANOS_PER_SECOND;
  let nanos = totalNanos % NANOS_PER_SECOND;
  if (nanos < 0n) {
    nanos += NANOS_PER_SECOND;
    seconds -= 1n;
  }
  const effectiveSeconds = seconds < 0n && nanos > 0n ? seconds + 1n : seconds;
  const hours = effectiveSeconds / 3600n;
  const minutes = (effectiveSeconds % 3600n) / 60n;
  const secs = effectiveSeconds % 60n;
  let text = 'PT';
  if (hours !== 0n) text += `${hours}H`;
  if (minutes !== 0n) text += `${minutes}M`;
  if (secs === 0n && nanos === 0n && text.length > 2) return text;
  text += seconds < 0n && nanos > 0n && secs === 0n ? '-0' : String(secs);
  if (nanos > 0n) {
    const fraction = String(seconds < 0n ? 2n * NANOS_PER_SECOND - nanos : nanos + NANOS_PER_SECOND)
      .slice(1)
      .replace(/0+$/, '');
    text += `.${fraction}`;
  }
  return `${text}S`;
}

/** `Period.toString()`: `P1Y2M`, `P3D`, `P0D`. */
export function formatJavaPeriod(years: number, months: number, days: number): string {
  if (years === 0 && months === 0 && days === 0) return 'P0D';
  let text = 'P';
  if (years !== 0) text += `${years}Y`;
  if (months !== 0) text += `${months}M`;
  if (days !== 0) text += `${days}D`;
  return text;
}
