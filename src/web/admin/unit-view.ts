import type { Knex } from 'knex';

/** A unit as the administration page shows it. */
export interface UnitView {
  readonly id: number;
  readonly code: string;
  readonly nameFa: string;
  readonly nameEn: string | null;
  readonly parentId: number | null;
  readonly managerStaffId: number | null;
  readonly manager: { readonly id: number; readonly username: string; readonly fullNameFa: string } | null;
  readonly active: boolean;
  /** Staff members who belong to the unit. */
  readonly staffCount: number;
  /** True once the unit is in use: its code can no longer change (see unitInUse). */
  readonly codeFixed: boolean;
  readonly createdAt: string;
}

interface UnitRow {
  id: number;
  code: string;
  name_fa: string;
  name_en: string | null;
  parent_id: number | null;
  manager_staff_id: number | null;
  manager_username: string | null;
  manager_full_name_fa: string | null;
  is_active: boolean;
  staff_count: string;
  created_at: Date;
}

/** Every column of the business schema that refers to a unit, read from the catalogue. */
async function unitReferences(db: Knex | Knex.Transaction): Promise<{ table: string; column: string }[]> {
  const result = (await db.raw(
    `select c.conrelid::regclass::text as "table", a.attname as "column"
       from pg_constraint c
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
      where c.contype = 'f' and c.confrelid = 'units'::regclass
      order by 1, 2`,
  )) as { rows: { table: string; column: string }[] };
  return result.rows;
}

/**
 * The units among `ids` that are in use. A unit's code names its managers' candidate group
 * (`unit-manager:<code>`), which BPMN user tasks and notification headers carry as text: open tasks
 * keep the name they were created with, so renaming the code would hide them from the unit's
 * manager. So a unit counts as in use once anything refers to it (a manager, a member of staff, a
 * role, a call, a complaint, a child unit …) and its code is fixed from then on.
 */
export async function unitsInUse(db: Knex | Knex.Transaction, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const references = await unitReferences(db);
  const checks = [
    'u.manager_staff_id is not null',
    ...references.map(
      (r) => `exists (select 1 from ${quoteName(r.table)} x where x.${quoteName(r.column)} = u.id)`,
    ),
  ];
  const rows = (
    (await db.raw(`select u.id from units u where u.id = any (?) and (${checks.join(' or ')})`, [
      [...ids],
    ])) as { rows: { id: number }[] }
  ).rows;
  return new Set(rows.map((r) => r.id));
}

/** A catalogue name (possibly schema-qualified) quoted as an identifier. */
function quoteName(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replace(/^"|"$/g, '').replace(/"/g, '""')}"`)
    .join('.');
}

function unitRows(db: Knex | Knex.Transaction): Knex.QueryBuilder {
  return db('units as u')
    .leftJoin('staff as m', 'm.id', 'u.manager_staff_id')
    .select(
      'u.id',
      'u.code',
      'u.name_fa',
      'u.name_en',
      'u.parent_id',
      'u.manager_staff_id',
      'm.username as manager_username',
      'm.full_name_fa as manager_full_name_fa',
      'u.is_active',
      'u.created_at',
      db.raw('(select count(*) from staff_units su where su.unit_id = u.id) as staff_count'),
    );
}

async function toViews(db: Knex | Knex.Transaction, rows: readonly UnitRow[]): Promise<UnitView[]> {
  const inUse = await unitsInUse(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameFa: r.name_fa,
    nameEn: r.name_en,
    parentId: r.parent_id,
    managerStaffId: r.manager_staff_id,
    manager:
      r.manager_staff_id === null
        ? null
        : { id: r.manager_staff_id, username: r.manager_username!, fullNameFa: r.manager_full_name_fa! },
    active: r.is_active,
    staffCount: Number(r.staff_count),
    codeFixed: inUse.has(r.id),
    createdAt: r.created_at.toISOString(),
  }));
}

/** Every unit, by code. */
export async function listUnits(db: Knex): Promise<UnitView[]> {
  return toViews(db, (await unitRows(db).orderBy('u.code')) as UnitRow[]);
}

/** One unit, or undefined. */
export async function unitView(db: Knex | Knex.Transaction, id: number): Promise<UnitView | undefined> {
  return (await toViews(db, (await unitRows(db).where('u.id', id)) as UnitRow[]))[0];
}
