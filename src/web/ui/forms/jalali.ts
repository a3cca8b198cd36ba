import { gregorianDayToJalali, parseJalaliDate, toPersianDigits } from '../../../calendar/jalali.js';

/** `2026-11-24` ↔ `۱۴۰۵/۰۹/۰۳`: the ISO calendar date a form stores, and the Jalali date people type. */

const pad = (n: number) => String(n).padStart(2, '0');

export function isoToJalaliText(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  const { jy, jm, jd } = gregorianDayToJalali(iso);
  return toPersianDigits(`${jy}/${pad(jm)}/${pad(jd)}`);
}

/** Reads `۱۴۰۵/۹/۳`, `1405-09-03` and the like (the calendar's own parser); undefined when it is not a Jalali date. */
export function jalaliTextToIso(text: string): string | undefined {
  try {
    return parseJalaliDate(text);
  } catch {
    return undefined;
  }
}

export function isoOfLocalDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function localDateOfIso(iso: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : undefined;
}

/** Iran has kept +03:30 all year since 2022, so a Tehran wall time has one offset. */
export const TEHRAN_OFFSET = '+03:30';
