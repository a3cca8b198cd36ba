import { describe, expect, it } from '@jest/globals';
import { expressionText, parseValueOrExpression, staticValueOf } from '../../../src/engine/feel/index.js';

describe('static value or FEEL expression', () => {
  it('reads a value starting with "=" as an expression, without the "=" and surrounding spaces', () => {
    expect(parseValueOrExpression('= x > 1 ')).toEqual({ kind: 'expression', expression: 'x > 1' });
    expect(parseValueOrExpression('=a\n+ b')).toEqual({ kind: 'expression', expression: 'a\n+ b' });
  });

  it('reads anything else as a static value, as written', () => {
    expect(parseValueOrExpression('complaint.forward')).toEqual({
      kind: 'static',
      value: 'complaint.forward',
    });
    expect(parseValueOrExpression(' =x')).toEqual({ kind: 'static', value: ' =x' });
    expect(parseValueOrExpression('=')).toEqual({ kind: 'static', value: '=' });
    expect(parseValueOrExpression('')).toEqual({ kind: 'static', value: '' });
  });

  it('types a static value as a number when it reads as a decimal number, else as a string', () => {
    expect(staticValueOf({ kind: 'static', value: '3' })).toBe(3);
    expect(staticValueOf({ kind: 'static', value: '-2.5e3' })).toBe(-2500);
    expect(staticValueOf({ kind: 'static', value: '3 times' })).toBe('3 times');
    expect(staticValueOf({ kind: 'static', value: 'sales, operations' })).toBe('sales, operations');
  });

  it('quotes the expression text or the static value in messages', () => {
    expect(expressionText(parseValueOrExpression('= score >= 8'))).toBe('score >= 8');
    expect(expressionText(parseValueOrExpression('PT15M'))).toBe('PT15M');
  });
});
