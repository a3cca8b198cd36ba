/** zod field types shared by the business operations' input schemas (forms and process variables). */
import { z } from 'zod';
import { parseDateTime } from './iso-time.js';

const required =
  (message: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : message;

/** '' (an empty form field) and null read as absent. */
export const blankToUndefined = (v: unknown): unknown =>
  v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v;

export const text = (max: number) =>
  z
    .string({ error: required('must be text') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

/** Text that may be absent, null or blank. */
export const optionalText = (max: number) => z.preprocess(blankToUndefined, text(max).nullish());

/** A database id: a positive whole number, or its digits as text (a form's select gives text). */
export const entityId = z.union(
  [
    z.number().int().positive().max(2_147_483_647),
    z
      .string()
      .regex(/^[1-9]\d{0,9}$/)
      .transform(Number),
  ],
  { error: required('must be a positive whole number (an id)') },
);

const DATE_TIME_MESSAGE = 'must be a date-time, e.g. 2026-06-03T14:00:00+03:30';

function toInstant(value: string, ctx: z.RefinementCtx): Date {
  const date = parseDateTime(value);
  if (date) return date;
  ctx.addIssue({ code: 'custom', message: DATE_TIME_MESSAGE });
  return z.NEVER;
}

/** An instant: a Date, or ISO 8601 (with an offset, or Tehran wall-clock time without one). */
export const instant = z.union([z.date(), z.string().transform(toInstant)], {
  error: required(DATE_TIME_MESSAGE),
});

/** The same, for values that are always text (process variables). */
export const instantText = z.string({ error: required(DATE_TIME_MESSAGE) }).transform(toInstant);
