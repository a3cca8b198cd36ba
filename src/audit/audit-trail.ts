import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { canonicalJson, normalise } from './canonical-json.js';
import type { DocumentCode } from './document-codes.js';

/** Who acted: a staff user, a component of the system, a member through a personal link, or the public. */
export type Actor = `staff:${string}` | `system:${string}` | `member:${string}` | 'public';

export interface AuditEventInput {
  readonly actor: Actor;
  /** What happened, as `<entity>.<verb>`: `complaint.registered`, `corrective-action.verified`. */
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | number;
  readonly before?: unknown;
  readonly after?: unknown;
  /** The engine's key of the process instance the action belongs to, as a decimal string. */
  readonly processInstanceKey?: string;
  readonly documentCode?: DocumentCode;
}

export interface AuditEvent {
  readonly seq: number;
  readonly occurredAt: Date;
  readonly actor: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly processInstanceKey: string | null;
  readonly documentCode: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

type HashedFields = Omit<AuditEvent, 'hash' | 'prevHash'>;

export function hashEvent(prevHash: string, e: HashedFields): string {
  const body = canonicalJson({
    seq: e.seq,
    occurredAt: e.occurredAt.toISOString(),
    actor: e.actor,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    processInstanceKey: e.processInstanceKey,
    documentCode: e.documentCode,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends one event to the chain. Call it inside the transaction that makes the change it records,
 * so the two commit together; events are serialised on the chain's head row.
 */
export async function appendAuditEvent(
  db: Knex | Knex.Transaction,
  input: AuditEventInput,
): Promise<AuditEvent> {
  if (!db.isTransaction) return (db as Knex).transaction((trx) => appendAuditEvent(trx, input));
  const head = (await db('audit_head').select('seq', 'hash').forUpdate().first()) as
    { seq: string; hash: string } | undefined;
  if (!head) throw new Error('audit_head is missing: run the migrations');
  const fields: HashedFields = {
    seq: Number(head.seq) + 1,
    occurredAt: new Date(),
    actor: input.actor,
    action: input.action,
    entityType: input.entityType,
    entityId: String(input.entityId),
    before: normalise(input.before),
    after: normalise(input.after),
    processInstanceKey: input.processInstanceKey ?? null,
    documentCode: input.documentCode ?? null,
  };
  const event: AuditEvent = { ...fields, prevHash: head.hash, hash: hashEvent(head.hash, fields) };
  await db('audit_events').insert({
    seq: event.seq,
    occurred_at: event.occurredAt,
    actor: event.actor,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId,
    before: JSON.stringify(event.before),
    after: JSON.stringify(event.after),
    process_instance_key: event.processInstanceKey,
    document_code: event.documentCode,
    prev_hash: event.prevHash,
    hash: event.hash,
  });
  await db('audit_head').update({ seq: event.seq, hash: event.hash });
  return event;
}

/** A row of `audit_events` as the database gives it. */
export interface AuditRow {
  seq: string;
  occurred_at: Date;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  process_instance_key: string | null;
  document_code: string | null;
  prev_hash: string;
  hash: string;
}

export function fromRow(r: AuditRow): AuditEvent {
  return {
    seq: Number(r.seq),
    occurredAt: r.occurred_at,
    actor: r.actor,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    processInstanceKey: r.process_instance_key,
    documentCode: r.document_code,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export type VerifyResult =
  | { readonly ok: true; readonly events: number; readonly headHash: string }
  | { readonly ok: false; readonly events: number; readonly firstBadSeq: number; readonly reason: string };

/**
 * Walks the whole chain and reports the first event that was altered, removed or moved: each event
 * must follow its predecessor's number, carry its hash, and hash to what it says; the head must
 * point at the last event.
 */
export async function verifyAuditTrail(db: Knex, batchSize = 1000): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const rows = (await db('audit_events')
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)) as AuditRow[];
    for (const row of rows) {
      const e = fromRow(row);
      const bad = (reason: string): VerifyResult => ({
        ok: false,
        events: expectedSeq - 1,
        firstBadSeq: e.seq,
        reason,
      });
      if (e.seq !== expectedSeq) {
        return {
          ok: false,
          events: expectedSeq - 1,
          firstBadSeq: expectedSeq,
          reason: `event ${expectedSeq} is missing (next is ${e.seq})`,
        };
      }
      if (e.prevHash !== prevHash)
        return bad(`event ${e.seq} does not follow event ${e.seq - 1}: removed, inserted or reordered`);
      if (hashEvent(e.prevHash, e) !== e.hash)
        return bad(`event ${e.seq} was altered: its content no longer matches its hash`);
      prevHash = e.hash;
      expectedSeq += 1;
    }
    if (rows.length < batchSize) break;
  }
  const last = expectedSeq - 1;
  const head = (await db('audit_head').select('seq', 'hash').first()) as
    { seq: string; hash: string } | undefined;
  if (!head)
    return { ok: false, events: last, firstBadSeq: last + 1, reason: 'the chain head record is missing' };
  if (Number(head.seq) !== last || head.hash !== prevHash) {
    return {
      ok: false,
      events: last,
      firstBadSeq: last + 1,
      reason: `the chain ends at event ${last} but its head records event ${head.seq}: events were removed from the end`,
    };
  }
  return { ok: true, events: last, headHash: prevHash };
}
