import { describe, expect, it } from '@jest/globals';
import { createFormTokens, type FormTokenOptions } from '../../src/web/security/form-token.js';

const SECRET = 'a test secret of at least thirty-two bytes';
const T0 = Date.UTC(2026, 5, 3, 6, 30);

/** Tokens on a clock the test moves by hand. */
function onClock(options: FormTokenOptions = {}) {
  let t = T0;
  const tokens = createFormTokens({ secret: SECRET, now: () => t, ...options });
  return { tokens, at: (ms: number) => (t = T0 + ms) };
}

/** The token with one character of one part changed. */
function alter(token: string, part: number): string {
  const parts = token.split('.');
  const p = parts[part]!;
  const i = Math.floor(p.length / 2);
  parts[part] = `${p.slice(0, i)}${p[i] === 'A' ? 'B' : 'A'}${p.slice(i + 1)}`;
  return parts.join('.');
}

describe('signed form tokens of the public complaint form', () => {
  it('R-CMP-02 accepts a token sent between 3 seconds and 2 hours after it was issued, once', () => {
    const { tokens, at } = onClock();
    const { token, expiresAt } = tokens.issue();
    expect(expiresAt.getTime()).toBe(T0 + 2 * 3600_000);
    at(2_999);
    expect(tokens.check(token)).toEqual({ ok: false, reason: 'too-young' });
    at(3_000);
    expect(tokens.check(token)).toEqual({ ok: true, issuedAt: T0, expiresAt: T0 + 7_200_000 });
    // check does not use the token up
    expect(tokens.check(token).ok).toBe(true);
    expect(tokens.redeem(token).ok).toBe(true);
    expect(tokens.redeem(token)).toEqual({ ok: false, reason: 'replayed' });
    expect(tokens.check(token)).toEqual({ ok: false, reason: 'replayed' });

    const late = tokens.issue().token; // issued at T0 + 3 s
    at(3_000 + 2 * 3600_000);
    expect(tokens.check(late).ok).toBe(true);
    at(3_001 + 2 * 3600_000);
    expect(tokens.check(late)).toEqual({ ok: false, reason: 'expired' });
  });

  it('R-CMP-02 refuses tampered, forged and malformed tokens', () => {
    const { tokens, at } = onClock();
    const { token } = tokens.issue();
    at(60_000);
    for (const part of [1, 2, 3]) expect(tokens.check(alter(token, part)).ok).toBe(false);
    expect(tokens.check(alter(token, 3))).toEqual({ ok: false, reason: 'bad-signature' });
    // An earlier issue time, to look old enough at once, breaks the signature.
    const [v, , nonce, mac] = token.split('.');
    expect(tokens.check([v, (T0 - 60_000).toString(36), nonce, mac].join('.'))).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    // Signed with another key.
    const other = createFormTokens({ secret: 'another secret, also thirty-two bytes long', now: () => T0 });
    expect(tokens.check(other.issue().token)).toEqual({ ok: false, reason: 'bad-signature' });
    for (const bad of [undefined, null, 42, ['x'], '', 'v1', `${token}x`, token.replace('v1', 'v2')])
      expect(tokens.check(bad)).toEqual({ ok: false, reason: 'malformed' });
    // A token made with the right key checks out: the refusals above were for the changes only.
    expect(tokens.check(token).ok).toBe(true);
  });

  it('R-CMP-02 gives back a redeemed token whose submission was not saved, and only a genuine one', () => {
    const { tokens, at } = onClock();
    const { token } = tokens.issue();
    at(10_000);
    expect(tokens.redeem(token).ok).toBe(true);
    tokens.release(alter(token, 3)); // not the token's signature: nothing released
    expect(tokens.redeem(token).ok).toBe(false);
    tokens.release(token);
    expect(tokens.redeem(token).ok).toBe(true);
  });

  it('forgets used nonces once their tokens have expired, and refuses a short secret or bad ages', () => {
    const { tokens, at } = onClock({ minAgeMs: 0 });
    for (let i = 0; i < 5; i++) expect(tokens.redeem(tokens.issue().token).ok).toBe(true);
    expect(tokens.rememberedNonces()).toBe(5);
    at(2 * 3600_000 + 60_001);
    const fresh = tokens.issue().token;
    expect(tokens.redeem(fresh).ok).toBe(true);
    expect(tokens.rememberedNonces()).toBe(1);

    expect(() => createFormTokens({ secret: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => createFormTokens({ minAgeMs: 5000, maxAgeMs: 1000 })).toThrow();
    // Without a secret each instance has its own random key.
    const a = createFormTokens({ minAgeMs: 0 });
    const b = createFormTokens({ minAgeMs: 0 });
    expect(b.check(a.issue().token)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(a.check(a.issue().token).ok).toBe(true);
  });
});
