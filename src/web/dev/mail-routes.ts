import express, { type Router } from 'express';
import type { Knex } from 'knex';
import { caughtMail, listCaughtMails } from '../../notify/caught-mail.js';
import { requireRole } from '../auth/require-role.js';
import { HttpError } from '../http-error.js';

/**
 * GET /api/dev/mails and /api/dev/mails/:number: the e-mails the in-process SMTP catcher kept, for
 * administrators, only when the catcher runs (no SMTP_URL); otherwise these paths do not exist.
 */
export function caughtMailRoutes(db: Knex, caughtMailDir: string | undefined): Router {
  const router = express.Router();
  if (!caughtMailDir) return router;

  router.use('/dev/mails', requireRole(db, 'administrator'));

  router.get('/dev/mails', async (_req, res) => {
    const mails = await listCaughtMails(caughtMailDir);
    res.json({ mails: mails.map(({ text: _text, ...summary }) => summary) });
  });

  router.get('/dev/mails/:number', async (req, res) => {
    const number = /^[1-9][0-9]{0,8}$/.test(req.params.number) ? Number(req.params.number) : NaN;
    const mail = Number.isNaN(number) ? undefined : await caughtMail(caughtMailDir, number);
    if (!mail) throw new HttpError(404, 'not-found', 'No such caught e-mail.');
    res.json(mail);
  });

  return router;
}
