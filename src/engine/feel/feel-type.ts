import { FeelDate, FeelDateTime, FeelDuration, FeelFunction, FeelRange, FeelTime } from 'feelin';

/**
 * The type names Zeebe uses in its messages (`ResultType`): `Expected result of the expression 'x' to be
 * 'BOOLEAN', but was 'STRING'.` FEEL values Zeebe has no name for get a descriptive one.
 */
export type FeelType =
  | 'NULL'
  | 'BOOLEAN'
  | 'NUMBER'
  | 'STRING'
  | 'ARRAY'
  | 'OBJECT'
  | 'DURATION'
  | 'PERIOD'
  | 'DATE_TIME'
  | 'DATE'
  | 'TIME'
  | 'RANGE'
  | 'FUNCTION';

export function feelTypeOf(value: unknown): FeelType {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number' || typeof value === 'bigint') return 'NUMBER';
  if (typeof value === 'string') return 'STRING';
  if (typeof value === 'function' || value instanceof FeelFunction) return 'FUNCTION';
  if (Array.isArray(value)) return 'ARRAY';
  if (value instanceof FeelDuration) return value.yearsMonths ? 'PERIOD' : 'DURATION';
  if (value instanceof FeelDateTime) return 'DATE_TIME';
  if (value instanceof FeelDate) return 'DATE';
  if (value instanceof FeelTime) return 'TIME';
  if (value instanceof FeelRange) return 'RANGE';
  return 'OBJECT';
}
