/**
 * The query string of the complaint register (GET /api/complaints), checked with zod: a bad value is
 * a 400 problem whose `fields` name each parameter and what is wrong with it.
 */
import { z } from 'zod';
import { epochDayOf, instantOfWallClock, isCivilDay, TEHRAN, toLatinDigits } from '../../calendar/index.js';
import {
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
  SEVERITIES,
  type ComplaintChannel,
  type ComplaintKind,
  type ComplaintStatus,
  type Severity,
} from '../../domain/complaints/complaint-record.js';
import { COMPLAINT_CHANNELS } from '../../domain/complaints/register-complaint.js';
import { HttpError } from '../http-error.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

/** Sort keys; a leading `-` sorts descending. Missing dates sort last either way. */
export const REGISTER_SORTS = [
  'receivedAt',
  '-receivedAt',
  'responseDueAt',
  '-responseDueAt',
  'resolutionDueAt',
  '-resolutionDueAt',
  'severity',
  '-severity',
  'trackingCode',
  '-trackingCode',
] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

export interface RegisterQuery {
  /** Tracking code, subject, complainant or member name, membership number; digits however typed. */
  readonly q?: string;
  readonly statuses?: readonly ComplaintStatus[];
  readonly severities?: readonly Severity[];
  readonly unitIds?: readonly number[];
  readonly channels?: readonly ComplaintChannel[];
  readonly kinds?: readonly ComplaintKind[];
  readonly overdue?: boolean;
  /** Received at or after. */
  readonly from?: Date;
  /** Received before. */
  readonly to?: Date;
  readonly page: number;
  readonly pageSize: number;
  readonly sort: RegisterSort;
}

const latin = (v: unknown) => (typeof v === 'string' ? toLatinDigits(v).trim() : v);

/** `a,b` or `?x=a&x=b` (or both) → [a, b]; blank entries dropped, nothing left → undefined. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    if (v === undefined) return undefined;
    const parts = ([] as unknown[])
      .concat(v)
      .flatMap((p) => (typeof p === 'string' ? toLatinDigits(p).split(',') : [p]))
      .map((p) => (typeof p === 'string' ? p.trim() : p))
      .filter((p) => p !== '');
    return parts.length ? parts : undefined;
  }, z.array(item).max(50).optional());

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: () => `must be one of ${values.join(', ')}` });

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day (`2026-06-03`, a day in Tehran) or an instant with offset; `end` makes a day mean its end. */
const dateBound = (end: boolean) =>
  z.preprocess(
    latin,
    z
      .string()
      .refine(
        (v) => (DAY.test(v) ? isCivilDay(v) : z.iso.datetime({ offset: true }).safeParse(v).success),
        'must be an ISO date such as 2026-06-03 or a date-time with offset',
      )
      .transform((v) =>
        DAY.test(v) ? new Date(instantOfWallClock(epochDayOf(v) + (end ? 1 : 0), 0, TEHRAN)) : new Date(v),
      )
      .optional(),
  );

const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(
    latin,
    z
      .string()
      .regex(/^[0-9]{1,9}$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
      .optional()
      .transform((v) => v ?? fallback),
  );

const schema = z
  .object({
    q: z.preprocess(
      (v) => (typeof v === 'string' && v.trim() === '' ? undefined : latin(v)),
      z.string().max(200, 'must be at most 200 characters').optional(),
    ),
    status: list(oneOf(COMPLAINT_STATUSES)),
    severity: list(oneOf(SEVERITIES)),
    unitId: list(
      z
        .string()
        .regex(/^[1-9][0-9]{0,9}$/, 'must be unit ids')
        .transform(Number)
        .pipe(z.number().max(2_147_483_647, 'must be unit ids')),
    ),
    channel: list(oneOf(COMPLAINT_CHANNELS)),
    kind: list(oneOf(COMPLAINT_KINDS)),
    overdue: z.enum(['true', 'false'], { error: () => 'must be true or false' }).optional(),
    from: dateBound(false),
    to: dateBound(true),
    page: integer(1, 1_000_000, 1),
    pageSize: integer(1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
    sort: z.preprocess(latin, oneOf(REGISTER_SORTS).optional()),
  })
  .strict();

/** The register's query, or a 400 problem with `fields: [{ field, message }]`. */
export function parseRegisterQuery(params: unknown): RegisterQuery {
  const parsed = schema.safeParse(params ?? {});
  if (!parsed.success) {
    const fields = parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((field) => ({ field, message: 'is not a parameter of the register' }))
        : [{ field: String(issue.path[0] ?? '(query)'), message: issue.message }],
    );
    throw new HttpError(
      400,
      'bad-filter',
      `Bad register parameters: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
      {},
      { fields },
    );
  }
  const v = parsed.data;
  if (v.from && v.to && v.from >= v.to) {
    const fields = [{ field: 'to', message: 'must be after from' }];
    throw new HttpError(400, 'bad-filter', 'Bad register parameters: to must be after from', {}, { fields });
  }
  return {
    ...(v.q !== undefined ? { q: v.q } : {}),
    ...(v.status ? { statuses: v.status } : {}),
    ...(v.severity ? { severities: v.severity } : {}),
    ...(v.unitId ? { unitIds: v.unitId } : {}),
    ...(v.channel ? { channels: v.channel } : {}),
    ...(v.kind ? { kinds: v.kind } : {}),
    ...(v.overdue !== undefined ? { overdue: v.overdue === 'true' } : {}),
    ...(v.from ? { from: v.from } : {}),
    ...(v.to ? { to: v.to } : {}),
    page: v.page,
    pageSize: v.pageSize,
    sort: v.sort ?? '-receivedAt',
  };
}
