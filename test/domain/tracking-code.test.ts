import { describe, expect, it } from '@jest/globals';
import {
  TRACKING_CODE_ALPHABET,
  TRACKING_CODE_PATTERN,
  generateTrackingCode,
  normaliseTrackingCode,
} from '../../src/domain/complaints/tracking-code.js';

describe('complaint tracking codes', () => {
  it('R-CMP-03 a tracking code names the Jalali year of receipt and fits the database format', () => {
    // 1 Farvardin 1405 = 21 March 2026 in Tehran; the evening before is still 1404.
    expect(generateTrackingCode(new Date('2026-03-21T00:30:00+03:30'))).toMatch(/^C1405-[A-Z0-9]{8}$/);
    expect(generateTrackingCode(new Date('2026-03-20T23:30:00+03:30'))).toMatch(/^C1404-/);
    expect(generateTrackingCode(new Date())).toMatch(TRACKING_CODE_PATTERN);
  });

  it('R-CMP-03 codes are random, drawn only from characters that cannot be confused', () => {
    const codes = Array.from({ length: 2000 }, () => generateTrackingCode(new Date('2026-06-03T10:00:00Z')));
    expect(new Set(codes).size).toBe(codes.length);
    const used = new Set(codes.flatMap((c) => [...c.slice(6)]));
    for (const ch of used) expect(TRACKING_CODE_ALPHABET).toContain(ch);
    for (const ambiguous of ['0', 'O', '1', 'I', 'L', '5', 'S', '8', 'B', '2', 'Z', 'U', 'V']) {
      expect(TRACKING_CODE_ALPHABET).not.toContain(ambiguous);
    }
    // Every character of the alphabet turns up: the draw is not stuck on a subset.
    expect(used.size).toBe(TRACKING_CODE_ALPHABET.length);
  });

  it('a code typed with Persian digits, spaces or lower case is read', () => {
    expect(normaliseTrackingCode(' c۱۴۰۵-7k3m 9qxa ')).toBe('C1405-7K3M9QXA');
    // Arabic keyboard layouts type Arabic-Indic digits.
    expect(normaliseTrackingCode('C١٤٠٥-7K3M9QXA')).toBe('C1405-7K3M9QXA');
  });
});
