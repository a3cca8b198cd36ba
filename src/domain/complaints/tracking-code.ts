import { randomInt } from 'node:crypto';
import { jalaliDateTimeOf, toLatinDigits } from '../../calendar/index.js';

/**
 * Letters and digits that cannot be mistaken for one another when read out on the phone or typed
 * from a printout: no 0/O, 1/I/L, 5/S, 8/B, 2/Z, U/V.
 */
export const TRACKING_CODE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';

/** Random characters after the year; 23^8 ≈ 7.8·10^10 codes a year, so a code cannot be guessed. */
export const TRACKING_CODE_RANDOM_LENGTH = 8;

/** What the database accepts (`complaints__tracking_code__format`). */
export const TRACKING_CODE_PATTERN = /^[A-Z0-9-]{6,32}$/;

/**
 * A new tracking code, e.g. `C1405-7K3M9QXA`: `C`, the Jalali year of receipt, a dash and random
 * characters from a cryptographic source (uniform: `randomInt` has no modulo bias).
 */
export function generateTrackingCode(receivedAt: Date): string {
  let random = '';
  for (let i = 0; i < TRACKING_CODE_RANDOM_LENGTH; i++) {
    random += TRACKING_CODE_ALPHABET[randomInt(TRACKING_CODE_ALPHABET.length)];
  }
  return `C${jalaliDateTimeOf(receivedAt).jy}-${random}`;
}

/** A code as a person typed it: trimmed, upper-case, Persian or Arabic-Indic digits and spaces tolerated. */
export function normaliseTrackingCode(input: string): string {
  return toLatinDigits(input).trim().replace(/[\s_]/g, '').toUpperCase();
}
