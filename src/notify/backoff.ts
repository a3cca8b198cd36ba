/** When to try again after a failed delivery: exponential, capped, with jitter. */
export interface BackoffPolicy {
  /** Delay after the first failure; doubled after each further one. Default 30 s. */
  readonly baseMs: number;
  /** The longest delay. Default 1 h. */
  readonly maxMs: number;
  /**
   * Share of the delay taken off at random (0…1), so messages that failed together do not all
   * come back together. Default 0.2: the delay is 80–100 % of the capped exponential value.
   */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 60 * 60_000, jitter: 0.2 };

/**
 * The delay after the `attempts`-th failed attempt (1 = the first): base × 2^(attempts − 1), at most
 * `maxMs`, less up to `jitter` of it. Never more than the un-jittered value, so a test that moves
 * its clock by that value always finds the message due again.
 */
export function retryDelayMs(
  attempts: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const exponent = Math.max(0, attempts - 1);
  const capped = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(capped * (1 - policy.jitter * random()));
}
