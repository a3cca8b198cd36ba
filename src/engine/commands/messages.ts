import type pg from 'pg';
import { invalidState, notFound } from '../engine-error.js';
import type { Engine } from '../engine.js';
import type { JsonObject } from '../feel/index.js';

export interface MessageRequest {
  readonly name: string;
  readonly correlationKey: string;
  readonly variables: JsonObject;
  readonly tenantId: string;
}

interface Correlation {
  readonly processInstanceKeys: string[];
  readonly bpmnProcessIds: Set<string>;
}

/**
 * Delivers a message to the waiting catch events and message start events, at most once per
 * process (bpmnProcessId), oldest subscription first (zeebe-semantics §4).
 */
async function correlate(
  engine: Engine,
  client: pg.PoolClient,
  onCommit: (notify: () => void) => void,
  m: MessageRequest,
): Promise<Correlation> {
  const done: Correlation = { processInstanceKeys: [], bpmnProcessIds: new Set() };
  const { rows } = await client.query<{
    process_instance_key: string;
    element_instance_key: string;
    element_id: string;
    bpmn_process_id: string;
  }>(
    `select process_instance_key::text, element_instance_key::text, element_id, bpmn_process_id
       from engine.message_subscriptions where tenant_id = $1 and message_name = $2 and correlation_key = $3 order by key`,
    [m.tenantId, m.name, m.correlationKey],
  );
  for (const row of rows) {
    if (done.bpmnProcessIds.has(row.bpmn_process_id)) continue;
    let triggered = false;
    await engine.processIn(client, onCommit, BigInt(row.process_instance_key), async (batch) => {
      const scopeKey = BigInt(row.element_instance_key);
      if (!batch.canTrigger(scopeKey, row.element_id)) return;
      await batch.reserveKeys(64 + Object.keys(m.variables).length);
      batch.trigger(scopeKey, row.element_id, m.variables);
      triggered = true;
    });
    if (triggered) {
      done.bpmnProcessIds.add(row.bpmn_process_id);
      done.processInstanceKeys.push(row.process_instance_key);
    }
  }
  const starts = await client.query<{
    process_definition_key: string;
    bpmn_process_id: string;
    element_id: string;
  }>(
    `select process_definition_key::text, bpmn_process_id, element_id from engine.message_start_subscriptions
      where tenant_id = $1 and message_name = $2 order by process_definition_key`,
    [m.tenantId, m.name],
  );
  for (const start of starts.rows) {
    if (done.bpmnProcessIds.has(start.bpmn_process_id)) continue;
    const processInstanceKey = await engine.keys.nextKey(client);
    if (m.correlationKey !== '') {
      // One active instance per correlation key and process for message start events (§4.4).
      await client.query('select pg_advisory_xact_lock(hashtext($1))', [
        `${m.tenantId}/${start.bpmn_process_id}/${m.correlationKey}`,
      ]);
      const active = await client.query(
        'select 1 from engine.message_start_locks where tenant_id = $1 and bpmn_process_id = $2 and correlation_key = $3',
        [m.tenantId, start.bpmn_process_id, m.correlationKey],
      );
      if (active.rowCount) continue;
      await client.query(
        'insert into engine.message_start_locks (tenant_id, bpmn_process_id, correlation_key, process_instance_key) values ($1, $2, $3, $4)',
        [m.tenantId, start.bpmn_process_id, m.correlationKey, processInstanceKey.toString()],
      );
    }
    const definition = await engine.definitions.get(BigInt(start.process_definition_key), client);
    if (!definition) continue;
    await engine.createInstanceIn(client, onCommit, definition, m.variables, {
      startEventId: start.element_id,
      processInstanceKey,
      startLock: m.correlationKey !== '',
    });
    done.bpmnProcessIds.add(start.bpmn_process_id);
    done.processInstanceKeys.push(processInstanceKey.toString());
  }
  return done;
}

/** Publishes a message: correlated now where something waits, and buffered for `timeToLiveMs`. */
export async function publishMessage(
  engine: Engine,
  m: MessageRequest & { readonly timeToLiveMs: number; readonly messageId?: string },
): Promise<{ messageKey: string; tenantId: string }> {
  return engine.transaction(async (client, onCommit) => {
    const now = engine.clock.now();
    if (m.messageId) {
      await client.query(
        'delete from engine.messages where tenant_id = $1 and name = $2 and message_id = $3 and expires_at <= $4',
        [m.tenantId, m.name, m.messageId, now],
      );
      const duplicate = await client.query(
        'select 1 from engine.messages where tenant_id = $1 and name = $2 and message_id = $3',
        [m.tenantId, m.name, m.messageId],
      );
      if (duplicate.rowCount) {
        throw invalidState(
          `Expected to publish a new message with id '${m.messageId}', but a message with that id was already published`,
        );
      }
    }
    const messageKey = await engine.keys.nextKey(client);
    const correlated = await correlate(engine, client, onCommit, m);
    if (m.timeToLiveMs > 0) {
      await client.query(
        `insert into engine.messages (key, tenant_id, name, correlation_key, message_id, variables, expires_at, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          messageKey.toString(),
          m.tenantId,
          m.name,
          m.correlationKey,
          m.messageId ?? null,
          JSON.stringify(m.variables),
          new Date(now.getTime() + m.timeToLiveMs),
          now,
        ],
      );
      for (const bpmnProcessId of correlated.bpmnProcessIds) {
        await client.query(
          'insert into engine.message_correlations (message_key, bpmn_process_id) values ($1, $2)',
          [messageKey.toString(), bpmnProcessId],
        );
      }
    }
    await client.query(
      `insert into engine.records (key, value_type, intent, process_instance_key, timestamp, value)
       values ($1, 'MESSAGE', 'PUBLISHED', null, $2, $3)`,
      [
        messageKey.toString(),
        now,
        JSON.stringify({ name: m.name, correlationKey: m.correlationKey, timeToLive: m.timeToLiveMs }),
      ],
    );
    return { messageKey: messageKey.toString(), tenantId: m.tenantId };
  });
}

/** Correlates a message now or not at all (it is not buffered); 404 when nothing waits for it. */
export async function correlateMessage(
  engine: Engine,
  m: MessageRequest,
): Promise<{ messageKey: string; tenantId: string; processInstanceKey: string }> {
  return engine.transaction(async (client, onCommit) => {
    const messageKey = await engine.keys.nextKey(client);
    const correlated = await correlate(engine, client, onCommit, m);
    const first = correlated.processInstanceKeys[0];
    if (!first) {
      throw notFound(
        `Expected to find subscription for message with name '${m.name}' and correlation key '${m.correlationKey}', but none was found.`,
      );
    }
    return { messageKey: messageKey.toString(), tenantId: m.tenantId, processInstanceKey: first };
  });
}

/** Removes buffered messages whose time to live has passed; returns how many. */
export async function expireMessages(engine: Engine): Promise<number> {
  const { rows } = await engine.pool.query<{ key: string }>(
    `with gone as (delete from engine.messages where key in
       (select key from engine.messages where expires_at <= $1 order by expires_at limit 500 for update skip locked)
       returning key)
     delete from engine.message_correlations c using gone where c.message_key = gone.key returning gone.key::text`,
    [engine.clock.now()],
  );
  return rows.length;
}
