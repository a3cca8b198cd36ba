import type { Knex } from 'knex';

export interface Migration {
  readonly name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** A migration written as two SQL scripts; most of ours are, since constraints read best in SQL. */
export function sqlMigration(name: string, up: string, down: string): Migration {
  return {
    name,
    up: async (knex) => void (await knex.raw(up)),
    down: async (knex) => void (await knex.raw(down)),
  };
}
