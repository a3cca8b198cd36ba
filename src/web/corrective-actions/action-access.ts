import type { Knex } from 'knex';
import type { CorrectiveActionRow } from '../../domain/corrective-actions/action-record.js';
import { FULL_REGISTER_ROLES, type Role } from '../../domain/roles.js';
import { complaintScope } from '../complaints/complaint-access.js';
import { HttpError } from '../http-error.js';
import { parseRecordId } from '../record-id.js';

/** Roles that follow every corrective action, whatever its source (SY-PR-05-00-02). */
const ALL_ACTIONS_ROLES: readonly Role[] = [...FULL_REGISTER_ROLES, 'strategy-manager'];

export const ACTION_NOT_FOUND = (): HttpError =>
  new HttpError(404, 'corrective-action-not-found', 'No such corrective action.');

/**
 * The corrective action, when the staff member may see it: its owner; whoever may see the complaint
 * it came from; and the roles that follow every action. 404 otherwise, as for one that does not exist.
 */
export async function visibleAction(db: Knex, staffId: number, rawId: unknown): Promise<CorrectiveActionRow> {
  const id = parseRecordId(rawId);
  const row =
    id === undefined
      ? undefined
      : ((await db('corrective_actions as a')
          .where('a.id', id)
          .where((scope) =>
            scope
              .where('a.owner_staff_id', staffId)
              .orWhereExists((sub) =>
                sub
                  .select(1)
                  .from('staff_roles as r')
                  .where('r.staff_id', staffId)
                  .whereIn('r.role', ALL_ACTIONS_ROLES),
              )
              .orWhereExists((sub) =>
                sub
                  .select(1)
                  .from('complaints as c')
                  .whereRaw('c.id = a.complaint_id')
                  .where(complaintScope(staffId, 'c')),
              ),
          )
          .first('a.*')) as CorrectiveActionRow | undefined);
  if (!row) throw ACTION_NOT_FOUND();
  return row;
}
