import { badRequest } from '../problem.js';
import { column, exact, type SearchResource } from './search-resource.js';

/** Values longer than this are truncated in search results unless `truncateValues=false` (Camunda's default size threshold). */
export const TRUNCATION_LIMIT = 8191;

interface VariableRow {
  key: string;
  scope_key: string;
  process_instance_key: string;
  tenant_id: string;
  name: string;
  value: string;
  is_truncated: boolean;
}

const FILTERS = {
  name: column.string('v.name'),
  value: column.string('v.value'),
  tenantId: column.string('v.tenant_id', exact),
  isTruncated: column.bool(`length(v.value) > ${TRUNCATION_LIMIT}`),
  variableKey: column.key('v.key'),
  scopeKey: column.key('v.scope_key'),
  processInstanceKey: column.key('v.process_instance_key'),
};

const SORTS = {
  value: 'v.value',
  name: 'v.name',
  tenantId: 'v.tenant_id',
  variableKey: 'v.key',
  scopeKey: 'v.scope_key',
  processInstanceKey: 'v.process_instance_key',
};

const base = (truncate: boolean) => ({
  from: 'engine.variables v',
  // The value is cut in SQL, so that a huge value is not read at all for a search.
  select: `v.key::text as key, v.scope_key::text as scope_key, v.process_instance_key::text as process_instance_key,
    v.tenant_id, v.name, ${truncate ? `left(v.value, ${TRUNCATION_LIMIT})` : 'v.value'} as value,
    ${truncate ? `length(v.value) > ${TRUNCATION_LIMIT}` : 'false'} as is_truncated`,
  sorts: SORTS,
  keyColumn: 'v.key',
});

/** `VariableSearchResult` of POST /variables/search, with values truncated or not. */
export function variableSearch(
  truncate: boolean,
): SearchResource<VariableRow, ReturnType<typeof toSearchResult>> {
  return { ...base(truncate), filters: FILTERS, toResult: toSearchResult };
}

/** The variables of POST /user-tasks/{key}/variables/search: filter by name only. */
export function userTaskVariableSearch(
  truncate: boolean,
): SearchResource<VariableRow, ReturnType<typeof toSearchResult>> {
  return { ...base(truncate), filters: { name: FILTERS.name }, toResult: toSearchResult };
}

/** `VariableResult` of GET /variables/{key}: the full value. */
export const variable: SearchResource<VariableRow, ReturnType<typeof toResult>> = {
  ...base(false),
  filters: FILTERS,
  toResult,
};

function toResult(row: VariableRow) {
  return {
    name: row.name,
    value: row.value,
    tenantId: row.tenant_id,
    variableKey: row.key,
    scopeKey: row.scope_key,
    processInstanceKey: row.process_instance_key,
  };
}

function toSearchResult(row: VariableRow) {
  return { ...toResult(row), isTruncated: row.is_truncated };
}

/** The `truncateValues` query parameter: true unless `false`. */
export function truncateValues(query: unknown): boolean {
  if (query === undefined) return true;
  if (query === 'true') return true;
  if (query === 'false') return false;
  throw badRequest(
    `The query parameter truncateValues must be true or false, but was ${JSON.stringify(query)}`,
  );
}

/** The element instance with the given placeholder's key and all its ancestors, with their depth (0 = itself). */
const scopes = (elementInstanceKey: string) => `with recursive scopes(key, parent, depth) as (
    select key, flow_scope_key, 0 from engine.element_instances where key = ${elementInstanceKey}::bigint
    union all
    select e.key, e.flow_scope_key, s.depth + 1 from engine.element_instances e join scopes s on e.key = s.parent
  )`;

/** Selects the variables of an element instance's scope and of all its ancestor scopes. */
export const variablesInScopes = (elementInstanceKey: string) =>
  `v.scope_key in (${scopes(elementInstanceKey)} select key from scopes)`;

/** Selects, of the variables visible in an element instance, the innermost one of each name. */
export const effectiveVariablesInScopes = (elementInstanceKey: string) =>
  `v.key in (${scopes(elementInstanceKey)}
    select distinct on (sv.name) sv.key from engine.variables sv join scopes s on s.key = sv.scope_key order by sv.name, s.depth)`;
