import type { Knex } from 'knex';

export interface FormOption<V extends string | number> {
  readonly label: string;
  readonly value: V;
}

export interface FormOptions {
  /** The chamber's active units, by id. */
  readonly unitOptions: FormOption<number>[];
  /** Active staff, by id, labelled with their unit. */
  readonly staffOptions: FormOption<number>[];
  /** Active staff, by username, labelled with their unit. */
  readonly staffUsernameOptions: FormOption<string>[];
}

/**
 * The choices the forms offer (units, staff): process variables, so that a form in Camunda
 * Tasklist shows them as well as the inbox does.
 */
export async function formOptions(db: Knex | Knex.Transaction): Promise<FormOptions> {
  const units = (await db('units').where({ is_active: true }).orderBy('name_fa').select('id', 'name_fa')) as {
    id: number;
    name_fa: string;
  }[];
  const staff = (await db('staff as s')
    .leftJoin('staff_units as su', function () {
      this.on('su.staff_id', 's.id').andOn('su.is_primary', db.raw('true'));
    })
    .leftJoin('units as u', 'u.id', 'su.unit_id')
    .where('s.is_active', true)
    .orderBy('s.full_name_fa')
    .select('s.id', 's.username', 's.full_name_fa', 'u.name_fa as unit_fa')) as {
    id: number;
    username: string;
    full_name_fa: string;
    unit_fa: string | null;
  }[];
  const label = (s: (typeof staff)[number]) =>
    s.unit_fa ? `${s.full_name_fa} — ${s.unit_fa}` : s.full_name_fa;
  return {
    unitOptions: units.map((u) => ({ label: u.name_fa, value: u.id })),
    staffOptions: staff.map((s) => ({ label: label(s), value: s.id })),
    staffUsernameOptions: staff.map((s) => ({ label: label(s), value: s.username })),
  };
}
