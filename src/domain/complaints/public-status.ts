import type { Knex } from 'knex';
import { toLatinDigits } from '../../calendar/index.js';
import type { ComplaintRow, ComplaintStatus } from './complaint-record.js';
import { complainantIdentifiers } from './contacts.js';
import { normaliseTrackingCode, TRACKING_CODE_PATTERN } from './tracking-code.js';

/** What the public status lookup may tell: the stage and its dates, nothing about the content. */
export interface PublicComplaintStatus {
  readonly trackingCode: string;
  readonly status: ComplaintStatus;
  readonly receivedAt: string;
  readonly acknowledgedAt: string | null;
  readonly responseDueAt: string | null;
  readonly resultCommunicatedAt: string | null;
  readonly closedAt: string | null;
}

/** A phone number as people write it: Persian or Arabic digits, spaces, dashes, +98 or 0098. */
export function normalisePhone(input: string): string {
  const digits = toLatinDigits(input).replace(/[^0-9+]/g, '');
  return digits.replace(/^(\+98|0098)/, '0');
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * The status of the complaint with this tracking code, when the phone number is one the
 * complainant gave (or one of the member's). Undefined otherwise, whichever of the two was wrong.
 */
export async function publicComplaintStatus(
  db: Knex,
  trackingCode: string,
  phone: string,
): Promise<PublicComplaintStatus | undefined> {
  const code = normaliseTrackingCode(trackingCode);
  const given = normalisePhone(phone);
  if (!TRACKING_CODE_PATTERN.test(code) || given.length < 8) return undefined;
  const row = (await db('complaints').where({ tracking_code: code }).first()) as ComplaintRow | undefined;
  if (!row) return undefined;
  const { phones } = await complainantIdentifiers(db, row);
  if (!phones.some((p) => normalisePhone(p) === given)) return undefined;
  return {
    trackingCode: row.tracking_code,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    acknowledgedAt: iso(row.acknowledged_at),
    responseDueAt: iso(row.response_due_at),
    resultCommunicatedAt: iso(row.result_communicated_at),
    closedAt: iso(row.closed_at),
  };
}
