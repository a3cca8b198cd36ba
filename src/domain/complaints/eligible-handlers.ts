import type { Knex } from 'knex';
import type { ComplaintRow } from './complaint-record.js';
import { stakeholderReasons } from './handler-independence.js';
import type { StaffMember } from './staff-directory.js';

/**
 * Roles whose holders never handle complaints: the auditor must stay independent of every case
 * and the administrator account is not a person of the procedure.
 */
const NEVER_HANDLERS = ['auditor', 'administrator'] as const;

export interface HandlerCandidate {
  readonly staffId: number;
  readonly username: string;
  readonly fullNameFa: string;
  readonly unitNameFa: string | null;
}

export interface EligibleHandlers {
  readonly eligible: readonly HandlerCandidate[];
  /** Stakeholders left out, with the reasons (R-CMP-05). */
  readonly excluded: readonly (HandlerCandidate & { readonly reasons: readonly string[] })[];
}

/**
 * The staff the Secretary General may name as handler of the complaint (R-CMP-05): every active
 * member of staff except the stakeholders (the unit concerned, the people named, the complainant)
 * and the auditor and administrator accounts. Sorted by unit, then name.
 */
export async function listEligibleHandlers(
  db: Knex | Knex.Transaction,
  complaint: ComplaintRow,
): Promise<EligibleHandlers> {
  const rows = (await db('staff')
    .leftJoin('staff_units', function () {
      this.on('staff_units.staff_id', 'staff.id').andOnVal('staff_units.is_primary', true);
    })
    .leftJoin('units', 'units.id', 'staff_units.unit_id')
    .where('staff.is_active', true)
    .whereNotExists(function () {
      this.select(db.raw('1'))
        .from('staff_roles')
        .whereRaw('staff_roles.staff_id = staff.id')
        .whereIn('staff_roles.role', NEVER_HANDLERS);
    })
    .select(
      'staff.id',
      'staff.username',
      'staff.full_name_fa',
      'staff.email',
      'staff.mobile',
      'units.name_fa as unit_name_fa',
    )) as {
    id: number;
    username: string;
    full_name_fa: string;
    email: string | null;
    mobile: string | null;
    unit_name_fa: string | null;
  }[];
  const staff: StaffMember[] = rows.map((r) => ({
    id: r.id,
    username: r.username,
    fullNameFa: r.full_name_fa,
    email: r.email,
    mobile: r.mobile,
    isActive: true,
  }));
  const reasons = await stakeholderReasons(db, complaint, staff);
  const collator = new Intl.Collator('fa');
  const candidates = rows
    .map((r) => ({
      staffId: r.id,
      username: r.username,
      fullNameFa: r.full_name_fa,
      unitNameFa: r.unit_name_fa,
    }))
    .sort(
      (a, b) =>
        collator.compare(a.unitNameFa ?? '', b.unitNameFa ?? '') ||
        collator.compare(a.fullNameFa, b.fullNameFa),
    );
  return {
    eligible: candidates.filter((c) => !reasons.has(c.staffId)),
    excluded: candidates.flatMap((c) => {
      const r = reasons.get(c.staffId);
      return r ? [{ ...c, reasons: r }] : [];
    }),
  };
}

/** A candidate as an option of the assignment form's select: «name — unit», value = username. */
export function handlerOption(c: HandlerCandidate): { label: string; value: string } {
  return { label: c.unitNameFa ? `${c.fullNameFa} — ${c.unitNameFa}` : c.fullNameFa, value: c.username };
}
