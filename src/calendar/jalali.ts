/**
 * Solar Hijri (Jalali) dates for display and input (R-X-01): Persian digits, Asia/Tehran wall
 * clock, and parsing of typed dates with errors that say what is wrong.
 *
 * Instants are read through `Intl` (calendar `persian`, zone Asia/Tehran unless told otherwise);
 * civil days ('YYYY-MM-DD', no time zone) and typed dates go through `jalaali-js`.
 */
import { isLeapJalaaliYear, j2d, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';
import { epochDayOf } from './civil-day.js';
import { TEHRAN } from './time-zone.js';

export interface JalaliDate {
  /** Jalali year, e.g. 1404. */
  readonly jy: number;
  /** Month 1 (Farvardin) … 12 (Esfand). */
  readonly jm: number;
  /** Day of month 1 … 31. */
  readonly jd: number;
}

export interface JalaliDateTime extends JalaliDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

export const JALALI_MONTH_NAMES = [
  'فروردین',
  'اردیبهشت',
  'خرداد',
  'تیر',
  'مرداد',
  'شهریور',
  'مهر',
  'آبان',
  'آذر',
  'دی',
  'بهمن',
  'اسفند',
] as const;

/** Indexed like `Date#getDay`: 0 = Sunday (یکشنبه) … 6 = Saturday (شنبه). */
export const PERSIAN_WEEKDAY_NAMES = [
  'یکشنبه',
  'دوشنبه',
  'سه‌شنبه',
  'چهارشنبه',
  'پنجشنبه',
  'جمعه',
  'شنبه',
] as const;

export interface JalaliFormatOptions {
  /** Zone whose wall clock is shown for a `Date`; default Asia/Tehran. Ignored for civil days. */
  readonly timeZone?: string;
  /** 'persian' (default) → ۱۴۰۴/۰۱/۰۱; 'latin' → 1404/01/01. */
  readonly digits?: 'persian' | 'latin';
}

// --- digits ---------------------------------------------------------------------------------

const PERSIAN_ZERO = 0x06f0; // ۰
const ARABIC_INDIC_ZERO = 0x0660; // ٠

/** Latin digits 0-9 → Persian digits ۰-۹; everything else is left as it is. */
export function toPersianDigits(value: string | number): string {
  return String(value).replace(/[0-9]/g, (d) => String.fromCharCode(PERSIAN_ZERO + d.charCodeAt(0) - 48));
}

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits → Latin 0-9; everything else is left as it is. */
export function toLatinDigits(value: string): string {
  return value.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= PERSIAN_ZERO ? c - PERSIAN_ZERO : c - ARABIC_INDIC_ZERO);
  });
}

// --- errors ---------------------------------------------------------------------------------

export type JalaliDateErrorCode = 'format' | 'year' | 'month' | 'day';

/** A typed Jalali date that is not a real date; `code` names the faulty part. */
export class JalaliDateError extends Error {
  override readonly name = 'JalaliDateError';
  constructor(
    readonly code: JalaliDateErrorCode,
    readonly input: string,
    message: string,
    /** The same explanation for the Persian UI. */
    readonly messageFa: string,
  ) {
    super(message);
  }
}

// --- conversions ----------------------------------------------------------------------------

const MIN_YEAR = 1;
const MAX_YEAR = 3177; // the range in which jalaali-js is exact

/**
 * The Gregorian civil day 'YYYY-MM-DD' of a Jalali date; throws JalaliDateError naming the faulty
 * part (e.g. 1404/12/30: Esfand 1404 has 29 days, 1404 is not a leap year).
 */
export function jalaliToGregorianDay(jy: number, jm: number, jd: number, input?: string): string {
  const text = input ?? `${jy}/${jm}/${jd}`;
  if (!Number.isInteger(jy) || jy < MIN_YEAR || jy > MAX_YEAR) {
    throw new JalaliDateError(
      'year',
      text,
      `Invalid Jalali year ${jy} in ${JSON.stringify(text)}: expected ${MIN_YEAR}–${MAX_YEAR}`,
      `سال ${toPersianDigits(jy)} نامعتبر است`,
    );
  }
  if (!Number.isInteger(jm) || jm < 1 || jm > 12) {
    throw new JalaliDateError(
      'month',
      text,
      `Invalid Jalali month ${jm} in ${JSON.stringify(text)}: expected 1–12`,
      `ماه ${toPersianDigits(jm)} نامعتبر است؛ ماه باید بین ۱ تا ۱۲ باشد`,
    );
  }
  const length = jalaaliMonthLength(jy, jm);
  if (!Number.isInteger(jd) || jd < 1 || jd > length) {
    const monthName = JALALI_MONTH_NAMES[jm - 1] as string;
    const leapNote =
      jm === 12 && jd === 30 ? ` (${jy} is not a leap year; Esfand has 30 days only in leap years)` : '';
    const leapNoteFa = jm === 12 && jd === 30 ? ` (${toPersianDigits(jy)} کبیسه نیست)` : '';
    throw new JalaliDateError(
      'day',
      text,
      `Invalid Jalali day ${jd} in ${JSON.stringify(text)}: month ${jm} of ${jy} has ${length} days${leapNote}`,
      `روز ${toPersianDigits(jd)} نامعتبر است؛ ${monthName} ${toPersianDigits(jy)} ${toPersianDigits(length)} روز دارد${leapNoteFa}`,
    );
  }
  const g = toGregorian(jy, jm, jd);
  return `${pad(g.gy, 4)}-${pad(g.gm, 2)}-${pad(g.gd, 2)}`;
}

/** The Jalali date of a Gregorian civil day, e.g. '2025-03-21' → { jy: 1404, jm: 1, jd: 1 }. */
export function gregorianDayToJalali(day: string): JalaliDate {
  epochDayOf(day); // validates
  const { jy, jm, jd } = toJalaali(
    Number(day.slice(0, 4)),
    Number(day.slice(5, 7)),
    Number(day.slice(8, 10)),
  );
  return { jy, jm, jd };
}

export function isLeapJalaliYear(jy: number): boolean {
  return isLeapJalaaliYear(jy);
}

const TYPED_DATE = /^(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$/;

/**
 * A typed Jalali date → Gregorian civil day 'YYYY-MM-DD'. Accepts Latin, Persian or Arabic-Indic
 * digits, separators '/', '-' or '.', and months/days with or without a leading zero:
 * '1404/01/01', '۱۴۰۴/۰۱/۰۱', '1404-1-1'. Throws JalaliDateError otherwise.
 */
export function parseJalaliDate(input: string): string {
  const m = TYPED_DATE.exec(toLatinDigits(input.trim()));
  if (!m) {
    throw new JalaliDateError(
      'format',
      input,
      `Not a Jalali date ${JSON.stringify(input)}: expected year/month/day such as 1404/01/01`,
      'تاریخ باید به شکل سال/ماه/روز باشد، مانند ۱۴۰۴/۰۱/۰۱',
    );
  }
  return jalaliToGregorianDay(Number(m[1]), Number(m[2]), Number(m[3]), input);
}

// --- reading instants -----------------------------------------------------------------------

const persianFormatters = new Map<string, Intl.DateTimeFormat>();

function persianFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = persianFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    persianFormatters.set(timeZone, f);
  }
  return f;
}

function assertValidDate(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError(`Not a valid Date: ${String(date)}`);
  }
}

/** The Jalali date and wall-clock time of an instant in `timeZone` (default Asia/Tehran). */
export function jalaliDateTimeOf(date: Date, timeZone: string = TEHRAN): JalaliDateTime {
  assertValidDate(date);
  const v: Record<string, number> = {};
  for (const p of persianFormatter(timeZone).formatToParts(date)) {
    if (p.type !== 'literal') v[p.type] = Number(p.value);
  }
  return {
    jy: v.year ?? NaN,
    jm: v.month ?? NaN,
    jd: v.day ?? NaN,
    hour: v.hour ?? NaN,
    minute: v.minute ?? NaN,
    second: v.second ?? NaN,
  };
}

function jalaliOf(date: Date | string, timeZone: string | undefined): JalaliDate {
  return typeof date === 'string' ? gregorianDayToJalali(date) : jalaliDateTimeOf(date, timeZone);
}

// --- display --------------------------------------------------------------------------------

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function digits(text: string, opts: JalaliFormatOptions | undefined): string {
  return opts?.digits === 'latin' ? text : toPersianDigits(text);
}

/**
 * '۱۴۰۴/۰۱/۰۱'. A `Date` is read on the wall clock of Asia/Tehran (or `opts.timeZone`); a string
 * is a Gregorian civil day 'YYYY-MM-DD' and is converted as it is.
 */
export function formatJalaliDate(date: Date | string, opts?: JalaliFormatOptions): string {
  const { jy, jm, jd } = jalaliOf(date, opts?.timeZone);
  return digits(`${pad(jy, 4)}/${pad(jm, 2)}/${pad(jd, 2)}`, opts);
}

/** '۱۴۰۴/۰۱/۰۱ ۰۸:۳۰' (24-hour clock; with `seconds: true` '۱۴۰۴/۰۱/۰۱ ۰۸:۳۰:۰۰'). */
export function formatJalaliDateTime(
  date: Date,
  opts?: JalaliFormatOptions & { readonly seconds?: boolean },
): string {
  const t = jalaliDateTimeOf(date, opts?.timeZone);
  const time = `${pad(t.hour, 2)}:${pad(t.minute, 2)}${opts?.seconds ? `:${pad(t.second, 2)}` : ''}`;
  return digits(`${pad(t.jy, 4)}/${pad(t.jm, 2)}/${pad(t.jd, 2)} ${time}`, opts);
}

/** 0 = Sunday … 6 = Saturday of a Jalali date. */
export function weekdayOfJalali({ jy, jm, jd }: JalaliDate): number {
  return (j2d(jy, jm, jd) + 1) % 7; // Julian day number 0 was a Monday
}

/** '۱ فروردین ۱۴۰۴', or with `weekday: true` 'جمعه ۱ فروردین ۱۴۰۴'. */
export function formatJalaliLong(
  date: Date | string,
  opts?: JalaliFormatOptions & { readonly weekday?: boolean },
): string {
  const j = jalaliOf(date, opts?.timeZone);
  const text = `${j.jd} ${JALALI_MONTH_NAMES[j.jm - 1] ?? ''} ${j.jy}`;
  const weekday = opts?.weekday ? `${PERSIAN_WEEKDAY_NAMES[weekdayOfJalali(j)] ?? ''} ` : '';
  return weekday + digits(text, opts);
}
