import type pg from 'pg';
import { badRequest } from '../problem.js';
import { filterConditions, isPlainObject } from './filter-sql.js';
import { pageResponse, pageWindow, type PageResponse } from './paging.js';
import type { SearchResource } from './search-resource.js';
import { orderBy } from './sorting.js';
import { SqlParams } from './sql-params.js';

/** The body of a search request: all parts optional. */
export interface SearchRequest {
  readonly filter?: unknown;
  readonly sort?: unknown;
  readonly page?: unknown;
}

export interface SearchResult<Result> {
  items: Result[];
  page: PageResponse;
}

type Part = keyof SearchRequest;

/** Reads a search body (which may be absent); any property other than the allowed parts is a 400. */
export function searchRequest(
  body: unknown,
  parts: readonly Part[] = ['filter', 'sort', 'page'],
): SearchRequest {
  if (body === undefined || body === null) return {};
  if (!isPlainObject(body)) throw badRequest('The search request must be a JSON object');
  for (const name of Object.keys(body)) {
    if (!(parts as readonly string[]).includes(name)) {
      throw badRequest(`Unknown property '${name}' in the search request; allowed are ${parts.join(', ')}`);
    }
  }
  return body;
}

/** Conditions a route adds to the request's filter (e.g. the scopes of one user task). */
export type ExtraConditions = (params: SqlParams) => readonly string[];

/** Runs a search: the total count and one page of the filtered, sorted rows, mapped to REST results. */
export async function runSearch<Row, Result>(
  pool: pg.Pool,
  resource: SearchResource<Row, Result>,
  request: SearchRequest,
  extra?: ExtraConditions,
): Promise<SearchResult<Result>> {
  const params = new SqlParams();
  const conditions = [
    ...(resource.baseCondition ? [resource.baseCondition] : []),
    ...(extra ? extra(params) : []),
    ...filterConditions(resource, request.filter, params),
  ];
  const order = orderBy(resource, request.sort);
  const window = pageWindow(request.page);
  const where = conditions.length ? `where ${conditions.map((c) => `(${c})`).join(' and ')}` : '';
  const n = params.values.length;
  const [count, page] = await Promise.all([
    pool.query<{ total: string }>(
      `select count(*)::bigint as total from ${resource.from} ${where}`,
      params.values,
    ),
    window.limit === 0
      ? Promise.resolve({ rows: [] as Row[] })
      : pool.query<Row & pg.QueryResultRow>(
          `select ${resource.select} from ${resource.from} ${where} order by ${order} limit $${n + 1} offset $${n + 2}`,
          [...params.values, window.limit, window.offset],
        ),
  ]);
  const items = page.rows.map((row) => resource.toResult(row));
  return { items, page: pageResponse(window, items.length, Number(count.rows[0]?.total ?? 0)) };
}

/** One item by its key; undefined when there is none. */
export async function findByKey<Row, Result>(
  pool: pg.Pool,
  resource: SearchResource<Row, Result>,
  key: bigint,
): Promise<Result | undefined> {
  const base = resource.baseCondition ? ` and (${resource.baseCondition})` : '';
  const { rows } = await pool.query<Row & pg.QueryResultRow>(
    `select ${resource.select} from ${resource.from} where ${resource.keyColumn} = $1${base}`,
    [key.toString()],
  );
  return rows[0] ? resource.toResult(rows[0]) : undefined;
}
