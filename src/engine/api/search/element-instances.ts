import { compact, iso, isoOrNull } from './row-values.js';
import { column, exact, type SearchResource } from './search-resource.js';

export const ELEMENT_INSTANCE_STATES = ['ACTIVE', 'COMPLETED', 'TERMINATED'] as const;

/** The REST state of an element instance from its lifecycle: ACTIVE until it is completed or terminated. */
export const elementState = (alias: string) =>
  `(case ${alias}.lifecycle when 'COMPLETED' then 'COMPLETED' when 'TERMINATED' then 'TERMINATED' else 'ACTIVE' end)`;

export const ELEMENT_TYPES = [
  'UNSPECIFIED',
  'PROCESS',
  'SUB_PROCESS',
  'EVENT_SUB_PROCESS',
  'AD_HOC_SUB_PROCESS',
  'AD_HOC_SUB_PROCESS_INNER_INSTANCE',
  'START_EVENT',
  'INTERMEDIATE_CATCH_EVENT',
  'INTERMEDIATE_THROW_EVENT',
  'BOUNDARY_EVENT',
  'END_EVENT',
  'SERVICE_TASK',
  'RECEIVE_TASK',
  'USER_TASK',
  'MANUAL_TASK',
  'TASK',
  'EXCLUSIVE_GATEWAY',
  'INCLUSIVE_GATEWAY',
  'PARALLEL_GATEWAY',
  'EVENT_BASED_GATEWAY',
  'SEQUENCE_FLOW',
  'MULTI_INSTANCE_BODY',
  'CALL_ACTIVITY',
  'BUSINESS_RULE_TASK',
  'SCRIPT_TASK',
  'SEND_TASK',
  'UNKNOWN',
] as const;

type ElementType = (typeof ELEMENT_TYPES)[number];
type ElementInstanceState = (typeof ELEMENT_INSTANCE_STATES)[number];

interface ElementInstanceRow {
  key: string;
  process_instance_key: string;
  process_definition_key: string;
  bpmn_process_id: string;
  tenant_id: string;
  element_id: string;
  element_name: string;
  type: ElementType;
  state: ElementInstanceState;
  start_date: Date;
  end_date: Date | null;
  incident_key: string | null;
}

/**
 * `ElementInstanceResult`. As in Camunda, the process instance's own element instance (type PROCESS) is not
 * an element instance of the search; a missing element name is the element id.
 */
export const elementInstances: SearchResource<ElementInstanceRow, ReturnType<typeof toResult>> = {
  from: 'engine.element_instances ei',
  select: `ei.key::text as key, ei.process_instance_key::text as process_instance_key,
    ei.process_definition_key::text as process_definition_key, ei.bpmn_process_id, ei.tenant_id, ei.element_id,
    coalesce(ei.element_name, ei.element_id) as element_name, ei.type, ${elementState('ei')} as state, ei.start_date,
    ei.end_date, ei.incident_key::text as incident_key`,
  baseCondition: "ei.type <> 'PROCESS'",
  filters: {
    processDefinitionId: column.string('ei.bpmn_process_id', exact),
    state: column.enum(elementState('ei'), ELEMENT_INSTANCE_STATES),
    type: column.enum('ei.type', ELEMENT_TYPES, exact),
    elementId: column.string('ei.element_id', exact),
    elementName: column.string('coalesce(ei.element_name, ei.element_id)', exact),
    hasIncident: column.bool('ei.incident_key is not null'),
    tenantId: column.string('ei.tenant_id', exact),
    elementInstanceKey: column.key('ei.key', exact),
    processInstanceKey: column.key('ei.process_instance_key', exact),
    processDefinitionKey: column.key('ei.process_definition_key', exact),
    incidentKey: column.key('ei.incident_key', exact),
    startDate: column.date('ei.start_date'),
    endDate: column.date('ei.end_date'),
    elementInstanceScopeKey: column.key('ei.flow_scope_key', exact),
  },
  sorts: {
    elementInstanceKey: 'ei.key',
    processInstanceKey: 'ei.process_instance_key',
    processDefinitionKey: 'ei.process_definition_key',
    processDefinitionId: 'ei.bpmn_process_id',
    startDate: 'ei.start_date',
    endDate: 'ei.end_date',
    elementId: 'ei.element_id',
    elementName: 'coalesce(ei.element_name, ei.element_id)',
    type: 'ei.type',
    state: elementState('ei'),
    incidentKey: 'ei.incident_key',
    tenantId: 'ei.tenant_id',
  },
  keyColumn: 'ei.key',
  toResult,
};

function toResult(row: ElementInstanceRow) {
  return compact({
    processDefinitionId: row.bpmn_process_id,
    startDate: iso(row.start_date),
    endDate: isoOrNull(row.end_date),
    elementId: row.element_id,
    elementName: row.element_name,
    type: row.type,
    state: row.state,
    hasIncident: row.incident_key !== null,
    tenantId: row.tenant_id,
    elementInstanceKey: row.key,
    processInstanceKey: row.process_instance_key,
    processDefinitionKey: row.process_definition_key,
    incidentKey: row.incident_key,
  });
}
