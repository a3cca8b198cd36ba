import type pg from 'pg';
import type { JsonObject } from '../feel/index.js';

/**
 * The oldest live buffered message with this name and correlation key not yet correlated to an
 * instance of `bpmnProcessId`; recording the correlation (a message reaches each process once, §4.2).
 */
export async function takeBufferedMessage(
  client: pg.ClientBase,
  now: Date,
  m: { name: string; correlationKey: string; tenantId: string; bpmnProcessId: string },
): Promise<{ messageKey: string; variables: JsonObject } | null> {
  const { rows } = await client.query<{ key: string; variables: JsonObject }>(
    `select key::text, variables from engine.messages msg
      where tenant_id = $1 and name = $2 and correlation_key = $3 and expires_at > $4
        and not exists (select 1 from engine.message_correlations c where c.message_key = msg.key and c.bpmn_process_id = $5)
      order by key limit 1 for update`,
    [m.tenantId, m.name, m.correlationKey, now, m.bpmnProcessId],
  );
  const message = rows[0];
  if (!message) return null;
  await client.query(
    'insert into engine.message_correlations (message_key, bpmn_process_id) values ($1, $2)',
    [message.key, m.bpmnProcessId],
  );
  return { messageKey: message.key, variables: message.variables };
}
