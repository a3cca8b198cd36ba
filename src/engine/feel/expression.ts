/**
 * The rule Zeebe applies to every attribute that may hold FEEL: a value that starts with `=` (followed by at
 * least one character) is a FEEL expression, anything else is a static value.
 */

/** A static attribute value, used as written (a number if it reads as a decimal number, else a string). */
export interface StaticValue {
  readonly kind: 'static';
  readonly value: string;
}

/** A FEEL expression; `expression` is the text after the leading `=`, without surrounding white space. */
export interface FeelExpression {
  readonly kind: 'expression';
  readonly expression: string;
}

export type ValueOrExpression = StaticValue | FeelExpression;

const EXPRESSION_PATTERN = /^=(.+)$/s;

/** Zeebe's `StaticExpression`: a static value is a NUMBER when it parses as a Java `BigDecimal`. */
const DECIMAL_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseValueOrExpression(raw: string): ValueOrExpression {
  const match = EXPRESSION_PATTERN.exec(raw);
  if (match?.[1] !== undefined) {
    return { kind: 'expression', expression: match[1].trim() };
  }
  return { kind: 'static', value: raw };
}

export function isExpression(value: ValueOrExpression): value is FeelExpression {
  return value.kind === 'expression';
}

/** The value of a static attribute as Zeebe types it: a number when it is a decimal number, else a string. */
export function staticValueOf(value: StaticValue): number | string {
  return DECIMAL_PATTERN.test(value.value) ? Number(value.value) : value.value;
}

/** The text Zeebe quotes in messages: the expression without its `=`, or the static value. */
export function expressionText(value: ValueOrExpression): string {
  return value.kind === 'expression' ? value.expression : value.value;
}
