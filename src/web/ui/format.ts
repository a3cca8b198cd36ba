/** Dates in the Jalali calendar and numbers in Persian digits, for everything the pages show. */

import { toLatinDigits, toPersianDigits } from '../../calendar/jalali.js';
import { TEHRAN } from '../../calendar/time-zone.js';

const dateFormat = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-arabext', {
  timeZone: TEHRAN,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});
const shortDateFormat = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-arabext', {
  timeZone: TEHRAN,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('fa-IR-u-nu-arabext', {
  timeZone: TEHRAN,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const weekdayFormat = new Intl.DateTimeFormat('fa-IR-u-ca-persian', { timeZone: TEHRAN, weekday: 'long' });

function parse(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** ۳ آذر ۱۴۰۵ */
export function jalaliDate(value: string | Date | null | undefined): string {
  const date = parse(value);
  return date ? dateFormat.format(date) : '—';
}

/** ۱۴۰۵/۰۹/۰۳ */
export function jalaliShortDate(value: string | Date | null | undefined): string {
  const date = parse(value);
  return date ? shortDateFormat.format(date) : '—';
}

/** سه‌شنبه ۳ آذر ۱۴۰۵، ساعت ۱۴:۳۰ */
export function jalaliDateTime(value: string | Date | null | undefined, withWeekday = false): string {
  const date = parse(value);
  if (!date) return '—';
  const day = `${withWeekday ? `${weekdayFormat.format(date)} ` : ''}${dateFormat.format(date)}`;
  return `${day}، ساعت ${timeFormat.format(date)}`;
}

/** Persian digits for what the pages show; Latin digits for what they send (the calendar's own helpers). */
export const faDigits = toPersianDigits;
export const latinDigits = toLatinDigits;

export function faNumber(value: number): string {
  return value.toLocaleString('fa-IR');
}

const DAY_MS = 86_400_000;

/** «۲ روز مانده», «امروز», «۳ روز گذشته» — how far a due date is, in whole days. */
export function dueIn(value: string | null | undefined, now = new Date()): string {
  const date = parse(value);
  if (!date) return '';
  const days = Math.round((date.getTime() - now.getTime()) / DAY_MS);
  if (days === 0) return date.getTime() < now.getTime() ? 'امروز، گذشته' : 'امروز';
  return days > 0 ? `${faDigits(days)} روز مانده` : `${faDigits(-days)} روز گذشته`;
}
