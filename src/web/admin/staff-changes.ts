import type { Response } from 'express';
import type { Knex } from 'knex';
import { appendAuditEvent } from '../../audit/audit-trail.js';
import { hashPassword } from '../../domain/passwords.js';
import { deleteAllSessions } from '../auth/session-store.js';
import { HttpError } from '../http-error.js';
import { asAdministrator, changedColumns, type Administrator } from './administration.js';
import { primaryUnitOf } from '../../domain/complaints/staff-directory.js';
import { replaceRoles, resolveRoles, rolesOf, type RoleGrant } from './role-grants.js';
import type { NewStaff, StaffChanges } from './staff-input.js';
import { staffView, type StaffRow, type StaffView } from './staff-view.js';
import { changeRoles, followRoleChanges } from './unit-managers.js';
import { invalidValues } from './validation.js';

export const STAFF_NOT_FOUND = () => new HttpError(404, 'staff-not-found', 'No such staff member.');

type LockedStaff = Pick<
  StaffRow,
  'id' | 'username' | 'full_name_fa' | 'email' | 'mobile' | 'is_active' | 'locked_until' | 'failed_sign_ins'
>;

async function lockStaff(trx: Knex.Transaction, id: number): Promise<LockedStaff> {
  const row = (await trx('staff')
    .where({ id })
    .forUpdate()
    .first(
      'id',
      'username',
      'full_name_fa',
      'email',
      'mobile',
      'is_active',
      'locked_until',
      'failed_sign_ins',
    )) as LockedStaff | undefined;
  if (!row) throw STAFF_NOT_FOUND();
  return row;
}

/** 400 on `unitId` unless the unit exists and is active. */
async function checkUnit(trx: Knex.Transaction, unitId: number): Promise<void> {
  const unit = (await trx('units').where({ id: unitId }).first('is_active')) as
    { is_active: boolean } | undefined;
  if (!unit) throw invalidValues([{ field: 'unitId', message: 'واحدی با این شناسه پیدا نشد' }]);
  if (!unit.is_active) throw invalidValues([{ field: 'unitId', message: 'این واحد غیرفعال است' }]);
}

/** Makes `unitId` the member's primary unit; other (secondary) memberships stay. */
async function setPrimaryUnit(trx: Knex.Transaction, staffId: number, unitId: number | null): Promise<void> {
  await trx('staff_units').where({ staff_id: staffId, is_primary: true }).delete();
  if (unitId === null) return;
  await trx('staff_units')
    .insert({ staff_id: staffId, unit_id: unitId, is_primary: true })
    .onConflict(['staff_id', 'unit_id'])
    .merge({ is_primary: true });
}

async function applyRoles(
  trx: Knex.Transaction,
  admin: Administrator,
  staffId: number,
  grants: readonly RoleGrant[],
): Promise<void> {
  const change = await changeRoles(trx, admin, staffId, () => replaceRoles(trx, staffId, grants));
  if (change.added.length > 0 || change.removed.length > 0)
    await followRoleChanges(trx, admin, staffId, change);
}

/** Creates a staff member with an initial password (argon2id); audited as `staff.created`. */
export async function createStaff(db: Knex, res: Response, input: NewStaff): Promise<StaffView> {
  const passwordHash = await hashPassword(input.password);
  return asAdministrator(db, res, async (trx, admin) => {
    const unitId = input.unitId ?? null;
    if (unitId !== null) await checkUnit(trx, unitId);
    const grants = await resolveRoles(trx, input.roles, unitId);
    const [row] = (await trx('staff')
      .insert({
        username: input.username,
        full_name_fa: input.fullNameFa,
        email: input.email ?? null,
        mobile: input.mobile ?? null,
        password_hash: passwordHash,
        is_active: input.active,
      })
      .returning('id')) as { id: number }[];
    const id = row!.id;
    await setPrimaryUnit(trx, id, unitId);
    const change = await replaceRoles(trx, id, grants);
    await appendAuditEvent(trx, {
      actor: admin.actor,
      action: 'staff.created',
      entityType: 'staff',
      entityId: id,
      after: {
        username: input.username,
        fullNameFa: input.fullNameFa,
        email: input.email ?? null,
        mobile: input.mobile ?? null,
        unitId,
        roles: await rolesOf(trx, id),
        active: input.active,
      },
    });
    await followRoleChanges(trx, admin, id, change);
    return (await staffView(trx, id))!;
  });
}

/**
 * Changes a staff member's profile, unit, roles (the whole set) and active flag, each audited
 * (`staff.updated`, `staff.roles-changed`, `staff.deactivated` / `staff.reactivated`). Deactivating
 * ends the member's sessions. Administrators cannot deactivate themselves or drop their own
 * `administrator` role (409), so there is always an administrator left.
 */
export async function updateStaff(
  db: Knex,
  res: Response,
  id: number,
  changes: StaffChanges,
): Promise<StaffView> {
  return asAdministrator(db, res, async (trx, admin) => {
    const row = await lockStaff(trx, id);
    const self = id === admin.staffId;
    if (self && changes.active === false)
      throw new HttpError(
        409,
        'cannot-deactivate-self',
        'Administrators cannot deactivate themselves.',
        {},
        {
          fields: [{ field: 'active', message: 'نمی‌توانید حساب خودتان را غیرفعال کنید' }],
        },
      );

    const unitBefore = (await primaryUnitOf(trx, id))?.id ?? null;
    const unitAfter = changes.unitId === undefined ? unitBefore : changes.unitId;
    if (unitAfter !== unitBefore && unitAfter !== null) await checkUnit(trx, unitAfter);
    const grants = changes.roles && (await resolveRoles(trx, changes.roles, unitAfter));
    if (self && grants && !grants.some((g) => g.role === 'administrator'))
      throw new HttpError(
        409,
        'cannot-remove-own-administrator-role',
        'Administrators cannot remove their own administrator role.',
        {},
        { fields: [{ field: 'roles', message: 'نمی‌توانید نقش مدیر سامانه را از خودتان بگیرید' }] },
      );

    const profile = {
      fullNameFa: [row.full_name_fa, changes.fullNameFa, 'full_name_fa'],
      email: [row.email, changes.email, 'email'],
      mobile: [row.mobile, changes.mobile, 'mobile'],
    } as const;
    const { before, after, update } = changedColumns(profile);
    if (Object.keys(update).length > 0) await trx('staff').where({ id }).update(update);
    if (unitAfter !== unitBefore) {
      await setPrimaryUnit(trx, id, unitAfter);
      before.unitId = unitBefore;
      after.unitId = unitAfter;
    }
    if (Object.keys(after).length > 0)
      await appendAuditEvent(trx, {
        actor: admin.actor,
        action: 'staff.updated',
        entityType: 'staff',
        entityId: id,
        before,
        after,
      });

    if (grants) await applyRoles(trx, admin, id, grants);

    if (changes.active !== undefined && changes.active !== row.is_active) {
      await trx('staff').where({ id }).update({ is_active: changes.active });
      const sessionsEnded = changes.active ? 0 : await deleteAllSessions(trx, id);
      await appendAuditEvent(trx, {
        actor: admin.actor,
        action: changes.active ? 'staff.reactivated' : 'staff.deactivated',
        entityType: 'staff',
        entityId: id,
        before: { active: row.is_active },
        after: { active: changes.active, ...(changes.active ? {} : { sessionsEnded }) },
      });
    }
    return (await staffView(trx, id))!;
  });
}

/**
 * Sets a new password (argon2id) and ends every session of the member; audited as
 * `staff.password-reset` without the password or its hash.
 */
export async function resetPassword(db: Knex, res: Response, id: number, password: string): Promise<void> {
  const target = (await db('staff').where({ id }).first('username')) as { username: string } | undefined;
  if (!target) throw STAFF_NOT_FOUND();
  if (password.toLowerCase() === target.username)
    throw invalidValues([{ field: 'password', message: 'گذرواژه نباید همان نام کاربری باشد' }]);
  const passwordHash = await hashPassword(password);
  await asAdministrator(db, res, async (trx, admin) => {
    await lockStaff(trx, id);
    await trx('staff').where({ id }).update({ password_hash: passwordHash });
    const sessionsEnded = await deleteAllSessions(trx, id);
    await appendAuditEvent(trx, {
      actor: admin.actor,
      action: 'staff.password-reset',
      entityType: 'staff',
      entityId: id,
      after: { sessionsEnded },
    });
  });
}

/** Lifts a sign-in lock-out and clears the count of failed sign-ins; audited as `staff.unlocked`. */
export async function unlockStaff(db: Knex, res: Response, id: number): Promise<StaffView> {
  return asAdministrator(db, res, async (trx, admin) => {
    const row = await lockStaff(trx, id);
    if (row.locked_until !== null || row.failed_sign_ins > 0) {
      await trx('staff').where({ id }).update({ locked_until: null, failed_sign_ins: 0 });
      await appendAuditEvent(trx, {
        actor: admin.actor,
        action: 'staff.unlocked',
        entityType: 'staff',
        entityId: id,
        before: { lockedUntil: row.locked_until, failedSignIns: row.failed_sign_ins },
        after: { lockedUntil: null, failedSignIns: 0 },
      });
    }
    return (await staffView(trx, id))!;
  });
}
