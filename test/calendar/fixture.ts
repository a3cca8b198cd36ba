import {
  WorkingCalendar,
  defaultWeekSchedule,
  officialHolidayExceptions,
  type CalendarException,
  type WorkScheduleRow,
} from '../../src/calendar/index.js';

/**
 * An instant given as Tehran wall-clock time. The offset is written out (+03:30, Iran has had no
 * DST since 2022) so the tests check the engine's own time-zone handling independently.
 */
export function tehran(day: string, time: string): Date {
  return new Date(`${day}T${time}:00+03:30`);
}

/** The chamber's default week since 1 Farvardin 1403 plus the official holidays of 1404–1405. */
export function chamberCalendar(
  extra: { schedules?: WorkScheduleRow[]; exceptions?: CalendarException[] } = {},
): WorkingCalendar {
  return new WorkingCalendar({
    timeZone: 'Asia/Tehran',
    schedules: [...defaultWeekSchedule('2024-03-20'), ...(extra.schedules ?? [])],
    exceptions: [...officialHolidayExceptions(), ...(extra.exceptions ?? [])],
  });
}

/** A small seeded PRNG (mulberry32) so random tests are repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
