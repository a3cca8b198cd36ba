import type pg from 'pg';

/** PostgreSQL allows 65 535 parameters per statement. */
const MAX_PARAMETERS = 65_000;

type Config = { name?: string; text: string; values?: unknown[] };

/**
 * Collects writes and sends them as one statement of data-modifying CTEs: one round trip, one
 * parse, for what would be a dozen statements. Writes of one batch never touch the same row twice,
 * so the order in which PostgreSQL runs the CTEs does not matter.
 */
export class StatementBatch {
  private readonly statements: { text: string; values: unknown[] }[] = [];

  /** Same shape as pg's `query`, so writers can target either a client or a batch. */
  query(textOrConfig: string | Config, values: unknown[] = []): Promise<void> {
    const config = typeof textOrConfig === 'string' ? { text: textOrConfig, values } : textOrConfig;
    this.statements.push({ text: config.text, values: config.values ?? [] });
    return Promise.resolve();
  }

  async flush(client: pg.ClientBase): Promise<void> {
    let chunk: { text: string; values: unknown[] }[] = [];
    let count = 0;
    const send = async () => {
      if (chunk.length === 1) await client.query(chunk[0]!.text, chunk[0]!.values);
      else if (chunk.length > 1)
        await client.query(
          combine(chunk),
          chunk.flatMap((s) => s.values),
        );
      chunk = [];
      count = 0;
    };
    for (const statement of this.statements) {
      if (count + statement.values.length > MAX_PARAMETERS) await send();
      chunk.push(statement);
      count += statement.values.length;
    }
    await send();
    this.statements.length = 0;
  }
}

/** `with w1 as (...), w2 as (...) select 1`, parameters renumbered in order. */
function combine(statements: readonly { text: string; values: unknown[] }[]): string {
  let offset = 0;
  const parts = statements.map((s, i) => {
    const shift = offset;
    offset += s.values.length;
    const text =
      shift === 0 ? s.text : s.text.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + shift}`);
    return `w${i} as (${text})`;
  });
  return `with ${parts.join(', ')} select 1`;
}
