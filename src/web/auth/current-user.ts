import type { Knex } from 'knex';
import { candidateGroupsOf } from '../../domain/staff-groups.js';

export interface CurrentUser {
  readonly username: string;
  readonly fullNameFa: string;
  readonly roles: string[];
  readonly groups: string[];
}

export async function currentUser(db: Knex, staffId: number): Promise<CurrentUser> {
  const staff = (await db('staff').where({ id: staffId }).first('username', 'full_name_fa')) as {
    username: string;
    full_name_fa: string;
  };
  const roles = (await db('staff_roles')
    .where({ staff_id: staffId })
    .distinct('role')
    .pluck('role')) as string[];
  const groups = await candidateGroupsOf(db, staff.username);
  return {
    username: staff.username,
    fullNameFa: staff.full_name_fa,
    roles: roles.sort(),
    groups: [...new Set(groups)].sort(),
  };
}
