import { toGregorian, toJalaali, isValidJalaaliDate } from 'jalaali-js';
import { faDigits, latinDigits } from '../format.js';

/** `2026-11-24` ↔ `۱۴۰۵/۰۹/۰۳`: the ISO calendar date a form stores, and the Jalali date people type. */

const pad = (n: number) => String(n).padStart(2, '0');

export function isoToJalaliText(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return '';
  const { jy, jm, jd } = toJalaali(Number(match[1]), Number(match[2]), Number(match[3]));
  return faDigits(`${jy}/${pad(jm)}/${pad(jd)}`);
}

/** Reads `۱۴۰۵/۹/۳`, `1405-09-03` and the like; undefined when it is not a Jalali date. */
export function jalaliTextToIso(text: string): string | undefined {
  const match = /^\s*(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*$/.exec(latinDigits(text));
  if (!match) return undefined;
  const [jy, jm, jd] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isValidJalaaliDate(jy, jm, jd)) return undefined;
  const { gy, gm, gd } = toGregorian(jy, jm, jd);
  return `${gy}-${pad(gm)}-${pad(gd)}`;
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
