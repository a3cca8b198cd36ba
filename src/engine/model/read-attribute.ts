import { findFeelSyntaxError, parseValueOrExpression } from '../feel/index.js';
import type { FeelExpression, ValueOrExpression } from '../feel/index.js';
import type { ProblemCollector } from './problem-collector.js';

type ProblemTarget = { readonly id?: string; readonly $type: string };

/**
 * Reads an attribute that may be static or FEEL (`=…`), checking that an expression parses. Returns `undefined`
 * when the attribute is absent or empty, or when its expression does not parse (a problem is recorded).
 */
export function readValueOrExpression(
  problems: ProblemCollector,
  element: ProblemTarget,
  attribute: string,
  raw: string | undefined,
): ValueOrExpression | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = parseValueOrExpression(raw);
  if (value.kind === 'expression') {
    const error = findFeelSyntaxError(value.expression);
    if (error !== null) {
      problems.add(element, `${attribute}: failed to parse expression '${value.expression}': ${error}`);
      return undefined;
    }
  }
  return value;
}

/** Reads an attribute that must be a FEEL expression (conditions, output sources, input collections, …). */
export function readExpression(
  problems: ProblemCollector,
  element: ProblemTarget,
  attribute: string,
  raw: string | undefined,
): FeelExpression | undefined {
  const value = readValueOrExpression(problems, element, attribute, raw);
  if (value?.kind === 'static') {
    problems.add(
      element,
      `${attribute} must be a FEEL expression (starting with '='), but was the static value '${value.value}'`,
    );
    return undefined;
  }
  return value;
}
