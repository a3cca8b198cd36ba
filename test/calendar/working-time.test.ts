import { describe, expect, it } from '@jest/globals';
import {
  CalendarDataError,
  NoWorkingTimeError,
  WorkingCalendar,
  defaultWeekSchedule,
  formatJalaliDateTime,
  parseJalaliDate,
  type WorkingCalendarData,
} from '../../src/calendar/index.js';
import { chamberCalendar, seededRandom, tehran } from './fixture.js';

const HOUR = 60;
const cal = chamberCalendar();

describe('R-X-01 the chamber week', () => {
  it('R-X-01 default week: Saturday–Wednesday 08:00–16:00, Thursday 08:00–12:00, Friday off', () => {
    const hours = (day: string) => cal.openingHoursOn(day).map((i) => `${i.opensAt}-${i.closesAt}`);
    expect(hours('2025-04-12')).toEqual(['08:00-16:00']); // Saturday 1404/01/23
    expect(hours('2025-04-16')).toEqual(['08:00-16:00']); // Wednesday
    expect(hours('2025-04-17')).toEqual(['08:00-12:00']); // Thursday
    expect(hours('2025-04-18')).toEqual([]); // Friday
    expect(hours('2025-03-24')).toEqual([]); // 4 Farvardin, Monday
    const [saturday] = cal.openingHoursOn('2025-04-12');
    expect(saturday?.start).toEqual(new Date('2025-04-12T04:30:00Z'));
    expect(saturday?.end).toEqual(new Date('2025-04-12T12:30:00Z'));
  });

  it('R-X-01 Thursday can be configured closed', () => {
    const rows = defaultWeekSchedule('2025-03-21', { thursday: 'closed' });
    expect(rows.map((r) => r.weekday).sort()).toEqual([0, 1, 2, 3, 6]);
    const noThursday = new WorkingCalendar({ timeZone: 'Asia/Tehran', schedules: rows, exceptions: [] });
    expect(noThursday.isWorkingDay('2025-04-17')).toBe(false);
    expect(noThursday.addWorkingTime(tehran('2025-04-16', '15:00'), 2 * HOUR)).toEqual(
      tehran('2025-04-19', '09:00'),
    );
  });

  it('R-X-01 isWorkingTime reads the Tehran wall clock; opening is working time, closing is not', () => {
    expect(cal.isWorkingTime(new Date('2025-04-12T04:30:00Z'))).toBe(true); // 08:00
    expect(cal.isWorkingTime(new Date('2025-04-12T04:29:59Z'))).toBe(false);
    expect(cal.isWorkingTime(tehran('2025-04-12', '15:59'))).toBe(true);
    expect(cal.isWorkingTime(tehran('2025-04-12', '16:00'))).toBe(false);
    expect(cal.isWorkingTime(tehran('2025-04-17', '12:30'))).toBe(false); // Thursday afternoon
    expect(cal.isWorkingTime(tehran('2025-04-18', '10:00'))).toBe(false); // Friday
  });
});

describe('R-X-01 addWorkingTime', () => {
  it('R-X-01 counts working time across a weekend (Thursday half-day, Friday off)', () => {
    // Wednesday 14:00: 2 h Wednesday, 4 h Thursday, Friday off, 2 h Saturday.
    expect(cal.addWorkingTime(tehran('2025-04-09', '14:00'), 8 * HOUR)).toEqual(
      tehran('2025-04-12', '10:00'),
    );
  });

  it('R-X-01 skips an official holiday (22 Bahman 1404, a Wednesday)', () => {
    expect(cal.addWorkingTime(tehran('2026-02-10', '10:00'), 8 * HOUR)).toEqual(
      tehran('2026-02-12', '10:00'),
    );
  });

  it('R-X-01 counts only the remaining hours of a reduced-hours day (closing at 11:00)', () => {
    const early = chamberCalendar({
      exceptions: [
        {
          day: '2025-12-31',
          kind: 'reduced_hours',
          opensAt: '08:00',
          closesAt: '11:00',
          title: 'تعطیلی از ساعت ۱۱ برای پایداری شبکه برق',
        },
      ],
    });
    expect(early.openingHoursOn('2025-12-31').map((i) => i.closesAt)).toEqual(['11:00']);
    expect(early.isWorkingTime(tehran('2025-12-31', '11:30'))).toBe(false);
    expect(early.addWorkingTime(tehran('2025-12-31', '10:00'), 2 * HOUR)).toEqual(
      tehran('2026-01-01', '09:00'),
    );
    expect(early.addWorkingTime(tehran('2025-12-31', '12:00'), 30)).toEqual(tehran('2026-01-01', '08:30'));
    expect(early.workingTimeBetween(tehran('2025-12-31', '00:00'), tehran('2026-01-01', '00:00'))).toBe(
      3 * HOUR,
    );
  });

  it('R-X-01 a late start (10:00 on 19 Ramadan) keeps the closing time', () => {
    const late = chamberCalendar({
      exceptions: [
        { day: '2026-03-09', kind: 'reduced_hours', opensAt: '10:00', closesAt: '16:00', title: 'x' },
      ],
    });
    expect(late.openingHoursOn('2026-03-09').map((i) => `${i.opensAt}-${i.closesAt}`)).toEqual([
      '10:00-16:00',
    ]);
    expect(late.nextWorkingInstant(tehran('2026-03-09', '08:00'))).toEqual(tehran('2026-03-09', '10:00'));
  });

  it('R-X-01 an extra working day opens a Friday', () => {
    const extra = chamberCalendar({
      exceptions: [
        { day: '2025-04-18', kind: 'extra_working_day', opensAt: '08:00', closesAt: '13:00', title: 'x' },
      ],
    });
    expect(extra.addWorkingTime(tehran('2025-04-17', '11:00'), 2 * HOUR)).toEqual(
      tehran('2025-04-18', '09:00'),
    );
  });

  it('R-X-01 a holiday or closure wins over other exceptions of the same day', () => {
    const closed = chamberCalendar({
      exceptions: [
        { day: '2025-04-19', kind: 'closure', title: 'آلودگی هوا' },
        { day: '2025-04-19', kind: 'reduced_hours', opensAt: '08:00', closesAt: '11:00', title: 'x' },
      ],
    });
    expect(closed.isWorkingDay('2025-04-19')).toBe(false);
  });

  it('R-X-01 skips the whole Nowruz break: 29 Esfand, 1–4 Farvardin 1405 and the weekend', () => {
    // Wednesday 1404/12/27 15:00: 1 h Wednesday, 4 h Thursday; Friday 29 Esfand; Saturday–Tuesday
    // 1–4 Farvardin 1405 (with Eid al-Fitr); next opening Wednesday 1405/01/05.
    const due = cal.addWorkingTime(tehran('2026-03-18', '15:00'), 6 * HOUR);
    expect(due).toEqual(tehran('2026-03-25', '09:00'));
    expect(formatJalaliDateTime(due)).toBe('۱۴۰۵/۰۱/۰۵ ۰۹:۰۰');
  });

  it('R-X-01 skips Nowruz 1404 (Friday 1 Farvardin to Monday 4 Farvardin)', () => {
    expect(cal.addWorkingTime(tehran('2025-03-20', '11:00'), 2 * HOUR)).toEqual(
      tehran('2025-03-25', '09:00'),
    );
  });

  it('R-X-01 a start outside hours counts from the next opening', () => {
    expect(cal.addWorkingTime(tehran('2025-04-12', '06:00'), 30)).toEqual(tehran('2025-04-12', '08:30'));
    expect(cal.addWorkingTime(tehran('2025-04-13', '20:00'), 30)).toEqual(tehran('2025-04-14', '08:30'));
    expect(cal.addWorkingTime(tehran('2025-04-18', '10:00'), 30)).toEqual(tehran('2025-04-19', '08:30'));
  });

  it('R-X-01 a start exactly at closing counts from the next opening; a full day ends at closing', () => {
    expect(cal.addWorkingTime(tehran('2025-04-13', '16:00'), 30)).toEqual(tehran('2025-04-14', '08:30'));
    expect(cal.addWorkingTime(tehran('2025-04-13', '16:00'), 0)).toEqual(tehran('2025-04-14', '08:00'));
    expect(cal.addWorkingTime(tehran('2025-04-13', '08:00'), 8 * HOUR)).toEqual(
      tehran('2025-04-13', '16:00'),
    );
  });

  it('R-X-01 zero minutes gives the next working instant', () => {
    const inside = tehran('2025-04-13', '09:17');
    expect(cal.addWorkingTime(inside, 0)).toEqual(inside);
    expect(cal.nextWorkingInstant(tehran('2025-04-17', '12:00'))).toEqual(tehran('2025-04-19', '08:00'));
  });

  it('R-X-01 rejects negative or non-finite minutes and invalid dates', () => {
    expect(() => cal.addWorkingTime(tehran('2025-04-13', '09:00'), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingTime(tehran('2025-04-13', '09:00'), NaN)).toThrow(RangeError);
    expect(() => cal.addWorkingTime(new Date('nope'), 1)).toThrow(RangeError);
  });
});

describe('R-X-01 workingTimeBetween', () => {
  it('R-X-01 measures working minutes between two instants', () => {
    expect(cal.workingTimeBetween(tehran('2025-04-09', '14:00'), tehran('2025-04-12', '10:00'))).toBe(
      8 * HOUR,
    );
    expect(cal.workingTimeBetween(tehran('2025-04-12', '10:00'), tehran('2025-04-09', '14:00'))).toBe(
      -8 * HOUR,
    );
    expect(cal.workingTimeBetween(tehran('2025-04-18', '00:00'), tehran('2025-04-18', '23:59'))).toBe(0);
    // a whole ordinary week: 5 × 8 h + 4 h
    expect(cal.workingTimeBetween(tehran('2025-04-12', '00:00'), tehran('2025-04-19', '00:00'))).toBe(
      44 * HOUR,
    );
  });

  it('R-X-01 is the inverse of addWorkingTime on many random inputs (seeded)', () => {
    const random = seededRandom(14_040_101);
    const from = tehran('2025-03-01', '00:00').getTime();
    const span = tehran('2027-01-01', '00:00').getTime() - from;
    for (let n = 0; n < 2000; n++) {
      const start = new Date(from + Math.floor(random() * span));
      const minutes = Math.floor(random() * 6000);
      const due = cal.addWorkingTime(start, minutes);
      expect(cal.workingTimeBetween(start, due)).toBe(minutes);
      expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
      if (minutes > 0) expect(cal.isWorkingTime(new Date(due.getTime() - 1))).toBe(true);

      const other = new Date(from + Math.floor(random() * span));
      const [a, b] = start < other ? [start, other] : [other, start];
      const worked = cal.workingTimeBetween(a, b);
      const reached = cal.addWorkingTime(a, worked);
      expect(cal.workingTimeBetween(a, reached)).toBeCloseTo(worked, 9);
      if (worked > 0) {
        expect(reached.getTime()).toBeLessThanOrEqual(b.getTime());
        expect(cal.workingTimeBetween(reached, b)).toBe(0);
      }
    }
  });

  it('R-X-01 computes thousands of deadlines per second', () => {
    const random = seededRandom(7);
    const from = tehran('2025-03-21', '00:00').getTime();
    const fresh = chamberCalendar();
    const started = performance.now();
    for (let n = 0; n < 5000; n++) {
      fresh.addWorkingTime(new Date(from + Math.floor(random() * 600 * 86_400_000)), 5 * 8 * HOUR);
    }
    expect(performance.now() - started).toBeLessThan(2500);
  });
});

describe('R-X-01 time zone from the tz database', () => {
  it('R-X-01 opening hours follow the 2021 clock changes of Asia/Tehran (+04:30 in summer)', () => {
    const daily = new WorkingCalendar({
      timeZone: 'Asia/Tehran',
      schedules: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
        validFrom: '2021-01-01',
        weekday,
        opensAt: '08:00',
        closesAt: '16:00',
      })),
      exceptions: [],
    });
    const opening = (day: string) => daily.openingHoursOn(day)[0]?.start.toISOString();
    expect(opening('2021-03-21')).toBe('2021-03-21T04:30:00.000Z'); // +03:30
    expect(opening('2021-03-22')).toBe('2021-03-22T03:30:00.000Z'); // +04:30 from 00:00 → 01:00
    expect(opening('2021-09-21')).toBe('2021-09-21T03:30:00.000Z');
    expect(opening('2021-09-22')).toBe('2021-09-22T04:30:00.000Z'); // back to +03:30
    expect(daily.workingTimeBetween(new Date('2021-03-21T00:00:00Z'), new Date('2021-03-23T00:00:00Z'))).toBe(
      16 * HOUR,
    );
  });
});

describe('R-X-01 schedule versions by date range', () => {
  // From 1 Dey 1404 to the end of the year all offices work 08:00–14:00 and Thursday is closed.
  const decreeStart = parseJalaliDate('1404/10/01');
  const decreeEnd = parseJalaliDate('1404/12/29');
  const decree = chamberCalendar({
    schedules: defaultWeekSchedule(decreeStart, {
      validTo: decreeEnd,
      hours: { opensAt: '08:00', closesAt: '14:00' },
      thursday: 'closed',
    }),
  });

  it('R-X-01 switches to 08:00–14:00 from 1 Dey 1404 and back after the version ends', () => {
    expect(decreeStart).toBe('2025-12-22');
    const hours = (day: string) => decree.openingHoursOn(day).map((i) => `${i.opensAt}-${i.closesAt}`);
    expect(hours('2025-12-21')).toEqual(['08:00-16:00']); // Sunday 30 Azar
    expect(hours('2025-12-22')).toEqual(['08:00-14:00']); // Monday 1 Dey
    expect(hours('2025-12-25')).toEqual([]); // Thursday under the decree
    expect(hours('2025-12-18')).toEqual(['08:00-12:00']); // Thursday before it
    expect(hours('2026-03-25')).toEqual(['08:00-16:00']); // Wednesday 5 Farvardin 1405
    expect(hours('2026-03-26')).toEqual(['08:00-12:00']); // Thursday 6 Farvardin 1405
  });

  it('R-X-01 counts a deadline across the change of hours', () => {
    expect(decree.addWorkingTime(tehran('2025-12-21', '15:00'), 2 * HOUR)).toEqual(
      tehran('2025-12-22', '09:00'),
    );
    expect(decree.addWorkingTime(tehran('2025-12-24', '13:00'), 2 * HOUR)).toEqual(
      tehran('2025-12-27', '09:00'),
    );
  });
});

describe('R-ISO-01 acknowledgement within 2 working days', () => {
  it('R-ISO-01 a complaint received Saturday 10:00 is acknowledged by Monday closing', () => {
    const due = cal.addWorkingDays(tehran('2025-04-12', '10:00'), 2);
    expect(due).toEqual(tehran('2025-04-14', '16:00'));
    expect(formatJalaliDateTime(due)).toBe('۱۴۰۴/۰۱/۲۵ ۱۶:۰۰');
  });

  it('R-ISO-01 the day of receipt never counts, whatever the hour; Thursday counts as a working day', () => {
    expect(cal.addWorkingDays(tehran('2025-04-12', '07:00'), 2)).toEqual(tehran('2025-04-14', '16:00'));
    expect(cal.addWorkingDays(tehran('2025-04-12', '18:00'), 2)).toEqual(tehran('2025-04-14', '16:00'));
    expect(cal.addWorkingDays(tehran('2025-04-16', '15:00'), 1)).toEqual(tehran('2025-04-17', '12:00'));
    expect(cal.addWorkingDays(tehran('2025-04-16', '15:00'), 2)).toEqual(tehran('2025-04-19', '16:00'));
  });

  it('R-ISO-01 received on a Friday or before Nowruz', () => {
    expect(cal.addWorkingDays(tehran('2025-04-18', '11:00'), 2)).toEqual(tehran('2025-04-20', '16:00'));
    expect(cal.addWorkingDays(tehran('2026-03-19', '10:00'), 2)).toEqual(tehran('2026-03-26', '12:00'));
  });

  it('R-ISO-01 zero working days means the end of the current (or next) working day', () => {
    expect(cal.addWorkingDays(tehran('2025-04-12', '10:00'), 0)).toEqual(tehran('2025-04-12', '16:00'));
    expect(cal.addWorkingDays(tehran('2025-04-12', '17:00'), 0)).toEqual(tehran('2025-04-13', '16:00'));
    expect(() => cal.addWorkingDays(tehran('2025-04-12', '10:00'), 1.5)).toThrow(RangeError);
  });
});

describe('R-ISO-02 response targets by severity', () => {
  // Tuesday 13 Khordad 1404 10:00, just before 14 and 15 Khordad and Eid al-Adha (Friday).
  const received = tehran('2025-06-03', '10:00');

  it('R-ISO-02 critical: 24 (working) hours', () => {
    expect(cal.addWorkingTime(received, 24 * HOUR)).toEqual(tehran('2025-06-09', '10:00'));
  });

  it('R-ISO-02 major: 48 (working) hours', () => {
    expect(cal.addWorkingTime(received, 48 * HOUR)).toEqual(tehran('2025-06-12', '10:00'));
  });

  it('R-ISO-02 minor: 5 working days', () => {
    expect(cal.addWorkingDays(received, 5)).toEqual(tehran('2025-06-11', '16:00'));
  });
});

describe('R-CALL-07 call-back within 24 working hours', () => {
  it('R-CALL-07 a call missed Wednesday 11:00 is due Sunday 15:00', () => {
    // Wednesday 5 h, Thursday 4 h, Saturday 8 h, Sunday 7 h = 24 h.
    const due = cal.addWorkingTime(tehran('2025-04-16', '11:00'), 24 * HOUR);
    expect(due).toEqual(tehran('2025-04-20', '15:00'));
    expect(cal.workingTimeBetween(tehran('2025-04-16', '11:00'), due)).toBe(24 * HOUR);
  });
});

describe('R-X-01 calendar data and guards', () => {
  const empty: WorkingCalendarData = { timeZone: 'Asia/Tehran', schedules: [], exceptions: [] };

  it('R-X-01 a calendar without working time throws instead of looping', () => {
    const none = new WorkingCalendar(empty);
    expect(() => none.addWorkingTime(tehran('2025-04-12', '10:00'), 60)).toThrow(NoWorkingTimeError);
    expect(() => none.nextWorkingInstant(tehran('2025-04-12', '10:00'))).toThrow(/No working time in 1096/);
    expect(() => none.addWorkingDays(tehran('2025-04-12', '10:00'), 2)).toThrow(NoWorkingTimeError);
    expect(none.workingTimeBetween(tehran('2025-04-12', '10:00'), tehran('2026-04-12', '10:00'))).toBe(0);
  });

  it('R-X-01 working time that ends (a schedule with validTo) throws after the idle limit', () => {
    const ending = new WorkingCalendar(
      { ...empty, schedules: defaultWeekSchedule('2025-03-21', { validTo: '2025-04-30' }) },
      { maxIdleDays: 30 },
    );
    expect(ending.addWorkingTime(tehran('2025-04-30', '15:00'), 60)).toEqual(tehran('2025-04-30', '16:00'));
    expect(() => ending.addWorkingTime(tehran('2025-04-30', '15:00'), 61)).toThrow(NoWorkingTimeError);
  });

  it('R-X-01 rejects malformed data with the field at fault', () => {
    const bad = (data: Partial<WorkingCalendarData>) => () => new WorkingCalendar({ ...empty, ...data });
    const row = { validFrom: '2025-03-21', weekday: 6, opensAt: '08:00', closesAt: '16:00' };
    expect(bad({ timeZone: 'Asia/Isfahan' })).toThrow(CalendarDataError);
    expect(bad({ schedules: [{ ...row, opensAt: '8' }] })).toThrow(/schedules\[0\]\.opensAt/);
    expect(bad({ schedules: [{ ...row, closesAt: '07:00' }] })).toThrow(/not after opensAt/);
    expect(bad({ schedules: [{ ...row, weekday: 7 }] })).toThrow(/weekday/);
    expect(bad({ schedules: [{ ...row, validFrom: '1404-01-01' }] })).toThrow(/Gregorian, not Jalali/);
    expect(bad({ exceptions: [{ day: '2025-04-19', kind: 'reduced_hours', title: 'x' }] })).toThrow(
      /exceptions\[0\]\.opensAt/,
    );
    expect(bad({ exceptions: [{ day: '2025-04-19', kind: 'party' as 'holiday', title: 'x' }] })).toThrow(
      /unknown kind/,
    );
  });

  it('R-X-01 accepts database times with seconds and a split shift', () => {
    const split = new WorkingCalendar({
      ...empty,
      schedules: [
        { validFrom: '2025-03-21', validTo: null, weekday: 6, opensAt: '08:00:00', closesAt: '12:00:00' },
        { validFrom: '2025-03-21', validTo: null, weekday: 6, opensAt: '13:00:00', closesAt: '17:00:00' },
      ],
    });
    expect(split.openingHoursOn('2025-04-12').map((i) => `${i.opensAt}-${i.closesAt}`)).toEqual([
      '08:00-12:00',
      '13:00-17:00',
    ]);
    expect(split.addWorkingTime(tehran('2025-04-12', '11:00'), 2 * HOUR)).toEqual(
      tehran('2025-04-12', '14:00'),
    );
  });
});
