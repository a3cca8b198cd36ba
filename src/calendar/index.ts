/** Jalali dates, the working-time calendar and official holidays (R-X-01). */
export { DAY_MS, MINUTE_MS, dayOfEpochDay, epochDayOf, isCivilDay, weekdayOfEpochDay } from './civil-day.js';
export {
  TEHRAN,
  assertTimeZone,
  civilDayOf,
  instantOfWallClock,
  wallClockOf,
  zoneOffsetMs,
  type WallClock,
} from './time-zone.js';
export {
  JALALI_MONTH_NAMES,
  JalaliDateError,
  PERSIAN_WEEKDAY_NAMES,
  formatJalaliDate,
  formatJalaliDateTime,
  formatJalaliLong,
  gregorianDayToJalali,
  isLeapJalaliYear,
  jalaliDateTimeOf,
  jalaliToGregorianDay,
  parseJalaliDate,
  toLatinDigits,
  toPersianDigits,
  weekdayOfJalali,
  type JalaliDate,
  type JalaliDateErrorCode,
  type JalaliDateTime,
  type JalaliFormatOptions,
} from './jalali.js';
export {
  CALENDAR_EXCEPTION_KINDS,
  CalendarDataError,
  NoWorkingTimeError,
  WorkingCalendar,
  type CalendarException,
  type CalendarExceptionKind,
  type OpeningInterval,
  type WorkScheduleRow,
  type WorkingCalendarData,
  type WorkingCalendarOptions,
} from './working-time.js';
export {
  DEFAULT_THURSDAY_HOURS,
  DEFAULT_WEEKDAY_HOURS,
  WEEKDAY,
  defaultWeekSchedule,
  type DefaultWeekOptions,
  type OpeningHours,
} from './default-schedule.js';
export {
  OFFICIAL_HOLIDAYS_1404_1405,
  officialHolidayExceptions,
  type OfficialHoliday,
} from './holidays-1404-1405.js';
export { loadWorkingCalendar } from './calendar-store.js';
