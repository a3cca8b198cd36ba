import express, { type Router } from 'express';
import type { Knex } from 'knex';
import { createUnit, UNIT_NOT_FOUND, updateUnit } from './unit-changes.js';
import { newUnitBody, unitChangesBody } from './unit-input.js';
import { listUnits } from './unit-view.js';
import { idParam, parseBody } from './validation.js';

/** GET, POST /units; PATCH /units/:id (mounted under /api/admin, administrators only). */
export function unitRoutes(db: Knex): Router {
  const router = express.Router();

  router.get('/units', async (_req, res) => {
    res.json({ units: await listUnits(db) });
  });

  router.post('/units', async (req, res) => {
    const input = parseBody(newUnitBody, req.body);
    res.status(201).json(await createUnit(db, res, input));
  });

  router.patch('/units/:id', async (req, res) => {
    const id = idParam(req.params.id, UNIT_NOT_FOUND);
    res.json(await updateUnit(db, res, id, parseBody(unitChangesBody, req.body)));
  });

  return router;
}
