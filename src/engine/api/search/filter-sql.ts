import { badRequest } from '../problem.js';
import {
  isCustom,
  type Column,
  type ColumnKind,
  type FilterContext,
  type FilterDefinition,
} from './search-resource.js';
import type { SqlParams } from './sql-params.js';

/**
 * Turns a search `filter` into SQL conditions (to be ANDed), with every value as a parameter. A field takes
 * a plain value (equality) or an advanced object of operators: `$eq`, `$neq`, `$exists`, `$in`, `$notIn`,
 * `$like` (wildcards `*` and `?`, escaped with `\`), and for ints and dates `$gt`, `$gte`, `$lt`, `$lte`.
 * Unknown fields, unknown operators and values of the wrong type are a 400 naming the field.
 */
export function filterConditions(resource: FilterDefinition, filter: unknown, params: SqlParams): string[] {
  if (filter === undefined || filter === null) return [];
  return objectConditions(resource, filter, params, 'filter', resource.allowOr ?? false);
}

function objectConditions(
  resource: FilterDefinition,
  filter: unknown,
  params: SqlParams,
  path: string,
  allowOr: boolean,
): string[] {
  if (!isPlainObject(filter)) throw badRequest(`${path} must be an object`);
  const conditions: string[] = [];
  const grouped = new Map<string, string[]>();
  const context = (fieldPath: string): FilterContext => ({
    params,
    path: fieldPath,
    condition: (column, value, p) => columnCondition(column, value, p, params),
  });
  for (const [field, value] of Object.entries(filter)) {
    const fieldPath = `${path}.${field}`;
    if (field === '$or' && allowOr) {
      const alternatives = orCondition(resource, value, params, fieldPath);
      if (alternatives) conditions.push(alternatives);
      continue;
    }
    const definition = Object.hasOwn(resource.filters, field) ? resource.filters[field] : undefined;
    if (!definition) {
      const allowed = [...Object.keys(resource.filters), ...(allowOr ? ['$or'] : [])].join(', ');
      throw badRequest(`Unknown filter field '${field}' (${fieldPath}); the allowed fields are: ${allowed}`);
    }
    if (value === undefined || value === null) continue;
    const condition = isCustom(definition)
      ? definition.custom(value, context(fieldPath))
      : columnCondition(definition, value, fieldPath, params);
    if (condition === undefined) continue;
    if (!isCustom(definition) && definition.group !== undefined) {
      const list = grouped.get(definition.group) ?? [];
      list.push(condition);
      grouped.set(definition.group, list);
    } else {
      conditions.push(condition);
    }
  }
  for (const [group, list] of grouped) {
    const wrap = resource.groups?.[group];
    if (!wrap) throw new Error(`filter group ${group} has no wrapper`);
    conditions.push(wrap(list.join(' and ')));
  }
  return conditions;
}

function orCondition(
  resource: FilterDefinition,
  value: unknown,
  params: SqlParams,
  path: string,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest(`${path} must be an array of filters`);
  if (value.length === 0) return undefined;
  const alternatives = value.map((alternative, i) => {
    const conditions = objectConditions(resource, alternative, params, `${path}[${i}]`, false);
    return conditions.length ? `(${conditions.join(' and ')})` : 'true';
  });
  return `(${alternatives.join(' or ')})`;
}

type Operator = '$eq' | '$neq' | '$exists' | '$in' | '$notIn' | '$like' | '$gt' | '$gte' | '$lt' | '$lte';

const COMMON: readonly Operator[] = ['$eq', '$neq', '$exists', '$in', '$notIn'];
const RANGE: readonly Operator[] = ['$gt', '$gte', '$lt', '$lte'];
const OPERATORS: Readonly<Record<ColumnKind, readonly Operator[]>> = {
  key: COMMON,
  string: [...COMMON, '$like'],
  enum: [...COMMON, '$like'],
  stringArray: [...COMMON, '$like'],
  int: [...COMMON, ...RANGE],
  date: [...COMMON, ...RANGE],
  bool: ['$eq', '$neq', '$exists'],
};

const CAST: Readonly<Record<ColumnKind, string>> = {
  key: 'bigint',
  string: 'text',
  enum: 'text',
  stringArray: 'text',
  int: 'bigint',
  date: 'timestamptz',
  bool: 'boolean',
};

const COMPARISON: Readonly<Record<'$gt' | '$gte' | '$lt' | '$lte', string>> = {
  $gt: '>',
  $gte: '>=',
  $lt: '<',
  $lte: '<=',
};

/** The condition of one column for a plain value or an advanced filter object. */
export function columnCondition(
  column: Column,
  value: unknown,
  path: string,
  params: SqlParams,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value))
    throw badRequest(`${path} must be a single value or a filter object, not an array`);
  if (!isPlainObject(value)) return operatorCondition(column, '$eq', checkValue(column, value, path), params);
  if (column.exactOnly) throw badRequest(`${path} takes a plain value only, not a filter object`);
  const conditions: string[] = [];
  for (const [name, operand] of Object.entries(value)) {
    const operator = name as Operator;
    if (!OPERATORS[column.kind].includes(operator)) {
      throw badRequest(
        `${path}: unknown filter operator '${name}'; allowed are ${OPERATORS[column.kind].join(', ')}`,
      );
    }
    if (operand === undefined || operand === null) continue;
    conditions.push(
      operatorCondition(column, operator, checkOperand(column, operator, operand, `${path}.${name}`), params),
    );
  }
  return conditions.length ? conditions.join(' and ') : undefined;
}

function operatorCondition(column: Column, operator: Operator, operand: unknown, params: SqlParams): string {
  const e = `(${column.sql})`;
  const cast = CAST[column.kind];
  if (column.kind === 'stringArray') {
    switch (operator) {
      case '$eq':
        return `${params.add(operand)}::text = any(${e})`;
      case '$neq':
        return `not (${params.add(operand)}::text = any(${e}))`;
      case '$exists':
        return operand ? `cardinality(${e}) > 0` : `cardinality(${e}) = 0`;
      case '$in':
        return `${e} && ${params.add(operand)}::text[]`;
      case '$notIn':
        return `not (${e} && ${params.add(operand)}::text[])`;
      case '$like':
        return `exists (select 1 from unnest(${e}) as element(value) where element.value like ${params.add(likePattern(operand as string))} escape '\\')`;
      default:
        throw new Error(`operator ${operator} on a string array`);
    }
  }
  switch (operator) {
    case '$eq':
      return `${e} = ${params.add(operand)}::${cast}`;
    case '$neq':
      return `${e} is distinct from ${params.add(operand)}::${cast}`;
    case '$exists':
      return operand ? `${e} is not null` : `${e} is null`;
    case '$in':
      return `${e} = any(${params.add(operand)}::${cast}[])`;
    case '$notIn':
      return `coalesce(${e} <> all(${params.add(operand)}::${cast}[]), true)`;
    case '$like':
      return `${e} like ${params.add(likePattern(operand as string))} escape '\\'`;
    default:
      return `${e} ${COMPARISON[operator]} ${params.add(operand)}::${cast}`;
  }
}

function checkOperand(column: Column, operator: Operator, operand: unknown, path: string): unknown {
  switch (operator) {
    case '$exists':
      if (typeof operand !== 'boolean') throw badRequest(`${path} must be a boolean`);
      return operand;
    case '$like':
      if (typeof operand !== 'string') throw badRequest(`${path} must be a string pattern`);
      return operand;
    case '$in':
    case '$notIn':
      if (!Array.isArray(operand)) throw badRequest(`${path} must be an array`);
      return operand.map((v, i) => checkValue(column, v, `${path}[${i}]`));
    default:
      return checkValue(column, operand, path);
  }
}

const KEY = /^-?[0-9]{1,19}$/;
const INT64_MAX = 9_223_372_036_854_775_807n;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})$/;

/** Checks a single value against the column's kind; gives back the value to bind. */
function checkValue(column: Column, value: unknown, path: string): unknown {
  switch (column.kind) {
    case 'key':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
      if (
        typeof value === 'string' &&
        KEY.test(value) &&
        BigInt(value) <= INT64_MAX &&
        BigInt(value) >= -INT64_MAX - 1n
      ) {
        return value;
      }
      throw badRequest(
        `${path} must be a key (a decimal number as a string), but was ${JSON.stringify(value)}`,
      );
    case 'int':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      throw badRequest(`${path} must be an integer, but was ${JSON.stringify(value)}`);
    case 'date':
      if (typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)))
        return value;
      throw badRequest(`${path} must be an RFC 3339 date-time, but was ${JSON.stringify(value)}`);
    case 'bool':
      if (typeof value === 'boolean') return value;
      throw badRequest(`${path} must be a boolean, but was ${JSON.stringify(value)}`);
    case 'enum':
      if (typeof value === 'string' && column.values?.includes(value)) return value;
      throw badRequest(
        `${path} must be one of ${column.values?.join(', ')}, but was ${JSON.stringify(value)}`,
      );
    case 'string':
    case 'stringArray':
      if (typeof value === 'string') return value;
      throw badRequest(`${path} must be a string, but was ${JSON.stringify(value)}`);
  }
}

/** A `$like` value as a SQL LIKE pattern with `\` as escape: `*` → `%`, `?` → `_`, `\x` → literal x. */
export function likePattern(value: string): string {
  let pattern = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      pattern += literal(value[++i]!);
    } else if (c === '*') {
      pattern += '%';
    } else if (c === '?') {
      pattern += '_';
    } else {
      pattern += literal(c);
    }
  }
  return pattern;
}

const literal = (c: string) => (c === '%' || c === '_' || c === '\\' ? `\\${c}` : c);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
