import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { toPersianDigits } from '../../src/calendar/index.js';
import { startComplaintCases, type ComplaintCases } from './complaint-cases.js';
import { signIn, type SignedIn } from './support.js';

interface Item {
  id: number;
  trackingCode: string;
  subject: string;
  kind: string;
  channel: string;
  status: string;
  severity: string | null;
  complainant: string | null;
  unit: { id: number; nameFa: string } | null;
  receivedAt: string;
  responseDueAt: string | null;
  resolutionDueAt: string | null;
  overdue: boolean;
  closedAt: string | null;
}
interface Register {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  facets: {
    statuses: { value: string; labelFa: string }[];
    severities: { value: string; labelFa: string }[];
    channels: { value: string; labelFa: string }[];
    kinds: { value: string; labelFa: string }[];
    units: { id: number; code: string; nameFa: string }[];
  };
}

describe('complaint register: GET /api/complaints', () => {
  let cases: ComplaintCases;
  const users: Record<string, SignedIn> = {};

  beforeAll(async () => {
    cases = await startComplaintCases();
    for (const username of [
      'mcc.expert1',
      'auditor',
      'membership.manager',
      'legal.manager',
      'admin',
      'membership.staff',
    ]) {
      users[username] = await signIn(cases.app, username);
    }
  }, 180_000);
  afterAll(() => cases.close());

  const get = (username: string, query = '') =>
    request(cases.app).get(`/api/complaints${query}`).set('cookie', users[username]!.cookie);
  const list = async (username: string, query = ''): Promise<Register> => {
    const res = await get(username, query);
    expect(res.status).toBe(200);
    return res.body as Register;
  };
  /** The cases (by letter) a register page lists, in its order. */
  const letters = (register: Register) =>
    register.items.map((item) => {
      const found = (['a', 'b', 'c', 'd'] as const).find((k) => cases[k].id === item.id);
      return found ? found.toUpperCase() : `?${item.id}`;
    });

  it('R-X-03 answers 401 without a session', async () => {
    const res = await request(cases.app).get('/api/complaints');
    expect(res.status).toBe(401);
    expect(res.type).toBe('application/problem+json');
  });

  it('R-CMP-14 R-ISO-08 lists every complaint to an MCC expert and to the auditor, newest first', async () => {
    const expert = await list('mcc.expert1');
    expect(letters(expert)).toEqual(['A', 'D', 'B', 'C']);
    expect(expert).toMatchObject({ total: 4, page: 1, pageSize: 25 });
    expect(letters(await list('auditor'))).toEqual(['A', 'D', 'B', 'C']);

    const a = expert.items[0]!;
    expect(a).toEqual({
      id: cases.a.id,
      trackingCode: cases.a.trackingCode,
      subject: 'تأخیر در تمدید کارت بازرگانی',
      kind: 'complaint',
      channel: 'website',
      status: 'investigating',
      severity: 'minor',
      complainant: 'محسن رستگار',
      unit: { id: expect.any(Number), nameFa: expect.stringMatching(/[\u0600-\u06FF]/) },
      receivedAt: '2026-06-03T06:30:00.000Z',
      responseDueAt: expect.stringMatching(/^2026-06-/),
      resolutionDueAt: expect.stringMatching(/^2026-07-/),
      overdue: true,
      closedAt: null,
    });
    const [b, c, d] = [cases.b, cases.c, cases.d].map((k) => expert.items.find((i) => i.id === k.id)!);
    expect(b).toMatchObject({
      status: 'with_secretary_general',
      severity: 'major',
      kind: 'criticism',
      overdue: false,
    });
    expect(b!.complainant).toBe(cases.memberName);
    expect(c).toMatchObject({ status: 'under_review', severity: null, responseDueAt: null, overdue: false });
    expect(d).toMatchObject({
      status: 'closed',
      kind: 'suggestion',
      overdue: false,
      closedAt: expect.any(String),
    });
  });

  it('R-X-01 gives the filter options with Persian labels', async () => {
    const { facets } = await list('mcc.expert1', '?pageSize=1');
    expect(facets.statuses.map((s) => s.value)).toEqual([
      'registered',
      'under_review',
      'with_secretary_general',
      'assigned',
      'investigating',
      'awaiting_decision',
      'in_committee',
      'communicating_result',
      'closed',
      'withdrawn',
    ]);
    expect(facets.severities).toEqual([
      { value: 'critical', labelFa: 'بحرانی' },
      { value: 'major', labelFa: 'عمده' },
      { value: 'minor', labelFa: 'جزئی' },
    ]);
    expect(facets.channels.map((c) => c.value)).toContain('website');
    expect(facets.kinds.map((k) => k.labelFa)).toEqual(['شکایت', 'انتقاد', 'پیشنهاد']);
    for (const option of [...facets.statuses, ...facets.channels])
      expect(option.labelFa).toMatch(/[\u0600-\u06FF]/);
    expect(facets.units.map((u) => u.code)).toEqual(
      expect.arrayContaining(['membership', 'trade', 'certificates']),
    );
  });

  it('R-ISO-02 narrows the register by status, severity, unit, channel, kind and overdue', async () => {
    const units = (await list('mcc.expert1')).facets.units;
    const unitId = (code: string) => units.find((u) => u.code === code)!.id;
    expect(letters(await list('mcc.expert1', '?status=under_review'))).toEqual(['C']);
    expect(letters(await list('mcc.expert1', '?status=investigating,closed'))).toEqual(['A', 'D']);
    expect(letters(await list('mcc.expert1', '?status=investigating&status=with_secretary_general'))).toEqual(
      ['A', 'B'],
    );
    expect(letters(await list('mcc.expert1', '?severity=major'))).toEqual(['B']);
    expect(letters(await list('mcc.expert1', '?severity=minor'))).toEqual(['A', 'D']);
    expect(letters(await list('mcc.expert1', `?unitId=${unitId('membership')}`))).toEqual(['A', 'D']);
    expect(
      letters(await list('mcc.expert1', `?unitId=${unitId('trade')},${unitId('certificates')}`)),
    ).toEqual(['B', 'C']);
    expect(letters(await list('mcc.expert1', '?channel=phone'))).toEqual(['B']);
    expect(letters(await list('mcc.expert1', '?kind=suggestion'))).toEqual(['D']);
    expect(letters(await list('mcc.expert1', '?overdue=true'))).toEqual(['A']);
    expect(letters(await list('mcc.expert1', '?overdue=false'))).toEqual(['D', 'B', 'C']);
    // Filters combine.
    expect(letters(await list('mcc.expert1', `?unitId=${unitId('membership')}&overdue=false`))).toEqual([
      'D',
    ]);
  });

  it('R-ISO-06 sums up what the filters let through by status and severity, with the overdue count, for the chart', async () => {
    const all = (await list('mcc.expert1')) as unknown as {
      summary: {
        byStatus: { value: string; count: number }[];
        bySeverity: { value: string; count: number }[];
        overdue: number;
      };
    };
    expect(all.summary.byStatus).toEqual([
      expect.objectContaining({ value: 'under_review', count: 1 }),
      expect.objectContaining({ value: 'with_secretary_general', count: 1 }),
      expect.objectContaining({ value: 'investigating', count: 1 }),
      expect.objectContaining({ value: 'closed', count: 1, labelFa: expect.any(String) }),
    ]);
    expect(all.summary.bySeverity).toEqual([
      expect.objectContaining({ value: 'major', count: 1 }),
      expect.objectContaining({ value: 'minor', count: 2 }),
    ]);
    expect(all.summary.overdue).toBe(1);
    const minor = (await list('mcc.expert1', '?severity=minor')) as unknown as typeof all;
    expect(minor.summary.byStatus.map((s) => [s.value, s.count])).toEqual([
      ['investigating', 1],
      ['closed', 1],
    ]);
  });

  it('R-CMP-14 narrows by received date: whole days in Tehran, both ends included', async () => {
    expect(letters(await list('mcc.expert1', '?from=2026-05-01&to=2026-05-31'))).toEqual(['D', 'B']);
    // D was received on 2026-05-29 at 10:00 Tehran.
    expect(letters(await list('mcc.expert1', '?from=2026-05-29&to=2026-05-29'))).toEqual(['D']);
    expect(letters(await list('mcc.expert1', '?to=2026-05-01'))).toEqual(['C']);
    expect(letters(await list('mcc.expert1', '?from=2026-06-03T00:00:00%2B03:30'))).toEqual(['A']);
  });

  it('R-CMP-01 searches tracking code, subject, complainant and member names, with digits however typed', async () => {
    const search = async (q: string) => letters(await list('mcc.expert1', `?q=${encodeURIComponent(q)}`));
    expect(await search(cases.c.trackingCode)).toEqual(['C']);
    expect(await search(toPersianDigits(cases.c.trackingCode.toLowerCase()))).toEqual(['C']);
    expect(await search('گواهی مبدأ')).toEqual(['B']);
    expect(await search('رستگار')).toEqual(['A']);
    // Arabic yeh (ي) finds the Persian one (ی).
    expect(await search('صفايي')).toEqual(['C']);
    expect(await search(cases.memberName)).toEqual(['B']);
    expect(await search('کارت')).toEqual(['A', 'D']);
    expect(await search('کارت بازرگانی')).toEqual(['A']);
    expect(await search('کارت گمرک')).toEqual([]);
    expect(await search('100%')).toEqual([]);
    // Combined with a filter.
    expect(letters(await list('mcc.expert1', `?q=${encodeURIComponent('کارت')}&status=closed`))).toEqual([
      'D',
    ]);
  });

  it('R-CMP-14 pages and sorts', async () => {
    const first = await list('mcc.expert1', '?pageSize=3');
    expect(letters(first)).toEqual(['A', 'D', 'B']);
    expect(first.total).toBe(4);
    expect(letters(await list('mcc.expert1', '?pageSize=3&page=2'))).toEqual(['C']);
    expect(letters(await list('mcc.expert1', '?pageSize=3&page=3'))).toEqual([]);
    expect(letters(await list('mcc.expert1', '?sort=receivedAt'))).toEqual(['C', 'B', 'D', 'A']);
    expect(letters(await list('mcc.expert1', '?sort=-severity'))).toEqual(['B', 'A', 'D', 'C']);
    expect(letters(await list('mcc.expert1', `?pageSize=${toPersianDigits(2)}`))).toEqual(['A', 'D']);
  });

  it('R-X-03 refuses bad parameters with a 400 naming each one', async () => {
    const res = await get('mcc.expert1', '?status=lost&pageSize=500&overdue=yes&from=2026-02-30&color=red');
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    const fields = (res.body as { fields: { field: string; message: string }[] }).fields;
    expect(fields.map((f) => f.field).sort()).toEqual(['color', 'from', 'overdue', 'pageSize', 'status']);
    expect(fields.find((f) => f.field === 'pageSize')!.message).toBe('must be at most 100');
    const reversed = await get('mcc.expert1', '?from=2026-06-01&to=2026-05-01');
    expect(reversed.status).toBe(400);
    expect((reversed.body as { fields: unknown }).fields).toEqual([
      { field: 'to', message: 'must be after from' },
    ]);
    expect((await get('mcc.expert1', '?page=0')).status).toBe(400);
    expect((await get('mcc.expert1', '?sort=subject')).status).toBe(400);
  });

  it("R-X-03 R-ISO-08 shows a unit manager only their unit's complaints, whatever the filters say", async () => {
    expect(letters(await list('membership.manager'))).toEqual(['A', 'D']);
    const trade = (await list('mcc.expert1')).facets.units.find((u) => u.code === 'trade')!.id;
    expect(letters(await list('membership.manager', `?unitId=${trade}`))).toEqual([]);
    expect(
      letters(await list('membership.manager', `?q=${encodeURIComponent(cases.c.trackingCode)}`)),
    ).toEqual([]);
    expect((await list('membership.manager')).total).toBe(2);
  });

  it('R-X-03 shows the handler the complaint they handle, and nothing of their own unit that is not there', async () => {
    // legal.manager handles A (membership); no complaint concerns the legal unit.
    expect(letters(await list('legal.manager'))).toEqual(['A']);
  });

  it('R-X-03 R-ISO-08 shows the administrator and staff without a case role an empty register', async () => {
    for (const username of ['admin', 'membership.staff']) {
      const register = await list(username);
      expect(register.items).toEqual([]);
      expect(register.total).toBe(0);
    }
  });
});
