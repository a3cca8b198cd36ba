import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditTrail } from '../../src/audit/audit-trail.js';
import { loadDemoDataIfEmpty } from '../../src/db/seeds/demo-data.js';
import { ROLES } from '../../src/domain/roles.js';
import { verifyPassword } from '../../src/domain/passwords.js';
import { DEMO_PASSWORD } from '../../src/db/seeds/demo-organisation.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const count = async (db: TestDatabase, table: string) =>
  Number(((await db.owner(table).count({ n: '*' }).first()) as { n: string }).n);

describe('demo data', () => {
  let db: TestDatabase;
  const now = new Date('2026-11-24T10:00:00Z');
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('is never loaded in production', async () => {
    await expect(loadDemoDataIfEmpty(db.owner, { appEnv: 'production' }, now)).rejects.toThrow(
      /never .* production/,
    );
    expect(await count(db, 'members')).toBe(0);
  });

  it('R-MTG-03 loads units with managers, a user per role and 300+ members with specialist data', async () => {
    const summary = await loadDemoDataIfEmpty(db.owner, { appEnv: 'development' }, now);
    expect(summary).toBeDefined();
    expect(await count(db, 'members')).toBeGreaterThanOrEqual(300);
    expect(await count(db, 'calls')).toBeGreaterThan(100);

    const roles = (await db.owner('staff_roles').distinct('role').pluck('role')) as string[];
    expect(roles.sort()).toEqual(Object.keys(ROLES).sort());
    const unmanaged = await db.owner('units').whereNull('manager_staff_id').pluck('code');
    expect(unmanaged).toEqual(['secretariat', 'presidency']);

    const groups = (await db
      .owner('staff_candidate_groups as g')
      .join('staff as s', 's.id', 'g.staff_id')
      .where('s.username', 'membership.manager')
      .pluck('group_id')) as string[];
    expect(groups).toEqual(['unit-manager:membership']);

    const withTrade = await db
      .owner('members')
      .whereRaw('cardinality(export_countries) > 0')
      .count({ n: '*' });
    expect(Number((withTrade[0] as { n: string }).n)).toBeGreaterThan(50);
    const sample = (await db.owner('members').orderBy('id').first()) as {
      legal_name: string;
      activity_fields: string[];
    };
    expect(sample.legal_name).toMatch(/[\u0600-\u06FF]/);
    expect(sample.activity_fields.length).toBeGreaterThan(0);
  });

  it('demo users sign in with the documented password, hashed with argon2id', async () => {
    const { password_hash } = (await db.owner('staff').where({ username: 'sg' }).first()) as {
      password_hash: string;
    };
    expect(password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(password_hash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(password_hash, 'wrong')).toBe(false);
  });

  it('is loaded only into an empty database, and records itself in the audit trail', async () => {
    const members = await count(db, 'members');
    expect(await loadDemoDataIfEmpty(db.owner, { appEnv: 'development' }, now)).toBeUndefined();
    expect(await count(db, 'members')).toBe(members);
    expect(await verifyAuditTrail(db.owner)).toMatchObject({ ok: true, events: 1 });
  });

  it('is deterministic', async () => {
    const other = await createTestDatabase();
    try {
      await loadDemoDataIfEmpty(other.owner, { appEnv: 'development' }, now);
      const names = (d: TestDatabase) => d.owner('members').orderBy('id').pluck('legal_name');
      expect(await names(other)).toEqual(await names(db));
      const calls = (d: TestDatabase) =>
        d.owner('calls').orderBy('id').select('caller_number', 'started_at', 'outcome');
      expect(await calls(other)).toEqual(await calls(db));
    } finally {
      await other.drop();
    }
  });
});
