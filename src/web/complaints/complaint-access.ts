/**
 * Who may see which complaint (R-X-03, R-ISO-08: records kept with controlled access). One rule, as a
 * condition on `complaints`, applied by the register and by every single-complaint route alike, so the
 * list and a fetch by id can never disagree:
 *
 * - the full register: `mcc-manager`, `mcc-expert`, `secretary-general`, `sg-representative`,
 *   `president`, `auditor`;
 * - a unit manager (`unit-manager` of a unit, candidate group `unit-manager:<code>`): the complaints
 *   whose concerned unit is that unit;
 * - the handler the SG named (`complaints.handler_staff_id`): that complaint;
 * - nobody else. An administrator manages users, not cases: no access without one of the roles above.
 *
 * A complaint outside the rule is answered 404, as one that does not exist, so ids reveal nothing.
 */
import type { Knex } from 'knex';
import type { ComplaintRow } from '../../domain/complaints/complaint-record.js';
import { FULL_REGISTER_ROLES } from '../../domain/roles.js';
import { HttpError } from '../http-error.js';
import { parseRecordId } from '../record-id.js';

/**
 * The condition "staff member `staffId` may see this complaint" on `complaints` aliased `alias`, for
 * `.where(...)`. It reads the roles in the same statement, so a role taken away counts at once.
 */
export function complaintScope(staffId: number, alias = 'c'): (qb: Knex.QueryBuilder) => void {
  return (qb) => {
    qb.whereExists((sub) => {
      sub
        .select(1)
        .from('staff_roles as scope_role')
        .where('scope_role.staff_id', staffId)
        .whereIn('scope_role.role', FULL_REGISTER_ROLES);
    })
      .orWhere(`${alias}.handler_staff_id`, staffId)
      .orWhereIn(`${alias}.concerned_unit_id`, (sub) => {
        sub
          .select('scope_unit.unit_id')
          .from('staff_roles as scope_unit')
          .where({ 'scope_unit.staff_id': staffId, 'scope_unit.role': 'unit-manager' });
      });
  };
}

/** `complaints as c`, narrowed to what the staff member may see. */
export function visibleComplaints(db: Knex, staffId: number): Knex.QueryBuilder {
  return db('complaints as c').where(complaintScope(staffId, 'c'));
}

export const COMPLAINT_NOT_FOUND = (): HttpError =>
  new HttpError(404, 'complaint-not-found', 'No such complaint.');

/** The complaint, when it exists and the staff member may see it; 404 otherwise (either way the same). */
export async function visibleComplaint(db: Knex, staffId: number, rawId: unknown): Promise<ComplaintRow> {
  const id = parseRecordId(rawId);
  const row =
    id === undefined
      ? undefined
      : ((await visibleComplaints(db, staffId).where('c.id', id).first('c.*')) as ComplaintRow | undefined);
  if (!row) throw COMPLAINT_NOT_FOUND();
  return row;
}
