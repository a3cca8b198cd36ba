import type { Knex } from 'knex';
import { appendAuditEvent } from '../../audit/audit-trail.js';
import { hashPassword, verifyPassword } from '../../domain/passwords.js';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_OUT_MS = 15 * 60 * 1000;

export type SignInResult =
  | { readonly ok: true; readonly staff: { readonly id: number; readonly username: string } }
  | { readonly ok: false };

interface StaffRow {
  id: number;
  username: string;
  password_hash: string | null;
  is_active: boolean;
  failed_sign_ins: number;
  locked_until: Date | null;
}

let dummyHash: Promise<string> | undefined;
/** A hash to verify against when there is no user, so that unknown names take as long as known ones. */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword('no-such-user-' + Math.random().toString(36));
  return dummyHash;
}

/**
 * Checks a username and password. Unknown users, inactive users, locked users and wrong passwords
 * all give the same `{ ok: false }`; the fifth failure in a row locks the account for 15 minutes.
 * Every outcome is recorded in the audit trail (R-X-02).
 */
export async function signIn(
  db: Knex,
  username: string,
  password: string,
  now: Date = new Date(),
): Promise<SignInResult> {
  const staff = (await db('staff')
    .where({ username })
    .first('id', 'username', 'password_hash', 'is_active', 'failed_sign_ins', 'locked_until')) as
    StaffRow | undefined;

  if (!staff || !staff.is_active || !staff.password_hash) {
    await verifyPassword(await dummy(), password);
    await appendAuditEvent(db, {
      actor: 'public',
      action: 'staff.sign-in-failed',
      entityType: 'staff',
      entityId: username.slice(0, 40),
      after: { reason: staff ? 'inactive' : 'unknown-user' },
    });
    return { ok: false };
  }

  const locked = staff.locked_until !== null && staff.locked_until > now;
  // Verify even when locked, so a locked account answers as slowly as any other.
  const passwordOk = await verifyPassword(staff.password_hash, password);
  const actor = `staff:${staff.username}` as const;

  if (locked) {
    await appendAuditEvent(db, {
      actor,
      action: 'staff.sign-in-failed',
      entityType: 'staff',
      entityId: staff.id,
      after: { reason: 'locked', lockedUntil: staff.locked_until },
    });
    return { ok: false };
  }

  return db.transaction(async (trx) => {
    const row = (await trx('staff').where({ id: staff.id }).forUpdate().first('failed_sign_ins')) as {
      failed_sign_ins: number;
    };
    if (passwordOk) {
      await trx('staff').where({ id: staff.id }).update({ failed_sign_ins: 0, locked_until: null });
      await appendAuditEvent(trx, {
        actor,
        action: 'staff.signed-in',
        entityType: 'staff',
        entityId: staff.id,
      });
      return { ok: true, staff: { id: staff.id, username: staff.username } };
    }
    const failures = row.failed_sign_ins + 1;
    await appendAuditEvent(trx, {
      actor,
      action: 'staff.sign-in-failed',
      entityType: 'staff',
      entityId: staff.id,
      after: { reason: 'wrong-password', failedSignIns: failures },
    });
    if (failures >= MAX_FAILED_SIGN_INS) {
      const lockedUntil = new Date(now.getTime() + LOCK_OUT_MS);
      await trx('staff').where({ id: staff.id }).update({ failed_sign_ins: 0, locked_until: lockedUntil });
      await appendAuditEvent(trx, {
        actor,
        action: 'staff.locked-out',
        entityType: 'staff',
        entityId: staff.id,
        after: { lockedUntil, failedSignIns: failures },
      });
    } else {
      await trx('staff').where({ id: staff.id }).update({ failed_sign_ins: failures });
    }
    return { ok: false } as const;
  });
}
