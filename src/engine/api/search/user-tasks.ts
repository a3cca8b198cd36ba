import type pg from 'pg';
import { compact, iso, isoOrNull } from './row-values.js';
import { column, exact, type SearchResource } from './search-resource.js';
import { variableValueFilter } from './variable-value-filter.js';

export const USER_TASK_STATES = [
  'CREATING',
  'CREATED',
  'ASSIGNING',
  'UPDATING',
  'COMPLETING',
  'COMPLETED',
  'CANCELING',
  'CANCELED',
  'FAILED',
] as const;

interface UserTaskRow {
  key: string;
  element_instance_key: string;
  process_instance_key: string;
  process_definition_key: string;
  bpmn_process_id: string;
  process_name: string;
  version: number;
  tenant_id: string;
  element_id: string;
  name: string;
  state: (typeof USER_TASK_STATES)[number];
  assignee: string | null;
  candidate_groups: string[];
  candidate_users: string[];
  due_date: Date | null;
  follow_up_date: Date | null;
  priority: number;
  form_key: string | null;
  external_form_reference: string | null;
  custom_headers: Record<string, string>;
  creation_date: Date;
  completion_date: Date | null;
}

/** A task without a name is shown by its element id, as for element instances. */
const NAME = 'coalesce(ut.name, ut.element_id)';

/**
 * `UserTaskResult`. The candidate filters (`candidateGroup`, `candidateUser`) match a task whose list contains
 * the value; `processInstanceVariables` match variables of the process instance scope, `localVariables`
 * those of the task's element instance.
 */
export const userTasks: SearchResource<UserTaskRow, ReturnType<typeof toResult>> = {
  from: 'engine.user_tasks ut left join engine.process_definitions pd on pd.key = ut.process_definition_key',
  select: `ut.key::text as key, ut.element_instance_key::text as element_instance_key,
    ut.process_instance_key::text as process_instance_key, ut.process_definition_key::text as process_definition_key,
    ut.bpmn_process_id, coalesce(pd.name, ut.bpmn_process_id) as process_name, ut.version, ut.tenant_id, ut.element_id,
    ${NAME} as name, ut.state, ut.assignee, ut.candidate_groups, ut.candidate_users, ut.due_date, ut.follow_up_date,
    ut.priority, ut.form_key::text as form_key, ut.external_form_reference, ut.custom_headers, ut.creation_date,
    ut.completion_date`,
  filters: {
    state: column.enum('ut.state', USER_TASK_STATES),
    assignee: column.string('ut.assignee'),
    priority: column.int('ut.priority'),
    elementId: column.string('ut.element_id', exact),
    name: column.string(NAME, exact),
    candidateGroup: column.stringArray('ut.candidate_groups'),
    candidateUser: column.stringArray('ut.candidate_users'),
    tenantId: column.string('ut.tenant_id'),
    processDefinitionId: column.string('ut.bpmn_process_id', exact),
    creationDate: column.date('ut.creation_date'),
    completionDate: column.date('ut.completion_date'),
    followUpDate: column.date('ut.follow_up_date'),
    dueDate: column.date('ut.due_date'),
    processInstanceVariables: variableValueFilter('fv.scope_key = ut.process_instance_key'),
    localVariables: variableValueFilter('fv.scope_key = ut.element_instance_key'),
    userTaskKey: column.key('ut.key', exact),
    processDefinitionKey: column.key('ut.process_definition_key', exact),
    processInstanceKey: column.key('ut.process_instance_key', exact),
    elementInstanceKey: column.key('ut.element_instance_key', exact),
  },
  sorts: {
    creationDate: 'ut.creation_date',
    completionDate: 'ut.completion_date',
    followUpDate: 'ut.follow_up_date',
    dueDate: 'ut.due_date',
    priority: 'ut.priority',
    name: NAME,
  },
  keyColumn: 'ut.key',
  toResult,
};

function toResult(row: UserTaskRow) {
  return compact({
    name: row.name,
    state: row.state,
    assignee: row.assignee,
    elementId: row.element_id,
    candidateGroups: row.candidate_groups,
    candidateUsers: row.candidate_users,
    processDefinitionId: row.bpmn_process_id,
    creationDate: iso(row.creation_date),
    completionDate: isoOrNull(row.completion_date),
    followUpDate: isoOrNull(row.follow_up_date),
    dueDate: isoOrNull(row.due_date),
    tenantId: row.tenant_id,
    externalFormReference: row.external_form_reference,
    processDefinitionVersion: row.version,
    customHeaders: row.custom_headers,
    priority: row.priority,
    userTaskKey: row.key,
    elementInstanceKey: row.element_instance_key,
    processName: row.process_name,
    processDefinitionKey: row.process_definition_key,
    processInstanceKey: row.process_instance_key,
    formKey: row.form_key,
  });
}

/** The element instance of a user task; undefined when there is no such task. */
export async function elementInstanceOfUserTask(
  pool: pg.Pool,
  userTaskKey: bigint,
): Promise<string | undefined> {
  const { rows } = await pool.query<{ element_instance_key: string }>(
    'select element_instance_key::text as element_instance_key from engine.user_tasks where key = $1',
    [userTaskKey.toString()],
  );
  return rows[0]?.element_instance_key;
}
