import type { Knex } from 'knex';
import type { z } from 'zod';
import { DEFAULT_SETTINGS } from '../../db/seeds/reference-settings.js';

/**
 * A setting (`settings` table) checked against `schema`; the shipped default when the row is
 * missing. A stored value that does not fit is an error naming the key, never silently replaced.
 */
export async function readSetting<S extends z.ZodType>(
  db: Knex | Knex.Transaction,
  key: string,
  schema: S,
): Promise<z.output<S>> {
  const row = (await db('settings').where({ key }).first('value')) as { value: unknown } | undefined;
  const value = row ? row.value : DEFAULT_SETTINGS.find((s) => s.key === key)?.value;
  if (value === undefined) throw new Error(`setting ${key} is missing and has no default`);
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Error(
      `setting ${key} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}
