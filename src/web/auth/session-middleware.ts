import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Knex } from 'knex';
import { HttpError } from '../http-error.js';
import { findSession, type Session } from './session-store.js';
import { sameToken } from './tokens.js';

export const SESSION_COOKIE = 'mcc_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads the session cookie and puts the live session, if any, in `res.locals.session`. */
export function loadSession(db: Knex): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = (req.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    if (typeof token !== 'string') return next();
    findSession(db, token).then((session) => {
      if (session) res.locals.session = session;
      next();
    }, next);
  };
}

/** The session of the request; throws 401 when there is none. */
export function sessionOf(res: Response): Session {
  const session = res.locals.session as Session | undefined;
  if (!session) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
  return session;
}

/**
 * Every state-changing request made with a session must carry the session's CSRF token in
 * `x-csrf-token`; a cross-site page can send the cookie but cannot read the token.
 */
export function requireCsrfToken(): RequestHandler {
  return (req, res, next) => {
    const session = res.locals.session as Session | undefined;
    if (SAFE_METHODS.has(req.method) || !session) return next();
    // Public endpoints act for nobody, whoever's cookie comes along: a staff member filling the
    // website form for a walk-in member must not be refused.
    if (req.path.startsWith('/public/')) return next();
    // Sign-in is exempt: it needs no session, and it accepts JSON only.
    if (req.method === 'POST' && req.path === '/session') return next();
    const sent = req.get(CSRF_HEADER);
    if (!sent) return next(new HttpError(403, 'csrf-token-missing', `The ${CSRF_HEADER} header is missing.`));
    if (!sameToken(sent, session.csrfToken))
      return next(
        new HttpError(403, 'csrf-token-invalid', `The ${CSRF_HEADER} header does not match the session.`),
      );
    next();
  };
}
