import type pg from 'pg';

/**
 * The engine's tables, in schema `engine`, as numbered scripts applied in order. The engine owns
 * this schema alone; nothing of the application reads or writes it except through the REST API.
 */
const SCRIPTS: readonly string[] = [
  `
  create sequence engine.keys start with 2251799813685249 increment by 1000;

  create table engine.deployments (
    key bigint primary key,
    tenant_id text not null,
    created_at timestamptz not null
  );

  create table engine.process_definitions (
    key bigint primary key,
    deployment_key bigint not null references engine.deployments (key),
    bpmn_process_id text not null,
    version integer not null,
    version_tag text,
    name text,
    resource_name text not null,
    checksum text not null,
    tenant_id text not null,
    xml text not null,
    model jsonb not null,
    start_form_id text,
    created_at timestamptz not null,
    unique (tenant_id, bpmn_process_id, version)
  );

  create table engine.forms (
    key bigint primary key,
    deployment_key bigint not null references engine.deployments (key),
    form_id text not null,
    version integer not null,
    resource_name text not null,
    checksum text not null,
    tenant_id text not null,
    schema text not null,
    unique (tenant_id, form_id, version)
  );

  create table engine.process_instances (
    key bigint primary key,
    process_definition_key bigint not null references engine.process_definitions (key),
    bpmn_process_id text not null,
    version integer not null,
    tenant_id text not null,
    state text not null check (state in ('ACTIVE', 'COMPLETED', 'TERMINATED')),
    start_date timestamptz not null,
    end_date timestamptz,
    parent_process_instance_key bigint,
    parent_element_instance_key bigint,
    has_incident boolean not null default false,
    tags text[] not null default '{}'
  );
  create index process_instances_definition on engine.process_instances (process_definition_key);
  create index process_instances_active on engine.process_instances (bpmn_process_id) where state = 'ACTIVE';

  -- Every element instance, with the runtime state of the live ones in runtime.
  create table engine.element_instances (
    key bigint primary key,
    process_instance_key bigint not null,
    process_definition_key bigint not null,
    bpmn_process_id text not null,
    tenant_id text not null,
    element_id text not null,
    element_name text,
    type text not null,
    lifecycle text not null,
    flow_scope_key bigint,
    start_date timestamptz not null,
    end_date timestamptz,
    incident_key bigint,
    runtime jsonb not null default '{}'
  );
  create index element_instances_live on engine.element_instances (process_instance_key) where end_date is null;
  create index element_instances_instance on engine.element_instances (process_instance_key, key);

  create table engine.variables (
    key bigint primary key,
    scope_key bigint not null,
    process_instance_key bigint not null,
    tenant_id text not null,
    name text not null,
    value text not null,
    unique (scope_key, name)
  );
  create index variables_instance on engine.variables (process_instance_key);

  create table engine.jobs (
    key bigint primary key,
    type text not null,
    state text not null check (state in ('ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN')),
    kind text not null default 'BPMN_ELEMENT',
    process_instance_key bigint not null,
    element_instance_key bigint not null,
    element_id text not null,
    process_definition_key bigint not null,
    bpmn_process_id text not null,
    version integer not null,
    tenant_id text not null,
    retries integer not null,
    custom_headers jsonb not null,
    worker text,
    deadline timestamptz,
    recur_at timestamptz,
    error_message text,
    error_code text,
    created_at timestamptz not null
  );
  create index jobs_activatable on engine.jobs (type, key) where state = 'ACTIVATABLE';
  create index jobs_deadline on engine.jobs (deadline) where state = 'ACTIVATED';
  create index jobs_backoff on engine.jobs (recur_at) where state = 'FAILED' and recur_at is not null;
  create index jobs_element on engine.jobs (element_instance_key);

  create table engine.user_tasks (
    key bigint primary key,
    element_instance_key bigint not null,
    process_instance_key bigint not null,
    process_definition_key bigint not null,
    bpmn_process_id text not null,
    version integer not null,
    tenant_id text not null,
    element_id text not null,
    name text,
    state text not null,
    assignee text,
    candidate_groups text[] not null default '{}',
    candidate_users text[] not null default '{}',
    due_date timestamptz,
    follow_up_date timestamptz,
    priority integer not null default 50,
    form_key bigint,
    external_form_reference text,
    custom_headers jsonb not null default '{}',
    creation_date timestamptz not null,
    completion_date timestamptz
  );
  create index user_tasks_open on engine.user_tasks (creation_date) where state = 'CREATED';
  create index user_tasks_instance on engine.user_tasks (process_instance_key);
  create index user_tasks_groups on engine.user_tasks using gin (candidate_groups);

  create table engine.incidents (
    key bigint primary key,
    process_instance_key bigint not null,
    process_definition_key bigint not null,
    bpmn_process_id text not null,
    tenant_id text not null,
    element_instance_key bigint not null,
    element_id text not null,
    error_type text not null,
    error_message text not null,
    job_key bigint,
    state text not null check (state in ('ACTIVE', 'RESOLVED')),
    creation_time timestamptz not null,
    resolution_time timestamptz
  );
  create index incidents_active on engine.incidents (process_instance_key) where state = 'ACTIVE';

  create table engine.timers (
    key bigint primary key,
    process_definition_key bigint not null,
    process_instance_key bigint,
    element_instance_key bigint,
    element_id text not null,
    tenant_id text not null,
    due_at timestamptz not null,
    -- How often it still fires (-1: until its scope ends), and the evaluated timer (model/timer).
    repetitions integer not null,
    timer jsonb not null
  );
  create index timers_due on engine.timers (due_at);
  create index timers_element on engine.timers (element_instance_key);

  create table engine.message_subscriptions (
    key bigint primary key,
    process_instance_key bigint not null,
    element_instance_key bigint not null,
    element_id text not null,
    bpmn_process_id text not null,
    tenant_id text not null,
    message_name text not null,
    correlation_key text not null,
    interrupting boolean not null
  );
  create index message_subscriptions_lookup on engine.message_subscriptions (tenant_id, message_name, correlation_key);
  create index message_subscriptions_element on engine.message_subscriptions (element_instance_key);

  create table engine.message_start_subscriptions (
    process_definition_key bigint not null,
    bpmn_process_id text not null,
    tenant_id text not null,
    element_id text not null,
    message_name text not null,
    primary key (process_definition_key, element_id)
  );
  create index message_start_lookup on engine.message_start_subscriptions (tenant_id, message_name);

  create table engine.messages (
    key bigint primary key,
    tenant_id text not null,
    name text not null,
    correlation_key text not null,
    message_id text,
    variables jsonb not null,
    expires_at timestamptz not null,
    created_at timestamptz not null
  );
  create unique index messages_id on engine.messages (tenant_id, name, message_id) where message_id is not null;
  create index messages_lookup on engine.messages (tenant_id, name, correlation_key);
  create index messages_expiry on engine.messages (expires_at);

  -- A buffered message correlates at most once to an instance of each process (by bpmnProcessId).
  create table engine.message_correlations (
    message_key bigint not null,
    bpmn_process_id text not null,
    primary key (message_key, bpmn_process_id)
  );

  -- One active instance per correlation key for message start events.
  create table engine.message_start_locks (
    tenant_id text not null,
    bpmn_process_id text not null,
    correlation_key text not null,
    process_instance_key bigint not null,
    primary key (tenant_id, bpmn_process_id, correlation_key)
  );

  -- Append-only log of every state transition (Zeebe's records), the history behind search and audit.
  create table engine.records (
    position bigint generated always as identity primary key,
    key bigint not null,
    value_type text not null,
    intent text not null,
    process_instance_key bigint,
    timestamp timestamptz not null,
    value jsonb not null
  );
  create index records_instance on engine.records (process_instance_key, position);

  -- A pinned clock survives restarts, as Zeebe's does.
  create table engine.clock (
    id boolean primary key default true check (id),
    pinned_epoch_ms bigint
  );
  `,
];

/** Applies the scripts not applied yet; safe to call from several processes at once. */
export async function ensureEngineSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query("select pg_advisory_xact_lock(hashtext('engine.schema'))");
    await client.query('create schema if not exists engine');
    await client.query(
      'create table if not exists engine.schema_migrations (version integer primary key, applied_at timestamptz not null default now())',
    );
    const { rows } = await client.query<{ version: number }>('select version from engine.schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const [i, script] of SCRIPTS.entries()) {
      if (applied.has(i + 1)) continue;
      await client.query(script);
      await client.query('insert into engine.schema_migrations (version) values ($1)', [i + 1]);
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}
