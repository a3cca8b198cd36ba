import { describe, expect, it } from '@jest/globals';
import { COUNTRIES } from '../../../src/db/seeds/demo-data/countries.js';
import { CITIES, PROVINCE } from '../../../src/db/seeds/demo-data/places.js';
import { SECTORS } from '../../../src/db/seeds/demo-data/sectors.js';
import * as brands from '../../../src/db/seeds/demo-data/brands.js';
import * as meetingTopics from '../../../src/db/seeds/demo-data/meeting-topics.js';
import * as names from '../../../src/db/seeds/demo-data/names.js';
import * as places from '../../../src/db/seeds/demo-data/places.js';
import * as positions from '../../../src/db/seeds/demo-data/positions.js';
import {
  DEFAULT_DEMO_SEED,
  generateDemoMembers,
  type DemoMember,
} from '../../../src/db/seeds/demo-members.js';
import { createRandom } from '../../../src/db/seeds/random.js';

// The check constraints of src/db/migrations/003_members.ts, copied.
const MEMBERSHIP_NO = /^[0-9]{4,12}$/;
const PERSON_NATIONAL_ID = /^[0-9]{10}$/;
const OTHER_NATIONAL_ID = /^[0-9]{10,11}$/;
const COUNTRY_LIST = /^([A-Z]{2}(,[A-Z]{2})*)?$/;
const POSTAL_CODE = /^[0-9]{10}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const MOBILE = /^09[0-9]{9}$/;
const LANDLINE_OR_FAX = /^0[1-8][0-9]{9}$/;
const MEMBER_TYPES = ['company', 'person', 'guild'];
const CONTACT_KINDS = ['landline', 'mobile', 'email', 'fax'];

/** Persian letters and digits, the zero-width non-joiner, spaces, the Persian comma and parentheses. */
const PERSIAN_TEXT = /^[\u0600-\u06FF\u200c ()]+$/;
const ARABIC_YEH_OR_KAF = /[\u064A\u0643]/;
/** Suffixes and prefixes Persian orthography joins with a zero-width non-joiner, found detached. */
const DETACHED_AFFIX = /(^|\s)(ها|های|هایی|ای|تر|ترین)(\s|$)|(^|\s)(می|نمی)\s/;
const MISPLACED_ZWNJ = /^\u200c|\u200c$|\s\u200c|\u200c\s|\u200c\u200c/;

const SEED = 20260101;
const members = generateDemoMembers(300, SEED);

/** Iranian national code (کد ملی): 10 digits, the last a check digit over the first nine. */
function isValidNationalCode(code: string): boolean {
  if (!/^[0-9]{10}$/.test(code) || /^(\d)\1{9}$/.test(code)) return false;
  const d = [...code].map(Number);
  let sum = 0;
  for (let i = 0; i <= 8; i++) sum += (d[i] ?? NaN) * (10 - i);
  const s = sum % 11;
  return d[9] === (s < 2 ? s : 11 - s);
}

/** Legal national id (شناسه ملی): 11 digits, the last a check digit over the first ten. */
function isValidLegalNationalId(id: string): boolean {
  if (!/^[0-9]{11}$/.test(id)) return false;
  const d = [...id].map(Number);
  const weights = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17];
  const beforeCheck = d[9] ?? NaN;
  let sum = 0;
  for (let i = 0; i <= 9; i++) sum += ((d[i] ?? NaN) + beforeCheck + 2) * (weights[i] ?? NaN);
  const s = sum % 11;
  return d[10] === (s === 10 ? 0 : s);
}

function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* stringsIn(v);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) yield* stringsIn(v);
}

/** The Persian text fields of a member (specialist data may hold Latin names such as «ISO 9001»). */
function persianTexts(m: DemoMember): string[] {
  return [
    m.legalName,
    ...(m.tradeName === undefined ? [] : [m.tradeName]),
    ...m.activityFields,
    ...m.productsServices,
    m.province,
    m.city,
    m.address,
    ...m.contacts.flatMap((c) => [c.personName, c.positionFa].filter((s) => s !== undefined)),
  ];
}

function isCalendarDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

describe('demo members', () => {
  it('are deterministic: the same seed gives the same members, another seed others', () => {
    expect(generateDemoMembers(300, SEED)).toEqual(members);
    expect(generateDemoMembers(50)).toEqual(generateDemoMembers(50, DEFAULT_DEMO_SEED));
    expect(generateDemoMembers(50, SEED + 1)).not.toEqual(members.slice(0, 50));
  });

  it('a shorter list is a prefix of a longer one', () => {
    expect(generateDemoMembers(40, SEED)).toEqual(members.slice(0, 40));
  });

  it('300 members have unique legal names, membership numbers and national ids', () => {
    expect(members).toHaveLength(300);
    expect(new Set(members.map((m) => m.legalName)).size).toBe(300);
    expect(new Set(members.map((m) => m.membershipNo)).size).toBe(300);
    expect(new Set(members.map((m) => m.nationalId)).size).toBe(300);
  });

  it('so do 300 members of the default seed and 2000 of another', () => {
    for (const list of [generateDemoMembers(300), generateDemoMembers(2000, 7)]) {
      for (const field of ['legalName', 'membershipNo', 'nationalId'] as const) {
        expect(new Set(list.map((m) => m[field])).size).toBe(list.length);
      }
    }
  });

  it('satisfy every check constraint of the members table (003_members)', () => {
    for (const m of members) {
      expect(m.membershipNo).toMatch(MEMBERSHIP_NO);
      expect(m.legalName.trim()).not.toBe('');
      expect(MEMBER_TYPES).toContain(m.memberType);
      expect(m.nationalId).toMatch(m.memberType === 'person' ? PERSON_NATIONAL_ID : OTHER_NATIONAL_ID);
      expect(m.importCountries.join(',')).toMatch(COUNTRY_LIST);
      expect(m.exportCountries.join(',')).toMatch(COUNTRY_LIST);
      expect(m.postalCode).toMatch(POSTAL_CODE);
      expect(Number.isInteger(m.employees)).toBe(true);
      expect(m.employees).toBeGreaterThanOrEqual(0);
      expect(typeof m.specialistData).toBe('object');
      expect(Array.isArray(m.specialistData)).toBe(false);
      expect(JSON.parse(JSON.stringify(m.specialistData))).toEqual(m.specialistData);
      expect(isCalendarDate(m.membershipValidUntil)).toBe(true);
      for (const a of [m.activityFields, m.productsServices]) {
        expect(a.length).toBeGreaterThan(0);
        expect(new Set(a).size).toBe(a.length);
      }
    }
  });

  it('satisfy every check constraint of the member_contacts table (003_members)', () => {
    for (const m of members) {
      const seen = new Set<string>();
      for (const c of m.contacts) {
        expect(CONTACT_KINDS).toContain(c.kind);
        const format = c.kind === 'email' ? EMAIL : c.kind === 'mobile' ? MOBILE : LANDLINE_OR_FAX;
        expect(c.value).toMatch(format);
        const key = `${c.kind}:${c.value}`;
        expect(seen.has(key)).toBe(false); // unique (member_id, kind, value)
        seen.add(key);
      }
    }
  });

  it('carry national ids with valid check digits: national codes for persons, legal ids otherwise', () => {
    expect(isValidNationalCode('0499370899')).toBe(true);
    expect(isValidNationalCode('0499370898')).toBe(false);
    expect(isValidNationalCode('1111111111')).toBe(false);
    expect(isValidLegalNationalId('10260123450')).toBe(true);
    expect(isValidLegalNationalId('10260123451')).toBe(false);
    for (const m of members) {
      if (m.memberType === 'person') expect(isValidNationalCode(m.nationalId)).toBe(true);
      else expect(isValidLegalNationalId(m.nationalId)).toBe(true);
    }
  });

  it('each have exactly one primary contact, 1–2 Isfahan landlines, 1–2 mobiles and one e-mail', () => {
    for (const m of members) {
      const of = (kind: string) => m.contacts.filter((c) => c.kind === kind);
      expect(m.contacts.filter((c) => c.isPrimary)).toHaveLength(1);
      expect(of('landline').length).toBeGreaterThanOrEqual(1);
      expect(of('landline').length).toBeLessThanOrEqual(2);
      expect(of('mobile').length).toBeGreaterThanOrEqual(1);
      expect(of('mobile').length).toBeLessThanOrEqual(2);
      expect(of('email')).toHaveLength(1);
      expect(of('fax').length).toBeLessThanOrEqual(1);
      for (const c of [...of('landline'), ...of('fax')]) expect(c.value.startsWith('031')).toBe(true);
      for (const c of of('mobile')) {
        expect(c.personName).toMatch(PERSIAN_TEXT);
        expect(c.positionFa).toMatch(PERSIAN_TEXT);
      }
    }
  });

  it('use only made-up e-mail and web addresses under .ir', () => {
    for (const m of members) {
      for (const c of m.contacts.filter((c) => c.kind === 'email')) {
        expect(c.value).toMatch(/^[\x21-\x7e]+$/);
        expect(c.value).toMatch(/@[a-z0-9-]+(\.[a-z0-9-]+)*\.example\.ir$/);
      }
      if (m.website !== undefined) expect(m.website).toMatch(/^https:\/\/www\.[a-z0-9-]+\.example\.ir$/);
    }
  });

  it('write Persian with ی and ک, never the Arabic ي and ك, and join affixes with the ZWNJ', () => {
    for (const m of members) {
      for (const s of stringsIn(m)) expect(s).not.toMatch(ARABIC_YEH_OR_KAF);
      for (const s of persianTexts(m)) {
        expect(s).toMatch(PERSIAN_TEXT);
        expect(s).not.toMatch(DETACHED_AFFIX);
        expect(s).not.toMatch(MISPLACED_ZWNJ);
      }
    }
    const all = members.flatMap((m) => [...stringsIn(m)]).join('\n');
    expect(all).toContain('\u200c');
    expect(all).not.toContain('فرآورده های');
  });

  it('membership is valid into 2026–2028 for most members and expired for about a tenth', () => {
    const expired = members.filter((m) => m.membershipValidUntil < '2026-12-01');
    const valid = members.filter((m) => m.membershipValidUntil >= '2026-12-01');
    expect(expired.length / members.length).toBeGreaterThan(0.04);
    expect(expired.length / members.length).toBeLessThan(0.18);
    for (const m of expired) expect(m.membershipValidUntil >= '2024-01-01').toBe(true);
    for (const m of valid) expect(m.membershipValidUntil <= '2028-12-31').toBe(true);
  });

  it('are mostly companies, with individual traders and guilds, across Isfahan’s sectors and cities', () => {
    const count = (t: string) => members.filter((m) => m.memberType === t).length;
    expect(count('company')).toBeGreaterThan(150);
    expect(count('person')).toBeGreaterThan(10);
    expect(count('guild')).toBeGreaterThan(10);
    const fields = new Set(members.map((m) => m.activityFields[0]));
    expect(fields.size).toBeGreaterThanOrEqual(15);
    for (const f of fields) expect(SECTORS.map((s) => s.field)).toContain(f);
    const cityNames = CITIES.map((c) => c.name);
    for (const m of members) {
      expect(m.province).toBe(PROVINCE);
      expect(cityNames).toContain(m.city);
    }
    expect(new Set(members.map((m) => m.city)).size).toBeGreaterThanOrEqual(10);
    expect(members.filter((m) => m.city === 'اصفهان').length).toBeGreaterThan(60);
  });

  it('R-MTG-03 hold each field of activity, products or services, import and export countries and specialist data', () => {
    const codes = Object.keys(COUNTRIES);
    for (const m of members) {
      for (const c of [...m.importCountries, ...m.exportCountries]) expect(codes).toContain(c);
      expect(new Set(m.importCountries).size).toBe(m.importCountries.length);
      expect(new Set(m.exportCountries).size).toBe(m.exportCountries.length);
      expect(m.specialistData).toEqual(
        expect.objectContaining({
          certifications: expect.any(Array),
          associations: expect.any(Array),
          exportShare: expect.any(Number),
          meetingInterests: expect.any(Array),
        }),
      );
      expect((m.specialistData.exportShare as number) > 0).toBe(m.exportCountries.length > 0);
    }
    expect(members.filter((m) => m.importCountries.length > 0).length).toBeGreaterThan(100);
    expect(members.filter((m) => m.exportCountries.length > 0).length).toBeGreaterThan(100);
    expect(members.filter((m) => m.exportCountries.length === 0).length).toBeGreaterThan(20);
    expect(members.filter((m) => m.exportCountries.includes('IQ')).length).toBeGreaterThan(20);
  });

  it('reject a count that is not a non-negative integer', () => {
    expect(generateDemoMembers(0)).toEqual([]);
    expect(() => generateDemoMembers(-1)).toThrow(RangeError);
    expect(() => generateDemoMembers(1.5)).toThrow(RangeError);
  });
});

describe('demo data word lists', () => {
  it('name only known cities and countries', () => {
    const cityNames = CITIES.map((c) => c.name);
    const codes = Object.keys(COUNTRIES);
    for (const s of SECTORS) {
      for (const c of s.cities) expect(cityNames).toContain(c);
      for (const c of [...s.imports, ...s.exports]) expect(codes).toContain(c);
      expect(s.employees[0]).toBeLessThanOrEqual(s.employees[1]);
      expect(s.capacity.min).toBeLessThanOrEqual(s.capacity.max);
    }
    for (const c of CITIES) expect(c.postalPrefix).toMatch(/^[13-9]{2}$/);
  });

  it('contain no Arabic ي or ك and no misplaced ZWNJ', () => {
    const modules = [brands, meetingTopics, names, places, positions, { SECTORS }, { COUNTRIES }];
    const all = modules.flatMap((m) => [...stringsIn(m)]);
    expect(all.length).toBeGreaterThan(500);
    for (const s of all) {
      expect(s).not.toMatch(ARABIC_YEH_OR_KAF);
      expect(s).not.toMatch(MISPLACED_ZWNJ);
      expect(s).not.toMatch(DETACHED_AFFIX);
    }
    expect(all).toContain('فرآورده\u200cهای غذایی');
  });
});

describe('seeded random source', () => {
  it('repeats itself for the same seed and keeps to its bounds', () => {
    const a = createRandom(1);
    const b = createRandom(1);
    const xs = Array.from({ length: 1000 }, () => a.int(3, 7));
    expect(Array.from({ length: 1000 }, () => b.int(3, 7))).toEqual(xs);
    expect(new Set(xs)).toEqual(new Set([3, 4, 5, 6, 7]));
    const r = createRandom(2);
    for (let i = 0; i < 1000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
    }
    expect(r.chance(0)).toBe(false);
    expect(r.chance(1)).toBe(true);
    expect(['a', 'b']).toContain(r.pick(['a', 'b']));
    expect(() => r.pick([])).toThrow(RangeError);
    expect(() => r.int(2, 1)).toThrow(RangeError);
  });

  it('samples distinct positions', () => {
    const r = createRandom(3);
    const items = [1, 2, 3, 4, 5, 6];
    for (let i = 0; i < 100; i++) {
      const s = r.sample(items, 4);
      expect(s).toHaveLength(4);
      expect(new Set(s).size).toBe(4);
      for (const x of s) expect(items).toContain(x);
    }
    expect(r.sample(items, 10).sort()).toEqual(items);
    expect(r.sample(items, 0)).toEqual([]);
    expect(items).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
