import type pg from 'pg';
import type { Key } from '../processing/runtime.js';

/** The sequence hands out blocks of this many keys (its INCREMENT BY). */
const BLOCK = 1000n;

/**
 * Engine keys in Zeebe's encoding (partition 1: 2^51 + counter), unique across engine processes
 * sharing the database: each process takes blocks of 1000 from the `engine.keys` sequence.
 */
export class KeyGenerator {
  private next = 0n;
  private end = 0n;
  private refill: Promise<void> | undefined;

  constructor(private readonly pool: pg.Pool) {}

  /**
   * The next key. Inside a transaction pass its client: a refill must not wait for a second
   * connection from a pool that the waiting transactions may have exhausted.
   */
  async nextKey(db: pg.Pool | pg.ClientBase = this.pool): Promise<Key> {
    while (this.next >= this.end) {
      this.refill ??= this.takeBlock(db).finally(() => (this.refill = undefined));
      await this.refill;
    }
    return this.next++;
  }

  private async takeBlock(db: pg.Pool | pg.ClientBase): Promise<void> {
    const { rows } = await db.query<{ start: string }>("select nextval('engine.keys')::text as start");
    const start = BigInt(rows[0]!.start);
    this.next = start;
    this.end = start + BLOCK;
  }
}
