import { isoOrNull } from './row-values.js';
import { column, type SearchResource } from './search-resource.js';

export const JOB_STATES = [
  'CANCELED',
  'COMPLETED',
  'CREATED',
  'ERROR_THROWN',
  'FAILED',
  'MIGRATED',
  'RETRIES_UPDATED',
  'TIMED_OUT',
] as const;
export const JOB_KINDS = [
  'BPMN_ELEMENT',
  'EXECUTION_LISTENER',
  'TASK_LISTENER',
  'AD_HOC_SUB_PROCESS',
] as const;
export const LISTENER_EVENT_TYPES = [
  'ASSIGNING',
  'CANCELING',
  'COMPLETING',
  'CREATING',
  'END',
  'START',
  'UNSPECIFIED',
  'UPDATING',
] as const;

/** The REST job state: an activatable or activated job is CREATED; the engine deletes ended jobs. */
const STATE =
  "(case j.state when 'ACTIVATABLE' then 'CREATED' when 'ACTIVATED' then 'CREATED' else j.state end)";
const FAILED_WITH_RETRIES = "(j.state = 'FAILED' and j.retries > 0)";

interface JobRow {
  key: string;
  type: string;
  state: (typeof JOB_STATES)[number];
  kind: (typeof JOB_KINDS)[number];
  process_instance_key: string;
  element_instance_key: string;
  element_id: string;
  process_definition_key: string;
  bpmn_process_id: string;
  tenant_id: string;
  retries: number;
  custom_headers: Record<string, string>;
  worker: string;
  deadline: Date | null;
  error_message: string | null;
  error_code: string | null;
  has_failed_with_retries_left: boolean;
}

/** `JobSearchResult` of POST /jobs/search: the jobs that exist now (the engine keeps no ended jobs). */
export const jobs: SearchResource<JobRow, ReturnType<typeof toResult>> = {
  from: 'engine.jobs j',
  select: `j.key::text as key, j.type, ${STATE} as state, j.kind, j.process_instance_key::text as process_instance_key,
    j.element_instance_key::text as element_instance_key, j.element_id,
    j.process_definition_key::text as process_definition_key, j.bpmn_process_id, j.tenant_id, j.retries,
    j.custom_headers, coalesce(j.worker, '') as worker, case when j.state = 'ACTIVATED' then j.deadline end as deadline,
    j.error_message, j.error_code, ${FAILED_WITH_RETRIES} as has_failed_with_retries_left`,
  filters: {
    deadline: column.date("case when j.state = 'ACTIVATED' then j.deadline end"),
    deniedReason: column.string('null::text'),
    elementId: column.string('j.element_id'),
    elementInstanceKey: column.key('j.element_instance_key'),
    endTime: column.date('null::timestamptz'),
    errorCode: column.string('j.error_code'),
    errorMessage: column.string('j.error_message'),
    hasFailedWithRetriesLeft: column.bool(FAILED_WITH_RETRIES),
    isDenied: column.bool('null::boolean'),
    jobKey: column.key('j.key'),
    kind: column.enum('j.kind', JOB_KINDS),
    listenerEventType: column.enum("'UNSPECIFIED'::text", LISTENER_EVENT_TYPES),
    processDefinitionId: column.string('j.bpmn_process_id'),
    processDefinitionKey: column.key('j.process_definition_key'),
    processInstanceKey: column.key('j.process_instance_key'),
    retries: column.int('j.retries'),
    state: column.enum(STATE, JOB_STATES),
    tenantId: column.string('j.tenant_id'),
    type: column.string('j.type'),
    worker: column.string("coalesce(j.worker, '')"),
  },
  sorts: {
    deadline: "case when j.state = 'ACTIVATED' then j.deadline end",
    deniedReason: 'null::text',
    elementId: 'j.element_id',
    elementInstanceKey: 'j.element_instance_key',
    endTime: 'null::timestamptz',
    errorCode: 'j.error_code',
    errorMessage: 'j.error_message',
    isDenied: 'null::boolean',
    jobKey: 'j.key',
    kind: 'j.kind',
    listenerEventType: "'UNSPECIFIED'::text",
    processDefinitionId: 'j.bpmn_process_id',
    processDefinitionKey: 'j.process_definition_key',
    processInstanceKey: 'j.process_instance_key',
    retries: 'j.retries',
    state: STATE,
    tenantId: 'j.tenant_id',
    type: 'j.type',
    worker: "coalesce(j.worker, '')",
  },
  keyColumn: 'j.key',
  toResult,
};

function toResult(row: JobRow) {
  return {
    customHeaders: row.custom_headers,
    deadline: isoOrNull(row.deadline),
    elementId: row.element_id,
    elementInstanceKey: row.element_instance_key,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    hasFailedWithRetriesLeft: row.has_failed_with_retries_left,
    jobKey: row.key,
    kind: row.kind,
    listenerEventType: 'UNSPECIFIED' as const,
    processDefinitionId: row.bpmn_process_id,
    processDefinitionKey: row.process_definition_key,
    processInstanceKey: row.process_instance_key,
    retries: row.retries,
    state: row.state,
    tenantId: row.tenant_id,
    type: row.type,
    worker: row.worker,
  };
}
