/**
 * Cron expressions for timer cycles, as Zeebe reads them (Spring's six fields, seconds first:
 * `second minute hour day-of-month month day-of-week`, e.g. `0 0 9 * * MON-FRI`), evaluated in the system's
 * time zone. Supports `*`, `?`, lists, ranges, steps, month and day names, `L`, `L-n`, `nW`, `LW` in the day of
 * month, `nL` and `n#k` in the day of week, and the macros `@yearly`, `@annually`, `@monthly`, `@weekly`,
 * `@daily`, `@midnight`, `@hourly`. A day must match both the day-of-month and the day-of-week field.
 */
export interface CronExpression {
  readonly seconds: ReadonlySet<number>;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly dayOfMonth: DayOfMonthField;
  readonly dayOfWeek: DayOfWeekField;
}

interface DayOfMonthField {
  readonly any: boolean;
  readonly days: ReadonlySet<number>;
  /** `L` is 0, `L-3` is 3: days before the last day of the month. */
  readonly fromLast: readonly number[];
  /** `15W`: the weekday nearest to the 15th. */
  readonly nearestWeekday: readonly number[];
  /** `LW`: the last weekday of the month. */
  readonly lastWeekday: boolean;
}

interface DayOfWeekField {
  readonly any: boolean;
  /** 0 = Sunday … 6 = Saturday. */
  readonly days: ReadonlySet<number>;
  /** `5L`: the last Friday of the month. */
  readonly lastOfMonth: readonly number[];
  /** `MON#2`: the second Monday of the month. */
  readonly nth: readonly { readonly day: number; readonly n: number }[];
}

export type CronParse =
  { readonly ok: true; readonly value: CronExpression } | { readonly ok: false; readonly reason: string };

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

class CronSyntaxError extends Error {}

export function parseCronExpression(text: string): CronParse {
  const expanded = MACROS[text.trim().toLowerCase()] ?? text.trim();
  const fields = expanded.split(/\s+/);
  if (fields.length !== 6) {
    return {
      ok: false,
      reason: `expected 6 fields (second minute hour day-of-month month day-of-week), found ${fields.length}`,
    };
  }
  const [second, minute, hour, dayOfMonth, month, dayOfWeek] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  try {
    return {
      ok: true,
      value: {
        seconds: parseNumbers(second, 0, 59, 'second'),
        minutes: parseNumbers(minute, 0, 59, 'minute'),
        hours: parseNumbers(hour, 0, 23, 'hour'),
        months: parseNumbers(month, 1, 12, 'month', MONTH_NAMES, 1),
        dayOfMonth: parseDayOfMonth(dayOfMonth),
        dayOfWeek: parseDayOfWeek(dayOfWeek),
      },
    };
  } catch (error) {
    if (error instanceof CronSyntaxError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** The first instant strictly after `afterEpochMillis` (whole seconds) that matches, or `null` if none. */
export function nextCronTime(cron: CronExpression, afterEpochMillis: number): number | null {
  const date = new Date(Math.floor(afterEpochMillis / 1000) * 1000 + 1000);
  const limit = date.getFullYear() + 100;
  while (date.getFullYear() <= limit) {
    if (!cron.months.has(date.getMonth() + 1)) {
      date.setMonth(date.getMonth() + 1, 1);
      date.setHours(0, 0, 0, 0);
    } else if (!matchesDay(cron, date)) {
      date.setDate(date.getDate() + 1);
      date.setHours(0, 0, 0, 0);
    } else if (!cron.hours.has(date.getHours())) {
      date.setHours(date.getHours() + 1, 0, 0, 0);
    } else if (!cron.minutes.has(date.getMinutes())) {
      date.setMinutes(date.getMinutes() + 1, 0, 0);
    } else if (!cron.seconds.has(date.getSeconds())) {
      date.setSeconds(date.getSeconds() + 1, 0);
    } else {
      return date.getTime();
    }
  }
  return null;
}

function matchesDay(cron: CronExpression, date: Date): boolean {
  const day = date.getDate();
  const weekday = date.getDay();
  const lastDay = new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate();
  return (
    matchesDayOfMonth(cron.dayOfMonth, date, day, lastDay) &&
    matchesDayOfWeek(cron.dayOfWeek, day, weekday, lastDay)
  );
}

function matchesDayOfMonth(field: DayOfMonthField, date: Date, day: number, lastDay: number): boolean {
  if (field.any || field.days.has(day)) return true;
  if (field.fromLast.some((offset) => day === lastDay - offset)) return true;
  if (field.nearestWeekday.some((target) => day === nearestWeekday(date, target, lastDay))) return true;
  return field.lastWeekday && day === nearestWeekday(date, lastDay, lastDay);
}

function matchesDayOfWeek(field: DayOfWeekField, day: number, weekday: number, lastDay: number): boolean {
  if (field.any || field.days.has(weekday)) return true;
  if (field.lastOfMonth.includes(weekday) && day + 7 > lastDay) return true;
  return field.nth.some((nth) => nth.day === weekday && Math.ceil(day / 7) === nth.n);
}

/** The weekday (Mon–Fri) nearest to day `target` of the month of `date`, without leaving the month. */
function nearestWeekday(date: Date, target: number, lastDay: number): number {
  const day = Math.min(target, lastDay);
  const weekday = new Date(date.getFullYear(), date.getMonth(), day).getDay();
  if (weekday === 6) return day === 1 ? 3 : day - 1;
  if (weekday === 0) return day === lastDay ? day - 2 : day + 1;
  return day;
}

function parseDayOfMonth(text: string): DayOfMonthField {
  if (text === '*' || text === '?') {
    return { any: true, days: new Set(), fromLast: [], nearestWeekday: [], lastWeekday: false };
  }
  const days = new Set<number>();
  const fromLast: number[] = [];
  const nearest: number[] = [];
  let lastWeekday = false;
  for (const item of text.split(',')) {
    const upper = item.toUpperCase();
    const last = /^L(?:-(\d+))?$/.exec(upper);
    const weekday = /^(\d+)W$/.exec(upper);
    if (upper === 'LW') {
      lastWeekday = true;
    } else if (last !== null) {
      fromLast.push(last[1] === undefined ? 0 : checkRange(Number(last[1]), 0, 30, 'day-of-month'));
    } else if (weekday !== null) {
      nearest.push(checkRange(Number(weekday[1]), 1, 31, 'day-of-month'));
    } else {
      for (const day of parseNumbers(item, 1, 31, 'day-of-month')) days.add(day);
    }
  }
  return { any: false, days, fromLast, nearestWeekday: nearest, lastWeekday };
}

function parseDayOfWeek(text: string): DayOfWeekField {
  if (text === '*' || text === '?') return { any: true, days: new Set(), lastOfMonth: [], nth: [] };
  const days = new Set<number>();
  const lastOfMonth: number[] = [];
  const nth: { day: number; n: number }[] = [];
  for (const item of text.split(',')) {
    const upper = item.toUpperCase();
    const last = /^(\w+)L$/.exec(upper);
    const hash = /^(\w+)#(\d)$/.exec(upper);
    if (last?.[1] !== undefined) {
      lastOfMonth.push(dayOfWeekValue(last[1]));
    } else if (hash?.[1] !== undefined) {
      nth.push({ day: dayOfWeekValue(hash[1]), n: checkRange(Number(hash[2]), 1, 5, 'day-of-week') });
    } else {
      for (const day of parseNumbers(item, 0, 7, 'day-of-week', DAY_NAMES, 0)) days.add(day % 7);
    }
  }
  return { any: false, days, lastOfMonth, nth };
}

function dayOfWeekValue(text: string): number {
  return parseValue(text, 0, 7, 'day-of-week', DAY_NAMES, 0) % 7;
}

/** A list of `*`, `n`, `a-b`, with an optional `/step`. */
function parseNumbers(
  text: string,
  min: number,
  max: number,
  field: string,
  names: readonly string[] = [],
  firstNameValue = 0,
): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', stepText, extra] = item.split('/');
    if (extra !== undefined) throw new CronSyntaxError(`invalid ${field} '${item}'`);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronSyntaxError(`invalid step in ${field} '${item}'`);
    let from: number;
    let to: number;
    if (range === '*' || range === '?') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [start = '', end = ''] = range.split('-');
      from = parseValue(start, min, max, field, names, firstNameValue);
      to = parseValue(end, min, max, field, names, firstNameValue);
      if (from > to) throw new CronSyntaxError(`invalid range in ${field} '${item}': ${from} is after ${to}`);
    } else {
      from = parseValue(range, min, max, field, names, firstNameValue);
      to = stepText === undefined ? from : max;
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

function parseValue(
  text: string,
  min: number,
  max: number,
  field: string,
  names: readonly string[],
  firstNameValue: number,
): number {
  const nameIndex = names.indexOf(text.toUpperCase());
  if (nameIndex !== -1) return nameIndex + firstNameValue;
  if (!/^\d+$/.test(text)) throw new CronSyntaxError(`invalid ${field} '${text}'`);
  return checkRange(Number(text), min, max, field);
}

function checkRange(value: number, min: number, max: number, field: string): number {
  if (value < min || value > max) {
    throw new CronSyntaxError(`${field} ${value} is out of range ${min}-${max}`);
  }
  return value;
}
