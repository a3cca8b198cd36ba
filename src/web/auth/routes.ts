import express, { type CookieOptions, type Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { appendAuditEvent } from '../../audit/audit-trail.js';
import { HttpError } from '../http-error.js';
import { rateLimit, type RateLimitOptions } from '../security/rate-limit.js';
import { currentUser } from './current-user.js';
import { SESSION_COOKIE, sessionOf } from './session-middleware.js';
import { createSession, deleteAllSessions, deleteSession } from './session-store.js';
import { signIn } from './sign-in.js';

export interface AuthRoutesOptions {
  readonly db: Knex;
  readonly secureCookies: boolean;
  readonly signInRateLimit: RateLimitOptions;
}

const signInBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});

const INVALID = new HttpError(401, 'invalid-credentials', 'The username or password is not correct.');

/** POST/GET/DELETE /api/session and DELETE /api/sessions. */
export function authRoutes(options: AuthRoutesOptions): Router {
  const { db } = options;
  const router = express.Router();
  const cookie: CookieOptions = {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secureCookies,
    path: '/',
  };

  router.post('/session', rateLimit(options.signInRateLimit), async (req, res) => {
    // JSON only: a cross-site HTML form cannot send it without a CORS preflight.
    if (!req.is('application/json'))
      throw new HttpError(415, 'json-required', 'Sign in with a JSON body (content-type: application/json).');
    const body = signInBody.safeParse(req.body);
    if (!body.success) throw new HttpError(400, 'bad-request', 'username and password are required.');
    const result = await signIn(db, body.data.username.trim().toLowerCase(), body.data.password);
    if (!result.ok) throw INVALID;
    const session = await createSession(db, result.staff, { userAgent: req.get('user-agent'), ip: req.ip });
    res.cookie(SESSION_COOKIE, session.token, cookie);
    res.status(201).json({ user: await currentUser(db, session.staffId), csrfToken: session.csrfToken });
  });

  router.get('/session', async (_req, res) => {
    const session = sessionOf(res);
    res.json({ user: await currentUser(db, session.staffId), csrfToken: session.csrfToken });
  });

  router.delete('/session', async (_req, res) => {
    const session = sessionOf(res);
    await db.transaction(async (trx) => {
      await deleteSession(trx, session.id);
      await appendAuditEvent(trx, {
        actor: `staff:${session.username}`,
        action: 'staff.signed-out',
        entityType: 'staff',
        entityId: session.staffId,
      });
    });
    res.clearCookie(SESSION_COOKIE, cookie);
    res.status(204).end();
  });

  router.delete('/sessions', async (_req, res) => {
    const session = sessionOf(res);
    await db.transaction(async (trx) => {
      const ended = await deleteAllSessions(trx, session.staffId);
      await appendAuditEvent(trx, {
        actor: `staff:${session.username}`,
        action: 'staff.signed-out-everywhere',
        entityType: 'staff',
        entityId: session.staffId,
        after: { sessions: ended },
      });
    });
    res.clearCookie(SESSION_COOKIE, cookie);
    res.status(204).end();
  });

  return router;
}
