import express, { type Router } from 'express';
import type { Knex } from 'knex';
import { roleCatalogue } from './role-grants.js';
import { createStaff, resetPassword, STAFF_NOT_FOUND, unlockStaff, updateStaff } from './staff-changes.js';
import { newStaffBody, passwordBody, staffChangesBody } from './staff-input.js';
import { listStaff, staffView } from './staff-view.js';
import { idParam, parseBody } from './validation.js';

/**
 * GET /roles; GET, POST /staff; GET, PATCH /staff/:id; POST /staff/:id/password and
 * /staff/:id/unlock (mounted under /api/admin, administrators only).
 */
export function staffRoutes(db: Knex): Router {
  const router = express.Router();

  router.get('/roles', (_req, res) => {
    res.json({ roles: roleCatalogue() });
  });

  router.get('/staff', async (_req, res) => {
    res.json({ staff: await listStaff(db) });
  });

  router.post('/staff', async (req, res) => {
    const input = parseBody(newStaffBody, req.body);
    res.status(201).json(await createStaff(db, res, input));
  });

  router.get('/staff/:id', async (req, res) => {
    const staff = await staffView(db, idParam(req.params.id, STAFF_NOT_FOUND));
    if (!staff) throw STAFF_NOT_FOUND();
    res.json(staff);
  });

  router.patch('/staff/:id', async (req, res) => {
    const id = idParam(req.params.id, STAFF_NOT_FOUND);
    res.json(await updateStaff(db, res, id, parseBody(staffChangesBody, req.body)));
  });

  router.post('/staff/:id/password', async (req, res) => {
    const id = idParam(req.params.id, STAFF_NOT_FOUND);
    await resetPassword(db, res, id, parseBody(passwordBody, req.body).password);
    res.status(204).end();
  });

  router.post('/staff/:id/unlock', async (req, res) => {
    res.json(await unlockStaff(db, res, idParam(req.params.id, STAFF_NOT_FOUND)));
  });

  return router;
}
