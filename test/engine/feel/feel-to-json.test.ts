import { describe, expect, it } from '@jest/globals';
import { evaluateFeel, feelToJson, feelTypeOf } from '../../../src/engine/feel/index.js';

function json(expression: string, variables: Record<string, unknown> = {}): unknown {
  const result = evaluateFeel(expression, variables);
  if (!result.ok) throw new Error(result.failure.message);
  return feelToJson(result.value);
}

describe('FEEL values as JSON variables', () => {
  it('writes dates, times and date-times as Java writes them', () => {
    expect(json('date("2025-03-01")')).toBe('2025-03-01');
    expect(json('date and time("2025-03-01T09:00:00Z")')).toBe('2025-03-01T09:00Z');
    expect(json('date and time("2025-03-01T09:00:05.120+03:30")')).toBe('2025-03-01T09:00:05.120+03:30');
    expect(json('date and time("2025-03-01T09:00:00@Asia/Tehran")')).toBe(
      '2025-03-01T09:00+03:30[Asia/Tehran]',
    );
    expect(json('date and time("2025-03-01T09:00:00")')).toMatch(/^2025-03-01T09:00(Z|[+-]\d{2}:\d{2})$/);
    expect(json('time("10:15:00")')).toBe('10:15');
    expect(json('time("10:15:30+02:00")')).toBe('10:15:30+02:00');
  });

  it('writes durations as Java writes them: days and time in hours, years and months as a period', () => {
    expect(json('duration("P3D")')).toBe('PT72H');
    expect(json('duration("PT90M")')).toBe('PT1H30M');
    expect(json('duration("PT0.5S")')).toBe('PT0.5S');
    expect(json('duration("PT0S")')).toBe('PT0S');
    expect(json('duration("P1Y14M")')).toBe('P2Y2M');
    expect(json('duration("-PT5M")')).toBe('PT-5M');
  });

  it('converts contexts and lists deeply', () => {
    expect(json('{decision: "approve", at: date("2025-03-01"), steps: [duration("PT1H"), null]}')).toEqual({
      decision: 'approve',
      at: '2025-03-01',
      steps: ['PT1H', null],
    });
  });

  it('writes values JSON cannot hold as null', () => {
    expect(json('function(x) x + 1')).toBeNull();
    expect(json('[1..3]')).toBeNull();
  });

  it("names types as Zeebe's messages do", () => {
    expect(feelTypeOf(null)).toBe('NULL');
    expect(feelTypeOf([1])).toBe('ARRAY');
    expect(feelTypeOf({ a: 1 })).toBe('OBJECT');
    const duration = evaluateFeel('duration("PT1H")', {});
    const period = evaluateFeel('duration("P1M")', {});
    expect(duration.ok && feelTypeOf(duration.value)).toBe('DURATION');
    expect(period.ok && feelTypeOf(period.value)).toBe('PERIOD');
  });
});
