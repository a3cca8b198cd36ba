/**
 * Signed, time-stamped form tokens: the public complaint form's protection against automated
 * submission without a CAPTCHA service (R-CMP-02). The form's page gets a token when it loads and
 * sends it back with the form. A token is `v1.<issued at, ms, base 36>.<nonce>.<HMAC>`, the
 * HMAC-SHA256 of the rest under a server secret, so it cannot be forged or altered; it is refused
 * when it is sent too soon after it was issued (a bot posts at once, a person takes time to fill a
 * form), when it is too old, and when it was used already (the nonces of used tokens are kept in
 * memory until the token would have expired anyway). One process only: several app processes
 * behind a balancer would each keep their own used nonces.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface FormTokenOptions {
  /** The HMAC key, at least 32 bytes; random bytes when not given (tokens then die with the process). */
  readonly secret?: string | Uint8Array;
  /** A token sent sooner than this after it was issued is refused; default 3 s. */
  readonly minAgeMs?: number;
  /** A token older than this is refused; default 2 hours. */
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

export const DEFAULT_FORM_TOKEN_MIN_AGE_MS = 3_000;
export const DEFAULT_FORM_TOKEN_MAX_AGE_MS = 2 * 60 * 60 * 1000;
const MIN_SECRET_BYTES = 32;

/** Why a token was refused; for the log only, never for the client. */
export type FormTokenRejection = 'malformed' | 'bad-signature' | 'too-young' | 'expired' | 'replayed';

export type FormTokenCheck =
  | { readonly ok: true; readonly issuedAt: number; readonly expiresAt: number }
  | { readonly ok: false; readonly reason: FormTokenRejection };

export interface IssuedFormToken {
  readonly token: string;
  readonly expiresAt: Date;
}

export interface FormTokens {
  /** A new token. */
  issue(): IssuedFormToken;
  /** Whether the token would be accepted now, without using it up. */
  check(token: unknown): FormTokenCheck;
  /** Checks the token and, when it is good, marks it used: a second redeem is refused as replayed. */
  redeem(token: unknown): FormTokenCheck;
  /** Gives back a redeemed token whose submission was not saved after all, so it can be sent again. */
  release(token: string): void;
  /** How many used nonces are remembered now (they are forgotten once their token has expired). */
  rememberedNonces(): number;
}

const TOKEN = /^v1\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;
/** What the MAC covers besides the token's own fields, so the key signs nothing else by accident. */
const CONTEXT = 'mcc-public-form-token';

export function createFormTokens(options: FormTokenOptions = {}): FormTokens {
  const secret =
    options.secret === undefined
      ? randomBytes(MIN_SECRET_BYTES)
      : typeof options.secret === 'string'
        ? Buffer.from(options.secret, 'utf8')
        : Buffer.from(options.secret);
  if (secret.length < MIN_SECRET_BYTES)
    throw new Error(`the form token secret must be at least ${MIN_SECRET_BYTES} bytes`);
  const minAgeMs = options.minAgeMs ?? DEFAULT_FORM_TOKEN_MIN_AGE_MS;
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_FORM_TOKEN_MAX_AGE_MS;
  if (!(minAgeMs >= 0 && maxAgeMs > minAgeMs)) throw new Error('form tokens need 0 <= minAgeMs < maxAgeMs');
  const now = options.now ?? Date.now;
  /** Used nonces and when their token expires. */
  const used = new Map<string, number>();
  let lastSweep = now();

  const mac = (issued: string, nonce: string): Buffer =>
    createHmac('sha256', secret).update(`${CONTEXT}.v1.${issued}.${nonce}`).digest();

  function sweep(t: number): void {
    if (t - lastSweep < 60_000 && used.size < 10_000) return;
    lastSweep = t;
    for (const [nonce, expiresAt] of used) if (expiresAt < t) used.delete(nonce);
  }

  type Parsed =
    | { readonly ok: true; readonly issuedAt: number; readonly expiresAt: number; readonly nonce: string }
    | { readonly ok: false; readonly reason: FormTokenRejection };

  /** The token's nonce and time when its signature is right, else undefined. */
  function signed(token: unknown): { issued: string; nonce: string } | undefined {
    if (typeof token !== 'string') return undefined;
    const m = TOKEN.exec(token);
    if (!m) return undefined;
    const [, issued, nonce, signature] = m as unknown as [string, string, string, string];
    // Compared as text: base64url has several spellings of the same bytes, the token only one.
    const given = Buffer.from(signature);
    const expected = Buffer.from(mac(issued, nonce).toString('base64url'));
    return given.length === expected.length && timingSafeEqual(given, expected)
      ? { issued, nonce }
      : undefined;
  }

  function parse(token: unknown): Parsed {
    if (typeof token !== 'string' || !TOKEN.test(token)) return { ok: false, reason: 'malformed' };
    const s = signed(token);
    if (!s) return { ok: false, reason: 'bad-signature' };
    const issuedAt = parseInt(s.issued, 36);
    const age = now() - issuedAt;
    if (age < minAgeMs) return { ok: false, reason: 'too-young' };
    if (age > maxAgeMs) return { ok: false, reason: 'expired' };
    if (used.has(s.nonce)) return { ok: false, reason: 'replayed' };
    return { ok: true, issuedAt, expiresAt: issuedAt + maxAgeMs, nonce: s.nonce };
  }

  const result = (p: Parsed): FormTokenCheck =>
    p.ok ? { ok: true, issuedAt: p.issuedAt, expiresAt: p.expiresAt } : p;

  return {
    issue() {
      const t = now();
      const issued = t.toString(36);
      const nonce = randomBytes(16).toString('base64url');
      const token = `v1.${issued}.${nonce}.${mac(issued, nonce).toString('base64url')}`;
      return { token, expiresAt: new Date(t + maxAgeMs) };
    },
    check(token) {
      return result(parse(token));
    },
    redeem(token) {
      sweep(now());
      const p = parse(token);
      if (p.ok) used.set(p.nonce, p.expiresAt);
      return result(p);
    },
    release(token) {
      const s = signed(token);
      if (s) used.delete(s.nonce);
    },
    rememberedNonces() {
      return used.size;
    },
  };
}
