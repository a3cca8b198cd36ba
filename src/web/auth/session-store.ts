import type { Knex } from 'knex';
import { hashToken, newToken } from './tokens.js';

/** A session ends after this long without a request. */
export const IDLE_TIMEOUT_MS = 8 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface Session {
  readonly id: string;
  readonly staffId: number;
  readonly username: string;
  readonly csrfToken: string;
}

export interface NewSession extends Session {
  /** The token for the cookie; only its hash is stored. */
  readonly token: string;
}

interface SessionRow {
  id: string;
  staff_id: number;
  username: string;
  csrf_token: string;
  last_seen_at: Date;
}

export async function createSession(
  db: Knex | Knex.Transaction,
  staff: { id: number; username: string },
  client: { userAgent?: string | undefined; ip?: string | undefined },
  now: Date = new Date(),
): Promise<NewSession> {
  const token = newToken();
  const session = {
    id: hashToken(token),
    staffId: staff.id,
    username: staff.username,
    csrfToken: newToken(),
  };
  await db('web_sessions').insert({
    id: session.id,
    staff_id: staff.id,
    csrf_token: session.csrfToken,
    created_at: now,
    last_seen_at: now,
    expires_at: new Date(now.getTime() + IDLE_TIMEOUT_MS),
    user_agent: client.userAgent?.slice(0, 500) ?? null,
    ip: client.ip ?? null,
  });
  return { ...session, token };
}

/** The live session of a cookie token (of an active user), sliding its idle expiry; undefined otherwise. */
export async function findSession(
  db: Knex,
  token: string,
  now: Date = new Date(),
): Promise<Session | undefined> {
  if (!/^[0-9a-f]{64}$/.test(token)) return undefined;
  const row = (await db('web_sessions as w')
    .join('staff as s', 's.id', 'w.staff_id')
    .where('w.id', hashToken(token))
    .where('w.expires_at', '>', now)
    .where('s.is_active', true)
    .first('w.id', 'w.staff_id', 's.username', 'w.csrf_token', 'w.last_seen_at')) as SessionRow | undefined;
  if (!row) return undefined;
  if (now.getTime() - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
    await db('web_sessions')
      .where({ id: row.id })
      .update({ last_seen_at: now, expires_at: new Date(now.getTime() + IDLE_TIMEOUT_MS) });
  }
  return { id: row.id, staffId: row.staff_id, username: row.username, csrfToken: row.csrf_token };
}

export async function deleteSession(db: Knex | Knex.Transaction, id: string): Promise<void> {
  await db('web_sessions').where({ id }).delete();
}

/** Ends every session of a user; returns how many there were. */
export async function deleteAllSessions(db: Knex | Knex.Transaction, staffId: number): Promise<number> {
  return db('web_sessions').where({ staff_id: staffId }).delete();
}

/** Removes sessions past their expiry (housekeeping). */
export async function deleteExpiredSessions(db: Knex, now: Date = new Date()): Promise<number> {
  return db('web_sessions').where('expires_at', '<=', now).delete();
}
