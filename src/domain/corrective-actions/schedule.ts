/** Deadlines of a corrective action (R-ISO-04): its due date, the owner's reminder, the verification. */
import {
  DAY_MS,
  civilDayOf,
  epochDayOf,
  instantOfWallClock,
  type WorkingCalendar,
} from '../../calendar/index.js';
import { ONE_WORKING_DAY_MINUTES, workingTimeBefore } from '../complaints/deadlines.js';

/**
 * The end of the due day: its closing time when it is a working day, else 23:59 on the wall
 * clock (an owner may choose a day off).
 */
export function dueAtOf(calendar: WorkingCalendar, dueOn: string): Date {
  const hours = calendar.openingHoursOn(dueOn);
  const last = hours[hours.length - 1];
  if (last) return last.end;
  return new Date(instantOfWallClock(epochDayOf(dueOn), 23 * 60 + 59, calendar.timeZone));
}

/** The owner's reminder: one working day before the due time, not before `notBefore`. */
export function actionReminderAt(calendar: WorkingCalendar, dueAt: Date, notBefore: Date): Date {
  const reminder = workingTimeBefore(calendar, dueAt, ONE_WORKING_DAY_MINUTES);
  return reminder.getTime() < notBefore.getTime() ? notBefore : reminder;
}

export const MIN_VERIFY_AFTER_DAYS = 30;
export const MAX_VERIFY_AFTER_DAYS = 90;

/**
 * When effectiveness is checked (R-ISO-04): `days` (30–90) after the action was done, at the first
 * working moment from then on, so the verification task arrives in office hours.
 */
export function verificationDueAt(calendar: WorkingCalendar, doneAt: Date, days: number): Date {
  if (!Number.isInteger(days) || days < MIN_VERIFY_AFTER_DAYS || days > MAX_VERIFY_AFTER_DAYS) {
    throw new RangeError(`verifyAfterDays must be a whole number from 30 to 90, got ${days}`);
  }
  return calendar.nextWorkingInstant(new Date(doneAt.getTime() + days * DAY_MS));
}

/** The civil day (Asia/Tehran) of an instant, for the `date` columns. */
export function dayOf(calendar: WorkingCalendar, instant: Date): string {
  return civilDayOf(instant, calendar.timeZone);
}
