/**
 * R-CMP-05: the handler of a complaint must not be a direct stakeholder in its subject. A member
 * of staff is a stakeholder when they belong to (or manage) the unit the complaint is about, are
 * named in the complaint, or are the complainant themselves.
 */
import type { Knex } from 'knex';
import type { ComplaintRow } from './complaint-record.js';
import { complainantIdentifiers } from './contacts.js';
import type { StaffMember } from './staff-directory.js';

export interface IndependenceVerdict {
  readonly independent: boolean;
  /** Why not, in Persian, one short clause per reason (empty when independent). */
  readonly reasons: readonly string[];
  /** One Persian sentence for the person choosing the handler (empty when independent). */
  readonly reason: string;
}

/** The Persian sentence shown to the Secretary General when a handler is refused. */
export function stakeholderSentence(
  staff: Pick<StaffMember, 'fullNameFa'>,
  reasons: readonly string[],
): string {
  return `${staff.fullNameFa} ذی‌نفع مستقیم این شکایت است و نمی‌تواند به آن رسیدگی کند: ${reasons.join('؛ ')}.`;
}

/**
 * For each member of staff given, the reasons they are a stakeholder in the complaint (absent from
 * the map when there are none).
 */
export async function stakeholderReasons(
  db: Knex | Knex.Transaction,
  complaint: ComplaintRow,
  staff: readonly StaffMember[],
): Promise<Map<number, string[]>> {
  const reasons = new Map<number, string[]>();
  const add = (staffId: number, reason: string) =>
    reasons.set(staffId, [...(reasons.get(staffId) ?? []), reason]);
  const ids = staff.map((s) => s.id);
  if (ids.length === 0) return reasons;

  if (complaint.concerned_unit_id !== null) {
    const unit = (await db('units')
      .where({ id: complaint.concerned_unit_id })
      .first('name_fa', 'manager_staff_id')) as
      { name_fa: string; manager_staff_id: number | null } | undefined;
    const unitName = unit?.name_fa ?? `واحد ${complaint.concerned_unit_id}`;
    const managers = new Set(
      (
        (await db('staff_roles')
          .where({ role: 'unit-manager', unit_id: complaint.concerned_unit_id })
          .whereIn('staff_id', ids)
          .select('staff_id')) as { staff_id: number }[]
      ).map((r) => r.staff_id),
    );
    if (unit?.manager_staff_id) managers.add(unit.manager_staff_id);
    const members = new Set(
      (
        (await db('staff_units')
          .where({ unit_id: complaint.concerned_unit_id })
          .whereIn('staff_id', ids)
          .select('staff_id')) as { staff_id: number }[]
      ).map((r) => r.staff_id),
    );
    for (const id of ids) {
      if (managers.has(id)) add(id, `مدیر «${unitName}» است که شکایت دربارهٔ آن است`);
      else if (members.has(id)) add(id, `عضو «${unitName}» است که شکایت دربارهٔ آن است`);
    }
  }

  const named = new Set(
    (
      (await db('complaint_named_staff')
        .where({ complaint_id: complaint.id })
        .whereIn('staff_id', ids)
        .select('staff_id')) as { staff_id: number }[]
    ).map((r) => r.staff_id),
  );
  for (const id of ids) if (named.has(id)) add(id, 'نامش در متن شکایت آمده است');

  const { emails, phones } = await complainantIdentifiers(db, complaint);
  for (const s of staff) {
    const isComplainant =
      (s.email !== null && emails.includes(s.email.trim().toLowerCase())) ||
      (s.mobile !== null && phones.includes(s.mobile.trim()));
    if (isComplainant) add(s.id, 'خود شاکی این پرونده است');
  }
  return reasons;
}

/** Whether `handler` may handle the complaint (R-CMP-05), and if not, why. */
export async function checkHandlerIndependence(
  db: Knex | Knex.Transaction,
  complaint: ComplaintRow,
  handler: StaffMember,
): Promise<IndependenceVerdict> {
  const reasons = (await stakeholderReasons(db, complaint, [handler])).get(handler.id) ?? [];
  return reasons.length === 0
    ? { independent: true, reasons: [], reason: '' }
    : { independent: false, reasons, reason: stakeholderSentence(handler, reasons) };
}
