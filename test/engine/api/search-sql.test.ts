import { describe, expect, it } from '@jest/globals';
import { ApiProblem } from '../../../src/engine/api/problem.js';
import { columnCondition, filterConditions, likePattern } from '../../../src/engine/api/search/filter-sql.js';
import { encodeCursor, pageResponse, pageWindow } from '../../../src/engine/api/search/paging.js';
import { column, type SearchResource } from '../../../src/engine/api/search/search-resource.js';
import { orderBy } from '../../../src/engine/api/search/sorting.js';
import { SqlParams } from '../../../src/engine/api/search/sql-params.js';

const resource: SearchResource<unknown, unknown> = {
  from: 't',
  select: '*',
  filters: {
    name: column.string('t.name'),
    state: column.enum('t.state', ['A', 'B']),
    key: column.key('t.key', { exactOnly: true }),
    groups: column.stringArray('t.groups'),
    day: column.date('t.day', { group: 'g' }),
    size: column.int('t.size', { group: 'g' }),
  },
  groups: { g: (conditions) => `exists (${conditions})` },
  allowOr: true,
  sorts: { name: 't.name' },
  keyColumn: 't.key',
  toResult: (row) => row,
};

const build = (filter: unknown) => {
  const params = new SqlParams();
  return { sql: filterConditions(resource, filter, params), values: params.values };
};

const problem = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiProblem) return `${error.status} ${error.detail}`;
    throw error;
  }
  throw new Error('expected a problem');
};

describe('search SQL building', () => {
  it('turns $like wildcards into a LIKE pattern, escaping the rest', () => {
    expect(likePattern('a*b?c')).toBe('a%b_c');
    expect(likePattern('100%_done')).toBe('100\\%\\_done');
    expect(likePattern('\\*lit\\?eral\\\\')).toBe('*lit?eral\\\\');
    expect(likePattern('end\\')).toBe('end\\\\');
  });

  it('binds every value as a parameter, never in the SQL', () => {
    const { sql, values } = build({
      name: "x'; drop table t; --",
      state: { $in: ['A', 'B'], $neq: 'A' },
      key: '42',
    });
    expect(sql).toEqual([
      '(t.name) = $1::text',
      '(t.state) = any($2::text[]) and (t.state) is distinct from $3::text',
      '(t.key) = $4::bigint',
    ]);
    expect(values).toEqual(["x'; drop table t; --", ['A', 'B'], 'A', '42']);
  });

  it('matches string arrays element-wise and combines grouped columns in one wrapper', () => {
    expect(build({ groups: 'g1' }).sql).toEqual(['$1::text = any((t.groups))']);
    expect(build({ groups: { $like: 'g*' } }).sql[0]).toContain('unnest((t.groups))');
    const grouped = build({ day: { $gte: '2025-01-01T00:00:00Z' }, size: 3 });
    expect(grouped.sql).toEqual(['exists ((t.day) >= $1::timestamptz and (t.size) = $2::bigint)']);
  });

  it('ORs the alternatives of $or and ANDs them with the other fields', () => {
    const { sql } = build({ name: 'n', $or: [{ state: 'A' }, { state: 'B', key: '1' }, {}] });
    expect(sql).toEqual([
      '(t.name) = $1::text',
      '(((t.state) = $2::text) or ((t.state) = $3::text and (t.key) = $4::bigint) or true)',
    ]);
  });

  it('rejects what the spec does not allow, naming the field', () => {
    expect(problem(() => build({ nope: 1 }))).toMatch(/^400 Unknown filter field 'nope'/);
    expect(problem(() => build({ key: { $eq: '1' } }))).toContain('filter.key takes a plain value only');
    expect(problem(() => build({ state: 'C' }))).toContain('filter.state must be one of A, B');
    expect(problem(() => build({ size: { $like: '1*' } }))).toContain(
      "filter.size: unknown filter operator '$like'",
    );
    expect(problem(() => build({ day: { $gt: 5 } }))).toContain(
      'filter.day.$gt must be an RFC 3339 date-time',
    );
    expect(problem(() => build({ $or: [{ $or: [] }] }))).toContain("Unknown filter field '$or'");
    expect(problem(() => columnCondition(column.int('x'), 1.5, 'filter.x', new SqlParams()))).toContain(
      'filter.x must be an integer',
    );
  });

  it('orders by the requested fields, then the key', () => {
    expect(orderBy(resource, undefined)).toBe('t.key asc');
    expect(orderBy(resource, [{ field: 'name', order: 'desc' }])).toBe('(t.name) desc nulls last, t.key asc');
    expect(problem(() => orderBy(resource, [{ field: 'size' }]))).toMatch(
      /Unknown sort field 'size'.*allowed fields are: name/,
    );
  });

  it('reads pages and cursors', () => {
    expect(pageWindow(undefined)).toEqual({ offset: 0, limit: 100 });
    expect(pageWindow({ from: 20, limit: 10 })).toEqual({ offset: 20, limit: 10 });
    expect(pageWindow({ after: encodeCursor(9), limit: 5 })).toEqual({ offset: 10, limit: 5 });
    expect(pageWindow({ before: encodeCursor(10), limit: 5 })).toEqual({ offset: 5, limit: 5 });
    expect(pageWindow({ before: encodeCursor(3), limit: 5 })).toEqual({ offset: 0, limit: 3 });
    expect(pageResponse({ offset: 10, limit: 5 }, 2, 12)).toEqual({
      totalItems: 12,
      hasMoreTotalItems: false,
      startCursor: encodeCursor(10),
      endCursor: encodeCursor(11),
    });
    expect(encodeCursor(0)).toMatch(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=)?$/);
    expect(problem(() => pageWindow({ after: Buffer.from('{"x":1}').toString('base64') }))).toContain(
      'page.after',
    );
  });
});
