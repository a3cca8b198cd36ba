/**
 * R-CMP-09: who sits on the Member Complaints Review Committee for one complaint — the fixed
 * members (the Secretary General, or the representative when there is no SG; the MCC manager; the
 * Strategic Planning & Transformation manager; the administrative assistant), the manager of the
 * unit concerned, and the staff the SG adds. The union of the seed's two lists, each person once.
 */
import type { Knex } from 'knex';
import { DomainInputError } from './errors.js';
import {
  activeStaffWithRole,
  managersOfUnit,
  secretaryGeneral,
  staffByIds,
  type StaffMember,
} from './staff-directory.js';

export type CommitteeMembership = 'fixed' | 'unit_concerned' | 'invited';

export interface CommitteeMember extends StaffMember {
  readonly membership: CommitteeMembership;
}

export const COMMITTEE_FIXED_ROLES = ['mcc-manager', 'strategy-manager', 'admin-assistant'] as const;

export async function committeeMembers(
  db: Knex | Knex.Transaction,
  input: { readonly concernedUnitId: number | null; readonly extraStaffIds: readonly number[] },
): Promise<CommitteeMember[]> {
  const extraIds = [...new Set(input.extraStaffIds)];
  const extras = await staffByIds(db, extraIds);
  const unusable = extraIds.filter((id) => !extras.some((s) => s.id === id && s.isActive));
  if (unusable.length > 0) {
    throw new DomainInputError(
      unusable.map((id) => ({
        field: 'committeeExtraStaffIds',
        message: `staff ${id} does not exist or is no longer active`,
      })),
    );
  }
  const fixed = [await secretaryGeneral(db)];
  for (const role of COMMITTEE_FIXED_ROLES) fixed.push(await activeStaffWithRole(db, role));
  const unit = input.concernedUnitId === null ? [] : await managersOfUnit(db, input.concernedUnitId);

  const members = new Map<number, CommitteeMember>();
  const add = (people: readonly StaffMember[], membership: CommitteeMembership) => {
    for (const p of people) if (!members.has(p.id)) members.set(p.id, { ...p, membership });
  };
  add(fixed.flat(), 'fixed');
  add(unit, 'unit_concerned');
  add(extras, 'invited');
  return [...members.values()];
}
