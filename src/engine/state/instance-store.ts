import type pg from 'pg';
import type { JsonValue } from '../feel/index.js';
import type { Changes } from '../processing/changes.js';
import type { ProcessInstanceState } from '../processing/process-batch.js';
import type { ElementInstance, Incident, Job, Key, UserTask, Variable } from '../processing/runtime.js';
import { insertRows } from './sql-rows.js';
import { StatementBatch } from './statement-batch.js';

export interface LoadedInstance {
  readonly instance: ProcessInstanceState;
  readonly processDefinitionKey: Key;
  readonly elements: Map<Key, ElementInstance>;
  readonly variables: Variable[];
  readonly jobs: Map<Key, Job>;
  readonly userTasks: Map<Key, UserTask>;
  readonly incidents: Map<Key, Incident>;
  /** What the instance had before the batch: writes that would change nothing are skipped. */
  readonly before: {
    readonly state: ProcessInstanceState['state'];
    readonly hasIncident: boolean;
    readonly timerOwners: ReadonlySet<Key>;
    readonly subscriptionOwners: ReadonlySet<Key>;
    readonly hasStartLock: boolean;
    /** Set for an instance created in this batch: its row is inserted with the batch's writes. */
    readonly newRow?: NewInstanceRow;
  };
}

export interface NewInstanceRow {
  readonly processDefinitionKey: Key;
  readonly bpmnProcessId: string;
  readonly version: number;
  readonly tenantId: string;
  readonly startDate: Date;
  readonly tags: readonly string[];
}

const date = (v: string | null) => (v === null ? null : new Date(v));
const key = (v: string | null) => (v === null ? null : BigInt(v));

// Everything live under the instance. It runs as its own statement after the lock is taken: in
// READ COMMITTED a statement that waited for a lock still reads the rest of the data as of its start.
const LOAD = `
with pi as (
  select key, state, end_date, has_incident, process_definition_key, parent_process_instance_key, parent_element_instance_key
    from engine.process_instances where key = $1
)
select
  (select json_build_object('key', key::text, 'state', state, 'endDate', end_date, 'hasIncident', has_incident,
                            'processDefinitionKey', process_definition_key::text,
                            'parentProcessInstanceKey', parent_process_instance_key::text,
                            'parentElementInstanceKey', parent_element_instance_key::text) from pi) as instance,
  (select coalesce(json_agg(json_build_object(
      'key', e.key::text, 'processDefinitionKey', e.process_definition_key::text, 'bpmnProcessId', e.bpmn_process_id,
      'tenantId', e.tenant_id, 'elementId', e.element_id, 'elementName', e.element_name, 'type', e.type,
      'lifecycle', e.lifecycle, 'flowScopeKey', e.flow_scope_key::text, 'startDate', e.start_date,
      'incidentKey', e.incident_key::text, 'runtime', e.runtime)), '[]')
     from engine.element_instances e where e.process_instance_key = $1 and e.end_date is null) as elements,
  (select coalesce(json_agg(json_build_object('key', v.key::text, 'scopeKey', v.scope_key::text, 'name', v.name,
      'value', v.value)), '[]')
     from engine.variables v
    where v.process_instance_key = $1
      and v.scope_key in (select key from engine.element_instances where process_instance_key = $1 and end_date is null)) as variables,
  (select coalesce(json_agg(json_build_object('key', j.key::text, 'type', j.type, 'state', j.state,
      'elementInstanceKey', j.element_instance_key::text, 'elementId', j.element_id,
      'processDefinitionKey', j.process_definition_key::text, 'bpmnProcessId', j.bpmn_process_id, 'version', j.version,
      'tenantId', j.tenant_id, 'retries', j.retries, 'customHeaders', j.custom_headers, 'worker', j.worker,
      'deadline', j.deadline, 'recurAt', j.recur_at, 'errorMessage', j.error_message, 'errorCode', j.error_code,
      'createdAt', j.created_at)), '[]')
     from engine.jobs j where j.process_instance_key = $1) as jobs,
  (select coalesce(json_agg(json_build_object('key', t.key::text, 'elementInstanceKey', t.element_instance_key::text,
      'processDefinitionKey', t.process_definition_key::text, 'bpmnProcessId', t.bpmn_process_id, 'version', t.version,
      'tenantId', t.tenant_id, 'elementId', t.element_id, 'name', t.name, 'state', t.state, 'assignee', t.assignee,
      'candidateGroups', t.candidate_groups, 'candidateUsers', t.candidate_users, 'dueDate', t.due_date,
      'followUpDate', t.follow_up_date, 'priority', t.priority, 'formKey', t.form_key::text,
      'externalFormReference', t.external_form_reference, 'customHeaders', t.custom_headers,
      'creationDate', t.creation_date, 'completionDate', t.completion_date)), '[]')
     from engine.user_tasks t where t.process_instance_key = $1 and t.state = 'CREATED') as user_tasks,
  (select coalesce(json_agg(json_build_object('key', i.key::text, 'elementInstanceKey', i.element_instance_key::text,
      'elementId', i.element_id, 'errorType', i.error_type, 'errorMessage', i.error_message, 'jobKey', i.job_key::text,
      'creationTime', i.creation_time)), '[]')
     from engine.incidents i where i.process_instance_key = $1 and i.state = 'ACTIVE') as incidents,
  (select coalesce(json_agg(distinct element_instance_key::text), '[]')
     from engine.timers where process_instance_key = $1) as timer_owners,
  (select coalesce(json_agg(distinct element_instance_key::text), '[]')
     from engine.message_subscriptions where process_instance_key = $1) as subscription_owners,
  exists (select 1 from engine.message_start_locks where process_instance_key = $1) as has_start_lock
`;

type Row = Record<string, string | null> & { runtime?: object };

/** Loads a process instance for a batch, locking its row until the transaction ends; undefined when unknown. */
export async function loadInstance(
  client: pg.ClientBase,
  processInstanceKey: Key,
  options: { alreadyLocked?: boolean } = {},
): Promise<LoadedInstance | undefined> {
  if (!options.alreadyLocked) {
    const locked = await client.query({
      name: 'engine-lock-instance',
      text: 'select 1 from engine.process_instances where key = $1 for update',
      values: [processInstanceKey.toString()],
    });
    if (locked.rowCount === 0) return undefined;
  }
  // Named: PostgreSQL plans the statement once per connection.
  const { rows } = await client.query({
    name: 'engine-load-instance',
    text: LOAD,
    values: [processInstanceKey.toString()],
  });
  const r = rows[0] as {
    instance: Row | null;
    elements: Row[];
    variables: Row[];
    jobs: (Row & { retries: number; version: number; customHeaders: Record<string, string> })[];
    user_tasks: (Row & {
      version: number;
      priority: number;
      candidateGroups: string[];
      candidateUsers: string[];
      customHeaders: Record<string, string>;
    })[];
    incidents: Row[];
    timer_owners: string[];
    subscription_owners: string[];
    has_start_lock: boolean;
  };
  if (!r.instance) return undefined;
  const pik = BigInt(r.instance.key!);
  const processDefinitionKey = BigInt(r.instance.processDefinitionKey!);
  const parentKey = r.instance.parentProcessInstanceKey ?? null;
  const instance: ProcessInstanceState = {
    key: pik,
    parent:
      parentKey === null
        ? null
        : {
            processInstanceKey: BigInt(parentKey),
            elementInstanceKey: BigInt(r.instance.parentElementInstanceKey!),
          },
    state: r.instance.state as ProcessInstanceState['state'],
    endDate: date(r.instance.endDate ?? null),
    hasIncident: r.instance.hasIncident as unknown as boolean,
  };
  const elements = new Map<Key, ElementInstance>();
  for (const e of r.elements) {
    elements.set(BigInt(e.key!), {
      key: BigInt(e.key!),
      processInstanceKey: pik,
      processDefinitionKey: BigInt(e.processDefinitionKey!),
      bpmnProcessId: e.bpmnProcessId!,
      tenantId: e.tenantId!,
      elementId: e.elementId!,
      elementName: e.elementName ?? null,
      type: e.type as ElementInstance['type'],
      flowScopeKey: key(e.flowScopeKey ?? null),
      startDate: new Date(e.startDate!),
      lifecycle: e.lifecycle as ElementInstance['lifecycle'],
      endDate: null,
      incidentKey: key(e.incidentKey ?? null),
      runtime: (e.runtime ?? {}) as ElementInstance['runtime'],
    });
  }
  const variables: Variable[] = r.variables.map((v) => ({
    key: BigInt(v.key!),
    scopeKey: BigInt(v.scopeKey!),
    name: v.name!,
    value: JSON.parse(v.value!) as JsonValue,
  }));
  const jobs = new Map<Key, Job>();
  for (const j of r.jobs) {
    jobs.set(BigInt(j.key!), {
      key: BigInt(j.key!),
      type: j.type!,
      state: j.state as Job['state'],
      processInstanceKey: pik,
      elementInstanceKey: BigInt(j.elementInstanceKey!),
      elementId: j.elementId!,
      processDefinitionKey: BigInt(j.processDefinitionKey!),
      bpmnProcessId: j.bpmnProcessId!,
      version: j.version,
      tenantId: j.tenantId!,
      retries: j.retries,
      customHeaders: j.customHeaders,
      worker: j.worker ?? null,
      deadline: date(j.deadline ?? null),
      recurAt: date(j.recurAt ?? null),
      errorMessage: j.errorMessage ?? null,
      errorCode: j.errorCode ?? null,
      createdAt: new Date(j.createdAt!),
    });
  }
  const userTasks = new Map<Key, UserTask>();
  for (const t of r.user_tasks) {
    userTasks.set(BigInt(t.key!), {
      key: BigInt(t.key!),
      elementInstanceKey: BigInt(t.elementInstanceKey!),
      processInstanceKey: pik,
      processDefinitionKey: BigInt(t.processDefinitionKey!),
      bpmnProcessId: t.bpmnProcessId!,
      version: t.version,
      tenantId: t.tenantId!,
      elementId: t.elementId!,
      name: t.name ?? null,
      state: t.state as UserTask['state'],
      assignee: t.assignee ?? null,
      candidateGroups: t.candidateGroups,
      candidateUsers: t.candidateUsers,
      dueDate: date(t.dueDate ?? null),
      followUpDate: date(t.followUpDate ?? null),
      priority: t.priority,
      formKey: key(t.formKey ?? null),
      externalFormReference: t.externalFormReference ?? null,
      customHeaders: t.customHeaders,
      creationDate: new Date(t.creationDate!),
      completionDate: date(t.completionDate ?? null),
    });
  }
  const incidents = new Map<Key, Incident>();
  for (const i of r.incidents) {
    const element = elements.get(BigInt(i.elementInstanceKey!));
    incidents.set(BigInt(i.key!), {
      key: BigInt(i.key!),
      processInstanceKey: pik,
      processDefinitionKey: element?.processDefinitionKey ?? processDefinitionKey,
      bpmnProcessId: element?.bpmnProcessId ?? '',
      tenantId: element?.tenantId ?? '',
      elementInstanceKey: BigInt(i.elementInstanceKey!),
      elementId: i.elementId!,
      errorType: i.errorType as Incident['errorType'],
      errorMessage: i.errorMessage!,
      jobKey: key(i.jobKey ?? null),
      phase:
        element?.lifecycle === 'ACTIVATING'
          ? 'ACTIVATING'
          : element?.lifecycle === 'COMPLETING'
            ? 'COMPLETING'
            : null,
      state: 'ACTIVE',
      creationTime: new Date(i.creationTime!),
      resolutionTime: null,
    });
  }
  return {
    instance,
    processDefinitionKey,
    elements,
    variables,
    jobs,
    userTasks,
    incidents,
    before: {
      state: instance.state,
      hasIncident: instance.hasIncident,
      timerOwners: new Set(r.timer_owners.map((k) => BigInt(k))),
      subscriptionOwners: new Set(r.subscription_owners.map((k) => BigInt(k))),
      hasStartLock: r.has_start_lock,
    },
  };
}

/** A process instance created by this batch: nothing to read back; its row is written with the batch. */
export function freshInstance(
  processInstanceKey: Key,
  row: NewInstanceRow,
  parent: ProcessInstanceState['parent'],
  hasStartLock: boolean,
): LoadedInstance {
  return {
    instance: { key: processInstanceKey, parent, state: 'ACTIVE', endDate: null, hasIncident: false },
    processDefinitionKey: row.processDefinitionKey,
    elements: new Map(),
    variables: [],
    jobs: new Map(),
    userTasks: new Map(),
    incidents: new Map(),
    before: {
      state: 'ACTIVE',
      hasIncident: false,
      timerOwners: new Set(),
      subscriptionOwners: new Set(),
      hasStartLock,
      newRow: row,
    },
  };
}

const s = (k: Key | null) => (k === null ? null : k.toString());

/** Writes what a batch changed, in the caller's transaction. */
export async function persistChanges(
  target: pg.ClientBase,
  instance: ProcessInstanceState,
  changes: Changes,
  variableChanges: Iterable<{ variable: Variable }>,
  before: LoadedInstance['before'],
): Promise<void> {
  const client = new StatementBatch();
  const elements = [...changes.elementInstances.values()];
  if (elements.length) {
    await insertRows(
      client,
      'engine.element_instances',
      [
        'key',
        'process_instance_key',
        'process_definition_key',
        'bpmn_process_id',
        'tenant_id',
        'element_id',
        'element_name',
        'type',
        'lifecycle',
        'flow_scope_key',
        'start_date',
        'end_date',
        'incident_key',
        'runtime',
      ],
      elements.map((e) => [
        s(e.key),
        s(e.processInstanceKey),
        s(e.processDefinitionKey),
        e.bpmnProcessId,
        e.tenantId,
        e.elementId,
        e.elementName,
        e.type,
        e.lifecycle,
        s(e.flowScopeKey),
        e.startDate,
        e.endDate,
        s(e.incidentKey),
        JSON.stringify(e.runtime),
      ]),
      { on: 'key', update: ['lifecycle', 'end_date', 'incident_key', 'runtime'] },
    );
  }
  const variables = [...variableChanges].map((c) => c.variable);
  if (variables.length) {
    await insertRows(
      client,
      'engine.variables',
      ['key', 'scope_key', 'process_instance_key', 'tenant_id', 'name', 'value'],
      variables.map((v) => [
        s(v.key),
        s(v.scopeKey),
        s(instance.key),
        elements[0]?.tenantId ?? '<default>',
        v.name,
        JSON.stringify(v.value),
      ]),
      { on: 'key', update: ['value'] },
    );
  }
  const jobs = [...changes.jobs.values()];
  const jobRow = (j: Job) => [
    s(j.key),
    j.type,
    j.state,
    s(j.processInstanceKey),
    s(j.elementInstanceKey),
    j.elementId,
    s(j.processDefinitionKey),
    j.bpmnProcessId,
    j.version,
    j.tenantId,
    j.retries,
    JSON.stringify(j.customHeaders),
    j.worker,
    j.deadline,
    j.recurAt,
    j.errorMessage,
    j.errorCode,
    j.createdAt,
  ];
  const upsertJobs = jobs.filter((j) => j.op !== 'delete').map((j) => jobRow(j.job));
  if (upsertJobs.length) {
    await insertRows(
      client,
      'engine.jobs',
      [
        'key',
        'type',
        'state',
        'process_instance_key',
        'element_instance_key',
        'element_id',
        'process_definition_key',
        'bpmn_process_id',
        'version',
        'tenant_id',
        'retries',
        'custom_headers',
        'worker',
        'deadline',
        'recur_at',
        'error_message',
        'error_code',
        'created_at',
      ],
      upsertJobs,
      {
        on: 'key',
        update: ['state', 'retries', 'worker', 'deadline', 'recur_at', 'error_message', 'error_code'],
      },
    );
  }
  const deleted = jobs.filter((j) => j.op === 'delete').map((j) => s(j.job.key));
  if (deleted.length) await client.query('delete from engine.jobs where key = any($1::bigint[])', [deleted]);

  const tasks = [...changes.userTasks.values()].map(({ task: t }) => [
    s(t.key),
    s(t.elementInstanceKey),
    s(t.processInstanceKey),
    s(t.processDefinitionKey),
    t.bpmnProcessId,
    t.version,
    t.tenantId,
    t.elementId,
    t.name,
    t.state,
    t.assignee,
    t.candidateGroups,
    t.candidateUsers,
    t.dueDate,
    t.followUpDate,
    t.priority,
    s(t.formKey),
    t.externalFormReference,
    JSON.stringify(t.customHeaders),
    t.creationDate,
    t.completionDate,
  ]);
  if (tasks.length) {
    await insertRows(
      client,
      'engine.user_tasks',
      [
        'key',
        'element_instance_key',
        'process_instance_key',
        'process_definition_key',
        'bpmn_process_id',
        'version',
        'tenant_id',
        'element_id',
        'name',
        'state',
        'assignee',
        'candidate_groups',
        'candidate_users',
        'due_date',
        'follow_up_date',
        'priority',
        'form_key',
        'external_form_reference',
        'custom_headers',
        'creation_date',
        'completion_date',
      ],
      tasks,
      {
        on: 'key',
        update: [
          'state',
          'assignee',
          'candidate_groups',
          'candidate_users',
          'due_date',
          'follow_up_date',
          'priority',
          'completion_date',
        ],
      },
    );
  }
  const incidents = [...changes.incidents.values()].map(({ incident: i }) => [
    s(i.key),
    s(i.processInstanceKey),
    s(i.processDefinitionKey),
    i.bpmnProcessId,
    i.tenantId,
    s(i.elementInstanceKey),
    i.elementId,
    i.errorType,
    i.errorMessage,
    s(i.jobKey),
    i.state,
    i.creationTime,
    i.resolutionTime,
  ]);
  if (incidents.length) {
    await insertRows(
      client,
      'engine.incidents',
      [
        'key',
        'process_instance_key',
        'process_definition_key',
        'bpmn_process_id',
        'tenant_id',
        'element_instance_key',
        'element_id',
        'error_type',
        'error_message',
        'job_key',
        'state',
        'creation_time',
        'resolution_time',
      ],
      incidents,
      { on: 'key', update: ['state', 'resolution_time'] },
    );
  }
  if (before.newRow) {
    const r = before.newRow;
    await client.query({
      text: `insert into engine.process_instances
               (key, process_definition_key, bpmn_process_id, version, tenant_id, state, start_date, end_date, tags,
                has_incident, parent_process_instance_key, parent_element_instance_key)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      values: [
        s(instance.key),
        s(r.processDefinitionKey),
        r.bpmnProcessId,
        r.version,
        r.tenantId,
        instance.state,
        r.startDate,
        instance.endDate,
        r.tags,
        instance.hasIncident,
        s(instance.parent?.processInstanceKey ?? null),
        s(instance.parent?.elementInstanceKey ?? null),
      ],
    });
  } else if (instance.state !== before.state || instance.hasIncident !== before.hasIncident) {
    await client.query({
      name: 'engine-update-instance',
      text: 'update engine.process_instances set state = $2, end_date = $3, has_incident = $4 where key = $1',
      values: [s(instance.key), instance.state, instance.endDate, instance.hasIncident],
    });
  }
  // Only owners that had subscriptions before this batch have rows to delete.
  const closed = [...changes.subscriptionOwnersClosed];
  const closedTimers = closed.filter((k) => before.timerOwners.has(k)).map(s);
  const closedMessages = closed.filter((k) => before.subscriptionOwners.has(k)).map(s);
  if (closedTimers.length) {
    await client.query('delete from engine.timers where element_instance_key = any($1::bigint[])', [
      closedTimers,
    ]);
  }
  if (closedMessages.length) {
    await client.query(
      'delete from engine.message_subscriptions where element_instance_key = any($1::bigint[])',
      [closedMessages],
    );
  }
  const firedTimers = [...changes.timersDeleted].map(s);
  if (firedTimers.length)
    await client.query('delete from engine.timers where key = any($1::bigint[])', [firedTimers]);
  const timers = [...changes.timersCreated.values()];
  if (timers.length) {
    await insertRows(
      client,
      'engine.timers',
      [
        'key',
        'process_definition_key',
        'process_instance_key',
        'element_instance_key',
        'element_id',
        'tenant_id',
        'due_at',
        'repetitions',
        'timer',
      ],
      timers.map((t) => [
        s(t.key),
        s(t.processDefinitionKey),
        s(t.processInstanceKey),
        s(t.scopeKey),
        t.elementId,
        t.tenantId,
        t.dueAt,
        t.repetitions,
        JSON.stringify(t.timer),
      ]),
    );
  }
  const subscriptions = [...changes.messageSubscriptionsCreated.values()];
  if (subscriptions.length) {
    await insertRows(
      client,
      'engine.message_subscriptions',
      [
        'key',
        'process_instance_key',
        'element_instance_key',
        'element_id',
        'bpmn_process_id',
        'tenant_id',
        'message_name',
        'correlation_key',
        'interrupting',
      ],
      subscriptions.map((m) => [
        s(m.key),
        s(m.processInstanceKey),
        s(m.scopeKey),
        m.elementId,
        m.bpmnProcessId,
        m.tenantId,
        m.messageName,
        m.correlationKey,
        m.interrupting,
      ]),
    );
  }
  if (instance.state !== 'ACTIVE' && before.hasStartLock) {
    // One active instance per correlation key for message start events: this one is done.
    await client.query('delete from engine.message_start_locks where process_instance_key = $1', [
      s(instance.key),
    ]);
  }
  if (changes.records.length) {
    await insertRows(
      client,
      'engine.records',
      ['key', 'value_type', 'intent', 'process_instance_key', 'timestamp', 'value'],
      changes.records.map((r) => [
        s(r.key),
        r.valueType,
        r.intent,
        s(r.processInstanceKey),
        r.timestamp,
        JSON.stringify(r.value),
      ]),
    );
  }
  await client.flush(target);
}
