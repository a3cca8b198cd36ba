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
  // One statement, committed on its own: claim, record, and read each job's visible variables
  // (its scope chain, inner names winning) in a single round trip.
  const { rows } = await engine.pool.query<ClaimedRow & { vars: { name: string; value: string }[] }>({
    name: 'engine-claim-jobs',
    text: `with recursive c as (
         select key from engine.jobs
          where type = $1 and state = 'ACTIVATABLE' and ($4::text[] is null or tenant_id = any($4))
          order by key limit $2 for update skip locked),
       u as (
         update engine.jobs j set state = 'ACTIVATED', worker = $3, deadline = $5
           from c where j.key = c.key
         returning j.key, j.type, j.bpmn_process_id, j.version, j.element_id, j.custom_headers, j.retries,
                   j.deadline, j.tenant_id, j.process_instance_key, j.process_definition_key, j.element_instance_key),
       r as (
         insert into engine.records (key, value_type, intent, process_instance_key, timestamp, value)
         select key, 'JOB', 'ACTIVATED', process_instance_key, $6, jsonb_build_object('worker', $3::text, 'deadline', $7::bigint)
           from u),
       chain as (
         select u.key as job_key, e.key, e.flow_scope_key, 0 as depth
           from u join engine.element_instances e on e.key = u.element_instance_key
         union all
         select chain.job_key, e.key, e.flow_scope_key, chain.depth + 1
           from chain join engine.element_instances e on e.key = chain.flow_scope_key)
       select u.key::text, u.type, u.bpmn_process_id, u.version, u.element_id, u.custom_headers, u.retries, u.deadline,
              u.tenant_id, u.process_instance_key::text, u.process_definition_key::text, u.element_instance_key::text,
              (select coalesce(json_agg(json_build_object('name', v.name, 'value', v.value) order by ch.depth desc), '[]')
                 from chain ch join engine.variables v on v.scope_key = ch.key
                where ch.job_key = u.key and ($8::text[] is null or v.name = any($8))) as vars
         from u order by u.key`,
    values: [
      request.type,
      request.maxJobsToActivate,
      worker,
      request.tenantIds?.length ? request.tenantIds : null,
      deadline,
      engine.clock.now(),
      deadline.getTime(),
      request.fetchVariable?.length ? request.fetchVariable : null,
    ],
  });
  return rows.map((r) => {
    const variables: JsonObject = {};
    for (const v of r.vars) variables[v.name] = JSON.parse(v.value) as JsonValue; // outer scopes first
    return {
      type: r.type,
      processDefinitionId: r.bpmn_process_id,
      processDefinitionVersion: r.version,
      elementId: r.element_id,
      customHeaders: r.custom_headers,
      worker,
      retries: r.retries,
      deadline: deadline.getTime(),
      variables,
      tenantId: r.tenant_id,
      jobKey: r.key,
      processInstanceKey: r.process_instance_key,
      processDefinitionKey: r.process_definition_key,
      elementInstanceKey: r.element_instance_key,
      kind: 'BPMN_ELEMENT',
      listenerEventType: 'UNSPECIFIED',
      tags: [],
    };
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
