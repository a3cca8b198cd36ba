import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyAuditTrail } from '../../src/audit/audit-trail.js';
import { notifyStaffWorker } from '../../workers/notifications/notify-staff.js';
import { createWorld, jobFor, run, runJob, tehran, type World } from './support.js';

describe('notification.notify-staff: a notice step a process owner can add anywhere', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(tehran('2026-06-03', '10:00'));
  });
  afterAll(() => world.close());

  const headers = {
    recipients: 'mcc-manager, unit-manager:legal, user:sg',
    title: 'شکایت {trackingCode} به کمیته رفت',
    body: 'لطفاً پروندهٔ {trackingCode} را پیش از جلسه بررسی کنید.',
  };

  it('R-CMP-13 mails each person named by role, unit manager or username once, with process variables filled in', async () => {
    const job = jobFor(notifyStaffWorker, { trackingCode: 'C1405-ABCDEFGH' }, { headers });
    expect(await runJob(notifyStaffWorker, job, world.services)).toEqual({ notifiedCount: 3 });
    await runJob(notifyStaffWorker, job, world.services); // delivered again: nothing new
    const rows = (await world
      .owner('notification_outbox')
      .where({ template: 'staff-notice' })
      .orderBy('id')) as {
      recipient: string;
      subject: string;
    }[];
    expect(rows.map((r) => r.recipient).sort()).toEqual([
      'legal.manager@eccim.example',
      'mcc.manager@eccim.example',
      'sg@eccim.example',
    ]);
    expect(rows[0]!.subject).toBe('شکایت C1405-ABCDEFGH به کمیته رفت');
    expect(await verifyAuditTrail(world.owner)).toMatchObject({ ok: true });
  });

  it('a step without recipients or text fails with a message saying which header is missing', async () => {
    await expect(
      run(notifyStaffWorker, {}, world.services, { headers: { title: 'x', body: 'y' } }),
    ).rejects.toThrow(/recipients/);
    await expect(
      run(notifyStaffWorker, {}, world.services, { headers: { recipients: 'sg' } }),
    ).rejects.toThrow(/title/);
  });
});
