import { FeelDuration } from 'feelin';
import {
  evaluateDateTime,
  evaluateString,
  evaluateValueOrExpression,
  expressionText,
  feelTypeOf,
  parseZonedDateTime,
} from '../../feel/index.js';
import type {
  FeelEvaluationOptions,
  FeelResult,
  FeelVariables,
  ValueOrExpression,
} from '../../feel/index.js';
import type { TimerDefinition, TimerKind } from '../executable-process.js';
import { nextCronTime, parseCronExpression } from './cron-expression.js';
import { parseRepeatingInterval } from './repeating-interval.js';
import {
  calendarInterval,
  endOfInterval,
  endOfIntervalStartingAt,
  exactInterval,
  parseTimeInterval,
} from './time-interval.js';
import type { TimeInterval } from './time-interval.js';

/**
 * A timer, once its value is known: what the scheduler stores (plain data) and asks for due dates.
 * - `date` fires once at `dueDate`;
 * - `interval` fires `repetitions` times (−1: until its scope ends), one interval apart; a `timeDuration` is an
 *   interval that fires once;
 * - `cron` fires at every match of the expression, until its scope ends.
 */
export type Timer =
  | { readonly kind: 'date'; readonly dueDate: number }
  | { readonly kind: 'interval'; readonly repetitions: number; readonly interval: TimeInterval }
  | { readonly kind: 'cron'; readonly expression: string };

export type TimerParse =
  { readonly ok: true; readonly timer: Timer } | { readonly ok: false; readonly reason: string };

const EXAMPLES: Readonly<Record<TimerKind, string>> = {
  timeDuration: "an ISO 8601 duration such as 'PT15M', 'P2D' or 'P1DT12H'",
  timeDate: "an ISO 8601 date-time with offset such as '2025-03-01T09:00:00+03:30' or '2025-03-01T05:30:00Z'",
  timeCycle:
    "an ISO 8601 repeating interval such as 'R3/PT10M' or 'R/P1D', or a cron expression such as '0 0 9 * * MON-FRI'",
};

/** Reads the text of a timer (a static value, or the string an expression returned). */
export function parseTimerText(kind: TimerKind, text: string): TimerParse {
  switch (kind) {
    case 'timeDuration': {
      const interval = parseTimeInterval(text);
      return interval === null
        ? { ok: false, reason: `'${text}' is not ${EXAMPLES.timeDuration}` }
        : { ok: true, timer: { kind: 'interval', repetitions: 1, interval } };
    }
    case 'timeDate': {
      const date = parseZonedDateTime(text);
      return date === null
        ? { ok: false, reason: `'${text}' is not ${EXAMPLES.timeDate}` }
        : { ok: true, timer: { kind: 'date', dueDate: date.epochMillis } };
    }
    case 'timeCycle':
      return parseCycle(text);
  }
}

function parseCycle(text: string): TimerParse {
  if (text.startsWith('R')) {
    const parsed = parseRepeatingInterval(text);
    return parsed.ok
      ? { ok: true, timer: { kind: 'interval', ...parsed.value } }
      : { ok: false, reason: `'${text}' is not ${EXAMPLES.timeCycle} (${parsed.reason})` };
  }
  const cron = parseCronExpression(text);
  return cron.ok
    ? { ok: true, timer: { kind: 'cron', expression: text } }
    : {
        ok: false,
        reason: `'${text}' is not ${EXAMPLES.timeCycle} (invalid cron expression: ${cron.reason})`,
      };
}

/**
 * Evaluates a timer definition when its element (or the scope owning a boundary event or event sub-process)
 * activates. Failures are incidents of type `EXTRACT_VALUE_ERROR`.
 */
export function evaluateTimer(
  definition: TimerDefinition,
  variables: FeelVariables,
  options: FeelEvaluationOptions = {},
): FeelResult<Timer> {
  switch (definition.kind) {
    case 'timeDuration':
      return evaluateDuration(definition.value, variables, options);
    case 'timeDate': {
      const date = evaluateDateTime(definition.value, variables, options);
      if (!date.ok) return date;
      if (date.value === null) {
        return { ok: false, failure: { kind: 'type', message: `Expected a date-time for the timer date.` } };
      }
      return { ok: true, value: { kind: 'date', dueDate: date.value.epochMillis }, warnings: date.warnings };
    }
    case 'timeCycle': {
      const text = evaluateString(definition.value, variables, options);
      if (!text.ok) return text;
      const parsed = parseCycle(text.value);
      return parsed.ok
        ? { ok: true, value: parsed.timer, warnings: text.warnings }
        : { ok: false, failure: { kind: 'type', message: `Invalid timer cycle: ${parsed.reason}.` } };
    }
  }
}

/** A duration: a FEEL duration (days and time: exact; years and months: calendar) or an ISO 8601 string. */
function evaluateDuration(
  source: ValueOrExpression,
  variables: FeelVariables,
  options: FeelEvaluationOptions,
): FeelResult<Timer> {
  const result = evaluateValueOrExpression(source, variables, options);
  if (!result.ok) return result;
  const value = result.value;
  const once = (interval: TimeInterval): FeelResult<Timer> => ({
    ok: true,
    value: { kind: 'interval', repetitions: 1, interval },
    warnings: result.warnings,
  });
  if (value instanceof FeelDuration) {
    const duration = value.value;
    return value.yearsMonths
      ? once(calendarInterval(duration.years, duration.months))
      : once(
          exactInterval(
            duration.days * 86_400_000 +
              duration.hours * 3_600_000 +
              duration.minutes * 60_000 +
              duration.seconds * 1000 +
              duration.milliseconds,
          ),
        );
  }
  const text = expressionText(source);
  if (typeof value !== 'string') {
    return {
      ok: false,
      failure: {
        kind: 'type',
        message: `Expected result of the expression '${text}' to be one of '[DURATION, PERIOD, STRING]', but was '${feelTypeOf(value)}'.`,
      },
    };
  }
  const interval = parseTimeInterval(value);
  return interval === null
    ? {
        ok: false,
        failure: { kind: 'type', message: `Invalid duration format '${value}' for expression '${text}'.` },
      }
    : once(interval);
}

/** When a new timer first fires, `now` being the engine clock when its element activates (or at deployment). */
export function firstDueDate(timer: Timer, now: number): number | null {
  switch (timer.kind) {
    case 'date':
      return timer.dueDate;
    case 'interval':
      return endOfInterval(timer.interval, now);
    case 'cron': {
      const cron = parseCronExpression(timer.expression);
      return cron.ok ? nextCronTime(cron.value, now) : null;
    }
  }
}

/**
 * When a repeating timer fires next, after it fired at `lastDueDate` (the scheduler counts the repetitions).
 * An interval continues from the last due date, without drift; if that is already past, from `now`.
 */
export function nextDueDate(timer: Timer, lastDueDate: number, now: number): number | null {
  switch (timer.kind) {
    case 'date':
      return null;
    case 'interval': {
      const natural = endOfIntervalStartingAt(timer.interval, lastDueDate);
      return natural > now ? natural : endOfIntervalStartingAt(timer.interval, now);
    }
    case 'cron': {
      const cron = parseCronExpression(timer.expression);
      return cron.ok ? nextCronTime(cron.value, Math.max(lastDueDate, now)) : null;
    }
  }
}
