import { describe, expect, it } from '@jest/globals';
import { nextCronTime, parseCronExpression } from '../../../src/engine/model/index.js';
import type { CronExpression } from '../../../src/engine/model/index.js';

function cron(text: string): CronExpression {
  const parsed = parseCronExpression(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}

/** Local time (the system zone, as Zeebe uses the JVM default zone). */
const at = (month: number, day: number, hour = 0, minute = 0, second = 0): number =>
  new Date(2025, month - 1, day, hour, minute, second).getTime();

describe('cron timer cycles (Spring six fields, seconds first)', () => {
  it('finds the next working day at nine (1 March 2025 is a Saturday)', () => {
    expect(nextCronTime(cron('0 0 9 * * MON-FRI'), at(3, 1, 10))).toBe(at(3, 3, 9));
    expect(nextCronTime(cron('0 0 9 * * MON-FRI'), at(3, 3, 8, 59, 59))).toBe(at(3, 3, 9));
    expect(nextCronTime(cron('0 0 9 * * MON-FRI'), at(3, 3, 9))).toBe(at(3, 4, 9));
  });

  it('supports steps, lists and ranges', () => {
    expect(nextCronTime(cron('*/15 * * * * *'), at(3, 1, 10, 0, 7))).toBe(at(3, 1, 10, 0, 15));
    expect(nextCronTime(cron('0 0 8,13 * * *'), at(3, 1, 9))).toBe(at(3, 1, 13));
    expect(nextCronTime(cron('0 30 9-11/2 * * *'), at(3, 1, 10))).toBe(at(3, 1, 11, 30));
    expect(nextCronTime(cron('0 0 0 1 JAN,JUL *'), at(3, 1))).toBe(at(7, 1));
  });

  it('supports the last day, nearest weekday, nth and last weekday of a month', () => {
    expect(nextCronTime(cron('0 0 0 L * *'), at(2, 10))).toBe(at(2, 28));
    expect(nextCronTime(cron('0 0 0 L-2 * *'), at(2, 10))).toBe(at(2, 26));
    expect(nextCronTime(cron('0 0 9 15W * *'), at(6, 1))).toBe(at(6, 16, 9)); // 15 June 2025 is a Sunday
    expect(nextCronTime(cron('0 0 9 LW * *'), at(5, 1))).toBe(at(5, 30, 9)); // 31 May 2025 is a Saturday
    expect(nextCronTime(cron('0 0 12 ? * FRI#2'), at(3, 1))).toBe(at(3, 14, 12));
    expect(nextCronTime(cron('0 0 12 ? * 5L'), at(3, 1))).toBe(at(3, 28, 12));
  });

  it('reads Sunday as 0, 7 or SUN, and the macros', () => {
    expect(nextCronTime(cron('0 0 9 * * 0'), at(3, 1))).toBe(at(3, 2, 9));
    expect(nextCronTime(cron('0 0 9 * * 7'), at(3, 1))).toBe(at(3, 2, 9));
    expect(nextCronTime(cron('0 0 9 * * sun'), at(3, 1))).toBe(at(3, 2, 9));
    expect(nextCronTime(cron('@daily'), at(3, 1, 10))).toBe(at(3, 2));
    expect(nextCronTime(cron('@hourly'), at(3, 1, 10, 5))).toBe(at(3, 1, 11));
  });

  it('has no next time for a day that never comes', () => {
    expect(nextCronTime(cron('0 0 0 30 2 *'), at(1, 1))).toBeNull();
  });

  it('explains what is wrong with an invalid expression', () => {
    expect(parseCronExpression('0 9 * * MON-FRI')).toEqual({
      ok: false,
      reason: 'expected 6 fields (second minute hour day-of-month month day-of-week), found 5',
    });
    expect(parseCronExpression('0 0 25 * * *')).toEqual({
      ok: false,
      reason: 'hour 25 is out of range 0-23',
    });
    expect(parseCronExpression('0 0 9 * * FRI-MON')).toEqual({
      ok: false,
      reason: "invalid range in day-of-week 'FRI-MON': 5 is after 1",
    });
    expect(parseCronExpression('0 0 9 * * WEEKDAY')).toEqual({
      ok: false,
      reason: "invalid day-of-week 'WEEKDAY'",
    });
  });
});
