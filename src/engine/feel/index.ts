export { parseValueOrExpression, isExpression, staticValueOf, expressionText } from './expression.js';
export type { StaticValue, FeelExpression, ValueOrExpression } from './expression.js';
export type { JsonValue, JsonObject } from './json-value.js';
export type { FeelFailure, FeelFailureKind, FeelResult, FeelWarning } from './feel-result.js';
export { evaluateFeel } from './evaluate-feel.js';
export type { FeelEvaluationOptions, FeelVariables } from './evaluate-feel.js';
export { findFeelSyntaxError } from './feel-syntax.js';
export { feelTypeOf } from './feel-type.js';
export type { FeelType } from './feel-type.js';
export { feelToJson } from './feel-to-json.js';
export {
  evaluateValueOrExpression,
  evaluateJson,
  evaluateMappingSource,
  evaluateString,
  evaluateNumber,
  evaluateInteger,
  evaluateBoolean,
  evaluateList,
  evaluateStringList,
  evaluateCorrelationKey,
  evaluateDateTime,
  splitCommaSeparated,
} from './typed-evaluation.js';
export type { DateTimeEvaluationOptions } from './typed-evaluation.js';
export { parseZonedDateTime, zonedDateTimeOfFeel, zonedDateTimeOfEpoch } from './zoned-date-time.js';
export type { ZonedDateTimeValue } from './zoned-date-time.js';
