import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type express from 'express';
import request from 'supertest';
import { verifyAuditTrail } from '../../src/audit/audit-trail.js';
import { ROLES } from '../../src/domain/roles.js';
import type { TestDatabase } from '../support/database.js';
import { demoDatabase, signIn, webApp, type SignedIn } from './support.js';

interface Staff {
  id: number;
  username: string;
  fullNameFa: string;
  email: string | null;
  mobile: string | null;
  unit: { id: number; code: string; nameFa: string } | null;
  roles: string[];
  active: boolean;
  lockedUntil: string | null;
  failedSignIns: number;
  lastSignInAt: string | null;
}

interface Unit {
  id: number;
  code: string;
  nameFa: string;
  managerStaffId: number | null;
  manager: { id: number; username: string } | null;
  active: boolean;
  codeFixed: boolean;
}

interface Problem {
  status: number;
  code: string;
  fields?: { field: string; message: string }[];
}

const PASSWORD = 'a-long-first-password';

describe('staff web app: administration of staff, roles and units', () => {
  let db: TestDatabase;
  let app: express.Express;
  let admin: SignedIn;

  beforeAll(async () => {
    db = await demoDatabase();
    // Many sign-ins from one address: the per-IP sign-in limit is not under test here.
    app = webApp(db, undefined, { signInRateLimit: { limit: 1000, windowMs: 60_000 } });
    admin = await signIn(app, 'admin');
  });
  afterAll(() => db.drop());

  const get = (s: SignedIn | undefined, path: string) =>
    s ? request(app).get(`/api${path}`).set('cookie', s.cookie) : request(app).get(`/api${path}`);
  const write = (method: 'post' | 'patch', s: SignedIn, path: string, body?: object) => {
    const req = request(app)[method](`/api${path}`).set('cookie', s.cookie).set('x-csrf-token', s.csrfToken);
    return body ? req.send(body) : req;
  };
  const post = (s: SignedIn, path: string, body?: object) => write('post', s, path, body);
  const patch = (s: SignedIn, path: string, body: object) => write('patch', s, path, body);
  const sessionOf = async (s: SignedIn) => (await get(s, '/session')).body as { user: { groups: string[] } };
  const staffId = async (username: string) =>
    ((await db.owner('staff').where({ username }).first('id')) as { id: number }).id;
  const unitId = async (code: string) =>
    ((await db.owner('units').where({ code }).first('id')) as { id: number }).id;
  const tryingSignIn = (username: string, password: string) =>
    request(app).post('/api/session').send({ username, password });
  const eventsOf = async (entityType: string, id: number) =>
    (await db
      .owner('audit_events')
      .where({ entity_type: entityType, entity_id: String(id) })
      .orderBy('seq')
      .select('actor', 'action', 'before', 'after')) as {
      actor: string;
      action: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];
  const createStaff = async (body: Record<string, unknown>) => {
    const res = await post(admin, '/admin/staff', {
      fullNameFa: 'کارمند آزمایشی',
      password: PASSWORD,
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body as Staff;
  };

  it('R-X-03 refuses every admin route to non-administrators (403 forbidden) and to anonymous callers (401)', async () => {
    const routes: [method: 'get' | 'post' | 'patch', path: string][] = [
      ['get', '/admin/staff'],
      ['get', '/admin/staff/1'],
      ['get', '/admin/roles'],
      ['get', '/admin/units'],
      ['post', '/admin/staff'],
      ['patch', '/admin/staff/1'],
      ['post', '/admin/staff/1/password'],
      ['post', '/admin/staff/1/unlock'],
      ['post', '/admin/units'],
      ['patch', '/admin/units/1'],
      ['get', '/admin/nothing-here'],
    ];
    for (const username of ['mcc.manager', 'mcc.expert1', 'auditor']) {
      const s = await signIn(app, username);
      const eventsBefore = await db.owner('audit_events').count({ n: '*' }).first();
      for (const [method, path] of routes) {
        const body = { username: 'intruder', fullNameFa: 'x', password: PASSWORD, roles: ['administrator'] };
        const res =
          method === 'get'
            ? await get(s, path)
            : await write(method, s, path, method === 'post' ? body : { roles: [] });
        expect([username, method, path, res.status, (res.body as Problem).code]).toEqual([
          username,
          method,
          path,
          403,
          'forbidden',
        ]);
      }
      // Nothing was changed or recorded.
      expect(await db.owner('audit_events').count({ n: '*' }).first()).toEqual(eventsBefore);
    }
    for (const [method, path] of routes) {
      const res = await request(app)[method](`/api${path}`).send({});
      expect([method, path, res.status, (res.body as Problem).code]).toEqual([
        method,
        path,
        401,
        'unauthenticated',
      ]);
    }
    expect(await db.owner('staff').where({ username: 'intruder' }).first()).toBeUndefined();
  });

  it('R-X-03 requires the CSRF token on every admin write', async () => {
    const body = { username: 'no.token', fullNameFa: 'بی‌توکن', password: PASSWORD };
    const missing = await request(app).post('/api/admin/staff').set('cookie', admin.cookie).send(body);
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ code: 'csrf-token-missing' });
    const wrong = await request(app)
      .patch(`/api/admin/staff/${await staffId('sg')}`)
      .set('cookie', admin.cookie)
      .set('x-csrf-token', 'f'.repeat(64))
      .send({ active: false });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'csrf-token-invalid' });
    expect(await db.owner('staff').where({ username: 'no.token' }).first()).toBeUndefined();
    expect(await db.owner('staff').where({ username: 'sg' }).first('is_active')).toEqual({ is_active: true });
  });

  it('lists staff with unit, roles (unit managers as unit-manager:<code>), state and last sign-in, never a password hash', async () => {
    const res = await get(admin, '/admin/staff');
    expect(res.status).toBe(200);
    const staff = (res.body as { staff: Staff[] }).staff;
    expect(staff).toHaveLength(21);
    expect(staff.find((s) => s.username === 'mcc.manager')).toMatchObject({
      fullNameFa: 'مریم کریمی',
      email: expect.stringContaining('@'),
      mobile: expect.stringMatching(/^09\d{9}$/),
      unit: { code: 'mcc', nameFa: 'مرکز ارتباط با اعضا' },
      roles: ['mcc-manager', 'unit-manager:mcc'],
      active: true,
      lockedUntil: null,
      failedSignIns: 0,
    });
    expect(staff.find((s) => s.username === 'membership.staff')).toMatchObject({ roles: [] });
    const me = staff.find((s) => s.username === 'admin')!;
    expect(me.roles).toEqual(['administrator']);
    expect(Date.parse(me.lastSignInAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|password_hash|passwordHash/);

    const one = await get(admin, `/admin/staff/${me.id}`);
    expect(one.body).toEqual(me);
    expect((await get(admin, '/admin/staff/999999')).status).toBe(404);
    expect((await get(admin, '/admin/staff/abc')).status).toBe(404);
  });

  it('Roles are the role ids of the glossary: lists them with their Persian labels', async () => {
    const res = await get(admin, '/admin/roles');
    expect(res.status).toBe(200);
    const roles = (res.body as { roles: { id: string; labelFa: string; perUnit: boolean }[] }).roles;
    expect(Object.fromEntries(roles.map((r) => [r.id, r.labelFa]))).toEqual(ROLES);
    expect(roles.filter((r) => r.perUnit).map((r) => r.id)).toEqual(['unit-manager']);
  });

  it('lists units with code, names, manager and whether the code is fixed', async () => {
    const res = await get(admin, '/admin/units');
    expect(res.status).toBe(200);
    const units = (res.body as { units: Unit[] }).units;
    expect(units).toHaveLength(13);
    expect(units.find((u) => u.code === 'legal')).toMatchObject({
      nameFa: 'امور حقوقی و مرکز داوری',
      managerStaffId: await staffId('legal.manager'),
      manager: { username: 'legal.manager' },
      active: true,
      codeFixed: true,
    });
  });

  it('an administrator manages staff: creates a user who signs in, and the inbox groups follow their roles', async () => {
    const created = await createStaff({
      username: '  New.Expert ',
      fullNameFa: 'نگار نوروزی',
      email: 'n.norouzi@eccim.ir',
      mobile: '۰۹۱۳ ۱۲۳ ۴۵۶۷',
      unitId: await unitId('mcc'),
      roles: ['mcc-expert'],
    });
    expect(created).toMatchObject({
      username: 'new.expert',
      fullNameFa: 'نگار نوروزی',
      email: 'n.norouzi@eccim.ir',
      mobile: '09131234567',
      unit: { code: 'mcc' },
      roles: ['mcc-expert'],
      active: true,
      lastSignInAt: null,
    });
    const hash = (await db.owner('staff').where({ id: created.id }).first('password_hash')) as {
      password_hash: string;
    };
    expect(hash.password_hash).toMatch(/^\$argon2id\$/);

    const user = await signIn(app, 'new.expert', PASSWORD);
    expect((await sessionOf(user)).user.groups).toEqual(['mcc-expert']);

    const changed = await patch(admin, `/admin/staff/${created.id}`, {
      roles: ['mcc-manager', 'unit-manager:legal', 'auditor'],
    });
    expect(changed.status).toBe(200);
    expect((changed.body as Staff).roles).toEqual(['auditor', 'mcc-manager', 'unit-manager:legal']);
    // The same session sees the new groups at once.
    expect((await sessionOf(user)).user.groups).toEqual(['auditor', 'mcc-manager', 'unit-manager:legal']);
    // Plain unit-manager means the manager of the user's own unit.
    const own = await patch(admin, `/admin/staff/${created.id}`, { roles: ['unit-manager'] });
    expect((own.body as Staff).roles).toEqual(['unit-manager:mcc']);
    expect((await sessionOf(user)).user.groups).toEqual(['unit-manager:mcc']);
    // Administration pages stay closed to them.
    expect((await get(user, '/admin/staff')).status).toBe(403);

    const events = await eventsOf('staff', created.id);
    expect(events.map((e) => e.action)).toEqual([
      'staff.created',
      'staff.signed-in',
      'staff.roles-changed',
      'staff.roles-changed',
    ]);
    expect(events[0]).toMatchObject({
      actor: 'staff:admin',
      after: { username: 'new.expert', roles: ['mcc-expert'], unitId: await unitId('mcc') },
    });
    expect(events[2]).toMatchObject({
      actor: 'staff:admin',
      before: { roles: ['mcc-expert'] },
      after: { roles: ['auditor', 'mcc-manager', 'unit-manager:legal'] },
    });
  });

  it('changes name, contact details, unit and clears optional fields, audited with before and after', async () => {
    const s = await createStaff({ username: 'profile.user', email: 'p@eccim.ir', mobile: '09120000000' });
    const res = await patch(admin, `/admin/staff/${s.id}`, {
      fullNameFa: 'نام تازه',
      email: '',
      mobile: null,
      unitId: await unitId('it'),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      fullNameFa: 'نام تازه',
      email: null,
      mobile: null,
      unit: { code: 'it' },
    });
    const updated = (await eventsOf('staff', s.id)).find((e) => e.action === 'staff.updated');
    expect(updated).toMatchObject({
      before: { fullNameFa: 'کارمند آزمایشی', email: 'p@eccim.ir', mobile: '09120000000', unitId: null },
      after: { fullNameFa: 'نام تازه', email: null, mobile: null, unitId: await unitId('it') },
    });
    // The same values again change nothing and record nothing.
    const again = await patch(admin, `/admin/staff/${s.id}`, {
      fullNameFa: 'نام تازه',
      unitId: await unitId('it'),
    });
    expect(again.status).toBe(200);
    expect((await eventsOf('staff', s.id)).filter((e) => e.action === 'staff.updated')).toHaveLength(1);
  });

  it('R-X-02 resetting a password ends the user’s sessions; the audit trail never holds the password or its hash', async () => {
    const s = await createStaff({ username: 'reset.me' });
    const a = await signIn(app, 'reset.me', PASSWORD);
    const b = await signIn(app, 'reset.me', PASSWORD);
    const fresh = 'the-new-password-1404';
    const short = await post(admin, `/admin/staff/${s.id}/password`, { password: 'short' });
    expect(short.status).toBe(400);
    expect((short.body as Problem).fields).toEqual([{ field: 'password', message: expect.any(String) }]);
    expect((await get(a, '/session')).status).toBe(200);

    const res = await post(admin, `/admin/staff/${s.id}/password`, { password: fresh });
    expect(res.status).toBe(204);
    expect((await get(a, '/session')).status).toBe(401);
    expect((await get(b, '/session')).status).toBe(401);
    expect((await tryingSignIn('reset.me', PASSWORD)).status).toBe(401);
    await signIn(app, 'reset.me', fresh);

    const reset = (await eventsOf('staff', s.id)).find((e) => e.action === 'staff.password-reset');
    expect(reset).toMatchObject({ actor: 'staff:admin', after: { sessionsEnded: 2 } });
    const everything = JSON.stringify(await db.owner('audit_events').select('before', 'after'));
    expect(everything).not.toContain(fresh);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain('$argon2');
  });

  it('deactivating a user ends their sessions and blocks sign-in; reactivating lets them in again', async () => {
    const s = await createStaff({ username: 'leaving.user', roles: ['mcc-expert'] });
    const session = await signIn(app, 'leaving.user', PASSWORD);
    const off = await patch(admin, `/admin/staff/${s.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false });
    expect((await get(session, '/session')).status).toBe(401);
    expect((await tryingSignIn('leaving.user', PASSWORD)).status).toBe(401);
    expect(await db.owner('web_sessions').where({ staff_id: s.id }).first()).toBeUndefined();

    const on = await patch(admin, `/admin/staff/${s.id}`, { active: true });
    expect(on.body).toMatchObject({ active: true });
    await signIn(app, 'leaving.user', PASSWORD);
    expect((await eventsOf('staff', s.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['staff.deactivated', 'staff.reactivated']),
    );
    expect((await eventsOf('staff', s.id)).find((e) => e.action === 'staff.deactivated')).toMatchObject({
      after: { active: false, sessionsEnded: 1 },
    });
  });

  it('R-X-03 unlocking lifts a sign-in lock-out at once', async () => {
    const s = await createStaff({ username: 'locked.user' });
    for (let i = 0; i < 5; i++) expect((await tryingSignIn('locked.user', 'wrong')).status).toBe(401);
    expect((await tryingSignIn('locked.user', PASSWORD)).status).toBe(401);
    const listed = ((await get(admin, `/admin/staff/${s.id}`)).body as Staff).lockedUntil;
    expect(Date.parse(listed!)).toBeGreaterThan(Date.now());

    const res = await post(admin, `/admin/staff/${s.id}/unlock`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lockedUntil: null, failedSignIns: 0 });
    await signIn(app, 'locked.user', PASSWORD);
    expect((await eventsOf('staff', s.id)).find((e) => e.action === 'staff.unlocked')).toMatchObject({
      actor: 'staff:admin',
      before: { lockedUntil: expect.any(String) },
      after: { lockedUntil: null, failedSignIns: 0 },
    });
  });

  it('the system always keeps an administrator: an administrator cannot drop their own role or deactivate themselves (409)', async () => {
    const me = await staffId('admin');
    const demote = await patch(admin, `/admin/staff/${me}`, { roles: ['auditor'] });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({
      code: 'cannot-remove-own-administrator-role',
      fields: [{ field: 'roles' }],
    });
    const off = await patch(admin, `/admin/staff/${me}`, { active: false, fullNameFa: 'تغییر نباید بماند' });
    expect(off.status).toBe(409);
    expect(off.body).toMatchObject({ code: 'cannot-deactivate-self' });
    const row = await db.owner('staff').where({ id: me }).first('is_active', 'full_name_fa');
    expect(row).toEqual({ is_active: true, full_name_fa: expect.not.stringMatching('تغییر') });
    expect(((await get(admin, `/admin/staff/${me}`)).body as Staff).roles).toEqual(['administrator']);
    // Adding roles while keeping administrator is fine.
    const more = await patch(admin, `/admin/staff/${me}`, { roles: ['administrator', 'auditor'] });
    expect((more.body as Staff).roles).toEqual(['administrator', 'auditor']);
    await patch(admin, `/admin/staff/${me}`, { roles: ['administrator'] });

    // Another administrator may be demoted by this one.
    const other = await createStaff({ username: 'second.admin', roles: ['administrator'] });
    const second = await signIn(app, 'second.admin', PASSWORD);
    expect((await patch(second, `/admin/staff/${other.id}`, { roles: [] })).status).toBe(409);
    const demoted = await patch(admin, `/admin/staff/${other.id}`, { roles: [] });
    expect(demoted.status).toBe(200);
    // Without the role, their session no longer opens administration.
    expect((await get(second, '/admin/staff')).status).toBe(403);
  });

  it('rejects a duplicate username with 409 naming the field, and saves nothing', async () => {
    const before = await db.owner('staff').count({ n: '*' }).first();
    const res = await post(admin, '/admin/staff', {
      username: 'MCC.Manager',
      fullNameFa: 'تکراری',
      password: PASSWORD,
      roles: ['auditor'],
    });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'duplicate', fields: [{ field: 'username' }] });
    expect(await db.owner('staff').count({ n: '*' }).first()).toEqual(before);
  });

  it('rejects invalid fields with 400 naming each one, and changes nothing', async () => {
    const before = await db.owner('staff').count({ n: '*' }).first();
    const res = await post(admin, '/admin/staff', {
      username: '1 bad name',
      fullNameFa: '   ',
      email: 'not-an-address',
      mobile: '12345',
      unitId: 'mcc',
      roles: 'mcc-expert',
      password: 'short',
      colour: 'blue',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, code: 'invalid-values' });
    const fields = (res.body as Problem).fields!;
    expect(fields.map((f) => f.field).sort()).toEqual(
      ['colour', 'email', 'fullNameFa', 'mobile', 'password', 'roles', 'unitId', 'username'].sort(),
    );
    for (const f of fields) expect(f.message).toMatch(/[\u0600-\u06ff]/);

    const missing = await post(admin, '/admin/staff', {});
    expect((missing.body as Problem).fields!.map((f) => f.field).sort()).toEqual([
      'fullNameFa',
      'password',
      'username',
    ]);

    const badRoles = await post(admin, '/admin/staff', {
      username: 'bad.roles',
      fullNameFa: 'نقش نادرست',
      password: PASSWORD,
      roles: ['mcc-expert', 'root', 'unit-manager:nowhere', 'auditor:legal', 'unit-manager'],
    });
    expect(badRoles.status).toBe(400);
    expect((badRoles.body as Problem).fields!.map((f) => f.field)).toEqual([
      'roles[1]',
      'roles[2]',
      'roles[3]',
      'roles[4]',
    ]);
    const badUnit = await post(admin, '/admin/staff', {
      username: 'bad.unit',
      fullNameFa: 'واحد نادرست',
      password: PASSWORD,
      unitId: 999999,
    });
    expect(badUnit.body).toMatchObject({ code: 'invalid-values', fields: [{ field: 'unitId' }] });
    const samePassword = await post(admin, '/admin/staff', {
      username: 'same.as.password',
      fullNameFa: 'گذرواژه',
      password: 'same.as.password',
    });
    expect(samePassword.body).toMatchObject({ fields: [{ field: 'password' }] });
    expect(await db.owner('staff').count({ n: '*' }).first()).toEqual(before);

    // A bad PATCH leaves the record as it was, even the fields that were valid.
    const sg = await staffId('sg');
    const bad = await patch(admin, `/admin/staff/${sg}`, {
      fullNameFa: 'نام دیگر',
      roles: ['secretary-general', 'nope'],
    });
    expect(bad.status).toBe(400);
    expect((bad.body as Problem).fields).toEqual([{ field: 'roles[1]', message: expect.any(String) }]);
    expect((await get(admin, `/admin/staff/${sg}`)).body as Staff).toMatchObject({
      fullNameFa: 'محمدرضا صالحی',
      roles: ['secretary-general'],
    });
    expect((await patch(admin, '/admin/staff/999999', { active: true })).status).toBe(404);
  });

  it('an administrator manages units: creates one with a manager, who gets the unit-manager:<code> group', async () => {
    const manager = await createStaff({ username: 'quality.head', roles: [] });
    const res = await post(admin, '/admin/units', {
      code: 'Quality',
      nameFa: 'تضمین کیفیت',
      nameEn: 'Quality Assurance',
      managerStaffId: manager.id,
    });
    expect(res.status).toBe(201);
    const unit = res.body as Unit;
    expect(unit).toMatchObject({
      code: 'quality',
      nameFa: 'تضمین کیفیت',
      managerStaffId: manager.id,
      active: true,
    });
    const session = await signIn(app, 'quality.head', PASSWORD);
    expect((await sessionOf(session)).user.groups).toEqual(['unit-manager:quality']);

    // A new manager takes the group over from the old one.
    const next = await createStaff({ username: 'quality.next' });
    const moved = await patch(admin, `/admin/units/${unit.id}`, { managerStaffId: next.id });
    expect(moved.body).toMatchObject({ managerStaffId: next.id, manager: { username: 'quality.next' } });
    expect((await sessionOf(session)).user.groups).toEqual([]);
    expect(((await get(admin, `/admin/staff/${next.id}`)).body as Staff).roles).toEqual([
      'unit-manager:quality',
    ]);

    // Taking the role away from the manager takes them off the unit too.
    await patch(admin, `/admin/staff/${next.id}`, { roles: [] });
    expect(
      ((await get(admin, '/admin/units')).body as { units: Unit[] }).units.find((u) => u.id === unit.id),
    ).toMatchObject({ managerStaffId: null });

    const events = await eventsOf('unit', unit.id);
    expect(events.map((e) => e.action)).toEqual(['unit.created', 'unit.updated', 'unit.updated']);
    expect(events[0]).toMatchObject({
      actor: 'staff:admin',
      after: { code: 'quality', nameFa: 'تضمین کیفیت', managerStaffId: manager.id },
    });
    expect(events[1]).toMatchObject({
      before: { managerStaffId: manager.id },
      after: { managerStaffId: next.id },
    });
    expect((await eventsOf('staff', manager.id)).map((e) => e.action)).toContain('staff.roles-changed');
  });

  it('a unit code names the candidate group unit-manager:<code>: it may change only while the unit is unused (409 naming the field otherwise)', async () => {
    const created = await post(admin, '/admin/units', { code: 'archive', nameFa: 'بایگانی' });
    const unit = created.body as Unit;
    expect(unit.codeFixed).toBe(false);
    const renamed = await patch(admin, `/admin/units/${unit.id}`, {
      code: 'records',
      nameFa: 'اسناد و بایگانی',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ code: 'records', nameFa: 'اسناد و بایگانی' });

    await createStaff({ username: 'records.clerk', unitId: unit.id });
    const fixed = await patch(admin, `/admin/units/${unit.id}`, { code: 'documents', nameFa: 'اسناد' });
    expect(fixed.status).toBe(409);
    expect(fixed.body).toMatchObject({ code: 'unit-code-fixed', fields: [{ field: 'code' }] });
    expect((fixed.body as { title: string }).title).toContain('unit-manager:records');
    expect(await db.owner('units').where({ id: unit.id }).first('code', 'name_fa')).toEqual({
      code: 'records',
      name_fa: 'اسناد و بایگانی',
    });

    const legal = await unitId('legal');
    expect((await patch(admin, `/admin/units/${legal}`, { code: 'law' })).status).toBe(409);
    // Other fields of a unit in use still change.
    const off = await patch(admin, `/admin/units/${legal}`, { nameEn: null, active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ code: 'legal', active: false });
    await patch(admin, `/admin/units/${legal}`, { active: true });
  });

  it('rejects a duplicate unit code (409) and invalid unit fields (400), naming them', async () => {
    const dup = await post(admin, '/admin/units', { code: 'legal', nameFa: 'حقوقی دوم' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'duplicate', fields: [{ field: 'code' }] });
    const bad = await post(admin, '/admin/units', { code: 'x', nameFa: '', managerStaffId: -1 });
    expect(bad.status).toBe(400);
    expect((bad.body as Problem).fields!.map((f) => f.field).sort()).toEqual([
      'code',
      'managerStaffId',
      'nameFa',
    ]);
    const inactive = await createStaff({ username: 'inactive.manager', active: false });
    const noManager = await post(admin, '/admin/units', {
      code: 'new-unit',
      nameFa: 'واحد تازه',
      managerStaffId: inactive.id,
    });
    expect(noManager.body).toMatchObject({ code: 'invalid-values', fields: [{ field: 'managerStaffId' }] });
    expect(await db.owner('units').where({ code: 'new-unit' }).first()).toBeUndefined();
    expect((await patch(admin, '/admin/units/999999', { nameFa: 'هیچ' })).status).toBe(404);
  });

  it('R-X-02 every administrative change is in the audit trail, under the administrator, and the chain verifies', async () => {
    const actions = (await db
      .owner('audit_events')
      .where({ actor: 'staff:admin' })
      .whereNot('action', 'like', 'staff.sign%')
      .distinct('action')
      .pluck('action')) as string[];
    expect(actions.sort()).toEqual(
      [
        'staff.created',
        'staff.deactivated',
        'staff.password-reset',
        'staff.reactivated',
        'staff.roles-changed',
        'staff.unlocked',
        'staff.updated',
        'unit.created',
        'unit.updated',
      ].sort(),
    );
    expect(await verifyAuditTrail(db.owner)).toMatchObject({ ok: true });
  });
});
