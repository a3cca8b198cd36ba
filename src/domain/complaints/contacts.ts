import type { Knex } from 'knex';
import type { ComplaintRow } from './complaint-record.js';

const MOBILE = /^09\d{9}$/;

/** How to reach the complainant: the details given on the form first, then the member's contacts. */
export interface ComplainantContact {
  readonly name: string;
  readonly email: string | null;
  readonly mobile: string | null;
}

interface ContactRow {
  kind: 'landline' | 'mobile' | 'email' | 'fax';
  value: string;
  person_name: string | null;
  is_primary: boolean;
}

async function memberContacts(db: Knex | Knex.Transaction, memberId: number | null): Promise<ContactRow[]> {
  if (memberId === null) return [];
  return (await db('member_contacts')
    .where({ member_id: memberId })
    .orderBy([{ column: 'is_primary', order: 'desc' }, { column: 'id' }])
    .select('kind', 'value', 'person_name', 'is_primary')) as ContactRow[];
}

export async function complainantContact(
  db: Knex | Knex.Transaction,
  complaint: ComplaintRow,
): Promise<ComplainantContact> {
  const contacts = await memberContacts(db, complaint.member_id);
  const member =
    complaint.member_id === null
      ? undefined
      : ((await db('members').where({ id: complaint.member_id }).first('legal_name')) as
          { legal_name: string } | undefined);
  const phone = complaint.complainant_phone;
  return {
    name: complaint.complainant_name?.trim() || member?.legal_name || 'عضو محترم',
    email: complaint.complainant_email ?? contacts.find((c) => c.kind === 'email')?.value ?? null,
    mobile:
      (phone && MOBILE.test(phone) ? phone : null) ??
      contacts.find((c) => c.kind === 'mobile')?.value ??
      null,
  };
}

/** Whether the complainant can be told anything without a phone call: an e-mail or a mobile. */
export function canBeNotified(contact: ComplainantContact): boolean {
  return contact.email !== null || contact.mobile !== null;
}

/** Every e-mail address and phone number that identifies the complainant, for stakeholder checks. */
export async function complainantIdentifiers(
  db: Knex | Knex.Transaction,
  complaint: ComplaintRow,
): Promise<{ emails: string[]; phones: string[] }> {
  const contacts = await memberContacts(db, complaint.member_id);
  const emails = [
    complaint.complainant_email,
    ...contacts.filter((c) => c.kind === 'email').map((c) => c.value),
  ];
  const phones = [
    complaint.complainant_phone,
    ...contacts.filter((c) => c.kind !== 'email').map((c) => c.value),
  ];
  return {
    emails: [...new Set(emails.flatMap((e) => (e ? [e.trim().toLowerCase()] : [])))],
    phones: [...new Set(phones.flatMap((p) => (p ? [p.trim()] : [])))],
  };
}
