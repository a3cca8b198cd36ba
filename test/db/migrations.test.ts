import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrateDownAll, migrateUp, migrationStatus } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

async function businessTables(db: TestDatabase): Promise<string[]> {
  const rows = (await db
    .owner('information_schema.tables')
    .where({ table_schema: 'mcc' })
    .whereNot('table_name', 'like', 'knex_migrations%')
    .pluck('table_name')) as string[];
  return rows.sort();
}

describe('business schema migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db.drop());

  it('apply in order, revert completely, and apply again', async () => {
    const applied = await migrateUp(db.owner);
    expect(applied).toEqual(migrations.map((m) => m.name));
    const tables = await businessTables(db);
    for (const t of [
      'units',
      'staff',
      'members',
      'calls',
      'complaints',
      'complaint_stages',
      'surveys',
      'survey_answers',
      'specialist_meetings',
      'meeting_resolutions',
      'corrective_actions',
      'notification_outbox',
      'audit_events',
      'work_schedules',
      'calendar_exceptions',
    ]) {
      expect(tables).toContain(t);
    }
    expect(await migrationStatus(db.owner)).toEqual({ applied: applied, pending: [] });

    const reverted = await migrateDownAll(db.owner);
    expect(reverted).toEqual([...applied].reverse());
    expect(await businessTables(db)).toEqual([]);

    expect(await migrateUp(db.owner)).toEqual(applied);
    expect(await migrateUp(db.owner)).toEqual([]);
  });
});
