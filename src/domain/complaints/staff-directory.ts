import type { Knex } from 'knex';
import type { Role } from '../roles.js';

/** A member of staff as the workers need them: who, and how to reach them. */
export interface StaffMember {
  readonly id: number;
  readonly username: string;
  readonly fullNameFa: string;
  readonly email: string | null;
  readonly mobile: string | null;
  readonly isActive: boolean;
}

interface StaffRow {
  id: number;
  username: string;
  full_name_fa: string;
  email: string | null;
  mobile: string | null;
  is_active: boolean;
}

const COLUMNS = [
  'staff.id',
  'staff.username',
  'staff.full_name_fa',
  'staff.email',
  'staff.mobile',
  'staff.is_active',
];

function toStaff(r: StaffRow): StaffMember {
  return {
    id: r.id,
    username: r.username,
    fullNameFa: r.full_name_fa,
    email: r.email,
    mobile: r.mobile,
    isActive: r.is_active,
  };
}

export async function staffByUsername(
  db: Knex | Knex.Transaction,
  username: string,
): Promise<StaffMember | undefined> {
  const row = (await db('staff').where({ username }).first(COLUMNS)) as StaffRow | undefined;
  return row && toStaff(row);
}

export async function staffById(db: Knex | Knex.Transaction, id: number): Promise<StaffMember | undefined> {
  const row = (await db('staff').where({ id }).first(COLUMNS)) as StaffRow | undefined;
  return row && toStaff(row);
}

/** Staff with these ids, in the order of `ids`; unknown ids are left out. */
export async function staffByIds(
  db: Knex | Knex.Transaction,
  ids: readonly number[],
): Promise<StaffMember[]> {
  if (ids.length === 0) return [];
  const rows = (await db('staff').whereIn('id', ids).select(COLUMNS)) as StaffRow[];
  const byId = new Map(rows.map((r) => [r.id, toStaff(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Active staff holding `role` (any unit), in a stable order. */
export async function activeStaffWithRole(db: Knex | Knex.Transaction, role: Role): Promise<StaffMember[]> {
  const rows = (await db('staff')
    .join('staff_roles', 'staff_roles.staff_id', 'staff.id')
    .where({ 'staff_roles.role': role, 'staff.is_active': true })
    .distinct(COLUMNS)
    .orderBy('staff.id')) as StaffRow[];
  return rows.map(toStaff);
}

/**
 * The Secretary General, who is accountable for every complaint (R-CMP-13); the SG's
 * representative when no active SG is on record.
 */
export async function secretaryGeneral(db: Knex | Knex.Transaction): Promise<StaffMember[]> {
  const sg = await activeStaffWithRole(db, 'secretary-general');
  return sg.length > 0 ? sg : activeStaffWithRole(db, 'sg-representative');
}

/** The manager of a unit: `units.manager_staff_id`, or whoever holds `unit-manager` for it. */
export async function managersOfUnit(db: Knex | Knex.Transaction, unitId: number): Promise<StaffMember[]> {
  const unit = (await db('units').where({ id: unitId }).first('manager_staff_id')) as
    { manager_staff_id: number | null } | undefined;
  const byRole = (await db('staff_roles')
    .where({ role: 'unit-manager', unit_id: unitId })
    .select('staff_id')) as {
    staff_id: number;
  }[];
  const ids = [
    ...new Set([
      ...(unit?.manager_staff_id ? [unit.manager_staff_id] : []),
      ...byRole.map((r) => r.staff_id),
    ]),
  ];
  return (await staffByIds(db, ids)).filter((s) => s.isActive);
}

/** The unit a member of staff belongs to first (their primary unit, else any). */
export async function primaryUnitOf(
  db: Knex | Knex.Transaction,
  staffId: number,
): Promise<{ id: number; nameFa: string } | undefined> {
  const row = (await db('staff_units')
    .join('units', 'units.id', 'staff_units.unit_id')
    .where({ 'staff_units.staff_id': staffId })
    .orderBy([{ column: 'staff_units.is_primary', order: 'desc' }, { column: 'units.id' }])
    .first('units.id', 'units.name_fa')) as { id: number; name_fa: string } | undefined;
  return row && { id: row.id, nameFa: row.name_fa };
}

/** The Persian name of a unit. */
export async function unitName(db: Knex | Knex.Transaction, unitId: number): Promise<string | undefined> {
  const row = (await db('units').where({ id: unitId }).first('name_fa')) as { name_fa: string } | undefined;
  return row?.name_fa;
}

/**
 * Active staff named by BPMN-style recipients: candidate groups (`mcc-manager`,
 * `unit-manager:legal`) or single users (`user:sg`). Each person once.
 */
export async function staffForRecipients(
  db: Knex | Knex.Transaction,
  recipients: readonly string[],
): Promise<StaffMember[]> {
  const usernames = recipients.filter((r) => r.startsWith('user:')).map((r) => r.slice('user:'.length));
  const groups = recipients.filter((r) => !r.startsWith('user:'));
  const rows = (await db('staff')
    .where('staff.is_active', true)
    .where((q) => {
      q.whereIn('staff.username', usernames).orWhereIn(
        'staff.id',
        db('staff_candidate_groups').whereIn('group_id', groups).select('staff_id'),
      );
    })
    .orderBy('staff.id')
    .select(COLUMNS)) as StaffRow[];
  return rows.map(toStaff);
}

/** Staff members' Persian names by username, in one query. */
export async function staffNamesOf(
  db: Knex | Knex.Transaction,
  usernames: readonly string[],
): Promise<Map<string, string>> {
  if (usernames.length === 0) return new Map();
  const rows = (await db('staff').whereIn('username', usernames).select('username', 'full_name_fa')) as {
    username: string;
    full_name_fa: string;
  }[];
  return new Map(rows.map((r) => [r.username, r.full_name_fa]));
}
