import type { Knex } from 'knex';
import { BUSINESS_SCHEMA } from './connection.js';
import { migrations } from './migrations/index.js';
import type { Migration } from './migrations/types.js';

const source: Knex.MigrationSource<Migration> = {
  getMigrations: async () => [...migrations],
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m,
};

function migratorConfig(): Knex.MigratorConfig {
  return { migrationSource: source, schemaName: BUSINESS_SCHEMA, tableName: 'knex_migrations' };
}

async function ensureSchema(knex: Knex): Promise<void> {
  await knex.raw('create schema if not exists ??', [BUSINESS_SCHEMA]);
}

/** Applies every pending migration; returns the names applied. Runs as the owner role. */
export async function migrateUp(knex: Knex): Promise<string[]> {
  await ensureSchema(knex);
  const [, applied] = (await knex.migrate.latest(migratorConfig())) as [number, string[]];
  return applied;
}

/** Reverts every applied migration, newest first; returns the names reverted. */
export async function migrateDownAll(knex: Knex): Promise<string[]> {
  await ensureSchema(knex);
  const [, reverted] = (await knex.migrate.rollback(migratorConfig(), true)) as [number, string[]];
  return reverted;
}

export async function migrationStatus(knex: Knex): Promise<{ applied: string[]; pending: string[] }> {
  await ensureSchema(knex);
  const [applied, pending] = (await knex.migrate.list(migratorConfig())) as [
    { name: string }[],
    { file: string }[] | Migration[],
  ];
  return {
    applied: applied.map((m) => m.name),
    pending: pending.map((m) => ('file' in m ? m.file : m.name)),
  };
}
