import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { Role } from '../../domain/roles.js';
import { HttpError } from '../http-error.js';
import { sessionOf } from './session-middleware.js';

/**
 * Lets a request through only when the signed-in user holds one of `roles` (read from the database
 * on every request, so a change of roles applies at once): 401 `unauthenticated` without a session,
 * 403 `forbidden` without the role.
 */
export function requireRole(db: Knex, ...roles: readonly [Role, ...Role[]]): RequestHandler {
  return async (_req, res, next) => {
    const { staffId } = sessionOf(res);
    const held = await db('staff_roles').where({ staff_id: staffId }).whereIn('role', roles).first('role');
    if (!held) throw new HttpError(403, 'forbidden', `This needs the role ${roles.join(' or ')}.`);
    next();
  };
}
