/**
 * The working-time engine (R-X-01): weekly opening hours versioned by date range plus dated
 * exceptions (official holidays, closures, partial days, extra working days), all as plain data.
 * Deadlines in working time (R-ISO-01, R-ISO-02, R-CALL-07) are computed from it.
 *
 * The engine is pure: it reads no database and no clock. It walks day by day over per-day
 * opening intervals (never minute by minute) and caches each day's intervals, so thousands of
 * deadlines a second are cheap.
 *
 * Rules, in the order they apply to one civil day (in the calendar's time zone):
 * 1. Weekly hours. Among the schedule rows whose [validFrom, validTo] covers the day, the version
 *    with the latest `validFrom` wins; the day's hours are that version's rows for its weekday (none
 *    = closed). So a new version replaces the whole week: a version that lists no Thursday row
 *    closes Thursdays, and when a version with `validTo` ends, the older open-ended one applies
 *    again. A weekday may have several rows (split shifts).
 * 2. `holiday` or `closure` on the day → closed all day (wins over everything below).
 * 3. `extra_working_day` → the day's hours are its opensAt–closesAt instead of the weekly hours
 *    (e.g. a Friday made a working day).
 * 4. `reduced_hours` → only its opensAt–closesAt remain open, intersected with the hours from
 *    1/3 (an early closing is opensAt 08:00, closesAt 11:00; a late start is 10:00–16:00).
 * Filtering exceptions by scope (national / the configured province or county) is the loader's job;
 * every exception given here applies.
 *
 * Intervals are half-open [opens, closes): the closing instant itself is not working time.
 */
import { MINUTE_MS, dayOfEpochDay, epochDayOf, weekdayOfEpochDay } from './civil-day.js';
import { assertTimeZone, instantsOfWallClockDay, wallClockOf } from './time-zone.js';

export type CalendarExceptionKind = 'holiday' | 'closure' | 'reduced_hours' | 'extra_working_day';

export const CALENDAR_EXCEPTION_KINDS: readonly CalendarExceptionKind[] = [
  'holiday',
  'closure',
  'reduced_hours',
  'extra_working_day',
];

/** One row of `work_schedules`. Days are Gregorian civil days 'YYYY-MM-DD'; times 'HH:MM[:SS]'. */
export interface WorkScheduleRow {
  readonly validFrom: string;
  readonly validTo?: string | null;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  readonly opensAt: string;
  /** May be '24:00' for the end of the day. */
  readonly closesAt: string;
}

/** One row of `calendar_exceptions` that applies to this calendar's region. */
export interface CalendarException {
  readonly day: string;
  readonly kind: CalendarExceptionKind;
  /** reduced_hours: the hours that remain open; extra_working_day: the hours worked. */
  readonly opensAt?: string | null;
  readonly closesAt?: string | null;
  readonly title: string;
}

export interface WorkingCalendarData {
  readonly timeZone: string;
  readonly schedules: readonly WorkScheduleRow[];
  readonly exceptions: readonly CalendarException[];
}

export interface WorkingCalendarOptions {
  /**
   * How many consecutive days without any working time are scanned before giving up with a
   * NoWorkingTimeError. Default 1 096 (three years).
   */
  readonly maxIdleDays?: number;
}

/** An opening interval of one day: wall-clock times and the instants they stand for. */
export interface OpeningInterval {
  readonly opensAt: string;
  readonly closesAt: string;
  readonly start: Date;
  readonly end: Date;
}

/** The calendar's data is malformed; `field` names the offending field. */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The calendar has no working time for a long stretch, so no deadline can be computed. */
export class NoWorkingTimeError extends Error {
  override readonly name = 'NoWorkingTimeError';
  constructor(
    readonly fromDay: string,
    readonly scannedDays: number,
  ) {
    super(
      `No working time in ${scannedDays} consecutive days from ${fromDay}: ` +
        'the working calendar has no opening hours there (check work_schedules and calendar_exceptions)',
    );
  }
}

/** [opens, closes) in minutes since local midnight. */
type Span = readonly [number, number];

interface ScheduleVersionRow {
  readonly from: number;
  readonly to: number;
  readonly weekday: number;
  readonly span: Span;
}

interface DayExceptions {
  closed: boolean;
  extra: Span[];
  reduced: Span[];
}

interface DayPlan {
  readonly spans: readonly Span[];
  /** Flat [start0, end0, start1, end1, …] epoch milliseconds. */
  readonly instants: readonly number[];
}

const CLOCK_TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const MAX_CACHED_DAYS = 20_000;

function clockMinutes(value: unknown, field: string): number {
  const m = typeof value === 'string' ? CLOCK_TIME.exec(value) : null;
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  const s = Number(m?.[3] ?? 0);
  if (!m || min > 59 || s !== 0 || h > 24 || (h === 24 && min > 0)) {
    throw new CalendarDataError(
      field,
      `${field} must be a time 'HH:MM' (00:00–24:00), got ${JSON.stringify(value)}`,
    );
  }
  return h * 60 + min;
}

function span(opensAt: unknown, closesAt: unknown, where: string): Span {
  const open = clockMinutes(opensAt, `${where}.opensAt`);
  const close = clockMinutes(closesAt, `${where}.closesAt`);
  if (close <= open) {
    throw new CalendarDataError(
      `${where}.closesAt`,
      `${where}: closesAt ${String(closesAt)} is not after opensAt ${String(opensAt)}`,
    );
  }
  return [open, close];
}

/** Gregorian years the calendar accepts; a Jalali date passed by mistake ('1404-01-01') is refused. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function civilDay(value: unknown, field: string): number {
  let day: number;
  try {
    day = epochDayOf(value as string);
  } catch {
    throw new CalendarDataError(
      field,
      `${field} must be a Gregorian day 'YYYY-MM-DD', got ${JSON.stringify(value)}`,
    );
  }
  const year = Number((value as string).slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new CalendarDataError(
      field,
      `${field} ${JSON.stringify(value)} is outside ${MIN_YEAR}–${MAX_YEAR}: days are Gregorian, not Jalali`,
    );
  }
  return day;
}

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Sorted, with overlapping or touching spans merged. */
function normalise(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function intersect(spans: readonly Span[], [lo, hi]: Span): Span[] {
  const out: Span[] = [];
  for (const [s, e] of spans) {
    const a = Math.max(s, lo);
    const b = Math.min(e, hi);
    if (a < b) out.push([a, b]);
  }
  return out;
}

function instantMs(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not a valid Date: ${String(value)}`);
  return ms;
}

export class WorkingCalendar {
  readonly timeZone: string;
  private readonly rows: readonly ScheduleVersionRow[];
  private readonly exceptionsByDay = new Map<number, DayExceptions>();
  private readonly maxIdleDays: number;
  private readonly plans = new Map<number, DayPlan>();

  constructor(data: WorkingCalendarData, options: WorkingCalendarOptions = {}) {
    try {
      assertTimeZone(data.timeZone);
    } catch {
      throw new CalendarDataError('timeZone', `Unknown time zone ${JSON.stringify(data.timeZone)}`);
    }
    this.timeZone = data.timeZone;
    this.maxIdleDays = options.maxIdleDays ?? 1096;
    if (!Number.isInteger(this.maxIdleDays) || this.maxIdleDays < 1) {
      throw new RangeError(`maxIdleDays must be a positive integer, got ${this.maxIdleDays}`);
    }

    this.rows = data.schedules.map((r, i) => {
      const where = `schedules[${i}]`;
      const from = civilDay(r.validFrom, `${where}.validFrom`);
      const to = r.validTo == null ? Infinity : civilDay(r.validTo, `${where}.validTo`);
      if (to < from) throw new CalendarDataError(`${where}.validTo`, `${where}: validTo is before validFrom`);
      if (!Number.isInteger(r.weekday) || r.weekday < 0 || r.weekday > 6) {
        throw new CalendarDataError(
          `${where}.weekday`,
          `${where}: weekday must be 0 (Sunday) … 6 (Saturday)`,
        );
      }
      return { from, to, weekday: r.weekday, span: span(r.opensAt, r.closesAt, where) };
    });

    data.exceptions.forEach((x, i) => {
      const where = `exceptions[${i}]`;
      const day = civilDay(x.day, `${where}.day`);
      const entry = this.exceptionsByDay.get(day) ?? { closed: false, extra: [], reduced: [] };
      switch (x.kind) {
        case 'holiday':
        case 'closure':
          entry.closed = true;
          break;
        case 'extra_working_day':
          entry.extra.push(span(x.opensAt, x.closesAt, where));
          break;
        case 'reduced_hours':
          entry.reduced.push(span(x.opensAt, x.closesAt, where));
          break;
        default:
          throw new CalendarDataError(`${where}.kind`, `${where}: unknown kind ${JSON.stringify(x.kind)}`);
      }
      this.exceptionsByDay.set(day, entry);
    });
  }

  // --- public API ---------------------------------------------------------------------------

  /**
   * The instant at which `minutes` of working time have elapsed after `start`. Time before the
   * next opening does not count; when the last minute ends exactly at a closing time, the result
   * is that closing time (end of business), not the next opening. With 0 minutes the result is
   * the next working instant (`start` itself when it is working time).
   */
  addWorkingTime(start: Date, minutes: number): Date {
    const t = instantMs(start, 'start');
    if (!Number.isFinite(minutes) || minutes < 0) {
      throw new RangeError(`minutes must be a finite number ≥ 0, got ${minutes}`);
    }
    let remaining = Math.round(minutes * MINUTE_MS);
    let day = this.epochDayAt(t);
    let idle = 0;
    for (;;) {
      const iv = this.plan(day).instants;
      let worked = false;
      for (let i = 0; i < iv.length; i += 2) {
        const e = iv[i + 1] as number;
        if (e <= t) continue;
        const from = Math.max(iv[i] as number, t);
        worked = true;
        if (remaining <= e - from) return new Date(from + remaining);
        remaining -= e - from;
      }
      idle = worked ? 0 : idle + 1;
      if (idle >= this.maxIdleDays) throw new NoWorkingTimeError(dayOfEpochDay(day - idle + 1), idle);
      day++;
    }
  }

  /** The first working instant at or after `instant`. */
  nextWorkingInstant(instant: Date): Date {
    return this.addWorkingTime(instant, 0);
  }

  /**
   * Minutes of working time in [a, b); negative when b is before a. Exact to the millisecond, so
   * fractional when an instant is not on a whole minute.
   * Inverse of addWorkingTime: workingTimeBetween(s, addWorkingTime(s, m)) === m.
   */
  workingTimeBetween(a: Date, b: Date): number {
    const from = instantMs(a, 'a');
    const to = instantMs(b, 'b');
    if (to < from) return -this.workingTimeBetween(b, a);
    let total = 0;
    const lastDay = this.epochDayAt(to);
    for (let day = this.epochDayAt(from); day <= lastDay; day++) {
      const iv = this.plan(day).instants;
      for (let i = 0; i < iv.length; i += 2) {
        const s = Math.max(iv[i] as number, from);
        const e = Math.min(iv[i + 1] as number, to);
        if (e > s) total += e - s;
      }
    }
    return total / MINUTE_MS;
  }

  /**
   * End of business on the `days`-th working day after `start`.
   *
   * Precisely: a working day is a civil day (in the calendar's time zone) with any working time,
   * a partial day included. The day on which `start` falls never counts, whatever the hour; the
   * result is the closing instant of the last opening interval of the `days`-th working day after
   * it. Example: received Saturday 10:00 (or Friday, or Saturday 18:00), 2 working days → Monday
   * at closing. With `days` = 0 the result is the closing instant of the first working day whose
   * business has not yet ended at `start` (today's closing if still open or not yet opened).
   */
  addWorkingDays(start: Date, days: number): Date {
    const t = instantMs(start, 'start');
    if (!Number.isInteger(days) || days < 0) {
      throw new RangeError(`days must be an integer ≥ 0, got ${days}`);
    }
    let day = this.epochDayAt(t);
    let counted = 0;
    let idle = 0;
    if (days > 0) day++;
    for (;;) {
      const iv = this.plan(day).instants;
      const close = iv[iv.length - 1];
      if (close !== undefined && (days > 0 || close > t)) {
        idle = 0;
        if (++counted >= Math.max(days, 1)) return new Date(close);
      } else if (++idle >= this.maxIdleDays) {
        throw new NoWorkingTimeError(dayOfEpochDay(day - idle + 1), idle);
      }
      day++;
    }
  }

  /** Whether `instant` lies inside an opening interval (the closing instant does not). */
  isWorkingTime(instant: Date): boolean {
    const t = instantMs(instant, 'instant');
    const iv = this.plan(this.epochDayAt(t)).instants;
    for (let i = 0; i < iv.length; i += 2) {
      if ((iv[i] as number) <= t && t < (iv[i + 1] as number)) return true;
    }
    return false;
  }

  /** The opening intervals of a civil day 'YYYY-MM-DD' (empty on a day off). */
  openingHoursOn(day: string): OpeningInterval[] {
    const plan = this.plan(civilDay(day, 'day'));
    return plan.spans.map(([s, e], i) => ({
      opensAt: clockText(s),
      closesAt: clockText(e),
      start: new Date(plan.instants[2 * i] as number),
      end: new Date(plan.instants[2 * i + 1] as number),
    }));
  }

  /** Whether a civil day 'YYYY-MM-DD' has any working time. */
  isWorkingDay(day: string): boolean {
    return this.plan(civilDay(day, 'day')).spans.length > 0;
  }

  // --- internals ----------------------------------------------------------------------------

  private epochDayAt(ms: number): number {
    return wallClockOf(ms, this.timeZone).epochDay;
  }

  private plan(day: number): DayPlan {
    let plan = this.plans.get(day);
    if (!plan) {
      const spans = this.spansOn(day);
      const instants = instantsOfWallClockDay(day, spans.flat(), this.timeZone);
      plan = { spans, instants };
      if (this.plans.size >= MAX_CACHED_DAYS) this.plans.clear();
      this.plans.set(day, plan);
    }
    return plan;
  }

  private spansOn(day: number): Span[] {
    const x = this.exceptionsByDay.get(day);
    if (x?.closed) return [];
    let spans: Span[];
    if (x && x.extra.length > 0) {
      spans = normalise(x.extra);
    } else {
      let version = -Infinity;
      for (const r of this.rows) if (r.from <= day && day <= r.to && r.from > version) version = r.from;
      const weekday = weekdayOfEpochDay(day);
      spans = normalise(
        this.rows
          .filter((r) => r.from === version && r.weekday === weekday && day <= r.to)
          .map((r) => r.span),
      );
    }
    for (const r of x?.reduced ?? []) spans = intersect(spans, r);
    return spans;
  }
}
