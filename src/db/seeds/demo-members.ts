/**
 * Deterministic demo members of the Isfahan Chamber of Commerce for the member database
 * (form ME-FR-03-01-01, R-MTG-02, R-MTG-03). Pure: no database access, no clock, no I/O.
 * Every value satisfies the constraints of the `members` and `member_contacts` tables
 * (migration 003_members).
 */
import { LEGAL_FORMS, PLACE_WORDS, QUALITY_WORDS, type BrandWord } from './demo-data/brands.js';
import type { CountryCode } from './demo-data/countries.js';
import { MEETING_TOPICS } from './demo-data/meeting-topics.js';
import { FAMILY_NAMES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, type Name } from './demo-data/names.js';
import {
  AREA_CODE,
  BAZAARS,
  CITIES,
  PROVINCE,
  PROVINCE_CAPITAL,
  SCIENCE_PARK,
  ZONE_STREETS,
  type City,
} from './demo-data/places.js';
import {
  COMPANY_POSITIONS,
  EXPORT_POSITIONS,
  GUILD_ASSOCIATION_POSITIONS,
  GUILD_UNIT_POSITIONS,
  MANAGING_DIRECTOR,
  TRADER_OWNER,
  TRADER_POSITIONS,
} from './demo-data/positions.js';
import { SECTORS, type Sector } from './demo-data/sectors.js';
import { createRandom, type Random } from './random.js';

export interface DemoContact {
  kind: 'landline' | 'mobile' | 'email' | 'fax';
  value: string;
  personName?: string;
  positionFa?: string;
  isPrimary: boolean;
}

export interface DemoMember {
  membershipNo: string;
  membershipValidUntil: string;
  legalName: string;
  tradeName?: string;
  memberType: 'company' | 'person' | 'guild';
  nationalId: string;
  activityFields: string[];
  productsServices: string[];
  importCountries: CountryCode[];
  exportCountries: CountryCode[];
  province: string;
  city: string;
  address: string;
  postalCode: string;
  website?: string;
  employees: number;
  specialistData: Record<string, unknown>;
  contacts: DemoContact[];
}

export type DemoMemberType = DemoMember['memberType'];

/** The seed used when none is given, so that every demo database holds the same members. */
export const DEFAULT_DEMO_SEED = 14_030_101;

/**
 * `count` demo members. The same seed always gives the same members, and a shorter list is a prefix
 * of a longer one. Membership numbers, national ids and legal names are unique within the list.
 */
export function generateDemoMembers(count: number, seed: number = DEFAULT_DEMO_SEED): DemoMember[] {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  }
  const rng = createRandom(seed);
  const taken: Taken = { membershipNos: new Set(), nationalIds: new Set(), names: new Set() };
  return Array.from({ length: count }, () => generateMember(rng, taken));
}

interface Taken {
  readonly membershipNos: Set<string>;
  readonly nationalIds: Set<string>;
  /** Legal names, and the names without their legal form, so no two differ only in the form. */
  readonly names: Set<string>;
}

/** The name of a member and what its contacts and web address are built from. */
interface Naming {
  legalName: string;
  tradeName?: string;
  /** Distinguishing part of the name, kept unique. */
  key: string;
  /** Host name under example.ir. */
  host: string;
  /** The individual trader themselves. */
  owner?: Name;
  isAssociation: boolean;
}

const MEMBER_TYPES: readonly (readonly [DemoMemberType, number])[] = [
  ['company', 76],
  ['person', 14],
  ['guild', 10],
];

const SECTORS_BY_TYPE: Record<DemoMemberType, readonly Sector[]> = {
  company: SECTORS,
  person: SECTORS.filter((s) => s.traderWords !== undefined),
  guild: SECTORS.filter((s) => s.guild !== undefined),
};

const CITY_BY_NAME = new Map(CITIES.map((c) => [c.name, c]));

const MAX_ATTEMPTS = 1000;
const DAY_MS = 86_400_000;
/** Memberships valid from 1 Dey 1405 to the end of 2028; expired ones ended between 1403 and 1405. */
const VALID_UNTIL_RANGE = [Date.UTC(2026, 11, 22), Date.UTC(2028, 11, 31)] as const;
const EXPIRED_RANGE = [Date.UTC(2024, 2, 20), Date.UTC(2026, 8, 22)] as const;
const EXPIRED_SHARE = 0.1;

/** Birth-place prefixes of national codes issued in Isfahan province. */
const NATIONAL_CODE_PREFIXES = ['127', '128', '129', '110', '111', '112', '113', '114', '619', '620'];
/** Leading digits of legal national ids (شناسه ملی) of Isfahan-registered legal persons. */
const LEGAL_ID_PREFIXES = ['10260', '10261', '10840', '10861', '14003', '14007', '14011'];
const LEGAL_ID_WEIGHTS = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17];
const MOBILE_PREFIXES = [
  '0913',
  '0913',
  '0913',
  '0913',
  '0912',
  '0919',
  '0935',
  '0936',
  '0938',
  '0939',
  '0990',
];

function generateMember(rng: Random, taken: Taken): DemoMember {
  const memberType = pickWeighted(rng, MEMBER_TYPES, ([, w]) => w)[0];
  const sector = pickWeighted(rng, SECTORS_BY_TYPE[memberType], (s) => s.weight);
  const city =
    memberType === 'person' && rng.chance(0.5)
      ? cityNamed(PROVINCE_CAPITAL)
      : rng.chance(0.55)
        ? cityNamed(rng.pick(sector.cities))
        : pickWeighted(rng, CITIES, (c) => c.weight);

  // Where the member stands among its sector's members by size (0 smallest, 1 largest).
  const size = memberType === 'company' ? rng.next() : rng.next() * 0.25;

  const naming = unique(
    taken.names,
    'legal name',
    (attempt) => nameMember(rng, memberType, sector, city, size, attempt),
    (n) => [n.key, n.legalName],
  );
  const membershipNo = unique(
    taken.membershipNos,
    'membership number',
    () => String(rng.int(10_000, 999_999)),
    (n) => [n],
  );
  const nationalId = unique(
    taken.nationalIds,
    'national id',
    () => (memberType === 'person' ? nationalCode(rng) : legalNationalId(rng)),
    (n) => [n],
  );

  const { imports, exports } = tradeCountries(rng, memberType, sector, naming.isAssociation);
  const employees = employeeCount(rng, memberType, sector, naming.isAssociation, size);
  const activityFields = naming.isAssociation
    ? [sector.field]
    : [
        sector.field,
        ...rng.sample(sector.subFields, memberType === 'company' ? rng.int(1, 2) : rng.int(0, 1)),
      ];
  if (exports.length > 0 && sector.key !== 'trade' && rng.chance(0.25)) activityFields.push('بازرگانی خارجی');
  const website = rng.chance(memberType === 'company' ? 0.75 : memberType === 'guild' ? 0.5 : 0.25)
    ? `https://www.${naming.host}`
    : undefined;

  const member: DemoMember = {
    membershipNo,
    membershipValidUntil: rng.chance(EXPIRED_SHARE)
      ? randomDay(rng, EXPIRED_RANGE)
      : randomDay(rng, VALID_UNTIL_RANGE),
    legalName: naming.legalName,
    memberType,
    nationalId,
    activityFields,
    productsServices: rng.sample(sector.products, memberType === 'company' ? rng.int(2, 5) : rng.int(1, 3)),
    importCountries: imports,
    exportCountries: exports,
    province: PROVINCE,
    city: city.name,
    address: streetAddress(rng, memberType, sector, city),
    postalCode: postalCode(rng, city),
    employees,
    specialistData: specialistData(rng, memberType, sector, naming.isAssociation, size, exports.length > 0),
    contacts: contacts(rng, memberType, city, naming, exports.length > 0),
  };
  if (naming.tradeName !== undefined) member.tradeName = naming.tradeName;
  if (website !== undefined) member.website = website;
  return member;
}

// ---------------------------------------------------------------------------------------------
// Names

function nameMember(
  rng: Random,
  type: DemoMemberType,
  sector: Sector,
  city: City,
  size: number,
  attempt: number,
): Naming {
  switch (type) {
    case 'company':
      return nameCompany(rng, sector, city, size, attempt);
    case 'person':
      return nameTrader(rng, sector, attempt);
    case 'guild':
      return nameGuild(rng, sector, city, attempt);
  }
}

function nameCompany(rng: Random, sector: Sector, city: City, size: number, attempt: number): Naming {
  const word = rng.pick(sector.companyWords);
  const brand = brandPhrase(rng, city, attempt);
  const form = pickWeighted(
    rng,
    [
      [LEGAL_FORMS.privateJointStock, 62],
      [LEGAL_FORMS.limitedLiability, 24],
      [LEGAL_FORMS.cooperative, 9],
      // Only large companies are listed (سهامی عام).
      [LEGAL_FORMS.publicJointStock, size > 0.7 ? 15 : 0],
    ] as const,
    ([, w]) => w,
  )[0];
  const core = `${word} ${brand.fa}`;
  const naming: Naming = {
    legalName: form === LEGAL_FORMS.cooperative ? `شرکت تعاونی ${core}` : `شرکت ${core} (${form})`,
    key: core,
    host: `${brand.latin}-${sector.key}.example.ir`,
    isAssociation: false,
  };
  if (rng.chance(0.5)) naming.tradeName = brand.fa;
  return naming;
}

function nameTrader(rng: Random, sector: Sector, attempt: number): Naming {
  const given = rng.pick(rng.chance(0.8) ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
  const family = rng.pick(FAMILY_NAMES);
  // Past the first attempts, add a second family name (e.g. «رضایی اصفهانی») to find a free name.
  const second = attempt >= 20 ? rng.pick(FAMILY_NAMES) : undefined;
  const familyFa = second === undefined ? family.fa : `${family.fa} ${second.fa}`;
  const familyLatin = second === undefined ? family.latin : `${family.latin}${second.latin}`;
  const owner: Name = { fa: `${given.fa} ${familyFa}`, latin: `${given.latin}.${familyLatin}` };
  const traderWords = sector.traderWords ?? [sector.field];
  const tradeBrand = rng.chance(0.6) ? familyFa : rng.pick(PLACE_WORDS).fa;
  return {
    legalName: owner.fa,
    tradeName: `${rng.pick(traderWords)} ${tradeBrand}`,
    key: owner.fa,
    host: `${familyLatin}-${sector.key}.example.ir`,
    owner,
    isAssociation: false,
  };
}

function nameGuild(rng: Random, sector: Sector, city: City, attempt: number): Naming {
  const guild = sector.guild ?? { trades: [sector.field], units: [sector.field] };
  if (attempt < 3 && rng.chance(0.3)) {
    const name = `اتحادیه صنف ${rng.pick(guild.trades)} ${city.name}`;
    return {
      legalName: name,
      key: name,
      host: `${sector.key}-guild-${city.latin}.example.ir`,
      isAssociation: true,
    };
  }
  const brand = brandPhrase(rng, city, attempt);
  const name = `${rng.pick(guild.units)} ${brand.fa}`;
  return {
    legalName: name,
    key: name,
    host: `${brand.latin}-${sector.key}.example.ir`,
    isAssociation: false,
  };
}

/** A brand such as «سپاهان», «پارس زاینده‌رود» or «نوین کاشان»; longer ones after failed attempts. */
function brandPhrase(rng: Random, city: City, attempt: number): BrandWord {
  const cityWord: BrandWord = { fa: city.name, latin: city.latin };
  const words: BrandWord[] = [];
  const shape = attempt >= 30 ? 5 : attempt >= 8 ? rng.int(2, 4) : rng.int(0, 4);
  switch (shape) {
    case 0:
      words.push(rng.pick(PLACE_WORDS));
      break;
    case 1:
      words.push(rng.pick(QUALITY_WORDS));
      break;
    case 2:
      words.push(rng.pick(QUALITY_WORDS), rng.pick(PLACE_WORDS));
      break;
    case 3:
      words.push(...rng.sample(PLACE_WORDS, 2));
      break;
    case 4:
      words.push(rng.pick(QUALITY_WORDS), cityWord);
      break;
    default:
      words.push(rng.pick(QUALITY_WORDS), rng.pick(PLACE_WORDS), cityWord);
  }
  return { fa: words.map((w) => w.fa).join(' '), latin: words.map((w) => w.latin).join('') };
}

// ---------------------------------------------------------------------------------------------
// Identifiers

/** A 10-digit national code (کد ملی) with its check digit. */
function nationalCode(rng: Random): string {
  for (;;) {
    const body = rng.pick(NATIONAL_CODE_PREFIXES) + randomDigits(rng, '0123456789', 6);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += digitAt(body, i) * (10 - i);
    const s = sum % 11;
    const code = body + String(s < 2 ? s : 11 - s);
    if (!/^(\d)\1{9}$/.test(code)) return code;
  }
}

/** An 11-digit legal national id (شناسه ملی) with its check digit. */
function legalNationalId(rng: Random): string {
  const body = rng.pick(LEGAL_ID_PREFIXES) + randomDigits(rng, '0123456789', 5);
  const d = digitAt(body, 9) + 2;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (digitAt(body, i) + d) * (LEGAL_ID_WEIGHTS[i] ?? 0);
  const s = sum % 11;
  return body + String(s === 10 ? 0 : s);
}

/** A 10-digit postal code following Iran Post's rules (no 0 or 2 in the first five digits, no 5 fifth). */
function postalCode(rng: Random, city: City): string {
  for (;;) {
    const code =
      city.postalPrefix +
      randomDigits(rng, '13456789', 2) +
      randomDigits(rng, '1346789', 1) +
      randomDigits(rng, '013456789', 5);
    if (!/^(\d)\1{3}/.test(code)) return code;
  }
}

// ---------------------------------------------------------------------------------------------
// Profile

function tradeCountries(
  rng: Random,
  type: DemoMemberType,
  sector: Sector,
  isAssociation: boolean,
): { imports: CountryCode[]; exports: CountryCode[] } {
  if (isAssociation) return { imports: [], exports: [] };
  const trader = sector.key === 'trade';
  switch (type) {
    case 'company':
      return {
        imports: rng.chance(trader ? 0.9 : 0.6) ? rng.sample(sector.imports, rng.int(1, 3)) : [],
        exports: rng.chance(trader ? 0.85 : 0.6) ? rng.sample(sector.exports, rng.int(1, 4)) : [],
      };
    case 'person':
      return {
        imports: rng.chance(trader ? 0.7 : 0.3) ? rng.sample(sector.imports, rng.int(1, 2)) : [],
        exports: rng.chance(trader ? 0.7 : 0.4) ? rng.sample(sector.exports, rng.int(1, 3)) : [],
      };
    case 'guild':
      return {
        imports: rng.chance(0.15) ? rng.sample(sector.imports, 1) : [],
        exports: rng.chance(0.2) ? rng.sample(sector.exports, rng.int(1, 2)) : [],
      };
  }
}

function employeeCount(
  rng: Random,
  type: DemoMemberType,
  sector: Sector,
  isAssociation: boolean,
  size: number,
): number {
  if (isAssociation) return rng.int(2, 12);
  if (type === 'person') return rng.int(1, 15);
  if (type === 'guild') return rng.int(1, 25);
  return Math.round(logScale(sector.employees[0], sector.employees[1], size));
}

function specialistData(
  rng: Random,
  type: DemoMemberType,
  sector: Sector,
  isAssociation: boolean,
  size: number,
  exports: boolean,
): Record<string, unknown> {
  const company = type === 'company';
  const { min, max, unit } = sector.capacity;
  const capacityScale = Math.min(1, Math.max(0, size + (rng.next() - 0.5) * 0.3));
  const capacity = roundSignificant(logScale(min, max, capacityScale), 2);
  const data: Record<string, unknown> = {
    foundedYear: company ? rng.int(1340, 1402) : rng.int(1365, 1403),
    certifications: rng.sample(sector.certifications, company ? rng.int(0, 3) : rng.int(0, 1)),
    exportShare: exports ? rng.int(5, company ? 70 : 40) / 100 : 0,
    associations: rng.sample(sector.associations, rng.int(0, 2)),
    knowledgeBased: company && rng.chance(sector.knowledgeBasedShare),
    meetingInterests: rng.sample(MEETING_TOPICS, rng.int(1, 3)),
  };
  if (isAssociation) data.guildUnits = rng.int(80, 2500);
  else data.capacity = `${persianNumber(capacity)} ${unit}`;
  return data;
}

function streetAddress(rng: Random, type: DemoMemberType, sector: Sector, city: City): string {
  const plate = (max: number): string => `پلاک ${persianNumber(rng.int(1, max))}`;
  if (type !== 'company' && sector.key === 'carpet' && city.name === PROVINCE_CAPITAL && rng.chance(0.6)) {
    return `${rng.pick(BAZAARS)}، ${plate(180)}`;
  }
  if (
    type === 'company' &&
    sector.knowledgeBasedShare >= 0.25 &&
    city.name === PROVINCE_CAPITAL &&
    rng.chance(0.3)
  ) {
    return `${SCIENCE_PARK}، ساختمان ${persianNumber(rng.int(1, 12))}، واحد ${persianNumber(rng.int(1, 40))}`;
  }
  const office = ['trade', 'it', 'tourism', 'logistics'].includes(sector.key);
  if (rng.chance(type === 'company' && !office ? 0.75 : 0.1)) {
    const street = rng.chance(0.5)
      ? `خیابان ${persianNumber(rng.int(1, 40))}`
      : `بلوار ${rng.pick(ZONE_STREETS)}`;
    const lot = rng.chance(0.5) ? `قطعه ${persianNumber(rng.int(1, 400))}` : plate(250);
    return `${rng.pick(city.industrialZones)}، ${street}، ${lot}`;
  }
  const alley = rng.chance(0.6) ? `کوچه ${persianNumber(rng.int(1, 60))}، ` : '';
  const suite = rng.chance(0.4)
    ? `، طبقه ${persianNumber(rng.int(1, 6))}، واحد ${persianNumber(rng.int(1, 20))}`
    : '';
  return `${rng.pick(city.streets)}، ${alley}${plate(300)}${suite}`;
}

// ---------------------------------------------------------------------------------------------
// Contacts

function contacts(
  rng: Random,
  type: DemoMemberType,
  city: City,
  naming: Naming,
  exports: boolean,
): DemoContact[] {
  const landline = (): string =>
    `${AREA_CODE}${rng.pick(city.phonePrefixes)}${randomDigits(rng, '0123456789', 6)}`;
  const mobile = (): string => `${rng.pick(MOBILE_PREFIXES)}${randomDigits(rng, '0123456789', 7)}`;
  const phones = distinctValues(landline, type === 'company' ? rng.int(1, 2) : rng.chance(0.3) ? 2 : 1);
  const fax = type === 'company' && rng.chance(0.35) ? distinctValues(landline, 1, phones) : [];
  const mobiles = distinctValues(mobile, rng.int(1, 2));

  const people = contactPeople(rng, type, naming, exports);
  const result: DemoContact[] = [
    ...phones.map((value): DemoContact => ({ kind: 'landline', value, isPrimary: false })),
    ...mobiles.map((value, i): DemoContact => {
      const person = people[i] ?? people[0];
      const contact: DemoContact = { kind: 'mobile', value, isPrimary: false };
      if (person !== undefined) {
        contact.personName = person.name;
        contact.positionFa = person.position;
      }
      return contact;
    }),
    ...fax.map((value): DemoContact => ({ kind: 'fax', value, isPrimary: false })),
    { kind: 'email', value: email(rng, type, naming, exports), isPrimary: false },
  ];
  // The main office line, except for an individual trader, who is reached on their own mobile.
  const primary = result.find((c) => c.kind === (type === 'person' ? 'mobile' : 'landline'));
  if (primary !== undefined) primary.isPrimary = true;
  return result;
}

function contactPeople(
  rng: Random,
  type: DemoMemberType,
  naming: Naming,
  exports: boolean,
): { name: string; position: string }[] {
  const someone = (): string => {
    const given = rng.pick(rng.chance(0.7) ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
    return `${given.fa} ${rng.pick(FAMILY_NAMES).fa}`;
  };
  if (type === 'person') {
    return [
      { name: naming.owner?.fa ?? someone(), position: TRADER_OWNER },
      { name: someone(), position: rng.pick(TRADER_POSITIONS) },
    ];
  }
  if (type === 'guild') {
    const positions = naming.isAssociation ? GUILD_ASSOCIATION_POSITIONS : GUILD_UNIT_POSITIONS;
    return rng.sample(positions, 2).map((position) => ({ name: someone(), position }));
  }
  const second = exports && rng.chance(0.6) ? rng.pick(EXPORT_POSITIONS) : rng.pick(COMPANY_POSITIONS);
  return [
    { name: someone(), position: MANAGING_DIRECTOR },
    { name: someone(), position: second },
  ];
}

function email(rng: Random, type: DemoMemberType, naming: Naming, exports: boolean): string {
  if (type === 'person' && naming.owner !== undefined && rng.chance(0.5)) {
    return `${naming.owner.latin}@${naming.host}`;
  }
  const mailbox =
    exports && rng.chance(0.3) ? 'export' : rng.pick(['info', 'info', 'office', 'sales', 'contact']);
  return `${mailbox}@${naming.host}`;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A value not yet in `taken` (checked under every key `keys` gives), which is then added to it. */
function unique<T>(
  taken: Set<string>,
  what: string,
  make: (attempt: number) => T,
  keys: (t: T) => string[],
): T {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const value = make(attempt);
    const ks = keys(value);
    if (ks.every((k) => !taken.has(k))) {
      for (const k of ks) taken.add(k);
      return value;
    }
  }
  throw new Error(`could not generate a unique ${what} in ${MAX_ATTEMPTS} attempts`);
}

function distinctValues(make: () => string, n: number, avoid: readonly string[] = []): string[] {
  const values: string[] = [];
  while (values.length < n) {
    const v = make();
    if (!values.includes(v) && !avoid.includes(v)) values.push(v);
  }
  return values;
}

function pickWeighted<T>(rng: Random, items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let r = rng.next() * total;
  for (const item of items) {
    r -= weight(item);
    if (r < 0) return item;
  }
  return rng.pick(items);
}

function cityNamed(name: string): City {
  const city = CITY_BY_NAME.get(name);
  if (city === undefined) throw new Error(`unknown city in the demo data: ${name}`);
  return city;
}

function randomDay(rng: Random, [from, to]: readonly [number, number]): string {
  const day = rng.int(0, Math.round((to - from) / DAY_MS));
  return new Date(from + day * DAY_MS).toISOString().slice(0, 10);
}

function randomDigits(rng: Random, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet.charAt(rng.int(0, alphabet.length - 1));
  return s;
}

function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

/** The point at `t` (0 to 1) between `min` and `max` on a logarithmic scale. */
function logScale(min: number, max: number, t: number): number {
  const lo = Math.log(Math.max(1, min));
  return Math.exp(lo + t * (Math.log(Math.max(1, max)) - lo));
}

function roundSignificant(x: number, digits: number): number {
  if (x < 1) return 1;
  const scale = 10 ** Math.max(0, Math.floor(Math.log10(x)) - digits + 1);
  return Math.round(x / scale) * scale;
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** An integer in Persian digits with the Persian thousands separator, e.g. «۱۲٬۵۰۰». */
function persianNumber(n: number): string {
  return String(Math.round(n))
    .replace(/\B(?=(\d{3})+(?!\d))/g, '٬')
    .replace(/\d/g, (d) => PERSIAN_DIGITS.charAt(Number(d)));
}
