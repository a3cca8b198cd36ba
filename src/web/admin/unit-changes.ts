import type { Response } from 'express';
import type { Knex } from 'knex';
import { appendAuditEvent } from '../../audit/audit-trail.js';
import { unitManagerGroup } from '../../domain/roles.js';
import { HttpError } from '../http-error.js';
import { asAdministrator, changedColumns } from './administration.js';
import type { NewUnit, UnitChanges } from './unit-input.js';
import { moveUnitManager } from './unit-managers.js';
import { unitsInUse, unitView, type UnitView } from './unit-view.js';
import { invalidValues } from './validation.js';

export const UNIT_NOT_FOUND = () => new HttpError(404, 'unit-not-found', 'No such unit.');

interface UnitRow {
  id: number;
  code: string;
  name_fa: string;
  name_en: string | null;
  manager_staff_id: number | null;
  is_active: boolean;
}

/** 400 on `managerStaffId` unless it names an active staff member. */
async function checkManager(trx: Knex.Transaction, staffId: number): Promise<void> {
  const staff = (await trx('staff').where({ id: staffId }).first('is_active')) as
    { is_active: boolean } | undefined;
  if (!staff) throw invalidValues([{ field: 'managerStaffId', message: 'کارمندی با این شناسه پیدا نشد' }]);
  if (!staff.is_active)
    throw invalidValues([{ field: 'managerStaffId', message: 'حساب این کارمند غیرفعال است' }]);
}

/** Creates a unit; its manager, if named, gets the unit's `unit-manager` role. Audited as `unit.created`. */
export async function createUnit(db: Knex, res: Response, input: NewUnit): Promise<UnitView> {
  return asAdministrator(db, res, async (trx, admin) => {
    const managerId = input.managerStaffId ?? null;
    if (managerId !== null) await checkManager(trx, managerId);
    const [row] = (await trx('units')
      .insert({
        code: input.code,
        name_fa: input.nameFa,
        name_en: input.nameEn ?? null,
        is_active: input.active,
      })
      .returning('id')) as { id: number }[];
    const id = row!.id;
    await appendAuditEvent(trx, {
      actor: admin.actor,
      action: 'unit.created',
      entityType: 'unit',
      entityId: id,
      after: {
        code: input.code,
        nameFa: input.nameFa,
        nameEn: input.nameEn ?? null,
        managerStaffId: managerId,
        active: input.active,
      },
    });
    await moveUnitManager(trx, admin, id, null, managerId);
    return (await unitView(trx, id))!;
  });
}

/**
 * Changes a unit's code, names, manager and active flag; audited as `unit.updated`. The code of a
 * unit in use cannot change (409 `unit-code-fixed`): it names the unit managers' candidate group in
 * tasks already created.
 */
export async function updateUnit(
  db: Knex,
  res: Response,
  id: number,
  changes: UnitChanges,
): Promise<UnitView> {
  return asAdministrator(db, res, async (trx, admin) => {
    const row = (await trx('units')
      .where({ id })
      .forUpdate()
      .first('id', 'code', 'name_fa', 'name_en', 'manager_staff_id', 'is_active')) as UnitRow | undefined;
    if (!row) throw UNIT_NOT_FOUND();

    if (changes.code !== undefined && changes.code !== row.code && (await unitsInUse(trx, [id])).has(id))
      throw new HttpError(
        409,
        'unit-code-fixed',
        `The code of a unit in use cannot change: open tasks and process diagrams name its managers' ` +
          `candidate group ${unitManagerGroup(row.code)}, and would no longer reach them under a new code. ` +
          'Create a new unit instead, and deactivate this one when its work is done.',
        {},
        {
          fields: [
            {
              field: 'code',
              message:
                `کد واحدی که به کار رفته است تغییر نمی‌کند: کارهای باز و فرایندها گروه ` +
                `${unitManagerGroup(row.code)} را به همین نام می‌شناسند`,
            },
          ],
        },
      );
    const managerId = changes.managerStaffId === undefined ? row.manager_staff_id : changes.managerStaffId;
    if (managerId !== row.manager_staff_id && managerId !== null) await checkManager(trx, managerId);

    const fields = {
      code: [row.code, changes.code, 'code'],
      nameFa: [row.name_fa, changes.nameFa, 'name_fa'],
      nameEn: [row.name_en, changes.nameEn, 'name_en'],
      active: [row.is_active, changes.active, 'is_active'],
    } as const;
    const { before, after, update } = changedColumns(fields);
    if (managerId !== row.manager_staff_id) {
      before.managerStaffId = row.manager_staff_id;
      after.managerStaffId = managerId;
    }
    if (Object.keys(update).length > 0) await trx('units').where({ id }).update(update);
    if (Object.keys(after).length > 0)
      await appendAuditEvent(trx, {
        actor: admin.actor,
        action: 'unit.updated',
        entityType: 'unit',
        entityId: id,
        before,
        after,
      });
    await moveUnitManager(trx, admin, id, row.manager_staff_id, managerId);
    return (await unitView(trx, id))!;
  });
}
