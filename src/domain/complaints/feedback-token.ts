import { createHash, randomBytes } from 'node:crypto';

/** How long a satisfaction link works: as long as the process waits for the answer (P14D). */
export const FEEDBACK_LINK_VALID_DAYS = 14;

/** A new personal link token: 32 random bytes, URL-safe. Only its hash is stored. */
export function newFeedbackToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What `complaint_feedback.token_hash` holds: the SHA-256 of the token, hex. */
export function hashFeedbackToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
