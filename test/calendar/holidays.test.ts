import { describe, expect, it } from '@jest/globals';
import { toGregorian, toJalaali } from 'jalaali-js';
import {
  OFFICIAL_HOLIDAYS_1404_1405,
  WorkingCalendar,
  officialHolidayExceptions,
  parseJalaliDate,
} from '../../src/calendar/index.js';

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const pad = (n: number) => String(n).padStart(2, '0');

describe('R-X-01 official holidays of 1404 and 1405', () => {
  it('R-X-01 every Gregorian date agrees with its Jalali date (jalaali-js)', () => {
    for (const h of OFFICIAL_HOLIDAYS_1404_1405) {
      const [gy, gm, gd] = h.day.split('-').map(Number) as [number, number, number];
      const j = toJalaali(gy, gm, gd);
      expect(`${j.jy}/${pad(j.jm)}/${pad(j.jd)}`).toBe(h.jalali);
      const [jy, jm, jd] = h.jalali.split('/').map(Number) as [number, number, number];
      const g = toGregorian(jy, jm, jd);
      expect(`${g.gy}-${pad(g.gm)}-${pad(g.gd)}`).toBe(h.day);
      expect(parseJalaliDate(h.jalali)).toBe(h.day);
    }
  });

  it('R-X-01 one entry per day, in date order, within 1404–1405, with a title and a source', () => {
    const days = OFFICIAL_HOLIDAYS_1404_1405.map((h) => h.day);
    expect(new Set(days).size).toBe(days.length);
    expect([...days].sort()).toEqual(days);
    for (const h of OFFICIAL_HOLIDAYS_1404_1405) {
      expect(h.jalali >= '1404/01/01' && h.jalali <= '1405/12/29').toBe(true);
      expect(h.titleFa.trim()).not.toBe('');
      expect(h.source.trim()).not.toBe('');
      expect(h.hijri === undefined).toBe(h.basis === 'solar');
    }
  });

  it('R-X-01 has every fixed solar holiday of both years', () => {
    for (const year of [1404, 1405]) {
      for (const md of [
        '01/01',
        '01/02',
        '01/03',
        '01/04',
        '01/12',
        '01/13',
        '03/14',
        '03/15',
        '11/22',
        '12/29',
      ]) {
        const h = OFFICIAL_HOLIDAYS_1404_1405.find((x) => x.jalali === `${year}/${md}`);
        expect(h?.basis).toMatch(/solar/);
      }
    }
  });

  it('R-X-01 has every lunar occasion observed in Iran, once per Hijri year in range', () => {
    const occasions = [
      '01/09',
      '01/10',
      '02/20',
      '02/28',
      '03/08',
      '03/17',
      '06/03',
      '07/13',
      '07/27',
      '08/15',
    ];
    occasions.push('09/21', '10/01', '10/02', '10/25', '12/10', '12/18');
    const hijri = OFFICIAL_HOLIDAYS_1404_1405.flatMap((h) => (h.hijri ? [h.hijri] : []));
    const expected = [
      // 1446: from Ramadan (21 Ramadan = 2 Farvardin 1404) on
      ...['09/21', '10/01', '10/02', '10/25', '12/10', '12/18'].map((o) => `1446/${o}`),
      ...occasions.map((o) => `1447/${o}`),
      // 1448: up to Eid al-Fitr (2 Shawwal = 20 Esfand 1405)
      ...occasions.filter((o) => o < '10/03').map((o) => `1448/${o}`),
    ];
    // end of Safar: 30 Safar 1447, 29 Safar 1448
    expected.push('1447/02/30', '1448/02/29');
    expect([...hijri].sort()).toEqual(expected.sort());
  });

  it('R-X-01 lunar dates are consistent: month starts 29 or 30 days apart, Iranian (not Umm al-Qura) dates', () => {
    const starts = new Map<string, number>();
    for (const h of OFFICIAL_HOLIDAYS_1404_1405) {
      if (!h.hijri) continue;
      const [hy, hm, hd] = h.hijri.split('/').map(Number) as [number, number, number];
      const key = `${hy}/${pad(hm)}`;
      const start = dayNumber(h.day) - (hd - 1);
      expect(starts.get(key) ?? start).toBe(start); // same month, same first day
      starts.set(key, start);
    }
    const months = [...starts.entries()].sort(([a], [b]) => a.localeCompare(b));
    for (let i = 1; i < months.length; i++) {
      const [prevKey, prev] = months[i - 1] as [string, number];
      const [key, start] = months[i] as [string, number];
      const [py, pm] = prevKey.split('/').map(Number) as [number, number];
      const [y, m] = key.split('/').map(Number) as [number, number];
      const gap = (y - py) * 12 + (m - pm);
      const mean = (start - prev) / gap;
      expect(mean).toBeGreaterThanOrEqual(29);
      expect(mean).toBeLessThanOrEqual(30);
      if (gap === 1) expect([29, 30]).toContain(start - prev);
    }
    // reference/domain.md §0: Eid al-Fitr 1446 in Iran is 2025-03-31 (Umm al-Qura: 03-30), Ashura 1447 is 07-06.
    expect(OFFICIAL_HOLIDAYS_1404_1405.find((h) => h.hijri === '1446/10/01')?.day).toBe('2025-03-31');
    expect(OFFICIAL_HOLIDAYS_1404_1405.find((h) => h.hijri === '1447/01/10')?.day).toBe('2025-07-06');
    expect(OFFICIAL_HOLIDAYS_1404_1405.find((h) => h.hijri === '1446/09/21')?.day).toBe('2025-03-22');
  });

  it('R-X-01 lunar dates of 1405 are marked as a forecast to confirm', () => {
    for (const h of OFFICIAL_HOLIDAYS_1404_1405) {
      if (h.jalali.startsWith('1405') && h.hijri) expect(h.source).toContain('پیش‌بینی');
    }
  });

  it('R-X-01 become holiday exceptions of a working calendar', () => {
    const exceptions = officialHolidayExceptions();
    expect(exceptions).toHaveLength(OFFICIAL_HOLIDAYS_1404_1405.length);
    expect(exceptions[0]).toEqual({ day: '2025-03-21', kind: 'holiday', title: 'عید نوروز' });
    const calendar = new WorkingCalendar({
      timeZone: 'Asia/Tehran',
      schedules: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
        validFrom: '2025-01-01',
        weekday,
        opensAt: '08:00',
        closesAt: '16:00',
      })),
      exceptions,
    });
    for (const h of OFFICIAL_HOLIDAYS_1404_1405) expect(calendar.isWorkingDay(h.day)).toBe(false);
    expect(calendar.isWorkingDay('2025-03-25')).toBe(true);
  });
});
