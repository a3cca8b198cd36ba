/**
 * The complaint register (GET /api/complaints): the complaints the user may see, searched, filtered,
 * sorted and paged, with the option lists the filters offer.
 */
import type { Knex } from 'knex';
import { toLatinDigits } from '../../calendar/index.js';
import {
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
  SEVERITIES,
  type ComplaintChannel,
  type ComplaintKind,
  type ComplaintStatus,
  type Severity,
} from '../../domain/complaints/complaint-record.js';
import {
  CHANNEL_LABELS_FA,
  KIND_LABELS_FA,
  SEVERITY_LABELS_FA,
  STATUS_LABELS_FA,
} from '../../domain/complaints/labels.js';
import { COMPLAINT_CHANNELS } from '../../domain/complaints/register-complaint.js';
import { normaliseTrackingCode } from '../../domain/complaints/tracking-code.js';
import { visibleComplaints } from './complaint-access.js';
import { overdueSql } from './overdue.js';
import type { RegisterQuery, RegisterSort } from './register-query.js';

export interface RegisterItem {
  readonly id: number;
  readonly trackingCode: string;
  readonly subject: string;
  readonly kind: ComplaintKind;
  readonly channel: ComplaintChannel;
  readonly status: ComplaintStatus;
  readonly severity: Severity | null;
  /** The member's legal name, or the complainant's name when no member is linked. */
  readonly complainant: string | null;
  readonly unit: { readonly id: number; readonly nameFa: string } | null;
  readonly receivedAt: string;
  readonly responseDueAt: string | null;
  readonly resolutionDueAt: string | null;
  readonly overdue: boolean;
  readonly closedAt: string | null;
}

export interface Option<T> {
  readonly value: T;
  readonly labelFa: string;
}

/** What the filters of the register page offer. */
export interface RegisterFacets {
  readonly statuses: Option<ComplaintStatus>[];
  readonly severities: Option<Severity>[];
  readonly channels: Option<ComplaintChannel>[];
  readonly kinds: Option<ComplaintKind>[];
  readonly units: { readonly id: number; readonly code: string; readonly nameFa: string }[];
}

/** How the complaints the filters let through fall by status and severity, and how many are overdue. */
export interface RegisterSummary {
  readonly byStatus: (Option<ComplaintStatus> & { readonly count: number })[];
  readonly bySeverity: (Option<Severity> & { readonly count: number })[];
  readonly overdue: number;
}

export interface Register {
  readonly items: RegisterItem[];
  readonly total: number;
  readonly summary: RegisterSummary;
  readonly page: number;
  readonly pageSize: number;
  readonly facets: RegisterFacets;
}

/**
 * Text as the search compares it: Persian and Arabic-Indic digits as Latin, Arabic ي and ك as Persian ی
 * and ک, the zero-width non-joiner as a space. `fold` is the same in SQL.
 */
export function foldSearchText(text: string): string {
  return toLatinDigits(text)
    .replace(/ي/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/\u200c/g, ' ');
}
const FOLD_FROM = '۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩يك\u200c';
const FOLD_TO = '01234567890123456789یک ';
const fold = (column: string) => `translate(coalesce(${column}, ''), '${FOLD_FROM}', '${FOLD_TO}')`;
const SEARCHED = [
  'c.tracking_code',
  'c.subject',
  'c.complainant_name',
  'm.legal_name',
  'm.trade_name',
  'm.membership_no',
];

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const SEVERITY_RANK = `(case c.severity when 'critical' then 3 when 'major' then 2 when 'minor' then 1 end)`;
const SORT_SQL: Record<RegisterSort, string> = {
  receivedAt: 'c.received_at asc',
  '-receivedAt': 'c.received_at desc',
  responseDueAt: 'c.response_due_at asc nulls last',
  '-responseDueAt': 'c.response_due_at desc nulls last',
  resolutionDueAt: 'c.resolution_due_at asc nulls last',
  '-resolutionDueAt': 'c.resolution_due_at desc nulls last',
  severity: `${SEVERITY_RANK} asc nulls last`,
  '-severity': `${SEVERITY_RANK} desc nulls last`,
  trackingCode: 'c.tracking_code asc',
  '-trackingCode': 'c.tracking_code desc',
};

/** Every word of the search must be found in one of the searched fields. */
function applySearch(qb: Knex.QueryBuilder, q: string): void {
  const words = foldSearchText(q).split(/\s+/).filter(Boolean).slice(0, 10);
  for (const word of words) {
    const pattern = `%${escapeLike(word)}%`;
    const code = normaliseTrackingCode(word);
    qb.where((w) => {
      for (const column of SEARCHED) w.orWhereRaw(`${fold(column)} ilike ?`, [pattern]);
      if (code) w.orWhere('c.tracking_code', 'like', `%${escapeLike(code)}%`);
    });
  }
}

function applyFilters(db: Knex, qb: Knex.QueryBuilder, query: RegisterQuery, now: Date): void {
  if (query.q) applySearch(qb, query.q);
  if (query.statuses) qb.whereIn('c.status', query.statuses);
  if (query.severities) qb.whereIn('c.severity', query.severities);
  if (query.unitIds) qb.whereIn('c.concerned_unit_id', query.unitIds);
  if (query.channels) qb.whereIn('c.channel', query.channels);
  if (query.kinds) qb.whereIn('c.kind', query.kinds);
  if (query.from) qb.where('c.received_at', '>=', query.from);
  if (query.to) qb.where('c.received_at', '<', query.to);
  if (query.overdue !== undefined) {
    const overdue = overdueSql(db, now);
    if (query.overdue) qb.whereRaw('?', [overdue]);
    else qb.whereRaw('not ?', [overdue]);
  }
}

interface RegisterRow {
  id: number;
  tracking_code: string;
  subject: string;
  kind: ComplaintKind;
  channel: ComplaintChannel;
  status: ComplaintStatus;
  severity: Severity | null;
  complainant: string | null;
  unit_id: number | null;
  unit_name_fa: string | null;
  received_at: Date;
  response_due_at: Date | null;
  resolution_due_at: Date | null;
  overdue: boolean;
  closed_at: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const options = <T extends string>(values: readonly T[], labels: Record<T, string>): Option<T>[] =>
  values.map((value) => ({ value, labelFa: labels[value] }));

export async function registerFacets(db: Knex): Promise<RegisterFacets> {
  const units = (await db('units')
    .where({ is_active: true })
    .orderBy([{ column: 'name_fa' }, { column: 'id' }])
    .select('id', 'code', { nameFa: 'name_fa' })) as RegisterFacets['units'];
  return {
    statuses: options(COMPLAINT_STATUSES, STATUS_LABELS_FA),
    severities: options(SEVERITIES, SEVERITY_LABELS_FA),
    channels: options(COMPLAINT_CHANNELS, CHANNEL_LABELS_FA),
    kinds: options(COMPLAINT_KINDS, KIND_LABELS_FA),
    units,
  };
}

/** Counts over every complaint the query lets through (not only the page), in the order of the options. */
async function summaryOf(db: Knex, base: Knex.QueryBuilder, now: Date): Promise<RegisterSummary> {
  type Counted = { value: string; n: string | number }[];
  const [byStatus, bySeverity, overdue] = await Promise.all([
    base.clone().groupBy('c.status').select({ value: 'c.status' }).count({ n: '*' }) as Promise<Counted>,
    base
      .clone()
      .whereNotNull('c.severity')
      .groupBy('c.severity')
      .select({ value: 'c.severity' })
      .count({ n: '*' }) as Promise<Counted>,
    base
      .clone()
      .whereRaw('?', [overdueSql(db, now)])
      .count({ n: '*' })
      .first() as Promise<{ n: string | number } | undefined>,
  ]);
  const counts = <T extends string>(rows: Counted, values: readonly T[], labels: Record<T, string>) => {
    const byValue = new Map(rows.map((r) => [r.value, Number(r.n)]));
    return options(values, labels)
      .map((o) => ({ ...o, count: byValue.get(o.value) ?? 0 }))
      .filter((o) => o.count > 0);
  };
  return {
    byStatus: counts(byStatus, COMPLAINT_STATUSES, STATUS_LABELS_FA),
    bySeverity: counts(bySeverity, SEVERITIES, SEVERITY_LABELS_FA),
    overdue: Number(overdue?.n ?? 0),
  };
}

/** One page of the register as the staff member `staffId` may see it. */
export async function complaintRegister(
  db: Knex,
  staffId: number,
  query: RegisterQuery,
  now: Date = new Date(),
): Promise<Register> {
  const base = visibleComplaints(db, staffId).leftJoin('members as m', 'm.id', 'c.member_id');
  applyFilters(db, base, query, now);
  const [counted, rows, facets, summary] = await Promise.all([
    base.clone().count({ n: '*' }).first() as Promise<{ n: string | number } | undefined>,
    base
      .clone()
      .leftJoin('units as u', 'u.id', 'c.concerned_unit_id')
      .select(
        'c.id',
        'c.tracking_code',
        'c.subject',
        'c.kind',
        'c.channel',
        'c.status',
        'c.severity',
        'c.received_at',
        'c.response_due_at',
        'c.resolution_due_at',
        'c.closed_at',
        {
          complainant: db.raw('coalesce(m.legal_name, c.complainant_name)'),
          unit_id: 'u.id',
          unit_name_fa: 'u.name_fa',
          overdue: overdueSql(db, now),
        },
      )
      .orderByRaw(`${SORT_SQL[query.sort]}, c.received_at desc, c.id desc`)
      .offset((query.page - 1) * query.pageSize)
      .limit(query.pageSize) as Promise<RegisterRow[]>,
    registerFacets(db),
    summaryOf(db, base, now),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      trackingCode: r.tracking_code,
      subject: r.subject,
      kind: r.kind,
      channel: r.channel,
      status: r.status,
      severity: r.severity,
      complainant: r.complainant,
      unit: r.unit_id === null ? null : { id: r.unit_id, nameFa: r.unit_name_fa ?? '' },
      receivedAt: r.received_at.toISOString(),
      responseDueAt: iso(r.response_due_at),
      resolutionDueAt: iso(r.resolution_due_at),
      overdue: r.overdue,
      closedAt: iso(r.closed_at),
    })),
    total: Number(counted?.n ?? 0),
    summary,
    page: query.page,
    pageSize: query.pageSize,
    facets,
  };
}
