import type { Knex } from 'knex';
import { rolesOfMany, type RoleName } from './role-grants.js';

/** A staff member as the administration page shows them. Never the password hash. */
export interface StaffView {
  readonly id: number;
  readonly username: string;
  readonly fullNameFa: string;
  readonly email: string | null;
  readonly mobile: string | null;
  /** The primary unit (else the first unit) the member belongs to. */
  readonly unit: { readonly id: number; readonly code: string; readonly nameFa: string } | null;
  readonly roles: RoleName[];
  readonly active: boolean;
  /** Set while sign-in is locked after repeated failures; null otherwise. */
  readonly lockedUntil: string | null;
  /** Failed sign-ins in a row since the last success or lock-out. */
  readonly failedSignIns: number;
  readonly hasPassword: boolean;
  /** The newest successful sign-in, from the audit trail; null when there was none. */
  readonly lastSignInAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A row of the administration's staff query. */
export interface StaffRow {
  id: number;
  username: string;
  full_name_fa: string;
  email: string | null;
  mobile: string | null;
  is_active: boolean;
  locked_until: Date | null;
  failed_sign_ins: number;
  has_password: boolean;
  created_at: Date;
  updated_at: Date;
  unit_id: number | null;
  unit_code: string | null;
  unit_name_fa: string | null;
}

function staffRows(db: Knex | Knex.Transaction): Knex.QueryBuilder {
  return db('staff as s')
    .joinRaw(
      `left join lateral (
         select su.unit_id from staff_units su where su.staff_id = s.id
          order by su.is_primary desc, su.unit_id limit 1
       ) as pu on true`,
    )
    .leftJoin('units as u', 'u.id', 'pu.unit_id')
    .select(
      's.id',
      's.username',
      's.full_name_fa',
      's.email',
      's.mobile',
      's.is_active',
      's.locked_until',
      's.failed_sign_ins',
      db.raw('s.password_hash is not null as has_password'),
      's.created_at',
      's.updated_at',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name_fa as unit_name_fa',
    );
}

/** Newest `staff.signed-in` event per staff id. */
async function lastSignIns(db: Knex | Knex.Transaction, ids: readonly number[]): Promise<Map<number, Date>> {
  const rows = (await db('audit_events')
    .where({ entity_type: 'staff', action: 'staff.signed-in' })
    .whereIn('entity_id', ids.map(String))
    .groupBy('entity_id')
    .select('entity_id', db.raw('max(occurred_at) as at'))) as { entity_id: string; at: Date }[];
  return new Map(rows.map((r) => [Number(r.entity_id), r.at]));
}

async function toViews(
  db: Knex | Knex.Transaction,
  rows: readonly StaffRow[],
  now: Date,
): Promise<StaffView[]> {
  const ids = rows.map((r) => r.id);
  const [roles, signIns] = await Promise.all([rolesOfMany(db, ids), lastSignIns(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    fullNameFa: r.full_name_fa,
    email: r.email,
    mobile: r.mobile,
    unit: r.unit_id === null ? null : { id: r.unit_id, code: r.unit_code!, nameFa: r.unit_name_fa! },
    roles: roles.get(r.id) ?? [],
    active: r.is_active,
    lockedUntil: r.locked_until && r.locked_until > now ? r.locked_until.toISOString() : null,
    failedSignIns: r.failed_sign_ins,
    hasPassword: r.has_password,
    lastSignInAt: signIns.get(r.id)?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** Every staff member, by username. */
export async function listStaff(db: Knex, now: Date = new Date()): Promise<StaffView[]> {
  return toViews(db, (await staffRows(db).orderBy('s.username')) as StaffRow[], now);
}

/** One staff member, or undefined. */
export async function staffView(
  db: Knex | Knex.Transaction,
  id: number,
  now: Date = new Date(),
): Promise<StaffView | undefined> {
  const rows = (await staffRows(db).where('s.id', id)) as StaffRow[];
  return (await toViews(db, rows, now))[0];
}
