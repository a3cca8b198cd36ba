/**
 * The outcome of evaluating FEEL. Evaluation never throws: a failure carries a readable, Zeebe-style message
 * that the engine puts into an incident (`EXTRACT_VALUE_ERROR`, or `IO_MAPPING_ERROR` for variable mappings).
 */

export type FeelFailureKind = 'syntax' | 'evaluation' | 'type';

export interface FeelFailure {
  readonly kind: FeelFailureKind;
  readonly message: string;
}

/** A warning reported by the interpreter, e.g. a variable that was not found (it evaluates to `null`). */
export interface FeelWarning {
  readonly type: string;
  readonly message: string;
}

export type FeelResult<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly FeelWarning[] }
  | { readonly ok: false; readonly failure: FeelFailure };

export function succeeded<T>(value: T, warnings: readonly FeelWarning[] = []): FeelResult<T> {
  return { ok: true, value, warnings };
}

export function failed<T>(kind: FeelFailureKind, message: string): FeelResult<T> {
  return { ok: false, failure: { kind, message } };
}

/**
 * Zeebe appends the interpreter's warnings to a failure message, as in
 * `Expected result of the expression 'x' to be 'STRING', but was 'NULL'. The evaluation reported the following
 * warnings:\n[NO_VARIABLE_FOUND] No variable found with name 'x'`.
 */
export function withWarnings(message: string, warnings: readonly FeelWarning[]): string {
  if (warnings.length === 0) return message;
  const lines = warnings.map((warning) => `[${warning.type}] ${warning.message}`);
  return `${message} The evaluation reported the following warnings:\n${lines.join('\n')}`;
}
