import { z } from 'zod';
import { badRequest } from './problem.js';

/** Parses a request body; a bad one is a 400 naming each wrong field, as Camunda does. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || 'body';
    return `${field}: ${issue.message}`;
  });
  throw badRequest(`Invalid request body: ${details.join('; ')}`);
}

/** A key in a path or body: a decimal string of a 64-bit integer. */
export const keySchema = z.string().regex(/^-?[0-9]+$/, 'must be a key (a decimal number as a string)');

export function parseKey(value: string | string[] | undefined, name: string): bigint {
  if (Array.isArray(value)) throw badRequest(`The value for ${name} must be a single key`);
  if (value === undefined || !/^[0-9]{1,19}$/.test(value))
    throw badRequest(`The value for ${name} is '${value}' but must be a key`);
  return BigInt(value);
}

/** A JSON object at the root: Zeebe rejects any other document as variables. */
export const variablesSchema = z.record(z.string(), z.unknown(), {
  message: 'Expected document to be a root level object',
});

/** An int64 field: JSON number, or the decimal string some clients send for 64-bit values. */
export const int64 = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?[0-9]+$/, 'must be a whole number')
    .transform(Number),
]);
