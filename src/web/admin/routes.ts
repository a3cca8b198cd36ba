import express, { type Router } from 'express';
import type { Knex } from 'knex';
import { requireRole } from '../auth/require-role.js';
import { staffRoutes } from './staff-routes.js';
import { unitRoutes } from './unit-routes.js';

/**
 * /api/admin: staff, roles and units, for administrators only (401 without a session, 403
 * `forbidden` without the `administrator` role). Every change is audited in its own transaction.
 */
export function adminRoutes(db: Knex): Router {
  const admin = express.Router();
  admin.use(staffRoutes(db));
  admin.use(unitRoutes(db));
  const router = express.Router();
  router.use('/admin', requireRole(db, 'administrator'), admin);
  return router;
}
