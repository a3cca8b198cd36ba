import { parseTimeInterval } from './time-interval.js';
import type { TimeInterval } from './time-interval.js';

/** `R/…` repeats until the timer's scope ends. */
export const UNBOUNDED_REPETITIONS = -1;

export interface RepeatingInterval {
  /** How often the timer fires; `UNBOUNDED_REPETITIONS` for `R/…`. */
  readonly repetitions: number;
  readonly interval: TimeInterval;
}

export type RepeatingIntervalParse =
  { readonly ok: true; readonly value: RepeatingInterval } | { readonly ok: false; readonly reason: string };

/** Parses an ISO 8601 repeating interval: `R5/PT10S`, `R/P1D`, `R3/2025-01-01T08:00:00+03:30/PT1H`. */
export function parseRepeatingInterval(text: string): RepeatingIntervalParse {
  if (!text.startsWith('R')) return { ok: false, reason: 'Repetition spec must start with R' };
  const slash = text.indexOf('/');
  if (slash === -1) return { ok: false, reason: 'No interval given' };
  const countText = text.slice(1, slash);
  if (countText !== '' && !/^\d+$/.test(countText)) {
    return { ok: false, reason: 'Cannot parse repetitions count' };
  }
  const interval = parseTimeInterval(text.slice(slash + 1));
  if (interval === null) return { ok: false, reason: `Cannot parse interval '${text.slice(slash + 1)}'` };
  const repetitions = countText === '' ? UNBOUNDED_REPETITIONS : Number(countText);
  return { ok: true, value: { repetitions, interval } };
}
