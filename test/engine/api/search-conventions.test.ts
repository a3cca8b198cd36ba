import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmn, line, serviceTask } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';
import { NOW, detail, raw, total, type RawResponse } from './search-helpers.js';

interface Page {
  totalItems: number;
  hasMoreTotalItems?: boolean;
  startCursor?: string;
  endCursor?: string;
}
interface Body {
  items: { processInstanceKey: string; startDate: string }[];
  page: Page;
}

/** Paging, sorting, advanced filter operators and bad requests, over process instances. */
describe('search API conventions', () => {
  let t: EngineUnderTest;
  /** Seven instances in creation (= key) order: indexes 0..6; even ones have `n` ≥ 4 … see below. */
  let keys: string[];
  let dates: string[];

  const search = async (body: unknown): Promise<Body> => {
    const response = await raw(t.url, 'POST', '/process-instances/search', body);
    expect(response.status).toBe(200);
    return response.body as Body;
  };
  const keysOf = (body: Body) => body.items.map((i) => i.processInstanceKey);
  const rejected = async (body: unknown, path = '/process-instances/search'): Promise<RawResponse> => {
    const response = await raw(t.url, 'POST', path, body);
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      status: 400,
      title: 'INVALID_ARGUMENT',
      instance: `/v2${path.split('?')[0]}`,
    });
    return response;
  };

  beforeAll(async () => {
    t = await startEngineUnderTest();
    await deploy(t.client, { 'p.bpmn': bpmn('p', line(serviceTask('Work', 'p.work'))) });
    keys = [];
    for (let n = 0; n < 7; n++) {
      const created = await t.client.createProcessInstance({
        processDefinitionId: 'p',
        variables: { n },
      } as never);
      keys.push(created.processInstanceKey);
    }
    const all = await search({ sort: [{ field: 'processInstanceKey' }] });
    dates = all.items.map((i) => i.startDate);
  });
  afterAll(() => t.close());

  describe('paging', () => {
    it('answers everything with a default page and no body at all', async () => {
      const response = await raw(t.url, 'POST', '/process-instances/search');
      expect(response.status).toBe(200);
      const body = response.body as Body;
      expect(body.page).toMatchObject({ totalItems: 7, hasMoreTotalItems: false });
      expect(keysOf(body).sort()).toEqual([...keys].sort());
      const viaClient = await t.client.searchProcessInstances({}, NOW);
      expect(total(viaClient)).toBe(7);
    });

    it('pages with from and limit, totalItems counting all matches', async () => {
      const page = await t.client.searchProcessInstances(
        { sort: [{ field: 'processInstanceKey' }], page: { from: 2, limit: 3 } },
        NOW,
      );
      expect(page.items.map((i) => i.processInstanceKey)).toEqual(keys.slice(2, 5));
      expect(total(page)).toBe(7);
      const beyond = await search({ page: { from: 10, limit: 3 } });
      expect(beyond.items).toEqual([]);
      expect(beyond.page.totalItems).toBe(7);
      expect(beyond.page.startCursor).toBeUndefined();
      expect(beyond.page.endCursor).toBeUndefined();
    });

    it('pages forward with endCursor and back with startCursor', async () => {
      const sort = [{ field: 'processInstanceKey', order: 'ASC' }];
      const first = await search({ sort, page: { limit: 3 } });
      expect(keysOf(first)).toEqual(keys.slice(0, 3));
      expect(first.page.startCursor).toMatch(/^[A-Za-z0-9+/]+=*$/);
      const second = await search({ sort, page: { after: first.page.endCursor, limit: 3 } });
      expect(keysOf(second)).toEqual(keys.slice(3, 6));
      const third = await search({ sort, page: { after: second.page.endCursor, limit: 3 } });
      expect(keysOf(third)).toEqual(keys.slice(6));
      const back = await search({ sort, page: { before: third.page.startCursor, limit: 2 } });
      expect(keysOf(back)).toEqual(keys.slice(4, 6));
      const start = await search({ sort, page: { before: back.page.startCursor, limit: 10 } });
      expect(keysOf(start)).toEqual(keys.slice(0, 4));
      expect(start.page.totalItems).toBe(7);
    });

    it('takes a cursor through the official client too, responses validated strictly', async () => {
      // Client 8.8.4 in strict request mode parses `page` with the first member of its union (offset paging),
      // which turns {after, limit} into {from: 0, limit}; requests are therefore only checked ("warn") here.
      const client = createCamundaClient({
        config: {
          CAMUNDA_REST_ADDRESS: t.url,
          CAMUNDA_AUTH_STRATEGY: 'NONE',
          CAMUNDA_SDK_VALIDATION: 'req:warn,res:strict',
          CAMUNDA_SDK_LOG_LEVEL: 'silent',
        } as never,
      });
      const sort = [{ field: 'processInstanceKey' as const }];
      const first = await client.searchProcessInstances({ sort, page: { limit: 4 } }, NOW);
      const next = await client.searchProcessInstances(
        { sort, page: { after: first.page.endCursor!, limit: 4 } },
        NOW,
      );
      expect(next.items.map((i) => i.processInstanceKey)).toEqual(keys.slice(4));
      const previous = await client.searchProcessInstances(
        { sort, page: { before: next.page.startCursor!, limit: 4 } },
        NOW,
      );
      expect(previous.items.map((i) => i.processInstanceKey)).toEqual(keys.slice(0, 4));
    });

    it('rejects bad pages', async () => {
      expect(detail(await rejected({ page: { from: -1 } }))).toContain('page.from');
      expect(detail(await rejected({ page: { limit: 0 } }))).toContain('page.limit');
      expect(detail(await rejected({ page: { limit: 10_001 } }))).toContain('page.limit');
      expect(detail(await rejected({ page: { after: 'not a cursor' } }))).toContain('page.after');
      expect(detail(await rejected({ page: { after: 'WzBd', before: 'WzBd' } }))).toContain('only one');
      expect(detail(await rejected({ page: { from: 0, size: 3 } }))).toContain('size');
    });
  });

  describe('sorting', () => {
    it('sorts both ways, in lower case too, with the key as last criterion', async () => {
      expect(keysOf(await search({ sort: [{ field: 'startDate', order: 'desc' }] }))).toEqual(
        [...keys].reverse(),
      );
      expect(keysOf(await search({ sort: [{ field: 'startDate', order: 'asc' }] }))).toEqual(keys);
      // All have the same state: the key decides.
      expect(keysOf(await search({ sort: [{ field: 'state', order: 'DESC' }] }))).toEqual(keys);
      const byKey = await t.client.searchProcessInstances(
        { sort: [{ field: 'processInstanceKey', order: 'DESC' }] },
        NOW,
      );
      expect(byKey.items.map((i) => i.processInstanceKey)).toEqual([...keys].reverse());
    });

    it('rejects unknown sort fields and orders, naming them', async () => {
      const unknown = await rejected({ sort: [{ field: 'elementId' }] });
      expect(detail(unknown)).toContain("'elementId'");
      expect(detail(await rejected({ sort: [{ field: 'startDate', order: 'UP' }] }))).toContain(
        'sort[0].order',
      );
      expect(detail(await rejected({ sort: { field: 'startDate' } }))).toContain('sort');
      const taskSort = await rejected({ sort: [{ field: 'state' }] }, '/user-tasks/search');
      expect(detail(taskSort)).toContain("'state'");
    });
  });

  describe('filters', () => {
    const byFilter = async (filter: object) =>
      keysOf(await search({ filter, sort: [{ field: 'processInstanceKey' }] }));

    it('matches exact values and $eq, $neq, $in, $notIn, $exists on keys', async () => {
      expect(await byFilter({ processInstanceKey: keys[1] })).toEqual([keys[1]]);
      expect(await byFilter({ processInstanceKey: { $eq: keys[2] } })).toEqual([keys[2]]);
      expect(await byFilter({ processInstanceKey: { $neq: keys[0] } })).toEqual(keys.slice(1));
      expect(await byFilter({ processInstanceKey: { $in: [keys[3], keys[5]] } })).toEqual([keys[3], keys[5]]);
      expect(await byFilter({ processInstanceKey: { $notIn: keys.slice(1) } })).toEqual([keys[0]]);
      expect(await byFilter({ parentProcessInstanceKey: { $exists: false } })).toEqual(keys);
      expect(await byFilter({ parentProcessInstanceKey: { $exists: true } })).toEqual([]);
    });

    it('compares dates and integers with $gt, $gte, $lt, $lte', async () => {
      expect(await byFilter({ startDate: { $gte: dates[5] } })).toEqual(
        keys.filter((_, i) => dates[i]! >= dates[5]!),
      );
      expect(await byFilter({ startDate: { $lt: dates[0] } })).toEqual([]);
      expect(await byFilter({ startDate: { $gt: '2000-01-01T00:00:00+03:30', $lte: dates[6] } })).toEqual(
        keys,
      );
      expect(await byFilter({ startDate: dates[3] })).toContain(keys[3]);
      expect(await byFilter({ processDefinitionVersion: { $gt: 0, $lt: 2 } })).toEqual(keys);
      expect(await byFilter({ processDefinitionVersion: { $lte: 0 } })).toEqual([]);
    });

    it('matches $like with * and ? wildcards and escapes', async () => {
      expect(await byFilter({ processDefinitionId: { $like: '?' } })).toEqual(keys);
      expect(await byFilter({ processDefinitionId: { $like: '*' } })).toEqual(keys);
      expect(await byFilter({ processDefinitionId: { $like: 'p?' } })).toEqual([]);
      expect(await byFilter({ processDefinitionId: { $like: '\\*' } })).toEqual([]);
      expect(await byFilter({ variables: [{ name: 'n', value: { $like: '[1-3]' } }] })).toEqual([]);
      expect(await byFilter({ variables: [{ name: 'n', value: { $in: ['1', '3'] } }] })).toEqual([
        keys[1],
        keys[3],
      ]);
    });

    it('rejects unknown fields, unknown operators and values of the wrong type, naming the field', async () => {
      const unknown = await rejected({ filter: { colour: 'red' } });
      expect(detail(unknown)).toContain("'colour'");
      expect(detail(await rejected({ filter: { state: 'RUNNING' } }))).toContain('filter.state');
      expect(detail(await rejected({ filter: { state: { $gt: 'ACTIVE' } } }))).toContain("'$gt'");
      expect(detail(await rejected({ filter: { processInstanceKey: 'abc' } }))).toContain(
        'filter.processInstanceKey',
      );
      expect(detail(await rejected({ filter: { startDate: 'yesterday' } }))).toContain('filter.startDate');
      expect(detail(await rejected({ filter: { processDefinitionVersion: '1' } }))).toContain(
        'filter.processDefinitionVersion',
      );
      expect(detail(await rejected({ filter: { hasIncident: 'yes' } }))).toContain('filter.hasIncident');
      expect(detail(await rejected({ filter: { processInstanceKey: { $in: 'x' } } }))).toContain('$in');
      expect(detail(await rejected({ filter: { $or: [{ nope: 1 }] } }))).toContain("'nope'");
      expect(detail(await rejected({ filter: { variables: [{ value: '1' }] } }))).toContain(
        'filter.variables[0].name',
      );
      expect(detail(await rejected({ filter: [] }))).toContain('filter');
      expect(detail(await rejected({ query: {} }))).toContain("'query'");
      // A field the spec types as a plain value takes no operators.
      const plain = await rejected({ filter: { elementId: { $eq: 'Work' } } }, '/element-instances/search');
      expect(detail(plain)).toContain('filter.elementId');
      const jobs = await rejected({ filter: { kind: 'ROBOT' } }, '/jobs/search');
      expect(detail(jobs)).toContain('filter.kind');
    });
  });
});
