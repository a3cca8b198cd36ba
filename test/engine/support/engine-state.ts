import type pg from 'pg';

/** Element ids of an instance with their lifecycle, in activation order: what the instance went through. */
export async function elementPath(pool: pg.Pool, processInstanceKey: string): Promise<string[]> {
  const { rows } = await pool.query<{ element_id: string; lifecycle: string }>(
    'select element_id, lifecycle from engine.element_instances where process_instance_key = $1 order by key',
    [processInstanceKey],
  );
  return rows.map((r) => `${r.element_id}:${r.lifecycle}`);
}

export async function instanceState(pool: pg.Pool, processInstanceKey: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ state: string }>(
    'select state from engine.process_instances where key = $1',
    [processInstanceKey],
  );
  return rows[0]?.state;
}

/** Root variables of an instance, parsed. */
export async function rootVariables(
  pool: pg.Pool,
  processInstanceKey: string,
): Promise<Record<string, unknown>> {
  const { rows } = await pool.query<{ name: string; value: string }>(
    'select name, value from engine.variables where scope_key = $1',
    [processInstanceKey],
  );
  return Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.value) as unknown]));
}

export interface IncidentRow {
  key: string;
  error_type: string;
  error_message: string;
  element_id: string;
  state: string;
  job_key: string | null;
}

export async function incidentsOf(pool: pg.Pool, processInstanceKey: string): Promise<IncidentRow[]> {
  const { rows } = await pool.query<IncidentRow>(
    'select key::text, error_type, error_message, element_id, state, job_key::text from engine.incidents where process_instance_key = $1 order by key',
    [processInstanceKey],
  );
  return rows;
}
