import { toLatinDigits } from '../calendar/index.js';
import { NotificationInputError } from './errors.js';

const MOBILE = /^09\d{9}$/;

/**
 * An Iranian mobile number in its national form `09xxxxxxxxx`. Accepts Persian or Arabic-Indic
 * digits, spaces, dashes, dots and parentheses, and the prefixes `+98`, `0098`, `98` or none
 * (`912…`). Throws NotificationInputError naming `field` for anything else, landlines included.
 */
export function normaliseIranianMobile(input: string, field = 'to'): string {
  const compact = toLatinDigits(String(input).trim()).replace(/[\s\-.()\u200c\u200e\u200f]/g, '');
  let national: string;
  if (compact.startsWith('+98')) national = '0' + compact.slice(3);
  else if (compact.startsWith('0098')) national = '0' + compact.slice(4);
  else if (compact.startsWith('98') && compact.length === 12) national = '0' + compact.slice(2);
  else if (compact.startsWith('9') && compact.length === 10) national = '0' + compact;
  else national = compact;
  if (!MOBILE.test(national)) {
    throw new NotificationInputError([
      {
        field,
        message: `${JSON.stringify(input)} is not an Iranian mobile number (expected 09xxxxxxxxx or +989xxxxxxxxx)`,
      },
    ]);
  }
  return national;
}

/** `09121234567` → `+989121234567`. */
export function internationalMobile(national: string): string {
  return '+98' + normaliseIranianMobile(national).slice(1);
}

/** `09121234567` → `0912***4567`: enough to tell messages apart in logs, not enough to call. */
export function maskMobile(national: string): string {
  return national.length === 11 ? `${national.slice(0, 4)}***${national.slice(7)}` : '***';
}
