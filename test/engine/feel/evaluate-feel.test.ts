import { describe, expect, it } from '@jest/globals';
import { evaluateFeel, findFeelSyntaxError } from '../../../src/engine/feel/index.js';

describe('evaluateFeel', () => {
  it('evaluates an expression against variables', () => {
    expect(evaluateFeel('score >= 8 and member.active', { score: 9, member: { active: true } })).toEqual({
      ok: true,
      value: true,
      warnings: [],
    });
  });

  it('evaluates a missing variable to null and reports it as Zeebe does, as a warning', () => {
    expect(evaluateFeel('x', {})).toEqual({
      ok: true,
      value: null,
      warnings: [{ type: 'NO_VARIABLE_FOUND', message: "No variable found with name 'x'" }],
    });
  });

  it('reports a syntax error as a failure instead of throwing', () => {
    const result = evaluateFeel('x > ', { x: 1 });
    expect(result).toEqual({
      ok: false,
      failure: { kind: 'syntax', message: "failed to parse expression 'x > ': Incomplete <Comparison>" },
    });
  });

  it('never throws: an exception while evaluating becomes an evaluation failure', () => {
    const variables = {
      get member(): unknown {
        throw new Error('boom');
      },
    };
    expect(evaluateFeel('member', variables)).toEqual({
      ok: false,
      failure: { kind: 'evaluation', message: "failed to evaluate expression 'member': boom" },
    });
  });

  it('uses the engine clock for now() and today()', () => {
    const now = new Date(2025, 2, 1, 9, 30, 15, 250);
    const local = evaluateFeel('string(now())', {}, { now });
    expect(local.ok && local.value).toMatch(/^2025-03-01T09:30:15\.25/);
    expect(evaluateFeel('today() = date("2025-03-01")', {}, { now })).toMatchObject({
      ok: true,
      value: true,
    });
    expect(evaluateFeel('now() + duration("P1D") > now()', {}, { now })).toMatchObject({
      ok: true,
      value: true,
    });
  });
});

describe('findFeelSyntaxError', () => {
  it('accepts a valid expression without evaluating it', () => {
    expect(findFeelSyntaxError('for item in items return item.price * (1 + vat)')).toBeNull();
  });

  it('names what is wrong with an invalid one', () => {
    expect(findFeelSyntaxError('x >')).toBe('Incomplete <Comparison>');
    expect(findFeelSyntaxError('{a: 1')).toBe('Incomplete <Context>');
    expect(findFeelSyntaxError(')')).toBe("Unrecognized token ')' in <Expression>");
  });
});
