/**
 * Display helpers for the templates (R-X-01): Jalali dates on the Asia/Tehran wall clock and
 * Persian digits. Templates print only what these give them; they never format a date themselves.
 */
import { formatJalaliLong, jalaliDateTimeOf, toPersianDigits } from '../../calendar/index.js';

/** Latin digits → Persian digits; the rest is left as it is. */
export const fa = (value: string | number): string => toPersianDigits(value);

/** '۱۲ خرداد ۱۴۰۴'. */
export function faDate(date: Date): string {
  return formatJalaliLong(date);
}

/** 'دوشنبه ۱۲ خرداد ۱۴۰۴'. */
export function faDateWithWeekday(date: Date): string {
  return formatJalaliLong(date, { weekday: true });
}

/** '۰۹:۳۰' (24-hour clock, Tehran). */
export function faTime(date: Date): string {
  const t = jalaliDateTimeOf(date);
  return fa(`${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`);
}

/** '۱۲ خرداد ۱۴۰۴، ساعت ۰۹:۳۰'. */
export function faDateTime(date: Date): string {
  return `${faDate(date)}، ساعت ${faTime(date)}`;
}

/** '۱. …', '۲. …': list numbers that read the same in every mail client. */
export function numbered(items: readonly string[]): { readonly number: string; readonly text: string }[] {
  return items.map((text, i) => ({ number: fa(i + 1), text }));
}

/** Text with blank lines between paragraphs → the paragraphs. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
