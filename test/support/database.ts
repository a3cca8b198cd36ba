import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, type Knex } from '../../src/db/connection.js';
import { migrateUp } from '../../src/db/migrate.js';

export interface TestDatabase {
  readonly url: string;
  /** Connected as the owner: migrations, seeds, and tampering in tests. */
  readonly owner: Knex;
  /** Connected as the application role, as the running system is. */
  readonly app: Knex;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_ADMIN_URL;
  if (!url) throw new Error('TEST_DATABASE_ADMIN_URL is not set: run the tests through jest (global setup)');
  return url;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database of its own for one test file, so files can run in parallel. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const owner = connect(url.toString(), { as: 'owner', poolMax: 4 });
  if (options.migrate ?? true) await migrateUp(owner);
  const app = connect(url.toString(), { as: 'app', poolMax: 4 });
  return {
    url: url.toString(),
    owner,
    app,
    async drop() {
      await app.destroy();
      await owner.destroy();
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Runs an insert of one row and gives back its id. */
export async function insertedId(insert: Knex.QueryBuilder): Promise<number> {
  const rows = (await insert.returning('id')) as { id: number }[];
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('the insert returned no row');
  return id;
}
