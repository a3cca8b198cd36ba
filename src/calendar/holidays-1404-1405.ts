/**
 * Official public holidays of Iran for the Jalali years 1404 (2025-03-21 … 2026-03-20) and 1405
 * (2026-03-21 … 2027-03-20), entered by hand from the official calendar of the Calendar Center of
 * the Institute of Geophysics, University of Tehran (R-X-01).
 *
 * Iranian lunar holidays follow Iran's own Hijri calendar, which often differs by a day from
 * Umm al-Qura (reference/domain.md §0 item 1), so they are data here and are never computed.
 * Lunar month starts used (1 = first day of the month):
 *   1446: Shawwal 2025-03-31 (11 Farvardin 1404), Dhu al-Hijjah 2025-05-28.
 *   1447: Muharram 2025-06-27, Safar 2025-07-26 (30 days: Imam Reza on 30 Safar), Rabi I
 *         2025-08-25, Jumada II 2025-11-22, Rajab 2025-12-22, Sha'ban 2026-01-21, Ramadan
 *         2026-02-19, Shawwal 2026-03-21 (= 1 Farvardin 1405), Dhu al-Hijjah 2026-05-18.
 *   1448: Muharram 2026-06-16, Safar 2026-07-16 (29 days: Imam Reza on 29 Safar), Rabi I
 *         2026-08-14, Jumada II 2026-11-11, Rajab 2026-12-11, Sha'ban 2027-01-10, Ramadan
 *         2027-02-08, Shawwal 2027-03-10.
 *
 * THE LUNAR DATES OF 1405 ARE THE OFFICIAL FORECAST printed in the 1405 calendar; the actual
 * day depends on the sighting of the crescent and must be confirmed against the published
 * calendar and the announcements during the year. An administrator corrects them as data (the
 * `calendar_exceptions` table), never in code. Solar holidays are fixed by law.
 *
 * One entry per day: when a lunar holiday falls on a solar one (e.g. Eid al-Fitr on Nowruz 1405,
 * Ghadir on 14 Khordad 1405) the titles are joined, as `calendar_exceptions` holds one holiday per
 * day and scope.
 */
import type { CalendarException } from './working-time.js';

export interface OfficialHoliday {
  /** Gregorian civil day 'YYYY-MM-DD' (Iran time). */
  readonly day: string;
  /** The same day in the Jalali calendar, 'YYYY/MM/DD' with Latin digits. */
  readonly jalali: string;
  /** Lunar occasion(s) of the day, 'YYYY/MM/DD' in Iran's Hijri calendar; absent for solar ones. */
  readonly hijri?: string;
  readonly basis: 'solar' | 'lunar' | 'solar+lunar';
  readonly titleFa: string;
  readonly source: string;
}

const SOURCE_SOLAR = 'تعطیلات رسمی خورشیدی (ثابت)؛ تقویم رسمی مرکز تقویم مؤسسه ژئوفیزیک دانشگاه تهران';
const SOURCE_1404 = 'تقویم رسمی ۱۴۰۴، مرکز تقویم مؤسسه ژئوفیزیک دانشگاه تهران';
const SOURCE_1405 =
  'تقویم رسمی ۱۴۰۵، مرکز تقویم مؤسسه ژئوفیزیک دانشگاه تهران — پیش‌بینی؛ با رؤیت هلال تأیید شود';

export const OFFICIAL_HOLIDAYS_1404_1405: readonly OfficialHoliday[] = [
  // ---- 1404 -----------------------------------------------------------------------------------
  { day: '2025-03-21', jalali: '1404/01/01', basis: 'solar', titleFa: 'عید نوروز', source: SOURCE_SOLAR },
  {
    day: '2025-03-22',
    jalali: '1404/01/02',
    hijri: '1446/09/21',
    basis: 'solar+lunar',
    titleFa: 'عید نوروز؛ شهادت حضرت علی (ع)',
    source: SOURCE_1404,
  },
  { day: '2025-03-23', jalali: '1404/01/03', basis: 'solar', titleFa: 'عید نوروز', source: SOURCE_SOLAR },
  { day: '2025-03-24', jalali: '1404/01/04', basis: 'solar', titleFa: 'عید نوروز', source: SOURCE_SOLAR },
  {
    day: '2025-03-31',
    jalali: '1404/01/11',
    hijri: '1446/10/01',
    basis: 'lunar',
    titleFa: 'عید سعید فطر',
    source: SOURCE_1404,
  },
  {
    day: '2025-04-01',
    jalali: '1404/01/12',
    hijri: '1446/10/02',
    basis: 'solar+lunar',
    titleFa: 'روز جمهوری اسلامی ایران؛ تعطیل به مناسبت عید سعید فطر',
    source: SOURCE_1404,
  },
  { day: '2025-04-02', jalali: '1404/01/13', basis: 'solar', titleFa: 'روز طبیعت', source: SOURCE_SOLAR },
  {
    day: '2025-04-24',
    jalali: '1404/02/04',
    hijri: '1446/10/25',
    basis: 'lunar',
    titleFa: 'شهادت حضرت امام جعفر صادق (ع)',
    source: SOURCE_1404,
  },
  {
    day: '2025-06-04',
    jalali: '1404/03/14',
    basis: 'solar',
    titleFa: 'رحلت حضرت امام خمینی (ره)',
    source: SOURCE_SOLAR,
  },
  { day: '2025-06-05', jalali: '1404/03/15', basis: 'solar', titleFa: 'قیام ۱۵ خرداد', source: SOURCE_SOLAR },
  {
    day: '2025-06-06',
    jalali: '1404/03/16',
    hijri: '1446/12/10',
    basis: 'lunar',
    titleFa: 'عید سعید قربان',
    source: SOURCE_1404,
  },
  {
    day: '2025-06-14',
    jalali: '1404/03/24',
    hijri: '1446/12/18',
    basis: 'lunar',
    titleFa: 'عید سعید غدیر خم',
    source: SOURCE_1404,
  },
  {
    day: '2025-07-05',
    jalali: '1404/04/14',
    hijri: '1447/01/09',
    basis: 'lunar',
    titleFa: 'تاسوعای حسینی',
    source: SOURCE_1404,
  },
  {
    day: '2025-07-06',
    jalali: '1404/04/15',
    hijri: '1447/01/10',
    basis: 'lunar',
    titleFa: 'عاشورای حسینی',
    source: SOURCE_1404,
  },
  {
    day: '2025-08-14',
    jalali: '1404/05/23',
    hijri: '1447/02/20',
    basis: 'lunar',
    titleFa: 'اربعین حسینی',
    source: SOURCE_1404,
  },
  {
    day: '2025-08-22',
    jalali: '1404/05/31',
    hijri: '1447/02/28',
    basis: 'lunar',
    titleFa: 'رحلت حضرت رسول اکرم (ص) و شهادت حضرت امام حسن مجتبی (ع)',
    source: SOURCE_1404,
  },
  {
    day: '2025-08-24',
    jalali: '1404/06/02',
    hijri: '1447/02/30',
    basis: 'lunar',
    titleFa: 'شهادت حضرت امام رضا (ع)',
    source: SOURCE_1404,
  },
  {
    day: '2025-09-01',
    jalali: '1404/06/10',
    hijri: '1447/03/08',
    basis: 'lunar',
    titleFa: 'شهادت حضرت امام حسن عسکری (ع)',
    source: SOURCE_1404,
  },
  {
    day: '2025-09-10',
    jalali: '1404/06/19',
    hijri: '1447/03/17',
    basis: 'lunar',
    titleFa: 'میلاد حضرت رسول اکرم (ص) و امام جعفر صادق (ع)',
    source: SOURCE_1404,
  },
  {
    day: '2025-11-24',
    jalali: '1404/09/03',
    hijri: '1447/06/03',
    basis: 'lunar',
    titleFa: 'شهادت حضرت فاطمه زهرا (س)',
    source: SOURCE_1404,
  },
  {
    day: '2026-01-03',
    jalali: '1404/10/13',
    hijri: '1447/07/13',
    basis: 'lunar',
    titleFa: 'ولادت حضرت امام علی (ع)',
    source: SOURCE_1404,
  },
  {
    day: '2026-01-17',
    jalali: '1404/10/27',
    hijri: '1447/07/27',
    basis: 'lunar',
    titleFa: 'مبعث حضرت رسول اکرم (ص)',
    source: SOURCE_1404,
  },
  {
    day: '2026-02-04',
    jalali: '1404/11/15',
    hijri: '1447/08/15',
    basis: 'lunar',
    titleFa: 'ولادت حضرت قائم (عج)',
    source: SOURCE_1404,
  },
  {
    day: '2026-02-11',
    jalali: '1404/11/22',
    basis: 'solar',
    titleFa: 'پیروزی انقلاب اسلامی',
    source: SOURCE_SOLAR,
  },
  {
    day: '2026-03-11',
    jalali: '1404/12/20',
    hijri: '1447/09/21',
    basis: 'lunar',
    titleFa: 'شهادت حضرت علی (ع)',
    source: SOURCE_1404,
  },
  {
    day: '2026-03-20',
    jalali: '1404/12/29',
    basis: 'solar',
    titleFa: 'روز ملی شدن صنعت نفت ایران',
    source: SOURCE_SOLAR,
  },

  // ---- 1405 (lunar dates: official forecast, to be confirmed) ---------------------------------
  {
    day: '2026-03-21',
    jalali: '1405/01/01',
    hijri: '1447/10/01',
    basis: 'solar+lunar',
    titleFa: 'عید نوروز؛ عید سعید فطر',
    source: SOURCE_1405,
  },
  {
    day: '2026-03-22',
    jalali: '1405/01/02',
    hijri: '1447/10/02',
    basis: 'solar+lunar',
    titleFa: 'عید نوروز؛ تعطیل به مناسبت عید سعید فطر',
    source: SOURCE_1405,
  },
  { day: '2026-03-23', jalali: '1405/01/03', basis: 'solar', titleFa: 'عید نوروز', source: SOURCE_SOLAR },
  { day: '2026-03-24', jalali: '1405/01/04', basis: 'solar', titleFa: 'عید نوروز', source: SOURCE_SOLAR },
  {
    day: '2026-04-01',
    jalali: '1405/01/12',
    basis: 'solar',
    titleFa: 'روز جمهوری اسلامی ایران',
    source: SOURCE_SOLAR,
  },
  { day: '2026-04-02', jalali: '1405/01/13', basis: 'solar', titleFa: 'روز طبیعت', source: SOURCE_SOLAR },
  {
    day: '2026-04-14',
    jalali: '1405/01/25',
    hijri: '1447/10/25',
    basis: 'lunar',
    titleFa: 'شهادت حضرت امام جعفر صادق (ع)',
    source: SOURCE_1405,
  },
  {
    day: '2026-05-27',
    jalali: '1405/03/06',
    hijri: '1447/12/10',
    basis: 'lunar',
    titleFa: 'عید سعید قربان',
    source: SOURCE_1405,
  },
  {
    day: '2026-06-04',
    jalali: '1405/03/14',
    hijri: '1447/12/18',
    basis: 'solar+lunar',
    titleFa: 'رحلت حضرت امام خمینی (ره)؛ عید سعید غدیر خم',
    source: SOURCE_1405,
  },
  { day: '2026-06-05', jalali: '1405/03/15', basis: 'solar', titleFa: 'قیام ۱۵ خرداد', source: SOURCE_SOLAR },
  {
    day: '2026-06-24',
    jalali: '1405/04/03',
    hijri: '1448/01/09',
    basis: 'lunar',
    titleFa: 'تاسوعای حسینی',
    source: SOURCE_1405,
  },
  {
    day: '2026-06-25',
    jalali: '1405/04/04',
    hijri: '1448/01/10',
    basis: 'lunar',
    titleFa: 'عاشورای حسینی',
    source: SOURCE_1405,
  },
  {
    day: '2026-08-04',
    jalali: '1405/05/13',
    hijri: '1448/02/20',
    basis: 'lunar',
    titleFa: 'اربعین حسینی',
    source: SOURCE_1405,
  },
  {
    day: '2026-08-12',
    jalali: '1405/05/21',
    hijri: '1448/02/28',
    basis: 'lunar',
    titleFa: 'رحلت حضرت رسول اکرم (ص) و شهادت حضرت امام حسن مجتبی (ع)',
    source: SOURCE_1405,
  },
  {
    day: '2026-08-13',
    jalali: '1405/05/22',
    hijri: '1448/02/29',
    basis: 'lunar',
    titleFa: 'شهادت حضرت امام رضا (ع)',
    source: SOURCE_1405,
  },
  {
    day: '2026-08-21',
    jalali: '1405/05/30',
    hijri: '1448/03/08',
    basis: 'lunar',
    titleFa: 'شهادت حضرت امام حسن عسکری (ع)',
    source: SOURCE_1405,
  },
  {
    day: '2026-08-30',
    jalali: '1405/06/08',
    hijri: '1448/03/17',
    basis: 'lunar',
    titleFa: 'میلاد حضرت رسول اکرم (ص) و امام جعفر صادق (ع)',
    source: SOURCE_1405,
  },
  {
    day: '2026-11-13',
    jalali: '1405/08/22',
    hijri: '1448/06/03',
    basis: 'lunar',
    titleFa: 'شهادت حضرت فاطمه زهرا (س)',
    source: SOURCE_1405,
  },
  {
    day: '2026-12-23',
    jalali: '1405/10/02',
    hijri: '1448/07/13',
    basis: 'lunar',
    titleFa: 'ولادت حضرت امام علی (ع)',
    source: SOURCE_1405,
  },
  {
    day: '2027-01-06',
    jalali: '1405/10/16',
    hijri: '1448/07/27',
    basis: 'lunar',
    titleFa: 'مبعث حضرت رسول اکرم (ص)',
    source: SOURCE_1405,
  },
  {
    day: '2027-01-24',
    jalali: '1405/11/04',
    hijri: '1448/08/15',
    basis: 'lunar',
    titleFa: 'ولادت حضرت قائم (عج)',
    source: SOURCE_1405,
  },
  {
    day: '2027-02-11',
    jalali: '1405/11/22',
    basis: 'solar',
    titleFa: 'پیروزی انقلاب اسلامی',
    source: SOURCE_SOLAR,
  },
  {
    day: '2027-02-28',
    jalali: '1405/12/09',
    hijri: '1448/09/21',
    basis: 'lunar',
    titleFa: 'شهادت حضرت علی (ع)',
    source: SOURCE_1405,
  },
  {
    day: '2027-03-10',
    jalali: '1405/12/19',
    hijri: '1448/10/01',
    basis: 'lunar',
    titleFa: 'عید سعید فطر',
    source: SOURCE_1405,
  },
  {
    day: '2027-03-11',
    jalali: '1405/12/20',
    hijri: '1448/10/02',
    basis: 'lunar',
    titleFa: 'تعطیل به مناسبت عید سعید فطر',
    source: SOURCE_1405,
  },
  {
    day: '2027-03-20',
    jalali: '1405/12/29',
    basis: 'solar',
    titleFa: 'روز ملی شدن صنعت نفت ایران',
    source: SOURCE_SOLAR,
  },
];

/** The holidays as national `holiday` exceptions for a WorkingCalendar (or a seed). */
export function officialHolidayExceptions(
  holidays: readonly OfficialHoliday[] = OFFICIAL_HOLIDAYS_1404_1405,
): CalendarException[] {
  return holidays.map((h) => ({ day: h.day, kind: 'holiday', title: h.titleFa }));
}
