import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { appendAuditEvent, verifyAuditTrail } from '../../src/audit/audit-trail.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const dbs: TestDatabase[] = [];
afterAll(() => Promise.all(dbs.map((d) => d.drop())));

async function trailOf(n: number): Promise<TestDatabase> {
  const db = await createTestDatabase();
  dbs.push(db);
  for (let i = 1; i <= n; i++) {
    await appendAuditEvent(db.app, {
      actor: i % 2 ? 'staff:mcc.manager' : 'system:worker',
      action: 'complaint.stage-recorded',
      entityType: 'complaint',
      entityId: 42,
      before: i === 1 ? null : { stage: i - 1 },
      after: { stage: i, note: 'بررسی شد', nested: { b: 1, a: [1, 2] } },
      processInstanceKey: '2251799813685249',
      documentCode: 'ME-FR-01-01-01',
    });
  }
  return db;
}

/** Tampering is done as the owner with triggers bypassed: what a privileged intruder could do. */
async function tamper(db: TestDatabase, sql: string): Promise<void> {
  await db.owner.transaction(async (trx) => {
    await trx.raw('set local session_replication_role = replica');
    await trx.raw(sql);
  });
}

describe('R-X-02 audit trail', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await trailOf(5);
  });

  it('R-X-02 verify passes on an intact chain and links each event to the one before', async () => {
    const result = await verifyAuditTrail(db.owner, 2);
    expect(result).toMatchObject({ ok: true, events: 5 });
    const rows = (await db.owner('audit_events').orderBy('seq')) as { prev_hash: string; hash: string }[];
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('R-X-02 the application role cannot update, delete or truncate audit events', async () => {
    await expect(db.app('audit_events').where({ seq: 2 }).update({ actor: 'staff:x' })).rejects.toThrow(
      /permission denied/,
    );
    await expect(db.app('audit_events').where({ seq: 2 }).delete()).rejects.toThrow(/permission denied/);
    await expect(db.app.raw('truncate audit_events')).rejects.toThrow(/permission denied/);
  });

  it('R-X-02 even the owner cannot change events while the append-only trigger is on', async () => {
    await expect(db.owner('audit_events').where({ seq: 2 }).update({ actor: 'staff:x' })).rejects.toThrow(
      /append-only/,
    );
  });

  it('R-X-02 an altered event is detected and named', async () => {
    await tamper(db, `update audit_events set after = '{"stage": 99}' where seq = 3`);
    expect(await verifyAuditTrail(db.owner)).toMatchObject({
      ok: false,
      firstBadSeq: 3,
      reason: expect.stringMatching(/altered/),
    });
  });

  it('R-X-02 a deleted event is detected and named', async () => {
    await tamper(db, 'delete from audit_events where seq = 2');
    expect(await verifyAuditTrail(db.owner)).toMatchObject({
      ok: false,
      firstBadSeq: 2,
      reason: expect.stringMatching(/missing/),
    });
  });

  it('R-X-02 a deleted and renumbered event is detected and named', async () => {
    await tamper(
      db,
      'delete from audit_events where seq = 2; update audit_events set seq = seq - 1 where seq > 2',
    );
    expect(await verifyAuditTrail(db.owner)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('R-X-02 events removed from the end are detected', async () => {
    await tamper(db, 'delete from audit_events where seq = 5');
    expect(await verifyAuditTrail(db.owner)).toMatchObject({
      ok: false,
      firstBadSeq: 5,
      reason: expect.stringMatching(/removed from the end/),
    });
  });

  it('R-X-02 reordered events are detected and named', async () => {
    await tamper(db, 'update audit_events set seq = seq + 1000 where seq in (3, 4)');
    await tamper(db, 'update audit_events set seq = case when seq = 1003 then 4 else 3 end where seq > 1000');
    expect(await verifyAuditTrail(db.owner)).toMatchObject({
      ok: false,
      firstBadSeq: 3,
      reason: expect.stringMatching(/reordered|altered/),
    });
  });

  it('R-X-02 concurrent appends keep one unbroken chain', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        appendAuditEvent(db.app, { actor: 'system:test', action: 'x.y', entityType: 'x', entityId: i }),
      ),
    );
    expect(await verifyAuditTrail(db.owner)).toMatchObject({ ok: true, events: 25 });
  });
});
