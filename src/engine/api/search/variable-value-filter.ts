import { badRequest } from '../problem.js';
import { isPlainObject } from './filter-sql.js';
import { column, type CustomFilter } from './search-resource.js';

/**
 * A filter by variables: a list of `{name, value}` (value: a string filter on the JSON text of the value),
 * each matched by a variable of the scopes `scopeCondition` selects (over alias `fv` of engine.variables).
 */
export function variableValueFilter(scopeCondition: string): CustomFilter {
  return {
    custom: (value, { params, path, condition }) => {
      if (!Array.isArray(value)) throw badRequest(`${path} must be an array of {name, value}`);
      const conditions = value.map((entry: unknown, i) => {
        const entryPath = `${path}[${i}]`;
        if (!isPlainObject(entry)) throw badRequest(`${entryPath} must be an object {name, value}`);
        for (const key of Object.keys(entry)) {
          if (key !== 'name' && key !== 'value') throw badRequest(`${entryPath}: unknown property '${key}'`);
        }
        if (typeof entry.name !== 'string')
          throw badRequest(`${entryPath}.name is required and must be a string`);
        if (entry.value === undefined || entry.value === null)
          throw badRequest(`${entryPath}.value is required`);
        const valueCondition = condition(column.string('fv.value'), entry.value, `${entryPath}.value`);
        return `exists (select 1 from engine.variables fv where ${scopeCondition} and fv.name = ${params.add(entry.name)}::text${
          valueCondition ? ` and ${valueCondition}` : ''
        })`;
      });
      return conditions.length ? conditions.join(' and ') : undefined;
    },
  };
}
