import type pg from 'pg';

/** `FormResult`: `schema` is the form's JSON as a string, as Camunda 8.8 serializes it. */
export interface FormResult {
  tenantId: string;
  formId: string;
  schema: string;
  version: number;
  formKey: string;
}

interface FormRow {
  owner: string;
  form_key: string | null;
  form_id: string | null;
  version: number | null;
  tenant_id: string | null;
  schema: string | null;
}

/** What a form lookup finds: nothing (unknown owner), an owner without a form, or its form. */
export type FormLookup =
  { readonly found: false } | { readonly found: true; readonly form: FormResult | undefined };

const FORM_COLUMNS = 'f.key::text as form_key, f.form_id, f.version, f.tenant_id, f.schema';

/** The start form of a process definition: the latest version of the form its none start event links. */
export async function startForm(pool: pg.Pool, processDefinitionKey: bigint): Promise<FormLookup> {
  const { rows } = await pool.query<FormRow>(
    `select pd.key::text as owner, ${FORM_COLUMNS}
       from engine.process_definitions pd
       left join lateral (
         select * from engine.forms f
          where f.form_id = pd.start_form_id and f.tenant_id = pd.tenant_id
          order by f.version desc limit 1
       ) f on true
      where pd.key = $1`,
    [processDefinitionKey.toString()],
  );
  return lookup(rows[0]);
}

/** The form linked to a user task (by the form key resolved when the task was created). */
export async function userTaskForm(pool: pg.Pool, userTaskKey: bigint): Promise<FormLookup> {
  const { rows } = await pool.query<FormRow>(
    `select ut.key::text as owner, ${FORM_COLUMNS}
       from engine.user_tasks ut left join engine.forms f on f.key = ut.form_key
      where ut.key = $1`,
    [userTaskKey.toString()],
  );
  return lookup(rows[0]);
}

function lookup(row: FormRow | undefined): FormLookup {
  if (!row) return { found: false };
  if (row.form_key === null) return { found: true, form: undefined };
  return {
    found: true,
    form: {
      tenantId: row.tenant_id!,
      formId: row.form_id!,
      schema: row.schema!,
      version: row.version!,
      formKey: row.form_key,
    },
  };
}
