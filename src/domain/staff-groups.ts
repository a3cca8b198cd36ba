import type { Knex } from 'knex';

/** The candidate groups of a staff member as BPMN user tasks name them (role ids, `unit-manager:<unit>`). */
export async function candidateGroupsOf(db: Knex | Knex.Transaction, username: string): Promise<string[]> {
  return (await db('staff_candidate_groups as g')
    .join('staff as s', 's.id', 'g.staff_id')
    .where('s.username', username)
    .pluck('g.group_id')) as string[];
}
