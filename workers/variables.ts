/**
 * zod types of process variables as the engine hands them to workers: ids may come as numbers or
 * (from a form's select) as digit strings; an empty form field may come as ''. Messages say what
 * the variable must be; the runtime prefixes them with the variable's name.
 */
import { z } from 'zod';
import { blankToUndefined, entityId, instantText } from '../src/domain/complaints/field-types.js';

const required =
  (message: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : message;

/** null and '' read as absent. */
const nullToUndefined = blankToUndefined;

/** An id that may be absent, null or ''. */
export const optionalEntityId = z.preprocess(nullToUndefined, entityId.optional());

/** A list of ids; absent, null or '' is an empty list. */
export const entityIdList = z.preprocess(
  (v) => (v == null || v === '' ? [] : v),
  z.array(entityId, { error: required('must be a list of ids') }).max(100),
);

/** Text that must be there. */
export const requiredText = (max: number) =>
  z
    .string({ error: required('must be text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

/** Text that may be absent, null or blank (all read as undefined). */
export const optionalText = (max: number) => z.preprocess(nullToUndefined, requiredText(max).optional());

/** A boolean (a form may send 'true'/'false'). */
export const flag = z.preprocess(
  (v) => (v === 'true' ? true : v === 'false' ? false : v),
  z.boolean({ error: required('must be true or false') }),
);

/** One of the given values. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: required(`must be one of ${values.join(', ')}`) });

/** A date-time variable: ISO 8601 with an offset, or a local date-time read in Asia/Tehran. */
export const dateTimeIn = instantText;

/** A date-time this worker writes: ISO 8601 with the offset (timers read it as it is). */
export const dateTimeOut = z.iso.datetime({ offset: true });

/** A whole number in a range (or its digits as text). */
export const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v),
    z
      .number({ error: required(`must be a whole number from ${min} to ${max}`) })
      .int(`must be a whole number from ${min} to ${max}`)
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );

export { blankToUndefined, entityId, nullToUndefined };
