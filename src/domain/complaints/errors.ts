import type { z } from 'zod';

/** One problem with the input of a business operation: the field (in English) and what is wrong. */
export interface InputIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * Input a business operation refuses (a missing field, an unknown reference). Field names are the
 * English names of the input, so that a caller can point at the form field or process variable.
 */
export class DomainInputError extends Error {
  override readonly name: string = 'DomainInputError';
  constructor(readonly issues: readonly InputIssue[]) {
    super(`Invalid input: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  }
}

/** A record the operation needs does not exist. */
export class NotFoundError extends Error {
  override readonly name: string = 'NotFoundError';
  constructor(
    readonly entityType: string,
    readonly entityId: string | number,
  ) {
    super(`${entityType} ${entityId} does not exist`);
  }
}

/** The issues of a zod error, each named by its dotted path under `prefix`. */
export function issuesOfZod(error: z.ZodError, prefix = ''): InputIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    return { field: [prefix, path].filter(Boolean).join('.') || '(input)', message: issue.message };
  });
}

/** Parses `input` with `schema`, or throws a DomainInputError naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const parsed = schema.safeParse(input, {
    error: (issue) => (issue.input === undefined ? 'is required' : undefined),
  });
  if (!parsed.success) throw new DomainInputError(issuesOfZod(parsed.error, prefix));
  return parsed.data;
}
