import type { JsonObject, JsonValue } from '../feel/index.js';
import type { Engine } from '../engine.js';

export interface JobActivationRequest {
  readonly type: string;
  readonly worker?: string;
  readonly timeoutMs: number;
  readonly maxJobsToActivate: number;
  readonly fetchVariable?: readonly string[];
  /** ms to wait for a job; 0 = the default (10 s); negative = answer at once. */
  readonly requestTimeoutMs?: number;
  readonly tenantIds?: readonly string[];
}

export interface ActivatedJob {
  readonly type: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly elementId: string;
  readonly customHeaders: Record<string, string>;
  readonly worker: string;
  readonly retries: number;
  readonly deadline: number;
  readonly variables: JsonObject;
  readonly tenantId: string;
  readonly jobKey: string;
  readonly processInstanceKey: string;
  readonly processDefinitionKey: string;
  readonly elementInstanceKey: string;
  readonly kind: 'BPMN_ELEMENT';
  readonly listenerEventType: 'UNSPECIFIED';
  readonly tags: string[];
}

const DEFAULT_LONG_POLL_MS = 10_000;
/** Other engine processes may create jobs too: look again at least this often while waiting. */
const RECHECK_MS = 500;

interface ClaimedRow {
  key: string;
  type: string;
  bpmn_process_id: string;
  version: number;
  element_id: string;
  custom_headers: Record<string, string>;
  retries: number;
  deadline: Date;
  tenant_id: string;
  process_instance_key: string;
  process_definition_key: string;
  element_instance_key: string;
}

async function claim(engine: Engine, request: JobActivationRequest): Promise<ActivatedJob[]> {
  const worker = request.worker ?? '';
  const deadline = new Date(engine.clock.now().getTime() + request.timeoutMs);
  return engine.transaction(async (client) => {
    const { rows } = await client.query<ClaimedRow>({
      name: 'engine-claim-jobs',
      text: `with c as (
         select key from engine.jobs
          where type = $1 and state = 'ACTIVATABLE' and ($4::text[] is null or tenant_id = any($4))
          order by key limit $2 for update skip locked)
       update engine.jobs j set state = 'ACTIVATED', worker = $3, deadline = $5
         from c where j.key = c.key
       returning j.key::text, j.type, j.bpmn_process_id, j.version, j.element_id, j.custom_headers, j.retries,
                 j.deadline, j.tenant_id, j.process_instance_key::text, j.process_definition_key::text,
                 j.element_instance_key::text`,
      values: [
        request.type,
        request.maxJobsToActivate,
        worker,
        request.tenantIds?.length ? request.tenantIds : null,
        deadline,
      ],
    });
    if (rows.length === 0) return [];
    rows.sort((a, b) => (BigInt(a.key) < BigInt(b.key) ? -1 : 1));
    // The variables visible from each job's element instance: its scope chain, innermost first.
    const vars = await client.query<{ job_key: string; name: string; value: string; depth: number }>(
      `with recursive chain as (
         select j.job_key, e.key, e.flow_scope_key, 0 as depth
           from unnest($1::bigint[], $2::bigint[]) as j(job_key, element_key)
           join engine.element_instances e on e.key = j.element_key
         union all
         select c.job_key, e.key, e.flow_scope_key, c.depth + 1
           from chain c join engine.element_instances e on e.key = c.flow_scope_key)
       select c.job_key::text, v.name, v.value, c.depth from chain c join engine.variables v on v.scope_key = c.key
        where ($3::text[] is null or v.name = any($3))
        order by c.depth desc`,
      [
        rows.map((r) => r.key),
        rows.map((r) => r.element_instance_key),
        request.fetchVariable?.length ? request.fetchVariable : null,
      ],
    );
    const variables = new Map<string, JsonObject>();
    for (const v of vars.rows) {
      const doc = variables.get(v.job_key) ?? {};
      doc[v.name] = JSON.parse(v.value) as JsonValue; // outer scopes first, so inner names win
      variables.set(v.job_key, doc);
    }
    const now = engine.clock.now();
    await client.query(
      `insert into engine.records (key, value_type, intent, process_instance_key, timestamp, value)
       select k, 'JOB', 'ACTIVATED', p, $3, jsonb_build_object('worker', $4::text, 'deadline', $5::bigint)
         from unnest($1::bigint[], $2::bigint[]) as t(k, p)`,
      [rows.map((r) => r.key), rows.map((r) => r.process_instance_key), now, worker, deadline.getTime()],
    );
    return rows.map((r) => ({
      type: r.type,
      processDefinitionId: r.bpmn_process_id,
      processDefinitionVersion: r.version,
      elementId: r.element_id,
      customHeaders: r.custom_headers,
      worker,
      retries: r.retries,
      deadline: deadline.getTime(),
      variables: variables.get(r.key) ?? {},
      tenantId: r.tenant_id,
      jobKey: r.key,
      processInstanceKey: r.process_instance_key,
      processDefinitionKey: r.process_definition_key,
      elementInstanceKey: r.element_instance_key,
      kind: 'BPMN_ELEMENT',
      listenerEventType: 'UNSPECIFIED',
      tags: [],
    }));
  });
}

/** Activates up to `maxJobsToActivate` jobs of a type, long polling until one exists or the request times out. */
export async function activateJobs(engine: Engine, request: JobActivationRequest): Promise<ActivatedJob[]> {
  const wait =
    request.requestTimeoutMs === undefined || request.requestTimeoutMs === 0
      ? DEFAULT_LONG_POLL_MS
      : request.requestTimeoutMs;
  const until = Date.now() + Math.max(0, wait);
  for (;;) {
    const jobs = await claim(engine, request);
    const remaining = until - Date.now();
    if (jobs.length > 0 || remaining <= 0) return jobs;
    await new Promise<void>((resolve) => {
      const event = `job-type:${request.type}`;
      const done = () => {
        clearTimeout(timer);
        engine.events.off(event, done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(remaining, RECHECK_MS));
      engine.events.on(event, done);
    });
  }
}
