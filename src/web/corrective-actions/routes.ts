import express, { type Router } from 'express';
import type { Knex } from 'knex';
import { sessionOf } from '../auth/session-middleware.js';
import { correctiveActionViews } from '../complaints/dossier.js';
import { visibleAction } from './action-access.js';

/**
 * GET /api/corrective-actions/:id: one corrective action (SY-PR-05-00-02) with its progress reports
 * and the complaint it came from — the page the action's e-mails link to.
 */
export function correctiveActionRoutes(db: Knex): Router {
  const router = express.Router();
  router.get('/corrective-actions/:id', async (req, res) => {
    const { staffId } = sessionOf(res);
    const row = await visibleAction(db, staffId, req.params.id);
    const [[action], updates, complaint] = await Promise.all([
      correctiveActionViews(db, [row]),
      db('corrective_action_updates as u')
        .leftJoin('staff as s', 's.id', 'u.staff_id')
        .where('u.action_id', row.id)
        .orderBy('u.recorded_at')
        .select({
          recordedAt: 'u.recorded_at',
          progressPct: 'u.progress_pct',
          noteFa: 'u.note_fa',
          staffNameFa: 's.full_name_fa',
        }) as Promise<
        { recordedAt: Date; progressPct: number | null; noteFa: string; staffNameFa: string | null }[]
      >,
      row.complaint_id === null
        ? null
        : (db('complaints')
            .where({ id: row.complaint_id })
            .first({ id: 'id', trackingCode: 'tracking_code', subject: 'subject' }) as Promise<
            { id: number; trackingCode: string; subject: string } | undefined
          >),
    ]);
    res.json({
      action,
      sourceType: row.source_type,
      complaint: complaint ?? null,
      updates: updates.map((u) => ({ ...u, recordedAt: u.recordedAt.toISOString() })),
    });
  });
  return router;
}
