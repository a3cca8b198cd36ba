import type pg from 'pg';

/** PostgreSQL allows 65 535 parameters per statement. */
const MAX_PARAMETERS = 65_000;

/**
 * Inserts rows with one multi-row statement per chunk; with `upsertOn`, rows whose key exists
 * update the `update` columns instead.
 */
export async function insertRows(
  client: Pick<pg.ClientBase, 'query'> | { query(text: string, values: unknown[]): Promise<unknown> },
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  upsert?: { readonly on: string; readonly update: readonly string[] },
): Promise<void> {
  const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const placeholders = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const conflict = upsert
      ? ` on conflict (${upsert.on}) do update set ${upsert.update.map((c) => `${c} = excluded.${c}`).join(', ')}`
      : '';
    await (client as { query(text: string, values: unknown[]): Promise<unknown> }).query(
      `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}${conflict}`,
      params,
    );
  }
}
