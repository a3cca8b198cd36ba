import { badRequest } from '../problem.js';
import { isPlainObject } from './filter-sql.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

/** The rows a search returns: `limit` rows from `offset` of the ordered result. */
export interface PageWindow {
  readonly offset: number;
  readonly limit: number;
}

export interface PageResponse {
  totalItems: number;
  hasMoreTotalItems: boolean;
  startCursor?: string;
  endCursor?: string;
}

/**
 * Reads `page`: `{from, limit}` or `{after, limit}` or `{before, limit}` (not combined). A cursor is opaque to
 * clients; here it is the base64 of `[position]`, the position of an item in the ordered result.
 */
export function pageWindow(page: unknown): PageWindow {
  if (page === undefined || page === null) return { offset: 0, limit: DEFAULT_LIMIT };
  if (!isPlainObject(page)) throw badRequest('page must be an object');
  for (const name of Object.keys(page)) {
    if (!['from', 'limit', 'after', 'before'].includes(name))
      throw badRequest(`page: unknown property '${name}'`);
  }
  const { from, limit, after, before } = page;
  const size =
    limit === undefined || limit === null ? DEFAULT_LIMIT : integer(limit, 'page.limit', 1, MAX_LIMIT);
  const given = [from, after, before].filter((v) => v !== undefined && v !== null).length;
  if (given > 1) throw badRequest('page takes only one of from, after and before');
  if (after !== undefined && after !== null)
    return { offset: decodeCursor(after, 'page.after') + 1, limit: size };
  if (before !== undefined && before !== null) {
    const end = decodeCursor(before, 'page.before');
    const offset = Math.max(0, end - size);
    return { offset, limit: end - offset };
  }
  const offset =
    from === undefined || from === null ? 0 : integer(from, 'page.from', 0, Number.MAX_SAFE_INTEGER);
  return { offset, limit: size };
}

/** The `page` of a response for the items found at `window.offset`. */
export function pageResponse(window: PageWindow, itemCount: number, totalItems: number): PageResponse {
  const response: PageResponse = { totalItems, hasMoreTotalItems: false };
  if (itemCount > 0) {
    response.startCursor = encodeCursor(window.offset);
    response.endCursor = encodeCursor(window.offset + itemCount - 1);
  }
  return response;
}

export function encodeCursor(position: number): string {
  return Buffer.from(JSON.stringify([position])).toString('base64');
}

function decodeCursor(cursor: unknown, path: string): number {
  if (typeof cursor === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) {
    try {
      const value: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
      if (
        Array.isArray(value) &&
        value.length === 1 &&
        Number.isSafeInteger(value[0]) &&
        (value[0] as number) >= 0
      ) {
        return value[0] as number;
      }
    } catch {
      // not ours: reported below
    }
  }
  throw badRequest(
    `${path} is not a cursor of this search: use startCursor or endCursor of a previous response`,
  );
}

function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`${path} must be an integer from ${min} to ${max}, but was ${JSON.stringify(value)}`);
  }
  return value;
}
