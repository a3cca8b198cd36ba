import type { Response } from 'express';
import type { Knex } from 'knex';
import type { Actor } from '../../audit/audit-trail.js';
import { describeDataError } from '../../db/errors.js';
import { sessionOf } from '../auth/session-middleware.js';
import { HttpError } from '../http-error.js';
import { duplicateValue, invalidValues } from './validation.js';

export interface Administrator {
  readonly staffId: number;
  readonly actor: Actor;
}

/** Database columns as the API names them, for errors the database reports. */
const API_FIELDS: Readonly<Record<string, string>> = {
  username: 'username',
  full_name_fa: 'fullNameFa',
  email: 'email',
  mobile: 'mobile',
  code: 'code',
  name_fa: 'nameFa',
  name_en: 'nameEn',
  manager_staff_id: 'managerStaffId',
  unit_id: 'unitId',
};

const DUPLICATE_MESSAGES: Readonly<Record<string, string>> = {
  username: 'این نام کاربری پیش‌تر ثبت شده است',
  code: 'این کد واحد پیش‌تر ثبت شده است',
};

/**
 * Runs one administrative change in a transaction of its own, on behalf of the signed-in
 * administrator. Administrative changes are serialised (a transaction-level advisory lock) and the
 * acting user must still be an active administrator inside it, so two administrators demoting each
 * other at the same moment cannot leave the system without one. Constraint violations the checks
 * before did not catch (a username taken meanwhile) become 409/400 problems naming the field; the
 * transaction is rolled back, so nothing is half-saved.
 */
export async function asAdministrator<T>(
  db: Knex,
  res: Response,
  change: (trx: Knex.Transaction, admin: Administrator) => Promise<T>,
): Promise<T> {
  const session = sessionOf(res);
  try {
    return await db.transaction(async (trx) => {
      await trx.raw("select pg_advisory_xact_lock(hashtext('mcc.administration'))");
      const still = await trx('staff as s')
        .join('staff_roles as r', 'r.staff_id', 's.id')
        .where({ 's.id': session.staffId, 's.is_active': true, 'r.role': 'administrator' })
        .first('s.id');
      if (!still) throw new HttpError(403, 'forbidden', 'This needs the role administrator.');
      return change(trx, { staffId: session.staffId, actor: `staff:${session.username}` });
    });
  } catch (err) {
    throw asProblem(err);
  }
}

function asProblem(err: unknown): unknown {
  const data = describeDataError(err);
  if (!data) return err;
  const field = (data.field && API_FIELDS[data.field]) ?? data.field ?? 'unknown';
  switch (data.kind) {
    case 'duplicate':
      return duplicateValue(field, DUPLICATE_MESSAGES[field] ?? 'این مقدار پیش‌تر ثبت شده است');
    case 'unknown_reference':
      return invalidValues([{ field, message: 'رکورد انتخاب‌شده پیدا نشد' }]);
    case 'in_use':
      return new HttpError(409, 'in-use', 'The record is still in use.');
    default:
      return invalidValues([{ field, message: 'مقدار واردشده درست نیست' }]);
  }
}

/**
 * The fields a change really changes, given as `field: [current value, wanted value or undefined,
 * column]`: their values before and after (for the audit event, by API name) and the update (by
 * column). A field left out or given its current value is not changed.
 */
export function changedColumns(fields: Readonly<Record<string, readonly [unknown, unknown, string]>>): {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  update: Record<string, unknown>;
} {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const update: Record<string, unknown> = {};
  for (const [field, [was, wanted, column]] of Object.entries(fields)) {
    if (wanted === undefined || wanted === was) continue;
    before[field] = was;
    after[field] = wanted;
    update[column] = wanted;
  }
  return { before, after, update };
}
