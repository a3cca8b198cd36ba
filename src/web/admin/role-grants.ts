import type { Knex } from 'knex';
import { ROLES, unitManagerGroup, type Role } from '../../domain/roles.js';
import { invalidValues, type FieldProblem } from './validation.js';

/**
 * Roles as the administration API writes them: the glossary's role ids (`mcc-expert`, …), with a
 * unit manager's role naming its unit as the candidate group does (`unit-manager:legal`).
 */
export type RoleName = string;

/** One row of staff_roles. */
export interface RoleGrant {
  readonly role: Role;
  readonly unitId: number | null;
}

/** The roles an administrator can give, with their Persian labels; `perUnit` roles name a unit. */
export function roleCatalogue(): { id: Role; labelFa: string; perUnit: boolean }[] {
  return (Object.entries(ROLES) as [Role, string][]).map(([id, labelFa]) => ({
    id,
    labelFa,
    perUnit: id === 'unit-manager',
  }));
}

function isRole(value: string): value is Role {
  return Object.hasOwn(ROLES, value);
}

/**
 * The grants named by `names`. A plain `unit-manager` means the manager of the staff member's own
 * unit (`ownUnitId`). Unknown roles, unknown or inactive units and a unit manager without a unit are
 * reported per entry as `roles[i]`.
 */
export async function resolveRoles(
  db: Knex | Knex.Transaction,
  names: readonly RoleName[],
  ownUnitId: number | null,
): Promise<RoleGrant[]> {
  const units = (await db('units').select('id', 'code', 'is_active')) as {
    id: number;
    code: string;
    is_active: boolean;
  }[];
  const problems: FieldProblem[] = [];
  const grants = new Map<string, RoleGrant>();
  names.forEach((name, i) => {
    const problem = (message: string) => problems.push({ field: `roles[${i}]`, message });
    const [role, unitCode, ...rest] = name.split(':');
    if (!role || !isRole(role) || rest.length > 0) return problem('این نقش شناخته نیست');
    if (role !== 'unit-manager') {
      if (unitCode !== undefined) return problem('این نقش واحد نمی‌گیرد');
      grants.set(role, { role, unitId: null });
      return;
    }
    const unit =
      unitCode === undefined ? units.find((u) => u.id === ownUnitId) : units.find((u) => u.code === unitCode);
    if (!unit)
      return problem(
        unitCode === undefined ? 'برای مدیر واحد، واحد کاربر را تعیین کنید' : 'واحدی با این کد پیدا نشد',
      );
    if (!unit.is_active) return problem('این واحد غیرفعال است');
    grants.set(`${role}:${unit.id}`, { role, unitId: unit.id });
  });
  if (problems.length > 0) throw invalidValues(problems);
  return [...grants.values()];
}

/** The roles of a staff member, as the API writes them, sorted. */
export async function rolesOf(db: Knex | Knex.Transaction, staffId: number): Promise<RoleName[]> {
  return rolesOfMany(db, [staffId]).then((byStaff) => byStaff.get(staffId) ?? []);
}

/** The roles of several staff members, by id. */
export async function rolesOfMany(
  db: Knex | Knex.Transaction,
  staffIds: readonly number[],
): Promise<Map<number, RoleName[]>> {
  const rows = (await db('staff_roles as r')
    .leftJoin('units as u', 'u.id', 'r.unit_id')
    .whereIn('r.staff_id', staffIds)
    .select('r.staff_id', 'r.role', 'u.code')) as { staff_id: number; role: Role; code: string | null }[];
  const byStaff = new Map<number, RoleName[]>();
  for (const r of rows) {
    const name = r.code === null ? r.role : unitManagerGroup(r.code);
    byStaff.set(r.staff_id, [...(byStaff.get(r.staff_id) ?? []), name]);
  }
  for (const names of byStaff.values()) names.sort();
  return byStaff;
}

/** Replaces a staff member's roles with `grants`; returns the unit-manager grants removed and added. */
export async function replaceRoles(
  trx: Knex.Transaction,
  staffId: number,
  grants: readonly RoleGrant[],
): Promise<{ removed: RoleGrant[]; added: RoleGrant[] }> {
  const current = (
    (await trx('staff_roles').where({ staff_id: staffId }).select('role', 'unit_id')) as {
      role: Role;
      unit_id: number | null;
    }[]
  ).map((r) => ({ role: r.role, unitId: r.unit_id }));
  const key = (g: RoleGrant) => `${g.role}:${g.unitId ?? ''}`;
  const wanted = new Set(grants.map(key));
  const held = new Set(current.map(key));
  const removed = current.filter((g) => !wanted.has(key(g)));
  const added = grants.filter((g) => !held.has(key(g)));
  for (const g of removed)
    await trx('staff_roles').where({ staff_id: staffId, role: g.role }).where('unit_id', g.unitId).delete();
  if (added.length > 0)
    await trx('staff_roles').insert(
      added.map((g) => ({ staff_id: staffId, role: g.role, unit_id: g.unitId })),
    );
  return { removed, added };
}
