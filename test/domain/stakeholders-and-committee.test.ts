import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { committeeMembers } from '../../src/domain/complaints/committee.js';
import { findComplaint, type ComplaintRow } from '../../src/domain/complaints/complaint-record.js';
import { listEligibleHandlers } from '../../src/domain/complaints/eligible-handlers.js';
import { DomainInputError } from '../../src/domain/complaints/errors.js';
import { checkHandlerIndependence } from '../../src/domain/complaints/handler-independence.js';
import { staffByUsername } from '../../src/domain/complaints/staff-directory.js';
import { createWorld, tehran, webComplaint, type World } from '../workers/support.js';

let world: World;
let complaint: ComplaintRow;
beforeAll(async () => {
  world = await createWorld(tehran('2026-06-03', '14:00'));
  const { id } = await webComplaint(world, {
    concernedUnitId: await world.unitId('certificates'),
    namedStaffIds: [await world.staffId('mcc.expert2')],
    complainantEmail: null,
    complainantPhone: (await staffByUsername(world.app, 'pr.manager'))!.mobile!,
  });
  complaint = (await findComplaint(world.app, id))!;
});
afterAll(() => world.close());

const verdict = async (username: string) =>
  checkHandlerIndependence(world.app, complaint, (await staffByUsername(world.app, username))!);

describe('R-CMP-05 stakeholders', () => {
  it('R-CMP-05 the manager of the unit concerned is a stakeholder', async () => {
    expect(await verdict('certificates.manager')).toEqual({
      independent: false,
      reasons: ['مدیر «صدور گواهی مبدأ» است که شکایت دربارهٔ آن است'],
      reason:
        'سعید مرادی ذی‌نفع مستقیم این شکایت است و نمی‌تواند به آن رسیدگی کند: مدیر «صدور گواهی مبدأ» است که شکایت دربارهٔ آن است.',
    });
  });

  it('R-CMP-05 a member of the unit concerned is a stakeholder, also when it is not their primary unit', async () => {
    await world.owner('staff_units').insert({
      staff_id: await world.staffId('training.manager'),
      unit_id: await world.unitId('certificates'),
      is_primary: false,
    });
    expect((await verdict('training.manager')).reasons).toEqual([
      'عضو «صدور گواهی مبدأ» است که شکایت دربارهٔ آن است',
    ]);
  });

  it('R-CMP-05 a person named in the complaint is a stakeholder', async () => {
    expect((await verdict('mcc.expert2')).reasons).toEqual(['نامش در متن شکایت آمده است']);
  });

  it('R-CMP-05 the complainant (recognised by phone or e-mail) is a stakeholder', async () => {
    expect((await verdict('pr.manager')).reasons).toEqual(['خود شاکی این پرونده است']);
  });

  it('R-CMP-05 anyone else is independent', async () => {
    expect(await verdict('legal.manager')).toEqual({ independent: true, reasons: [], reason: '' });
  });

  it('R-CMP-05 the eligible handlers are everyone active but the stakeholders, the auditor and the administrator', async () => {
    await world.owner('staff').where({ username: 'mcc.expert3' }).update({ is_active: false });
    const { eligible, excluded } = await listEligibleHandlers(world.app, complaint);
    const names = eligible.map((c) => c.username);
    for (const out of [
      'certificates.manager',
      'training.manager',
      'mcc.expert2',
      'pr.manager',
      'auditor',
      'admin',
      'mcc.expert3',
    ]) {
      expect(names).not.toContain(out);
    }
    expect(names).toHaveLength(21 - 7);
    expect(excluded.map((c) => c.username).sort()).toEqual(
      ['certificates.manager', 'mcc.expert2', 'pr.manager', 'training.manager'].sort(),
    );
    await world.owner('staff').where({ username: 'mcc.expert3' }).update({ is_active: true });
  });
});

describe('R-CMP-09 committee members', () => {
  it('R-CMP-09 the fixed members, the manager of the unit concerned and the SG’s extra members, each once', async () => {
    const members = await committeeMembers(world.app, {
      concernedUnitId: await world.unitId('certificates'),
      extraStaffIds: [
        await world.staffId('it.manager'),
        await world.staffId('strategy.manager'),
        await world.staffId('it.manager'),
        await world.staffId('certificates.manager'),
      ],
    });
    expect(members.map((m) => [m.username, m.membership])).toEqual([
      ['sg', 'fixed'],
      ['mcc.manager', 'fixed'],
      ['strategy.manager', 'fixed'],
      ['admin.assistant', 'fixed'],
      ['certificates.manager', 'unit_concerned'],
      ['it.manager', 'invited'],
    ]);
  });

  it('R-CMP-09 without a Secretary General the representative sits; unknown extra members are refused by name', async () => {
    await world.owner('staff').where({ username: 'sg' }).update({ is_active: false });
    try {
      const members = await committeeMembers(world.app, { concernedUnitId: null, extraStaffIds: [] });
      expect(members.map((m) => m.username)).toEqual([
        'sg.rep',
        'mcc.manager',
        'strategy.manager',
        'admin.assistant',
      ]);
    } finally {
      await world.owner('staff').where({ username: 'sg' }).update({ is_active: true });
    }
    const error = await committeeMembers(world.app, { concernedUnitId: null, extraStaffIds: [777777] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainInputError);
    expect((error as DomainInputError).issues).toEqual([
      { field: 'committeeExtraStaffIds', message: 'staff 777777 does not exist or is no longer active' },
    ]);
  });
});
