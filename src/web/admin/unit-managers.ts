import type { Knex } from 'knex';
import { appendAuditEvent } from '../../audit/audit-trail.js';
import type { Administrator } from './administration.js';
import { rolesOf, type RoleGrant } from './role-grants.js';

/*
 * A unit's manager is recorded twice: `units.manager_staff_id` (who is told about the unit's cases)
 * and the `unit-manager` role for the unit (the candidate group `unit-manager:<code>` of the inbox).
 * Administration keeps the two together, so a manager named on the unit also gets the unit's tasks
 * and a manager whose role is taken away is no longer named on the unit.
 */

/**
 * Names `managerId` (or nobody) as the manager of a unit: the previous manager loses the unit's
 * `unit-manager` role, the new one gets it; each change of roles is audited.
 */
export async function moveUnitManager(
  trx: Knex.Transaction,
  admin: Administrator,
  unitId: number,
  previousId: number | null,
  managerId: number | null,
): Promise<void> {
  if (previousId === managerId) return;
  await trx('units').where({ id: unitId }).update({ manager_staff_id: managerId });
  if (previousId !== null) {
    await changeRoles(trx, admin, previousId, () =>
      trx('staff_roles').where({ staff_id: previousId, role: 'unit-manager', unit_id: unitId }).delete(),
    );
  }
  if (managerId !== null) {
    await changeRoles(trx, admin, managerId, () =>
      trx('staff_roles')
        .insert({ staff_id: managerId, role: 'unit-manager', unit_id: unitId })
        .onConflict()
        .ignore(),
    );
  }
}

/** Runs `change` on a staff member's roles and audits `staff.roles-changed` when the set differs after it. */
export async function changeRoles<T>(
  trx: Knex.Transaction,
  admin: Administrator,
  staffId: number,
  change: () => Promise<T>,
): Promise<T> {
  const before = await rolesOf(trx, staffId);
  const result = await change();
  const after = await rolesOf(trx, staffId);
  if (before.join() !== after.join())
    await appendAuditEvent(trx, {
      actor: admin.actor,
      action: 'staff.roles-changed',
      entityType: 'staff',
      entityId: staffId,
      before: { roles: before },
      after: { roles: after },
    });
  return result;
}

/**
 * After a staff member's `unit-manager` roles changed: a unit they no longer manage stops naming
 * them, and a unit with no manager on record names its new one. Each unit changed is audited.
 */
export async function followRoleChanges(
  trx: Knex.Transaction,
  admin: Administrator,
  staffId: number,
  change: { removed: readonly RoleGrant[]; added: readonly RoleGrant[] },
): Promise<void> {
  const unitIds = (grants: readonly RoleGrant[]) =>
    grants.flatMap((g) => (g.role === 'unit-manager' && g.unitId !== null ? [g.unitId] : []));
  const cleared = (await trx('units')
    .whereIn('id', unitIds(change.removed))
    .where({ manager_staff_id: staffId })
    .update({ manager_staff_id: null })
    .returning('id')) as { id: number }[];
  const named = (await trx('units')
    .whereIn('id', unitIds(change.added))
    .whereNull('manager_staff_id')
    .update({ manager_staff_id: staffId })
    .returning('id')) as { id: number }[];
  for (const [rows, before, after] of [
    [cleared, staffId, null],
    [named, null, staffId],
  ] as const) {
    for (const { id } of rows)
      await appendAuditEvent(trx, {
        actor: admin.actor,
        action: 'unit.updated',
        entityType: 'unit',
        entityId: id,
        before: { managerStaffId: before },
        after: { managerStaffId: after },
      });
  }
}
