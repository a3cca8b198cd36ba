/** What a rejected write did wrong, in terms of the field a person or a caller can fix. */
export interface DataError {
  readonly kind: 'required' | 'duplicate' | 'invalid' | 'unknown_reference' | 'in_use';
  readonly table: string | undefined;
  readonly field: string | undefined;
  readonly message: string;
}

interface PgError {
  code?: string;
  table?: string;
  column?: string;
  constraint?: string;
  detail?: string;
}

const keyColumns = /Key \(([^)]+)\)=/;

/** The field named by a constraint of the form `<table>__<column>__<rule>`. */
function fieldOfConstraint(constraint: string | undefined): string | undefined {
  const parts = constraint?.split('__');
  return parts && parts.length >= 3 ? parts[1] : undefined;
}

function lastKeyColumn(detail: string | undefined): string | undefined {
  const cols = keyColumns
    .exec(detail ?? '')?.[1]
    ?.split(',')
    .map((c) => c.trim());
  return cols?.[cols.length - 1];
}

/**
 * Translates a PostgreSQL constraint violation into a DataError naming the field; returns undefined
 * for any other error, which callers should let propagate.
 */
export function describeDataError(error: unknown): DataError | undefined {
  const e = error as PgError;
  const table = e.table;
  switch (e.code) {
    case '23502':
      return { kind: 'required', table, field: e.column, message: `${e.column} is required` };
    case '23505': {
      const field = fieldOfConstraint(e.constraint) ?? lastKeyColumn(e.detail);
      return {
        kind: 'duplicate',
        table,
        field,
        message: `${field} must be unique: ${e.detail ?? ''}`.trim(),
      };
    }
    case '23514': {
      const field = fieldOfConstraint(e.constraint);
      return {
        kind: 'invalid',
        table,
        field,
        message: `${field ?? e.constraint} is invalid (${e.constraint})`,
      };
    }
    case '23503': {
      const field = lastKeyColumn(e.detail) ?? fieldOfConstraint(e.constraint);
      const inUse = (e.detail ?? '').includes('is still referenced');
      return inUse
        ? { kind: 'in_use', table, field, message: `still referenced: ${e.detail ?? ''}` }
        : {
            kind: 'unknown_reference',
            table,
            field,
            message: `${field} refers to a record that does not exist`,
          };
    }
    default:
      return undefined;
  }
}
