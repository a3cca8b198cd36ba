import type pg from 'pg';

/**
 * The engine's clock: the system time, or a pinned instant when clock control is on (as Camunda's
 * `PUT /v2/clock`). A pinned clock is stored, so it survives a restart.
 */
export class EngineClock {
  private pinned: number | null = null;

  constructor(private readonly pool: pg.Pool) {}

  async load(): Promise<void> {
    const { rows } = await this.pool.query<{ pinned_epoch_ms: string | null }>(
      'select pinned_epoch_ms::text from engine.clock',
    );
    this.pinned = rows[0]?.pinned_epoch_ms ? Number(rows[0].pinned_epoch_ms) : null;
  }

  now(): Date {
    return new Date(this.pinned ?? Date.now());
  }

  async pin(epochMs: number): Promise<void> {
    await this.pool.query(
      'insert into engine.clock (id, pinned_epoch_ms) values (true, $1) on conflict (id) do update set pinned_epoch_ms = $1',
      [epochMs],
    );
    this.pinned = epochMs;
  }

  async reset(): Promise<void> {
    await this.pool.query('delete from engine.clock');
    this.pinned = null;
  }
}
