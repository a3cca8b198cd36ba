import { compact, iso } from './row-values.js';
import { column, exact, type SearchResource } from './search-resource.js';

export const INCIDENT_ERROR_TYPES = [
  'UNSPECIFIED',
  'UNKNOWN',
  'IO_MAPPING_ERROR',
  'JOB_NO_RETRIES',
  'EXECUTION_LISTENER_NO_RETRIES',
  'TASK_LISTENER_NO_RETRIES',
  'AD_HOC_SUB_PROCESS_NO_RETRIES',
  'CONDITION_ERROR',
  'EXTRACT_VALUE_ERROR',
  'CALLED_ELEMENT_ERROR',
  'UNHANDLED_ERROR_EVENT',
  'MESSAGE_SIZE_EXCEEDED',
  'CALLED_DECISION_ERROR',
  'DECISION_EVALUATION_ERROR',
  'FORM_NOT_FOUND',
  'RESOURCE_NOT_FOUND',
] as const;

export const INCIDENT_STATES = ['ACTIVE', 'MIGRATED', 'RESOLVED', 'PENDING'] as const;

interface IncidentRow {
  key: string;
  process_instance_key: string;
  process_definition_key: string;
  bpmn_process_id: string;
  tenant_id: string;
  element_instance_key: string;
  element_id: string;
  error_type: (typeof INCIDENT_ERROR_TYPES)[number];
  error_message: string;
  job_key: string | null;
  state: (typeof INCIDENT_STATES)[number];
  creation_time: Date;
}

/** `IncidentResult` of POST /incidents/search, GET /incidents/{key} and the incidents of a process instance. */
export const incidents: SearchResource<IncidentRow, ReturnType<typeof toResult>> = {
  from: 'engine.incidents i',
  select: `i.key::text as key, i.process_instance_key::text as process_instance_key,
    i.process_definition_key::text as process_definition_key, i.bpmn_process_id, i.tenant_id,
    i.element_instance_key::text as element_instance_key, i.element_id, i.error_type, i.error_message,
    i.job_key::text as job_key, i.state, i.creation_time`,
  filters: {
    processDefinitionId: column.string('i.bpmn_process_id', exact),
    errorType: column.enum('i.error_type', INCIDENT_ERROR_TYPES, exact),
    errorMessage: column.string('i.error_message', exact),
    elementId: column.string('i.element_id', exact),
    creationTime: column.date('i.creation_time'),
    state: column.enum('i.state', INCIDENT_STATES, exact),
    tenantId: column.string('i.tenant_id', exact),
    incidentKey: column.key('i.key', exact),
    processDefinitionKey: column.key('i.process_definition_key', exact),
    processInstanceKey: column.key('i.process_instance_key', exact),
    elementInstanceKey: column.key('i.element_instance_key', exact),
    jobKey: column.key('i.job_key', exact),
  },
  sorts: {
    incidentKey: 'i.key',
    processDefinitionKey: 'i.process_definition_key',
    processDefinitionId: 'i.bpmn_process_id',
    processInstanceKey: 'i.process_instance_key',
    errorType: 'i.error_type',
    errorMessage: 'i.error_message',
    elementId: 'i.element_id',
    elementInstanceKey: 'i.element_instance_key',
    creationTime: 'i.creation_time',
    state: 'i.state',
    jobKey: 'i.job_key',
    tenantId: 'i.tenant_id',
  },
  keyColumn: 'i.key',
  toResult,
};

/** Selects the incidents of a process instance and of the instances it called, recursively, given the placeholder of its key. */
export const incidentsOfInstanceTree = (instanceKey: string) => `i.process_instance_key in (
  with recursive tree(key) as (
    select ${instanceKey}::bigint
    union
    select child.key from engine.process_instances child join tree on child.parent_process_instance_key = tree.key
  )
  select key from tree)`;

function toResult(row: IncidentRow) {
  return compact({
    processDefinitionId: row.bpmn_process_id,
    errorType: row.error_type,
    errorMessage: row.error_message,
    elementId: row.element_id,
    creationTime: iso(row.creation_time),
    state: row.state,
    tenantId: row.tenant_id,
    incidentKey: row.key,
    processDefinitionKey: row.process_definition_key,
    processInstanceKey: row.process_instance_key,
    elementInstanceKey: row.element_instance_key,
    jobKey: row.job_key,
  });
}
