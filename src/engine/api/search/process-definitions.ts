import type pg from 'pg';
import { badRequest } from '../problem.js';
import { compact } from './row-values.js';
import { column, exact, type SearchResource } from './search-resource.js';

interface ProcessDefinitionRow {
  key: string;
  bpmn_process_id: string;
  version: number;
  version_tag: string | null;
  name: string | null;
  resource_name: string;
  tenant_id: string;
  has_start_form: boolean;
}

const LATEST = `pd.version = (select max(latest.version) from engine.process_definitions latest
  where latest.tenant_id = pd.tenant_id and latest.bpmn_process_id = pd.bpmn_process_id)`;

/** `ProcessDefinitionResult` of POST /process-definitions/search and GET /process-definitions/{key}. */
export const processDefinitions: SearchResource<ProcessDefinitionRow, ReturnType<typeof toResult>> = {
  from: 'engine.process_definitions pd',
  select: `pd.key::text as key, pd.bpmn_process_id, pd.version, pd.version_tag, pd.name, pd.resource_name, pd.tenant_id,
    pd.start_form_id is not null as has_start_form`,
  filters: {
    name: column.string('pd.name'),
    isLatestVersion: {
      custom: (value, { path }) => {
        if (typeof value !== 'boolean') throw badRequest(`${path} must be a boolean`);
        return value ? LATEST : undefined;
      },
    },
    resourceName: column.string('pd.resource_name', exact),
    version: column.int('pd.version', exact),
    versionTag: column.string('pd.version_tag', exact),
    processDefinitionId: column.string('pd.bpmn_process_id'),
    tenantId: column.string('pd.tenant_id', exact),
    processDefinitionKey: column.key('pd.key', exact),
    hasStartForm: column.bool('pd.start_form_id is not null'),
    // Definitions are never deleted by this engine.
    state: column.enum("'ACTIVE'::text", ['ACTIVE', 'DELETED'], exact),
  },
  sorts: {
    processDefinitionKey: 'pd.key',
    name: 'pd.name',
    resourceName: 'pd.resource_name',
    version: 'pd.version',
    versionTag: 'pd.version_tag',
    processDefinitionId: 'pd.bpmn_process_id',
    tenantId: 'pd.tenant_id',
  },
  keyColumn: 'pd.key',
  toResult,
};

function toResult(row: ProcessDefinitionRow) {
  return compact({
    name: row.name,
    resourceName: row.resource_name,
    version: row.version,
    versionTag: row.version_tag,
    processDefinitionId: row.bpmn_process_id,
    tenantId: row.tenant_id,
    processDefinitionKey: row.key,
    hasStartForm: row.has_start_form,
    state: 'ACTIVE' as const,
  });
}

/** The BPMN XML a process definition was deployed from; undefined when there is no such definition. */
export async function processDefinitionXml(
  pool: pg.Pool,
  processDefinitionKey: bigint,
): Promise<string | undefined> {
  const { rows } = await pool.query<{ xml: string }>(
    'select xml from engine.process_definitions where key = $1',
    [processDefinitionKey.toString()],
  );
  return rows[0]?.xml;
}
