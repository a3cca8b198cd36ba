import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import { NO_WAIT } from '../../camunda/user-tasks.js';
import {
  formFields,
  validateFormFile,
  validateSubmission,
  type FormSchema,
  type SubmissionProblem,
} from '../../forms/form-schema.js';

/** The task's linked Camunda form, or null for a task without one. */
async function formOfTask(client: CamundaClient, userTaskKey: string): Promise<FormSchema | null> {
  const result = (await client.getUserTaskForm({ userTaskKey } as never, NO_WAIT as never)) as
    { schema?: unknown } | undefined;
  if (!result?.schema) return null;
  // The engine and Camunda both answer the schema as a JSON string.
  const json: unknown = typeof result.schema === 'string' ? JSON.parse(result.schema) : result.schema;
  const checked = validateFormFile(json);
  if (!checked.ok)
    throw new Error(`the form of task ${userTaskKey} is invalid: ${checked.problems.join('; ')}`);
  return checked.form;
}

/** The variables the task sees (its own and its scopes'), by name; truncated values are left out. */
async function variablesOfTask(client: CamundaClient, userTaskKey: string): Promise<Record<string, unknown>> {
  const result = await client.searchUserTaskVariables(
    { userTaskKey, page: { limit: 1000 } } as never,
    NO_WAIT as never,
  );
  const variables: Record<string, unknown> = {};
  for (const v of result.items as unknown as { name: string; value: string; isTruncated?: boolean }[]) {
    if (!v.isTruncated) variables[v.name] = JSON.parse(v.value) as unknown;
  }
  return variables;
}

/** What a task page shows and what a submission is checked against: the form and the variables it sees. */
export async function formAndVariablesOf(
  client: CamundaClient,
  userTaskKey: string,
): Promise<{ form: FormSchema | null; variables: Record<string, unknown> }> {
  const [form, variables] = await Promise.all([
    formOfTask(client, userTaskKey),
    variablesOfTask(client, userTaskKey),
  ]);
  return { form, variables };
}

export type Submission =
  | { readonly ok: true; readonly variables: Record<string, unknown> }
  | { readonly ok: false; readonly problems: SubmissionProblem[] };

/**
 * What a person submitted on a task's form, checked by the form's own rules. Only the variables of
 * the form's editable fields pass: a request cannot set process variables the form does not offer.
 */
export function checkSubmission(
  form: FormSchema | null,
  submitted: Readonly<Record<string, unknown>>,
  context: Readonly<Record<string, unknown>>,
): Submission {
  if (!form) return { ok: true, variables: {} };
  const editable = new Set(
    formFields(form)
      .filter((f) => f.readonly !== true && f.disabled !== true)
      .map((f) => f.variable),
  );
  const variables = Object.fromEntries(Object.entries(submitted).filter(([name]) => editable.has(name)));
  const problems = validateSubmission(form, variables, { context });
  return problems.length ? { ok: false, problems } : { ok: true, variables };
}
