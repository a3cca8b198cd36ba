import { evaluate, parseDate, parseDateTime, SyntaxError as FeelSyntaxError } from 'feelin';
import type { FeelDate, FeelDateTime } from 'feelin';
import { failed, succeeded } from './feel-result.js';
import type { FeelResult, FeelWarning } from './feel-result.js';
import { formatLocalDate, formatOffset } from './java-time-format.js';

/** The variables visible to an expression, by name (JSON values, as the engine stores them). */
export type FeelVariables = Readonly<Record<string, unknown>>;

export interface FeelEvaluationOptions {
  /**
   * The engine clock's current time, used by `now()` and `today()` (in the system's default zone, as Zeebe).
   * Without it, FEEL reads the system clock.
   */
  readonly now?: Date;
}

/**
 * Evaluates a FEEL expression (the text after `=`) against variables. Never throws: a syntax error or an
 * exception in the interpreter is a failure. A missing variable is not a failure, it evaluates to `null`
 * with a warning, as in Zeebe.
 */
export function evaluateFeel(
  expression: string,
  variables: FeelVariables,
  options: FeelEvaluationOptions = {},
): FeelResult<unknown> {
  try {
    const context = options.now === undefined ? variables : { ...clockFunctions(options.now), ...variables };
    const result = evaluate(expression, { ...context });
    return succeeded(result.value, result.warnings.map(toZeebeWarning));
  } catch (error) {
    if (error instanceof FeelSyntaxError) {
      return failed('syntax', `failed to parse expression '${expression}': ${error.message}`);
    }
    const reason = error instanceof Error ? error.message : String(error);
    return failed('evaluation', `failed to evaluate expression '${expression}': ${reason}`);
  }
}

function clockFunctions(now: Date): { now: () => FeelDateTime | null; today: () => FeelDate | null } {
  const today = formatLocalDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
  const time = [now.getHours(), now.getMinutes(), now.getSeconds()].map((n) => String(n).padStart(2, '0'));
  const millis = String(now.getMilliseconds()).padStart(3, '0');
  const offset = formatOffset(-now.getTimezoneOffset() * 60);
  const dateTime = `${today}T${time.join(':')}.${millis}${offset}`;
  return { now: () => parseDateTime(dateTime), today: () => parseDate(today) };
}

/** feelin names a missing variable `Variable 'x' not found`; Zeebe (FEEL-Scala) says it this way. */
function toZeebeWarning(warning: { type: string; message: string }): FeelWarning {
  const missing = /^Variable '(.*)' not found$/.exec(warning.message);
  if (warning.type === 'NO_VARIABLE_FOUND' && missing !== null) {
    return { type: warning.type, message: `No variable found with name '${missing[1]}'` };
  }
  return { type: warning.type, message: warning.message };
}
