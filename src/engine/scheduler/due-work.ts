import type { Engine } from '../engine.js';

const BATCH = 500;

/**
 * Jobs whose activation timed out, and failed jobs whose back-off has passed, become activatable
 * again (zeebe-semantics §3.5, §3.6). Claimed with SKIP LOCKED so that several engine processes can
 * run this at once. Returns how many jobs it released.
 */
export async function releaseDueJobs(engine: Engine): Promise<number> {
  const now = engine.clock.now();
  const types = await engine.transaction(async (client) => {
    const { rows } = await client.query<{
      key: string;
      type: string;
      process_instance_key: string;
      intent: string;
    }>(
      `with due as (
         select key, case when state = 'ACTIVATED' then 'TIMED_OUT' else 'RECURRED_AFTER_BACKOFF' end as intent
           from engine.jobs
          where (state = 'ACTIVATED' and deadline <= $1) or (state = 'FAILED' and recur_at <= $1 and retries > 0)
          order by key limit $2 for update skip locked)
       update engine.jobs j set state = 'ACTIVATABLE', worker = null, deadline = null, recur_at = null
         from due where j.key = due.key
       returning j.key::text, j.type, j.process_instance_key::text, due.intent`,
      [now, BATCH],
    );
    if (rows.length) {
      await client.query(
        `insert into engine.records (key, value_type, intent, process_instance_key, timestamp, value)
         select k, 'JOB', i, p, $4, jsonb_build_object('type', t)
           from unnest($1::bigint[], $2::text[], $3::bigint[], $5::text[]) as x(k, i, p, t)`,
        [
          rows.map((r) => r.key),
          rows.map((r) => r.intent),
          rows.map((r) => r.process_instance_key),
          now,
          rows.map((r) => r.type),
        ],
      );
    }
    return new Set(rows.map((r) => r.type));
  });
  for (const type of types) engine.events.emit(`job-type:${type}`);
  return types.size;
}
