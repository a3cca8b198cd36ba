import { describe, expect, it } from '@jest/globals';
import { parseValueOrExpression } from '../../../src/engine/feel/index.js';
import { evaluateTimer, firstDueDate, nextDueDate, parseTimerText } from '../../../src/engine/model/index.js';
import type { Timer, TimerDefinition, TimerKind } from '../../../src/engine/model/index.js';

function timer(kind: TimerKind, text: string): Timer {
  const parsed = parseTimerText(kind, text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.timer;
}

function definition(kind: TimerKind, raw: string): TimerDefinition {
  return { type: 'timer', kind, value: parseValueOrExpression(raw) };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const local = (month: number, day: number, hour = 0, minute = 0): number =>
  new Date(2025, month - 1, day, hour, minute).getTime();

describe('static timer values', () => {
  it('reads ISO 8601 durations as intervals that fire once', () => {
    expect(timer('timeDuration', 'PT15M')).toEqual({
      kind: 'interval',
      repetitions: 1,
      interval: { years: 0, months: 0, days: 0, millis: 15 * MINUTE, start: null },
    });
    expect(timer('timeDuration', 'P1DT2H30M')).toMatchObject({ interval: { days: 1, millis: 2.5 * HOUR } });
    expect(timer('timeDuration', 'P2W')).toMatchObject({ interval: { days: 14 } });
    expect(timer('timeDuration', 'P1Y2M')).toMatchObject({ interval: { years: 1, months: 2 } });
    expect(timer('timeDuration', 'PT0.5S')).toMatchObject({ interval: { millis: 500 } });
  });

  it('reads ISO 8601 date-times with an offset or zone', () => {
    expect(timer('timeDate', '2025-03-01T09:00:00+03:30')).toEqual({
      kind: 'date',
      dueDate: Date.UTC(2025, 2, 1, 5, 30),
    });
    expect(timer('timeDate', '2025-03-01T05:30:00Z')).toEqual({
      kind: 'date',
      dueDate: Date.UTC(2025, 2, 1, 5, 30),
    });
    expect(timer('timeDate', '2025-03-01T09:00+03:30[Asia/Tehran]')).toEqual({
      kind: 'date',
      dueDate: Date.UTC(2025, 2, 1, 5, 30),
    });
  });

  it('reads cycles: repeating intervals and cron expressions', () => {
    expect(timer('timeCycle', 'R3/PT10M')).toMatchObject({
      kind: 'interval',
      repetitions: 3,
      interval: { millis: 10 * MINUTE },
    });
    expect(timer('timeCycle', 'R/P1D')).toMatchObject({
      kind: 'interval',
      repetitions: -1,
      interval: { days: 1 },
    });
    expect(timer('timeCycle', 'R2/2025-03-01T05:00:00Z/PT1H')).toMatchObject({
      repetitions: 2,
      interval: { millis: HOUR, start: { epochMillis: Date.UTC(2025, 2, 1, 5), offsetSeconds: 0 } },
    });
    expect(timer('timeCycle', '0 0 9 * * MON-FRI')).toEqual({
      kind: 'cron',
      expression: '0 0 9 * * MON-FRI',
    });
  });

  it('rejects what Zeebe cannot read', () => {
    for (const [kind, text] of [
      ['timeDuration', '15 minutes'],
      ['timeDuration', 'PT'],
      ['timeDuration', 'P1H'],
      ['timeDate', '2025-03-01T09:00:00'],
      ['timeDate', '2025-02-30T09:00:00Z'],
      ['timeDate', '2025-03-01T09:00:00Z[Mars/Olympus]'],
      ['timeCycle', 'R3'],
      ['timeCycle', 'Rx/PT1H'],
      ['timeCycle', 'R3/every hour'],
      ['timeCycle', 'every day'],
    ] as const) {
      expect(parseTimerText(kind, text)).toMatchObject({ ok: false });
    }
  });
});

describe('due dates', () => {
  it('adds an exact duration to the engine clock', () => {
    expect(firstDueDate(timer('timeDuration', 'PT15M'), 1_000_000)).toBe(1_000_000 + 15 * MINUTE);
  });

  it('adds calendar months in the system zone, clamping the day as Java does', () => {
    expect(firstDueDate(timer('timeDuration', 'P1M'), local(1, 31, 10))).toBe(local(2, 28, 10));
    expect(firstDueDate(timer('timeDuration', 'P1D'), local(3, 1, 10))).toBe(local(3, 2, 10));
  });

  it('fires a date once, at that date', () => {
    const date = timer('timeDate', '2025-03-01T05:30:00Z');
    expect(firstDueDate(date, 0)).toBe(Date.UTC(2025, 2, 1, 5, 30));
    expect(nextDueDate(date, Date.UTC(2025, 2, 1, 5, 30), Date.UTC(2025, 2, 1, 5, 30))).toBeNull();
  });

  it('starts a cycle with an explicit start one interval after it', () => {
    expect(firstDueDate(timer('timeCycle', 'R2/2025-03-01T05:00:00Z/PT1H'), 0)).toBe(Date.UTC(2025, 2, 1, 6));
  });

  it('repeats a cycle from the last due date without drift, or from now when it is overdue', () => {
    const cycle = timer('timeCycle', 'R/PT1H');
    expect(nextDueDate(cycle, local(3, 1, 10), local(3, 1, 10) + 20)).toBe(local(3, 1, 11));
    expect(nextDueDate(cycle, local(3, 1, 10), local(3, 1, 13, 30))).toBe(local(3, 1, 14, 30));
  });

  it('follows a cron expression', () => {
    const cron = timer('timeCycle', '0 0 9 * * MON-FRI');
    expect(firstDueDate(cron, local(3, 1, 10))).toBe(local(3, 3, 9));
    expect(nextDueDate(cron, local(3, 3, 9), local(3, 3, 9))).toBe(local(3, 4, 9));
  });
});

describe('evaluateTimer (FEEL timer values, at element activation)', () => {
  it('accepts FEEL durations, periods and ISO strings for a duration', () => {
    expect(evaluateTimer(definition('timeDuration', '= duration("P2D")'), {})).toMatchObject({
      ok: true,
      value: { kind: 'interval', repetitions: 1, interval: { millis: 48 * HOUR } },
    });
    expect(evaluateTimer(definition('timeDuration', '= duration("P1M")'), {})).toMatchObject({
      ok: true,
      value: { interval: { months: 1 } },
    });
    expect(
      evaluateTimer(definition('timeDuration', '= "PT" + string(minutes) + "M"'), { minutes: 5 }),
    ).toMatchObject({
      ok: true,
      value: { interval: { millis: 5 * MINUTE } },
    });
  });

  it('fails with a readable message on a value of the wrong type or format', () => {
    expect(evaluateTimer(definition('timeDuration', '= minutes'), { minutes: 5 })).toEqual({
      ok: false,
      failure: {
        kind: 'type',
        message:
          "Expected result of the expression 'minutes' to be one of '[DURATION, PERIOD, STRING]', but was 'NUMBER'.",
      },
    });
    expect(evaluateTimer(definition('timeDuration', '= wait'), { wait: 'soon' })).toEqual({
      ok: false,
      failure: { kind: 'type', message: "Invalid duration format 'soon' for expression 'wait'." },
    });
    expect(evaluateTimer(definition('timeCycle', '= cycle'), { cycle: 'R3' })).toMatchObject({
      ok: false,
      failure: { kind: 'type' },
    });
  });

  it('accepts FEEL date-times and ISO strings for a date, and strings for a cycle', () => {
    expect(
      evaluateTimer(definition('timeDate', '= date and time("2025-03-01T05:30:00Z")'), {}),
    ).toMatchObject({
      ok: true,
      value: { kind: 'date', dueDate: Date.UTC(2025, 2, 1, 5, 30) },
    });
    expect(
      evaluateTimer(definition('timeDate', '= deadline'), { deadline: '2025-03-01T09:00:00+03:30' }),
    ).toMatchObject({
      ok: true,
      value: { dueDate: Date.UTC(2025, 2, 1, 5, 30) },
    });
    expect(
      evaluateTimer(definition('timeCycle', '= "R" + string(times) + "/PT1H"'), { times: 3 }),
    ).toMatchObject({
      ok: true,
      value: { kind: 'interval', repetitions: 3 },
    });
  });
});
