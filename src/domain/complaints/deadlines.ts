/**
 * Deadlines of a complaint (R-ISO-01, R-ISO-02), from the settings `complaint.acknowledgement_working_days`
 * and `complaint.severity_targets` and the working calendar.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { DAY_MS, type WorkingCalendar } from '../../calendar/index.js';
import type { Severity } from './complaint-record.js';
import { readSetting } from './settings.js';

const target = z
  .object({
    responseWorkingHours: z.number().positive().optional(),
    responseWorkingDays: z.number().int().positive().optional(),
    resolutionDays: z.number().int().positive(),
  })
  .refine((t) => (t.responseWorkingHours === undefined) !== (t.responseWorkingDays === undefined), {
    message: 'give either responseWorkingHours or responseWorkingDays',
  });

export const severityTargetsSchema = z.object({ critical: target, major: target, minor: target });
export type SeverityTargets = z.output<typeof severityTargetsSchema>;

export async function loadSeverityTargets(db: Knex | Knex.Transaction): Promise<SeverityTargets> {
  return readSetting(db, 'complaint.severity_targets', severityTargetsSchema);
}

export async function loadAcknowledgementWorkingDays(db: Knex | Knex.Transaction): Promise<number> {
  return readSetting(db, 'complaint.acknowledgement_working_days', z.number().int().min(0).max(30));
}

/** R-ISO-01: end of business on the `workingDays`-th working day after receipt (default 2). */
export function acknowledgementDueAt(calendar: WorkingCalendar, receivedAt: Date, workingDays: number): Date {
  return calendar.addWorkingDays(receivedAt, workingDays);
}

/** The working time of one ordinary working day (Saturday–Wednesday, 08:00–16:00). */
export const ONE_WORKING_DAY_MINUTES = 8 * 60;

/**
 * The latest instant from which `minutes` of working time remain until `deadline`; when that
 * instant falls at an opening, the closing before it (end of business the day before), so that
 * "one working day before a deadline at Monday 16:00" is Sunday 16:00, not Monday 08:00.
 */
export function workingTimeBefore(calendar: WorkingCalendar, deadline: Date, minutes: number): Date {
  const end = deadline.getTime();
  const remaining = (t: number) => calendar.workingTimeBetween(new Date(t), deadline);
  let span = 7 * DAY_MS;
  let lo = end - span;
  while (remaining(lo) <= minutes) {
    span *= 2;
    if (span > 3 * 366 * DAY_MS) return new Date(lo); // no working time at all: as early as we looked
    lo = end - span;
  }
  // remaining(lo) > minutes >= remaining(hi): find the earliest hi, to the millisecond.
  let hi = end;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (remaining(mid) <= minutes) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

export interface ComplaintDeadlines {
  /** R-ISO-02 first response: critical 24 working hours, major 48, minor 5 working days. */
  readonly responseDueAt: Date;
  /** R-ISO-02 resolution: critical 7, major and minor 30 calendar days. */
  readonly resolutionDueAt: Date;
  /** The handler's reminder: one working day before the response deadline, never before now. */
  readonly reminderAt: Date;
}

export function complaintDeadlines(
  calendar: WorkingCalendar,
  targets: SeverityTargets,
  input: { readonly receivedAt: Date; readonly severity: Severity; readonly now: Date },
): ComplaintDeadlines {
  const t = targets[input.severity];
  const responseDueAt =
    t.responseWorkingHours !== undefined
      ? calendar.addWorkingTime(input.receivedAt, t.responseWorkingHours * 60)
      : calendar.addWorkingDays(input.receivedAt, t.responseWorkingDays ?? 0);
  const resolutionDueAt = new Date(input.receivedAt.getTime() + t.resolutionDays * DAY_MS);
  const reminder = workingTimeBefore(calendar, responseDueAt, ONE_WORKING_DAY_MINUTES);
  const reminderAt = reminder.getTime() < input.now.getTime() ? input.now : reminder;
  return { responseDueAt, resolutionDueAt, reminderAt };
}
