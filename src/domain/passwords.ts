import { hash, verify, type Options } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// `Algorithm` is an ambient const enum, which isolated modules cannot read: 2 is its Argon2id.
const OPTIONS: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** A password an administrator sets must be at least this long (and at most MAX_PASSWORD_LENGTH). */
export const MIN_PASSWORD_LENGTH = 12;
/** Well under what sign-in accepts, so every password that can be set can be typed at sign-in. */
export const MAX_PASSWORD_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
