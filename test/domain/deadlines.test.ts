import { describe, expect, it } from '@jest/globals';
import { WorkingCalendar, defaultWeekSchedule, officialHolidayExceptions } from '../../src/calendar/index.js';
import { DEFAULT_SETTINGS } from '../../src/db/seeds/reference-settings.js';
import {
  acknowledgementDueAt,
  complaintDeadlines,
  severityTargetsSchema,
  workingTimeBefore,
} from '../../src/domain/complaints/deadlines.js';
import { isoWithOffset, parseDateTime } from '../../src/domain/complaints/iso-time.js';
import {
  actionReminderAt,
  dueAtOf,
  verificationDueAt,
} from '../../src/domain/corrective-actions/schedule.js';

const tehran = (day: string, time: string) => new Date(`${day}T${time}:00+03:30`);
const calendar = new WorkingCalendar({
  timeZone: 'Asia/Tehran',
  schedules: defaultWeekSchedule('2025-03-21'),
  exceptions: officialHolidayExceptions(),
});
const targets = severityTargetsSchema.parse(
  DEFAULT_SETTINGS.find((s) => s.key === 'complaint.severity_targets')?.value,
);
// Wednesday 13 Khordad 1405, 14:00; Thursday 14 and Friday 15 Khordad are holidays.
const received = tehran('2026-06-03', '14:00');
const deadlines = (severity: 'critical' | 'major' | 'minor', now = received) =>
  complaintDeadlines(calendar, targets, { receivedAt: received, severity, now });

describe('complaint deadlines', () => {
  it('R-ISO-01 the acknowledgement is due at closing of the 2nd working day after receipt', () => {
    expect(acknowledgementDueAt(calendar, received, 2)).toEqual(tehran('2026-06-07', '16:00'));
    // Received on the Saturday morning: Sunday and Monday.
    expect(acknowledgementDueAt(calendar, tehran('2026-06-06', '09:00'), 2)).toEqual(
      tehran('2026-06-08', '16:00'),
    );
  });

  it('R-ISO-02 critical: response within 24 working hours, resolution within 7 days', () => {
    expect(deadlines('critical')).toEqual({
      responseDueAt: tehran('2026-06-08', '14:00'),
      resolutionDueAt: tehran('2026-06-10', '14:00'),
      reminderAt: tehran('2026-06-07', '14:00'),
    });
  });

  it('R-ISO-02 major: response within 48 working hours, resolution within 30 days', () => {
    expect(deadlines('major')).toEqual({
      responseDueAt: tehran('2026-06-13', '10:00'),
      resolutionDueAt: tehran('2026-07-03', '14:00'),
      reminderAt: tehran('2026-06-10', '14:00'),
    });
  });

  it('R-ISO-02 minor: response within 5 working days, resolution within 30 days', () => {
    expect(deadlines('minor')).toEqual({
      responseDueAt: tehran('2026-06-10', '16:00'),
      resolutionDueAt: tehran('2026-07-03', '14:00'),
      reminderAt: tehran('2026-06-09', '16:00'),
    });
  });

  it('R-ISO-02 the reminder is one working day before the response deadline, never before now', () => {
    // A deadline at Saturday closing: the working day before is the half-day Thursday, to its closing.
    expect(workingTimeBefore(calendar, tehran('2026-06-13', '16:00'), 480)).toEqual(
      tehran('2026-06-11', '12:00'),
    );
    // Monday 10:00 minus 8 working hours: Sunday 10:00.
    expect(workingTimeBefore(calendar, tehran('2026-06-08', '10:00'), 480)).toEqual(
      tehran('2026-06-07', '10:00'),
    );
    expect(deadlines('critical', tehran('2026-06-08', '09:00')).reminderAt).toEqual(
      tehran('2026-06-08', '09:00'),
    );
  });

  it('R-ISO-02 severity targets that give neither hours nor days are refused', () => {
    const bad = { ...targets, minor: { resolutionDays: 30 } };
    expect(severityTargetsSchema.safeParse(bad).success).toBe(false);
  });
});

describe('corrective-action deadlines', () => {
  it('R-ISO-04 an action is due at closing of its due day, reminded the working day before', () => {
    const dueAt = dueAtOf(calendar, '2026-07-15');
    expect(dueAt).toEqual(tehran('2026-07-15', '16:00'));
    expect(actionReminderAt(calendar, dueAt, tehran('2026-06-01', '08:00'))).toEqual(
      tehran('2026-07-14', '16:00'),
    );
    // A Friday: the end of the day.
    expect(dueAtOf(calendar, '2026-07-17')).toEqual(tehran('2026-07-17', '23:59'));
  });

  it('R-ISO-04 effectiveness is checked 30 to 90 days after the action is done', () => {
    expect(verificationDueAt(calendar, tehran('2026-07-08', '11:00'), 30)).toEqual(
      tehran('2026-08-08', '08:00'),
    );
    expect(verificationDueAt(calendar, tehran('2026-07-08', '11:00'), 90)).toEqual(
      tehran('2026-10-06', '11:00'),
    );
    expect(() => verificationDueAt(calendar, received, 29)).toThrow(/30 to 90/);
    expect(() => verificationDueAt(calendar, received, 91)).toThrow(/30 to 90/);
  });
});

describe('date-times in process variables', () => {
  it('are written in ISO 8601 with the Tehran offset, so timers can use them as they are', () => {
    expect(isoWithOffset(new Date('2026-06-03T10:30:00Z'))).toBe('2026-06-03T14:00:00+03:30');
    expect(isoWithOffset(new Date('2026-06-03T10:30:00.250Z'))).toBe('2026-06-03T14:00:00.250+03:30');
  });

  it('are read with an offset, in UTC, or as Tehran wall-clock time without one', () => {
    expect(parseDateTime('2026-06-14T10:00:00+03:30')).toEqual(tehran('2026-06-14', '10:00'));
    expect(parseDateTime('2026-06-14T06:30:00Z')).toEqual(tehran('2026-06-14', '10:00'));
    expect(parseDateTime('2026-06-14T10:00')).toEqual(tehran('2026-06-14', '10:00'));
    expect(parseDateTime('2026-06-14T10:00:00+0330')).toEqual(tehran('2026-06-14', '10:00'));
    expect(parseDateTime('2026-06-14T10:00:00+03:30[Asia/Tehran]')).toEqual(tehran('2026-06-14', '10:00'));
    expect(parseDateTime('1405/03/24 10:00')).toBeUndefined();
    expect(parseDateTime('2026-02-30T10:00')).toBeUndefined();
  });
});
