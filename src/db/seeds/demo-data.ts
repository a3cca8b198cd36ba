import type { Knex } from 'knex';
import { appendAuditEvent } from '../../audit/audit-trail.js';
import { loadWorkingCalendar } from '../../calendar/calendar-store.js';
import type { Config } from '../../config.js';
import { hashPassword } from '../../domain/passwords.js';
import { generateDemoCalls } from './demo-calls.js';
import { generateDemoMembers, type DemoMember } from './demo-members.js';
import { DEMO_PASSWORD, DEMO_STAFF, DEMO_UNITS } from './demo-organisation.js';
import { createRandom } from './random.js';
import { loadReferenceData } from './reference-data.js';

export const DEMO_MEMBER_COUNT = 320;
const DEMO_CALL_COUNT = 240;
const DEMO_SEED = 1404;

export interface DemoDataSummary {
  readonly units: number;
  readonly staff: number;
  readonly members: number;
  readonly contacts: number;
  readonly calls: number;
}

async function isEmpty(trx: Knex.Transaction): Promise<boolean> {
  for (const table of ['units', 'staff', 'members']) {
    if (await trx(table).first('id')) return false;
  }
  return true;
}

/**
 * Loads the demo organisation, members and calls — only into an empty database and never in
 * production. Returns undefined when the database already holds data.
 */
export async function loadDemoDataIfEmpty(
  knex: Knex,
  config: Pick<Config, 'appEnv'>,
  now: Date = new Date(),
): Promise<DemoDataSummary | undefined> {
  if (config.appEnv === 'production') throw new Error('demo data is never loaded in production');
  const passwordHashes = await Promise.all(DEMO_STAFF.map(() => hashPassword(DEMO_PASSWORD)));
  await loadReferenceData(knex);
  return knex.transaction(async (trx) => {
    await trx.raw("select pg_advisory_xact_lock(hashtext('mcc.demo-data'))");
    if (!(await isEmpty(trx))) return undefined;

    const unitIds = new Map<string, number>();
    for (const u of DEMO_UNITS) {
      const [row] = (await trx('units')
        .insert({ code: u.code, name_fa: u.nameFa, name_en: u.nameEn })
        .returning('id')) as { id: number }[];
      unitIds.set(u.code, row!.id);
    }
    const unitId = (code: string) => {
      const id = unitIds.get(code);
      if (id === undefined) throw new Error(`demo data names an unknown unit: ${code}`);
      return id;
    };

    const staffIds = new Map<string, number>();
    for (const [i, s] of DEMO_STAFF.entries()) {
      const [row] = (await trx('staff')
        .insert({
          username: s.username,
          full_name_fa: s.fullNameFa,
          email: s.email,
          mobile: s.mobile,
          password_hash: passwordHashes[i],
        })
        .returning('id')) as { id: number }[];
      const id = row!.id;
      staffIds.set(s.username, id);
      await trx('staff_units').insert({ staff_id: id, unit_id: unitId(s.unit), is_primary: true });
      for (const role of s.roles) {
        await trx('staff_roles').insert({
          staff_id: id,
          role,
          unit_id: role === 'unit-manager' ? unitId(s.unit) : null,
        });
        if (role === 'unit-manager')
          await trx('units')
            .where({ id: unitId(s.unit) })
            .update({ manager_staff_id: id });
      }
    }

    const members = generateDemoMembers(DEMO_MEMBER_COUNT, DEMO_SEED);
    const memberIds = await insertMembers(trx, members);
    const contacts = members.reduce((n, m) => n + m.contacts.length, 0);

    const random = createRandom(DEMO_SEED + 1);
    const calls = generateDemoCalls(random, members, DEMO_CALL_COUNT, now);
    const calendar = await loadWorkingCalendar(trx);
    const mccExperts = DEMO_STAFF.filter((s) => s.roles.includes('mcc-expert')).map((s) =>
      staffIds.get(s.username)!,
    );
    for (const call of calls) {
      const unit = DEMO_STAFF.find(
        (s) => s.unit === call.destinationUnit && s.roles.includes('unit-manager'),
      );
      const handler = call.answeredBy === 'mcc' ? random.pick(mccExperts) : null;
      // R-CALL-07: the unit manager calls back within 24 working hours; most past ones were.
      const followUpDue =
        call.outcome === 'unanswered' ? calendar.addWorkingTime(call.startedAt, 24 * 60) : null;
      const followedUp = followUpDue !== null && followUpDue < now && random.chance(0.75);
      await trx('calls').insert({
        direction: 'incoming',
        caller_number: call.callerNumber,
        caller_name: call.callerName,
        member_id: call.memberIndex === null ? null : memberIds[call.memberIndex],
        destination_unit_id: unitId(call.destinationUnit),
        destination_staff_id: unit ? staffIds.get(unit.username) : null,
        answered_by: call.answeredBy,
        handled_by_staff_id: handler,
        referred_to_staff_id:
          call.outcome === 'referred'
            ? ((unit ? staffIds.get(unit.username) : handler) ?? mccExperts[0])
            : null,
        started_at: call.startedAt,
        answered_at: call.outcome === 'unanswered' ? null : new Date(call.startedAt.getTime() + 15_000),
        ended_at: new Date(call.startedAt.getTime() + call.durationSeconds * 1000),
        outcome: call.outcome,
        subject: call.subject,
        follow_up_due_at: followUpDue,
        follow_up_done_at: followedUp
          ? new Date(call.startedAt.getTime() + random.int(2, 30) * 3_600_000)
          : null,
        follow_up_by_staff_id: followedUp && unit ? staffIds.get(unit.username) : null,
        follow_up_result: followedUp ? 'با عضو تماس گرفته شد و موضوع پیگیری و پاسخ داده شد.' : null,
      });
    }

    const summary: DemoDataSummary = {
      units: DEMO_UNITS.length,
      staff: DEMO_STAFF.length,
      members: members.length,
      contacts,
      calls: calls.length,
    };
    await appendAuditEvent(trx, {
      actor: 'system:seed',
      action: 'demo-data.loaded',
      entityType: 'database',
      entityId: 'demo',
      after: summary,
    });
    return summary;
  });
}

async function insertMembers(trx: Knex.Transaction, members: readonly DemoMember[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < members.length; i += 100) {
    const chunk = members.slice(i, i + 100);
    const rows = (await trx('members')
      .insert(
        chunk.map((m) => ({
          membership_no: m.membershipNo,
          membership_valid_until: m.membershipValidUntil,
          legal_name: m.legalName,
          trade_name: m.tradeName ?? null,
          member_type: m.memberType,
          national_id: m.nationalId,
          activity_fields: m.activityFields,
          products_services: m.productsServices,
          import_countries: m.importCountries,
          export_countries: m.exportCountries,
          province: m.province,
          city: m.city,
          address: m.address,
          postal_code: m.postalCode,
          website: m.website ?? null,
          employees: m.employees,
          specialist_data: JSON.stringify(m.specialistData),
        })),
      )
      .returning('id')) as { id: number }[];
    const chunkIds = rows.map((r) => r.id);
    ids.push(...chunkIds);
    const contacts = chunk.flatMap((m, j) =>
      m.contacts.map((c) => ({
        member_id: chunkIds[j],
        kind: c.kind,
        value: c.value,
        person_name: c.personName ?? null,
        position_fa: c.positionFa ?? null,
        is_primary: c.isPrimary,
      })),
    );
    await trx('member_contacts').insert(contacts);
  }
  return ids;
}
