import type pg from 'pg';
import { EngineRejection } from '../engine-error.js';
import type { Engine } from '../engine.js';
import { nextDueDate, type Timer } from '../model/index.js';
import type { ProcessBatch } from '../processing/process-batch.js';
import type { TimerSubscription } from '../processing/runtime.js';

interface TimerRow {
  key: string;
  process_definition_key: string;
  process_instance_key: string | null;
  element_instance_key: string | null;
  element_id: string;
  tenant_id: string;
  due_at: Date;
  repetitions: number;
  timer: Timer;
}

/** The repetition after a timer fired, if any: same catch event, next due date, one repetition fewer. */
function nextRepetition(row: TimerRow, now: number, key: bigint): TimerSubscription | undefined {
  if (row.repetitions === 1) return undefined;
  const due = nextDueDate(row.timer, row.due_at.getTime(), now);
  if (due === null) return undefined;
  return {
    key,
    processDefinitionKey: BigInt(row.process_definition_key),
    processInstanceKey: row.process_instance_key === null ? null : BigInt(row.process_instance_key),
    scopeKey: row.element_instance_key === null ? null : BigInt(row.element_instance_key),
    elementId: row.element_id,
    tenantId: row.tenant_id,
    dueAt: new Date(due),
    repetitions: row.repetitions > 0 ? row.repetitions - 1 : -1,
    timer: row.timer,
  };
}

async function lockTimer(client: pg.ClientBase, key: string): Promise<TimerRow | undefined> {
  const { rows } = await client.query<TimerRow>(
    `select key::text, process_definition_key::text, process_instance_key::text, element_instance_key::text, element_id,
            tenant_id, due_at, repetitions, timer
       from engine.timers where key = $1 for update skip locked`,
    [key],
  );
  return rows[0];
}

/** Fires one due timer: a start timer creates an instance, any other triggers its catch event (§5.2). */
async function fireTimer(engine: Engine, key: string, processInstanceKey: string | null): Promise<boolean> {
  return engine.transaction(async (client, onCommit) => {
    const now = engine.clock.now().getTime();
    if (processInstanceKey === null) {
      const row = await lockTimer(client, key);
      if (!row || row.due_at.getTime() > now) return false;
      await client.query('delete from engine.timers where key = $1', [key]);
      const next = nextRepetition(row, now, await engine.keys.nextKey(client));
      if (next) {
        await client.query(
          `insert into engine.timers (key, process_definition_key, process_instance_key, element_instance_key, element_id, tenant_id, due_at, repetitions, timer)
           values ($1, $2, null, null, $3, $4, $5, $6, $7)`,
          [
            next.key.toString(),
            row.process_definition_key,
            row.element_id,
            row.tenant_id,
            next.dueAt,
            next.repetitions,
            JSON.stringify(row.timer),
          ],
        );
      }
      const definition = await engine.definitions.get(BigInt(row.process_definition_key), client);
      if (definition)
        await engine.createInstanceIn(client, onCommit, definition, {}, { startEventId: row.element_id });
      return true;
    }
    let fired = false;
    const instanceGone = await engine
      .processIn(client, onCommit, BigInt(processInstanceKey), async (batch: ProcessBatch) => {
        const row = await lockTimer(client, key);
        if (!row || row.due_at.getTime() > now || row.element_instance_key === null) return;
        fired = true;
        batch.changes.timersDeleted.add(BigInt(row.key));
        batch.record(BigInt(row.key), 'TIMER', 'TRIGGERED', { targetElementId: row.element_id });
        const scopeKey = BigInt(row.element_instance_key);
        if (!batch.canTrigger(scopeKey, row.element_id)) return;
        const next = nextRepetition(row, now, await batch.key());
        if (next) batch.changes.timer(next);
        batch.trigger(scopeKey, row.element_id, {});
      })
      .then(
        () => false,
        (error: unknown) => {
          if (error instanceof EngineRejection && error.type === 'NOT_FOUND') return true;
          throw error;
        },
      );
    if (instanceGone) {
      await client.query('delete from engine.timers where key = $1', [key]);
      return true;
    }
    return fired;
  });
}

/** Fires the timers that are due by the engine clock, oldest first; returns how many fired. */
export async function fireDueTimers(engine: Engine, limit = 200): Promise<number> {
  const { rows } = await engine.pool.query<{ key: string; process_instance_key: string | null }>(
    'select key::text, process_instance_key::text from engine.timers where due_at <= $1 order by due_at, key limit $2',
    [engine.clock.now(), limit],
  );
  let fired = 0;
  for (const row of rows) if (await fireTimer(engine, row.key, row.process_instance_key)) fired++;
  return fired;
}
