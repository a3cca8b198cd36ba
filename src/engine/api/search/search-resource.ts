import type { SqlParams } from './sql-params.js';

/**
 * How a REST field is stored, which decides the filter operators it takes, how its values are checked
 * and how they are cast in SQL. `stringArray` is a text[] column matched element-wise (candidate groups).
 */
export type ColumnKind = 'key' | 'string' | 'int' | 'date' | 'bool' | 'enum' | 'stringArray';

/** A filterable REST field backed by one SQL expression. */
export interface Column {
  readonly sql: string;
  readonly kind: ColumnKind;
  /** The allowed values of an `enum` column. */
  readonly values?: readonly string[];
  /** The spec allows only a plain value for this field, not an advanced filter object. */
  readonly exactOnly?: boolean;
  /** Conditions on columns of the same group are combined inside that group's wrapper (one EXISTS). */
  readonly group?: string;
}

/** What a custom filter gets to build its condition. */
export interface FilterContext {
  readonly params: SqlParams;
  /** The field's path for error messages, e.g. `filter.variables`. */
  readonly path: string;
  /** The condition of a column for a plain value or an advanced filter object, as for an ordinary field. */
  condition(column: Column, value: unknown, path: string): string | undefined;
}

/** A filter field that is not one column: variables, tags, latest version and the like. */
export interface CustomFilter {
  /** The SQL condition for the field's value; undefined when the value restricts nothing. */
  readonly custom: (value: unknown, context: FilterContext) => string | undefined;
}

export type FilterField = Column | CustomFilter;

export const isCustom = (field: FilterField): field is CustomFilter => 'custom' in field;

/** One searchable resource: its tables, filter and sort fields, and the mapping of a row to the REST result. */
export interface SearchResource<Row, Result> {
  /** The FROM clause, with the aliases the SQL expressions use. */
  readonly from: string;
  /** The select list, producing `Row`. */
  readonly select: string;
  /** A condition every row of the resource satisfies (e.g. excluding the process's own element instance). */
  readonly baseCondition?: string;
  readonly filters: Readonly<Record<string, FilterField>>;
  /** Wrappers of grouped columns, given the ANDed conditions of the group. */
  readonly groups?: Readonly<Record<string, (conditions: string) => string>>;
  /** Whether the filter takes `$or`: a list of alternative filters of the same fields. */
  readonly allowOr?: boolean;
  /** The sort fields of the spec's enum for this resource, each with its SQL expression. */
  readonly sorts: Readonly<Record<string, string>>;
  /** The unique key: the last sort criterion, so that pages are stable, and the column of get-by-key. */
  readonly keyColumn: string;
  readonly toResult: (row: Row) => Result;
}

/** What filtering needs of a resource (any resource qualifies, whatever its rows and results). */
export type FilterDefinition = Pick<SearchResource<never, unknown>, 'filters' | 'groups' | 'allowOr'>;

/** What sorting needs of a resource. */
export type SortDefinition = Pick<SearchResource<never, unknown>, 'sorts' | 'keyColumn'>;

/** Column shorthands for the resource modules. */
export const column = {
  key: (sql: string, options: ColumnOptions = {}): Column => ({ sql, kind: 'key', ...options }),
  string: (sql: string, options: ColumnOptions = {}): Column => ({ sql, kind: 'string', ...options }),
  int: (sql: string, options: ColumnOptions = {}): Column => ({ sql, kind: 'int', ...options }),
  date: (sql: string, options: ColumnOptions = {}): Column => ({ sql, kind: 'date', ...options }),
  bool: (sql: string, options: ColumnOptions = {}): Column => ({
    sql,
    kind: 'bool',
    exactOnly: true,
    ...options,
  }),
  enum: (sql: string, values: readonly string[], options: ColumnOptions = {}): Column => ({
    sql,
    kind: 'enum',
    values,
    ...options,
  }),
  stringArray: (sql: string, options: ColumnOptions = {}): Column => ({
    sql,
    kind: 'stringArray',
    ...options,
  }),
};

interface ColumnOptions {
  readonly exactOnly?: boolean;
  readonly group?: string;
}

/** Fields the spec types as plain values only. */
export const exact = { exactOnly: true } as const;
