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
    up: async (knex) => void (await knex.raw(literalQuestionMarks(up))),
    down: async (knex) => void (await knex.raw(literalQuestionMarks(down))),
  };
}

/** knex.raw reads every `?` as a binding placeholder; regular expressions in checks need them literal. */
function literalQuestionMarks(sql: string): string {
  return sql.replaceAll('?', '\\?');
}
