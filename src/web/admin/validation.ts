import { z } from 'zod';
import { toLatinDigits } from '../../calendar/jalali.js';
import { MESSAGES } from '../../forms/form-schema.js';
import { HttpError } from '../http-error.js';

/** One field a request got wrong, as the task-complete route reports them: `{ field, message }`. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** 400 `invalid-values` with a Persian message per field in `fields`. */
export function invalidValues(fields: readonly FieldProblem[]): HttpError {
  return new HttpError(400, 'invalid-values', 'Some values are not valid.', {}, { fields });
}

/** 409 `duplicate` naming the field whose value is taken. */
export function duplicateValue(field: string, message: string): HttpError {
  return new HttpError(
    409,
    'duplicate',
    `Another record already has this ${field}.`,
    {},
    {
      fields: [{ field, message }],
    },
  );
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (at, key) => (typeof key === 'number' ? `${at}[${key}]` : at ? `${at}.${String(key)}` : String(key)),
    '',
  );
}

/** Persian messages for zod's issues, unless a schema gives its own (schema messages win). */
const persian: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return MESSAGES.required;
      if (issue.expected === 'int') return MESSAGES.integer;
      if (issue.expected === 'number') return MESSAGES.number;
      if (issue.expected === 'boolean') return MESSAGES.boolean;
      if (issue.expected === 'array') return MESSAGES.list;
      return MESSAGES.text;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? MESSAGES.required : MESSAGES.minLength(Number(issue.minimum));
      return MESSAGES.min(Number(issue.minimum));
    case 'too_big':
      if (issue.origin === 'string') return MESSAGES.maxLength(Number(issue.maximum));
      if (issue.origin === 'array') return `این فهرست نباید بیش از ${Number(issue.maximum)} ردیف داشته باشد`;
      return MESSAGES.max(Number(issue.maximum));
    case 'invalid_format':
      return issue.format === 'email' ? MESSAGES.email : MESSAGES.pattern;
    case 'invalid_value':
      return MESSAGES.option;
    default:
      return undefined;
  }
};

/**
 * The body parsed by `schema` (a strict object schema), or a 400 problem naming every bad field;
 * fields the schema does not know are named too, so a typo is not silently ignored.
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  // No body at all reads as {}, so each required field is named.
  const value: unknown = body ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new HttpError(400, 'bad-request', 'The body must be a JSON object.');
  const parsed = schema.safeParse(value, { error: persian });
  if (parsed.success) return parsed.data;
  throw invalidValues(
    parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            field: fieldPath([...issue.path, key]),
            message: 'این فیلد پذیرفته نیست',
          }))
        : [{ field: fieldPath(issue.path), message: issue.message }],
    ),
  );
}

/** The numeric id in a path, or a 404 with `notFound`. */
export function idParam(value: unknown, notFound: () => HttpError): number {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,8}$/.test(value)) throw notFound();
  return Number(value);
}

/** A text field that may be cleared: blank or null becomes null. */
export function optionalText(value: z.ZodString): z.ZodType<string | null> {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), value.nullable());
}

/** An e-mail address, or null when blank. */
export const emailField = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || null : v),
  z.email().max(254).nullable(),
);

/** An Iranian mobile number `09xxxxxxxxx`, typed with Persian or Latin digits, spaces or dashes; null when blank. */
export const mobileField = z.preprocess(
  (v) => (typeof v === 'string' ? toLatinDigits(v).replace(/[\s-]/g, '').replace(/^\+98/, '0') || null : v),
  z
    .string()
    .regex(/^09[0-9]{9}$/, { message: 'شمارهٔ همراه باید ۱۱ رقم و با ۰۹ آغاز شود' })
    .nullable(),
);

/** A record id given in a body (a unit, a staff member), or null. */
export const idField = z.number().int().positive().max(2_147_483_647).nullable();
