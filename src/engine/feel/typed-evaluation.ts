import { FeelDateTime } from 'feelin';
import { evaluateFeel } from './evaluate-feel.js';
import type { FeelEvaluationOptions, FeelVariables } from './evaluate-feel.js';
import { failed, succeeded, withWarnings } from './feel-result.js';
import type { FeelResult, FeelWarning } from './feel-result.js';
import { feelToJson } from './feel-to-json.js';
import { feelTypeOf } from './feel-type.js';
import type { FeelType } from './feel-type.js';
import { expressionText, staticValueOf } from './expression.js';
import type { ValueOrExpression } from './expression.js';
import type { JsonValue } from './json-value.js';
import { parseZonedDateTime, zonedDateTimeOfFeel } from './zoned-date-time.js';
import type { ZonedDateTimeValue } from './zoned-date-time.js';

/**
 * Typed evaluation of attribute values, static or FEEL, with Zeebe's rules and messages: a result of the wrong
 * type is a failure (`type`), reported as Zeebe reports it, with the interpreter's warnings appended.
 */

/** Evaluates a static value (a number when it reads as one, else a string) or an expression, untyped. */
export function evaluateValueOrExpression(
  source: ValueOrExpression,
  variables: FeelVariables,
  options: FeelEvaluationOptions = {},
): FeelResult<unknown> {
  if (source.kind === 'static') return succeeded(staticValueOf(source));
  return evaluateFeel(source.expression, variables, options);
}

/** Any result, converted to JSON (input/output mappings, multi-instance `outputElement`). */
export function evaluateJson(
  source: ValueOrExpression,
  variables: FeelVariables,
  options: FeelEvaluationOptions = {},
): FeelResult<JsonValue> {
  return mapResult(evaluateValueOrExpression(source, variables, options), (value) => ok(feelToJson(value)));
}

/**
 * The source of an input mapping. Unlike other static values, a static source is always a string (Zeebe turns it
 * into a FEEL string literal); a mapping without source yields `null`.
 */
export function evaluateMappingSource(
  source: ValueOrExpression | null,
  variables: FeelVariables,
  options: FeelEvaluationOptions = {},
): FeelResult<JsonValue> {
  if (source === null) return succeeded(null);
  if (source.kind === 'static') return succeeded(source.value);
  return evaluateJson(source, variables, options);
}

/** A string: job type, assignee, called process id, message name, error code. */
export function evaluateString(
  source: ValueOrExpression,
  variables: FeelVariables,
  options: FeelEvaluationOptions = {},
): FeelResult<string> {
  return expect(source, variables, options, ['STRING'], (value) => ok(value as string));
}

/** A number: job retries. */
export function evaluateNumber(
  source: ValueOrExpression,
  variables: FeelVariables,
  options: FeelEvaluationOptions = {},
): FeelResult<number> {
  return expect(source, variables, options, ['NUMBER'], (value) => ok(Number(value)));
}

/** A whole number: user task priority. */
export function evaluateInteger(
  source: ValueOrExpression,
  variables: FeelVariables,
  options: FeelEvaluationOptions = {},
): FeelResult<number> {
  return expect(source, variables, options, ['NUMBER'], (value) => {
    const number = Number(value);
    return Number.isInteger(number)
      ? ok(number)
      : fail(
          `Expected result of the expression '${expressionText(source)}' to be an integer, but was a decimal.`,
        );
  });
}

/**
 * A condition (sequence flow, completion condition). Anything but a boolean is a failure, `null` included: Zeebe
 * raises an incident instead of treating it as `false`.
 */
export function evaluateBoolean(
  source: ValueOrExpression,
  variables: FeelVariables,
  options: FeelEvaluationOptions = {},
): FeelResult<boolean> {
  return expect(source, variables, options, ['BOOLEAN'], (value) => ok(value as boolean));
}

/** A list, items converted to JSON: multi-instance `inputCollection`. */
export function evaluateList(
  source: ValueOrExpression,
  variables: FeelVariables,
  options: FeelEvaluationOptions = {},
): FeelResult<JsonValue[]> {
  return expect(source, variables, options, ['ARRAY'], (value) => ok((value as unknown[]).map(feelToJson)));
}

/**
 * A list of strings: user task candidate groups and users. A static value is a comma-separated list
 * (`sales, operations`).
 */
export function evaluateStringList(
  source: ValueOrExpression,
  variables: FeelVariables,
  options: FeelEvaluationOptions = {},
): FeelResult<string[]> {
  if (source.kind === 'static') {
    return succeeded(splitCommaSeparated(source.value));
  }
  return expect(source, variables, options, ['ARRAY'], (value) => {
    const items = value as unknown[];
    return items.every((item) => typeof item === 'string')
      ? ok(items)
      : fail(
          `Expected result of the expression '${expressionText(source)}' to be 'ARRAY' containing 'STRING' items, ` +
            `but was 'ARRAY' containing at least one non-'STRING' item.`,
        );
  });
}

/** A message correlation key: a string, or a number written as a whole number (`42`). */
export function evaluateCorrelationKey(
  source: ValueOrExpression,
  variables: FeelVariables,
  options: FeelEvaluationOptions = {},
): FeelResult<string> {
  return mapResult(evaluateValueOrExpression(source, variables, options), (value, warnings) => {
    const type = feelTypeOf(value);
    if (type === 'STRING') return ok(value as string);
    if (type === 'NUMBER') return ok(BigInt(Math.trunc(Number(value))).toString());
    return fail(
      withWarnings(
        `Failed to extract the correlation key for '${expressionText(source)}': ` +
          `The value must be either a string or a number, but was '${type}'.`,
        warnings,
      ),
    );
  });
}

export interface DateTimeEvaluationOptions extends FeelEvaluationOptions {
  /** An empty string or `null` means "no date" (user task due and follow-up dates). */
  readonly nullable?: boolean;
}

/**
 * A point in time: a FEEL date-time, or a string in ISO 8601 with offset or zone (`2024-05-01T09:30:00+03:30`,
 * `2024-05-01T06:00:00Z`, `2024-05-01T09:30:00+03:30[Asia/Tehran]`).
 */
export function evaluateDateTime(
  source: ValueOrExpression,
  variables: FeelVariables,
  options: DateTimeEvaluationOptions = {},
): FeelResult<ZonedDateTimeValue | null> {
  const types: FeelType[] =
    options.nullable === true ? ['NULL', 'DATE_TIME', 'STRING'] : ['DATE_TIME', 'STRING'];
  return expect(source, variables, options, types, (value, warnings) => {
    if (value instanceof FeelDateTime) return ok(zonedDateTimeOfFeel(value));
    if (typeof value !== 'string') return ok(null);
    if (options.nullable === true && value === '') return ok(null);
    const parsed = parseZonedDateTime(value);
    return parsed !== null
      ? ok(parsed)
      : fail(
          withWarnings(
            `Invalid date-time format '${value}' for expression '${expressionText(source)}'.`,
            warnings,
          ),
        );
  });
}

export function splitCommaSeparated(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

type Check<T> = { ok: true; value: T } | { ok: false; message: string };

function ok<T>(value: T): Check<T> {
  return { ok: true, value };
}

function fail<T>(message: string): Check<T> {
  return { ok: false, message };
}

function mapResult<T>(
  result: FeelResult<unknown>,
  convert: (value: unknown, warnings: readonly FeelWarning[]) => Check<T>,
): FeelResult<T> {
  if (!result.ok) return result;
  const checked = convert(result.value, result.warnings);
  return checked.ok ? succeeded(checked.value, result.warnings) : failed('type', checked.message);
}

function expect<T>(
  source: ValueOrExpression,
  variables: FeelVariables,
  options: FeelEvaluationOptions,
  expected: readonly FeelType[],
  convert: (value: unknown, warnings: readonly FeelWarning[]) => Check<T>,
): FeelResult<T> {
  return mapResult(evaluateValueOrExpression(source, variables, options), (value, warnings) => {
    const type = feelTypeOf(value);
    if (expected.includes(type)) return convert(value, warnings);
    const text = expressionText(source);
    const wanted = expected.length === 1 ? `'${expected[0]}'` : `one of '[${expected.join(', ')}]'`;
    return fail(
      withWarnings(
        `Expected result of the expression '${text}' to be ${wanted}, but was '${type}'.`,
        warnings,
      ),
    );
  });
}
