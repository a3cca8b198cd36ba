import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type express from 'express';
import request from 'supertest';
import type { TestDatabase } from '../support/database.js';
import { demoDatabase, signIn, webApp } from './support.js';

describe('staff web app: sign-in and sessions', () => {
  let db: TestDatabase;
  let app: express.Express;
  beforeAll(async () => {
    db = await demoDatabase();
    app = webApp(db);
  });
  afterAll(() => db.drop());

  const auditActions = async (actor: string) =>
    (await db.owner('audit_events').where({ actor }).orderBy('seq').pluck('action')) as string[];

  it('R-X-03 signs in with the right password and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const res = await request(app)
      .post('/api/session')
      .send({ username: 'mcc.manager', password: 'mcc-demo-1404' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      user: { username: 'mcc.manager', fullNameFa: 'مریم کریمی', roles: ['mcc-manager', 'unit-manager'] },
      csrfToken: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(res.body.user.groups).toContain('mcc-manager');
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]!;
    expect(cookie).toMatch(/^mcc_session=[0-9a-f]{64};/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
    // Only the token's hash is stored.
    const token = /^mcc_session=([0-9a-f]{64})/.exec(cookie)![1]!;
    expect(await db.owner('web_sessions').where({ id: token }).first()).toBeUndefined();
    expect(await db.owner('web_sessions').count({ n: '*' }).first()).toEqual({ n: '1' });
  });

  it('R-X-03 marks the cookie Secure when secureCookies is on, and sets security headers', async () => {
    const res = await request(webApp(db, undefined, { secureCookies: true }))
      .post('/api/session')
      .send({ username: 'mcc.expert1', password: 'mcc-demo-1404' });
    expect(res.status).toBe(201);
    expect(([] as string[]).concat(res.headers['set-cookie'] ?? [])[0]).toMatch(/; Secure/);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('R-X-03 gives the same answer for a wrong password and an unknown user', async () => {
    const wrong = await request(app).post('/api/session').send({ username: 'sg.rep', password: 'nope' });
    const unknown = await request(app).post('/api/session').send({ username: 'no.one', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.body).not.toHaveProperty('stack');
  });

  it('R-X-03 accepts sign-in only as JSON (no cross-site form posts)', async () => {
    const res = await request(app)
      .post('/api/session')
      .type('form')
      .send({ username: 'mcc.manager', password: 'mcc-demo-1404' });
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('R-X-03 locks the account for 15 minutes after 5 failed sign-ins; R-X-02 audits it', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await request(app)
        .post('/api/session')
        .send({ username: 'legal.manager', password: 'bad' });
      expect(res.status).toBe(401);
    }
    const locked = await request(app)
      .post('/api/session')
      .send({ username: 'legal.manager', password: 'mcc-demo-1404' });
    expect(locked.status).toBe(401);
    const staff = (await db.owner('staff').where({ username: 'legal.manager' }).first('locked_until')) as {
      locked_until: Date;
    };
    const minutes = (staff.locked_until.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const actions = await auditActions('staff:legal.manager');
    expect(actions).toEqual([
      ...Array(5).fill('staff.sign-in-failed'),
      'staff.locked-out',
      'staff.sign-in-failed',
    ]);
    // Once the lock has passed, the right password works again.
    await db
      .owner('staff')
      .where({ username: 'legal.manager' })
      .update({ locked_until: new Date(Date.now() - 1000) });
    await signIn(app, 'legal.manager');
  });

  it('R-X-02 audits sign-in, failed sign-in of unknown users and sign-out', async () => {
    await request(app).post('/api/session').send({ username: 'ghost', password: 'x' });
    const publicEvent = (await db
      .owner('audit_events')
      .where({ actor: 'public' })
      .orderBy('seq', 'desc')
      .first()) as {
      action: string;
      entity_id: string;
    };
    expect(publicEvent).toMatchObject({ action: 'staff.sign-in-failed', entity_id: 'ghost' });

    const s = await signIn(app, 'mcc.expert2');
    const out = await request(app)
      .delete('/api/session')
      .set('cookie', s.cookie)
      .set('x-csrf-token', s.csrfToken);
    expect(out.status).toBe(204);
    expect(await auditActions('staff:mcc.expert2')).toEqual(['staff.signed-in', 'staff.signed-out']);
    const after = await request(app).get('/api/session').set('cookie', s.cookie);
    expect(after.status).toBe(401);
  });

  it('R-X-03 GET /api/session returns the current user and CSRF token; 401 without a session', async () => {
    const s = await signIn(app, 'sg');
    const res = await request(app).get('/api/session').set('cookie', s.cookie);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: {
        username: 'sg',
        fullNameFa: 'محمدرضا صالحی',
        roles: ['secretary-general'],
        groups: ['secretary-general'],
      },
      csrfToken: s.csrfToken,
    });
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await request(app).get('/api/session')).status).toBe(401);
    expect(
      (
        await request(app)
          .get('/api/session')
          .set('cookie', 'mcc_session=' + 'a'.repeat(64))
      ).status,
    ).toBe(401);
  });

  it('R-X-03 signs out everywhere: every session of the user ends', async () => {
    const a = await signIn(app, 'president');
    const b = await signIn(app, 'president');
    const other = await signIn(app, 'mcc.expert3');
    const res = await request(app)
      .delete('/api/sessions')
      .set('cookie', a.cookie)
      .set('x-csrf-token', a.csrfToken);
    expect(res.status).toBe(204);
    expect((await request(app).get('/api/session').set('cookie', a.cookie)).status).toBe(401);
    expect((await request(app).get('/api/session').set('cookie', b.cookie)).status).toBe(401);
    expect((await request(app).get('/api/session').set('cookie', other.cookie)).status).toBe(200);
    expect(await auditActions('staff:president')).toContain('staff.signed-out-everywhere');
  });

  it('R-X-03 expires a session after 8 idle hours', async () => {
    const s = await signIn(app, 'admin.assistant');
    await db
      .owner('web_sessions')
      .update({
        created_at: new Date(Date.now() - 10 * 3600_000),
        last_seen_at: new Date(Date.now() - 9 * 3600_000),
        expires_at: new Date(Date.now() - 3600_000),
      })
      .where('staff_id', db.owner('staff').where({ username: 'admin.assistant' }).select('id'));
    expect((await request(app).get('/api/session').set('cookie', s.cookie)).status).toBe(401);
  });

  it('R-X-03 refuses state-changing requests without the right CSRF token (403)', async () => {
    const s = await signIn(app, 'sg.rep');
    const missing = await request(app).delete('/api/session').set('cookie', s.cookie);
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ status: 403, code: 'csrf-token-missing' });
    const wrong = await request(app)
      .delete('/api/session')
      .set('cookie', s.cookie)
      .set('x-csrf-token', 'f'.repeat(64));
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'csrf-token-invalid' });
    // The session is still alive.
    expect((await request(app).get('/api/session').set('cookie', s.cookie)).status).toBe(200);
  });

  it('R-X-03 rate-limits sign-in per IP with 429 and retry-after', async () => {
    const limited = webApp(db, undefined, { signInRateLimit: { limit: 3, windowMs: 60_000 } });
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await request(limited).post('/api/session').send({ username: 'nobody', password: 'x' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.body).toMatchObject({ status: 429, code: 'too-many-requests' });
  });

  it('answers unknown routes and bad JSON as problems without stack traces', async () => {
    const missing = await request(app).get('/api/nothing');
    expect(missing.status).toBe(404);
    const bad = await request(app).post('/api/session').set('content-type', 'application/json').send('{bad');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.js/);
  });
});
