import type pg from 'pg';
import { badRequest } from '../problem.js';
import { ELEMENT_INSTANCE_STATES, elementState } from './element-instances.js';
import { compact, iso, isoOrNull } from './row-values.js';
import { column, type SearchResource } from './search-resource.js';
import { variableValueFilter } from './variable-value-filter.js';

interface ProcessInstanceRow {
  key: string;
  process_definition_key: string;
  bpmn_process_id: string;
  process_definition_name: string;
  version: number;
  version_tag: string | null;
  tenant_id: string;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  start_date: Date;
  end_date: Date | null;
  parent_process_instance_key: string | null;
  parent_element_instance_key: string | null;
  has_incident: boolean;
  tags: string[];
}

const DEFINITION_NAME = 'coalesce(pd.name, pi.bpmn_process_id)';
const TAG = /^[A-Za-z][A-Za-z0-9_\-:.]{0,99}$/;

/**
 * `ProcessInstanceResult`. `processDefinitionName` is required by the spec: the definition's name, or its
 * id when the process has no name. `elementId`, `elementInstanceState` and `hasElementInstanceIncident`
 * must hold for one and the same element instance.
 */
export const processInstances: SearchResource<ProcessInstanceRow, ReturnType<typeof toResult>> = {
  from: 'engine.process_instances pi join engine.process_definitions pd on pd.key = pi.process_definition_key',
  select: `pi.key::text as key, pi.process_definition_key::text as process_definition_key, pi.bpmn_process_id,
    ${DEFINITION_NAME} as process_definition_name, pi.version, pd.version_tag, pi.tenant_id, pi.state, pi.start_date,
    pi.end_date, pi.parent_process_instance_key::text as parent_process_instance_key,
    pi.parent_element_instance_key::text as parent_element_instance_key, pi.has_incident, pi.tags`,
  allowOr: true,
  filters: {
    processDefinitionId: column.string('pi.bpmn_process_id'),
    processDefinitionName: column.string(DEFINITION_NAME),
    processDefinitionVersion: column.int('pi.version'),
    processDefinitionVersionTag: column.string('pd.version_tag'),
    processDefinitionKey: column.key('pi.process_definition_key'),
    processInstanceKey: column.key('pi.key'),
    parentProcessInstanceKey: column.key('pi.parent_process_instance_key'),
    parentElementInstanceKey: column.key('pi.parent_element_instance_key'),
    startDate: column.date('pi.start_date'),
    endDate: column.date('pi.end_date'),
    state: column.enum('pi.state', ['ACTIVE', 'COMPLETED', 'TERMINATED']),
    hasIncident: column.bool('pi.has_incident'),
    tenantId: column.string('pi.tenant_id'),
    variables: variableValueFilter('fv.process_instance_key = pi.key'),
    // This engine runs no batch operations: no instance has one.
    batchOperationId: column.string('null::text'),
    batchOperationKey: column.string('null::text'),
    errorMessage: column.string('incident.error_message', { group: 'incident' }),
    hasRetriesLeft: {
      custom: (value, { path }) => {
        if (typeof value !== 'boolean') throw badRequest(`${path} must be a boolean`);
        const failed = `exists (select 1 from engine.jobs j where j.process_instance_key = pi.key and j.state = 'FAILED' and j.retries > 0)`;
        return value ? failed : `not ${failed}`;
      },
    },
    elementInstanceState: column.enum(elementState('ei'), ELEMENT_INSTANCE_STATES, { group: 'element' }),
    elementId: column.string('ei.element_id', { group: 'element' }),
    hasElementInstanceIncident: column.bool('ei.incident_key is not null', { group: 'element' }),
    incidentErrorHashCode: {
      custom: (_value, { path }) => {
        throw badRequest(`${path} is not supported by this engine; filter by errorMessage instead`);
      },
    },
    tags: {
      custom: (value, { params, path }) => {
        if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string' || !TAG.test(tag))) {
          throw badRequest(`${path} must be an array of tags`);
        }
        return value.length ? `pi.tags @> ${params.add(value)}::text[]` : undefined;
      },
    },
  },
  groups: {
    incident: (conditions) =>
      `exists (select 1 from engine.incidents incident where incident.process_instance_key = pi.key and incident.state = 'ACTIVE' and ${conditions})`,
    element: (conditions) =>
      `exists (select 1 from engine.element_instances ei where ei.process_instance_key = pi.key and ei.type <> 'PROCESS' and ${conditions})`,
  },
  sorts: {
    processInstanceKey: 'pi.key',
    processDefinitionId: 'pi.bpmn_process_id',
    processDefinitionName: DEFINITION_NAME,
    processDefinitionVersion: 'pi.version',
    processDefinitionVersionTag: 'pd.version_tag',
    processDefinitionKey: 'pi.process_definition_key',
    parentProcessInstanceKey: 'pi.parent_process_instance_key',
    parentElementInstanceKey: 'pi.parent_element_instance_key',
    startDate: 'pi.start_date',
    endDate: 'pi.end_date',
    state: 'pi.state',
    hasIncident: 'pi.has_incident',
    tenantId: 'pi.tenant_id',
  },
  keyColumn: 'pi.key',
  toResult,
};

function toResult(row: ProcessInstanceRow) {
  return compact({
    processDefinitionId: row.bpmn_process_id,
    processDefinitionName: row.process_definition_name,
    processDefinitionVersion: row.version,
    processDefinitionVersionTag: row.version_tag,
    startDate: iso(row.start_date),
    endDate: isoOrNull(row.end_date),
    state: row.state,
    hasIncident: row.has_incident,
    tenantId: row.tenant_id,
    processInstanceKey: row.key,
    processDefinitionKey: row.process_definition_key,
    parentProcessInstanceKey: row.parent_process_instance_key,
    parentElementInstanceKey: row.parent_element_instance_key,
    tags: row.tags,
  });
}

export async function processInstanceExists(pool: pg.Pool, processInstanceKey: bigint): Promise<boolean> {
  const { rowCount } = await pool.query('select 1 from engine.process_instances where key = $1', [
    processInstanceKey.toString(),
  ]);
  return rowCount === 1;
}
