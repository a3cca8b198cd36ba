import { describe, expect, it } from '@jest/globals';
import {
  JalaliDateError,
  civilDayOf,
  formatJalaliDate,
  formatJalaliDateTime,
  formatJalaliLong,
  gregorianDayToJalali,
  jalaliToGregorianDay,
  parseJalaliDate,
  toLatinDigits,
  toPersianDigits,
  weekdayOfJalali,
} from '../../src/calendar/index.js';

function errorOf(fn: () => unknown): JalaliDateError {
  try {
    fn();
  } catch (e) {
    if (e instanceof JalaliDateError) return e;
    throw e;
  }
  throw new Error('expected a JalaliDateError');
}

describe('R-X-01 Jalali display with Persian digits', () => {
  it('R-X-01 converts digits both ways (Persian and Arabic-Indic to Latin)', () => {
    expect(toPersianDigits(1404)).toBe('۱۴۰۴');
    expect(toPersianDigits('ساعت 08:30')).toBe('ساعت ۰۸:۳۰');
    expect(toLatinDigits('۱۴۰۴/٠١/01')).toBe('1404/01/01');
    expect(toLatinDigits('۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩')).toBe('0123456789 0123456789');
  });

  it('R-X-01 formats an instant on the Tehran wall clock: Nowruz starts at 20:30 UTC', () => {
    expect(formatJalaliDate(new Date('2025-03-20T20:30:00Z'))).toBe('۱۴۰۴/۰۱/۰۱');
    expect(formatJalaliDate(new Date('2025-03-20T20:29:59Z'))).toBe('۱۴۰۳/۱۲/۳۰');
    expect(formatJalaliDate(new Date('2025-03-20T20:30:00Z'), { digits: 'latin' })).toBe('1404/01/01');
    expect(formatJalaliDate(new Date('2025-03-20T20:30:00Z'), { timeZone: 'UTC' })).toBe('۱۴۰۳/۱۲/۳۰');
  });

  it('R-X-01 formats a civil day as it is, without a time zone', () => {
    expect(formatJalaliDate('2025-03-21')).toBe('۱۴۰۴/۰۱/۰۱');
    expect(formatJalaliDate('2026-03-20', { digits: 'latin' })).toBe('1404/12/29');
  });

  it('R-X-01 formats date and time on a 24-hour clock', () => {
    expect(formatJalaliDateTime(new Date('2025-03-21T05:00:00Z'))).toBe('۱۴۰۴/۰۱/۰۱ ۰۸:۳۰');
    expect(formatJalaliDateTime(new Date('2025-09-22T14:45:07Z'), { seconds: true })).toBe(
      '۱۴۰۴/۰۶/۳۱ ۱۸:۱۵:۰۷',
    );
  });

  it('R-X-01 follows the tz database: +04:30 in the summer of 2021 (before DST was abolished)', () => {
    const instant = new Date('2021-06-30T19:45:00Z');
    expect(formatJalaliDateTime(instant, { digits: 'latin' })).toBe('1400/04/10 00:15');
    expect(civilDayOf(instant)).toBe('2021-07-01');
  });

  it('R-X-01 formats the long form with month name and optional weekday', () => {
    expect(formatJalaliLong('2025-03-21')).toBe('۱ فروردین ۱۴۰۴');
    expect(formatJalaliLong('2025-03-21', { weekday: true })).toBe('جمعه ۱ فروردین ۱۴۰۴');
    expect(formatJalaliLong(new Date('2025-12-22T06:00:00Z'), { weekday: true })).toBe('دوشنبه ۱ دی ۱۴۰۴');
    expect(formatJalaliLong('2026-03-17', { weekday: true })).toBe('سه‌شنبه ۲۶ اسفند ۱۴۰۴');
  });

  it('R-X-01 weekday of a Jalali date matches the Gregorian weekday', () => {
    for (let i = 0; i < 800; i += 7) {
      const d = new Date(Date.UTC(2025, 2, 21 + i));
      const j = gregorianDayToJalali(d.toISOString().slice(0, 10));
      expect(weekdayOfJalali(j)).toBe(d.getUTCDay());
    }
  });
});

describe('R-X-01 Jalali parsing', () => {
  it('R-X-01 converts a Gregorian civil day to Jalali', () => {
    expect(gregorianDayToJalali('2025-03-21')).toEqual({ jy: 1404, jm: 1, jd: 1 });
    expect(gregorianDayToJalali('2025-12-22')).toEqual({ jy: 1404, jm: 10, jd: 1 });
    expect(() => gregorianDayToJalali('2025-02-30')).toThrow(RangeError);
  });

  it('R-X-01 accepts Latin, Persian and Arabic-Indic digits and loose separators', () => {
    expect(parseJalaliDate('1404/01/01')).toBe('2025-03-21');
    expect(parseJalaliDate('۱۴۰۴/۰۱/۰۱')).toBe('2025-03-21');
    expect(parseJalaliDate('1404-1-1')).toBe('2025-03-21');
    expect(parseJalaliDate(' ١٤٠٤.١٠.٠١ ')).toBe('2025-12-22');
    expect(parseJalaliDate('1403/12/30')).toBe('2025-03-20'); // 1403 is a leap year
    expect(parseJalaliDate('1404/12/29')).toBe('2026-03-20');
  });

  it('R-X-01 rejects a malformed date with code "format"', () => {
    for (const input of ['', 'abc', '1404/01', '04/01/01', '1404/01/01/01', '1404/001/01']) {
      const e = errorOf(() => parseJalaliDate(input));
      expect(e.code).toBe('format');
      expect(e.message).toMatch(/expected year\/month\/day/);
      expect(e.messageFa).toMatch(/سال\/ماه\/روز/);
    }
  });

  it('R-X-01 names an invalid month', () => {
    const e = errorOf(() => parseJalaliDate('1404/13/01'));
    expect(e.code).toBe('month');
    expect(e.message).toMatch(/month 13/);
    expect(errorOf(() => parseJalaliDate('1404/00/10')).code).toBe('month');
  });

  it('R-X-01 names an invalid day, explaining that 30 Esfand exists only in leap years', () => {
    const e = errorOf(() => parseJalaliDate('1404/12/30'));
    expect(e.code).toBe('day');
    expect(e.input).toBe('1404/12/30');
    expect(e.message).toMatch(/month 12 of 1404 has 29 days/);
    expect(e.message).toMatch(/not a leap year/);
    expect(e.messageFa).toContain('اسفند');
    const mehr = errorOf(() => parseJalaliDate('۱۴۰۴/۰۷/۳۱'));
    expect(mehr.code).toBe('day');
    expect(mehr.message).toMatch(/has 30 days/);
    expect(errorOf(() => parseJalaliDate('1404/01/00')).code).toBe('day');
  });

  it('R-X-01 round-trips every day of 1404 and 1405 between Jalali and Gregorian', () => {
    let day = Date.UTC(2025, 2, 21);
    for (let n = 0; n < 730; n++, day += 86_400_000) {
      const iso = new Date(day).toISOString().slice(0, 10);
      const { jy, jm, jd } = gregorianDayToJalali(iso);
      expect(jalaliToGregorianDay(jy, jm, jd)).toBe(iso);
      expect(parseJalaliDate(formatJalaliDate(iso))).toBe(iso);
    }
  });
});
