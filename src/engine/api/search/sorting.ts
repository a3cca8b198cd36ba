import { badRequest } from '../problem.js';
import { isPlainObject } from './filter-sql.js';
import type { SortDefinition } from './search-resource.js';

/**
 * The ORDER BY of a search: the requested `sort` criteria ({field, order}, order ASC or DESC in any case,
 * ASC by default), restricted to the resource's sort fields, then the key so that pages are stable.
 * Missing values sort last either way.
 */
export function orderBy(resource: SortDefinition, sort: unknown): string {
  const criteria: string[] = [];
  if (sort !== undefined && sort !== null) {
    if (!Array.isArray(sort)) throw badRequest('sort must be an array of {field, order}');
    sort.forEach((criterion: unknown, i) => {
      const path = `sort[${i}]`;
      if (!isPlainObject(criterion)) throw badRequest(`${path} must be an object {field, order}`);
      for (const name of Object.keys(criterion)) {
        if (name !== 'field' && name !== 'order') throw badRequest(`${path}: unknown property '${name}'`);
      }
      const { field, order } = criterion;
      if (typeof field !== 'string') throw badRequest(`${path}.field is required and must be a string`);
      const sql = Object.hasOwn(resource.sorts, field) ? resource.sorts[field] : undefined;
      if (sql === undefined) {
        throw badRequest(
          `Unknown sort field '${field}' (${path}.field); the allowed fields are: ${Object.keys(resource.sorts).join(', ')}`,
        );
      }
      criteria.push(`(${sql}) ${direction(order, `${path}.order`)} nulls last`);
    });
  }
  criteria.push(`${resource.keyColumn} asc`);
  return criteria.join(', ');
}

function direction(order: unknown, path: string): 'asc' | 'desc' {
  if (order === undefined || order === null) return 'asc';
  if (typeof order === 'string') {
    const upper = order.toUpperCase();
    if (upper === 'ASC') return 'asc';
    if (upper === 'DESC') return 'desc';
  }
  throw badRequest(`${path} must be ASC or DESC, but was ${JSON.stringify(order)}`);
}
