import { describe, expect, it } from '@jest/globals';
import {
  evaluateBoolean,
  evaluateCorrelationKey,
  evaluateDateTime,
  evaluateInteger,
  evaluateJson,
  evaluateList,
  evaluateMappingSource,
  evaluateNumber,
  evaluateString,
  evaluateStringList,
  parseValueOrExpression,
} from '../../../src/engine/feel/index.js';

const value = parseValueOrExpression;

describe('conditions (evaluateBoolean)', () => {
  it('returns the boolean result', () => {
    expect(evaluateBoolean(value('= score >= 8'), { score: 9 })).toEqual({
      ok: true,
      value: true,
      warnings: [],
    });
    expect(evaluateBoolean(value('= score >= 8'), { score: 3 })).toEqual({
      ok: true,
      value: false,
      warnings: [],
    });
  });

  it('fails on a result that is not a boolean, as Zeebe raises an incident', () => {
    expect(evaluateBoolean(value('= decision'), { decision: 'yes' })).toEqual({
      ok: false,
      failure: {
        kind: 'type',
        message: "Expected result of the expression 'decision' to be 'BOOLEAN', but was 'STRING'.",
      },
    });
  });

  it('fails on null (a missing variable is not false) and names the warning', () => {
    expect(evaluateBoolean(value('= score > 10'), {})).toEqual({
      ok: false,
      failure: {
        kind: 'type',
        message:
          "Expected result of the expression 'score > 10' to be 'BOOLEAN', but was 'NULL'. " +
          "The evaluation reported the following warnings:\n[NO_VARIABLE_FOUND] No variable found with name 'score'",
      },
    });
  });

  it('fails on a syntax error', () => {
    expect(evaluateBoolean(value('= score >'), { score: 1 })).toMatchObject({
      ok: false,
      failure: { kind: 'syntax' },
    });
  });
});

describe('typed attribute values', () => {
  it('evaluates strings: job types, assignees, called process ids', () => {
    expect(evaluateString(value('complaint.forward'), {})).toMatchObject({
      ok: true,
      value: 'complaint.forward',
    });
    expect(evaluateString(value('= "notify." + channel'), { channel: 'sms' })).toMatchObject({
      ok: true,
      value: 'notify.sms',
    });
    expect(evaluateString(value('= channel'), { channel: 3 })).toMatchObject({
      ok: false,
      failure: {
        kind: 'type',
        message: "Expected result of the expression 'channel' to be 'STRING', but was 'NUMBER'.",
      },
    });
  });

  it('evaluates numbers: job retries, static or FEEL', () => {
    expect(evaluateNumber(value('5'), {})).toMatchObject({ ok: true, value: 5 });
    expect(evaluateNumber(value('= retries + 1'), { retries: 2 })).toMatchObject({ ok: true, value: 3 });
    expect(evaluateNumber(value('= "3"'), {})).toMatchObject({ ok: false, failure: { kind: 'type' } });
  });

  it('evaluates whole numbers: priorities', () => {
    expect(evaluateInteger(value('= 75'), {})).toMatchObject({ ok: true, value: 75 });
    expect(evaluateInteger(value('= 7.5'), {})).toMatchObject({
      ok: false,
      failure: { message: "Expected result of the expression '7.5' to be an integer, but was a decimal." },
    });
  });

  it('evaluates lists for multi-instance input collections, items as JSON', () => {
    expect(
      evaluateList(value('= specialists[active = true]'), {
        specialists: [
          { id: 1, active: true },
          { id: 2, active: false },
        ],
      }),
    ).toEqual({
      ok: true,
      value: [{ id: 1, active: true }],
      warnings: [],
    });
    expect(evaluateList(value('= for d in [1, 2] return date("2025-03-0" + string(d))'), {})).toMatchObject({
      ok: true,
      value: ['2025-03-01', '2025-03-02'],
    });
    expect(evaluateList(value('= specialists'), { specialists: 'all' })).toEqual({
      ok: false,
      failure: {
        kind: 'type',
        message: "Expected result of the expression 'specialists' to be 'ARRAY', but was 'STRING'.",
      },
    });
  });

  it('evaluates candidate groups: a static comma-separated list or a FEEL list of strings', () => {
    expect(evaluateStringList(value('mcc-expert, mcc-head,'), {})).toMatchObject({
      ok: true,
      value: ['mcc-expert', 'mcc-head'],
    });
    expect(evaluateStringList(value('= [unit, "mcc-head"]'), { unit: 'unit-7' })).toMatchObject({
      ok: true,
      value: ['unit-7', 'mcc-head'],
    });
    expect(evaluateStringList(value('= [1, "a"]'), {})).toMatchObject({
      ok: false,
      failure: {
        message:
          "Expected result of the expression '[1, \"a\"]' to be 'ARRAY' containing 'STRING' items, but was 'ARRAY' containing at least one non-'STRING' item.",
      },
    });
  });

  it('evaluates correlation keys: a string, or a number written as a whole number', () => {
    expect(evaluateCorrelationKey(value('= complaintId'), { complaintId: 'C-12' })).toMatchObject({
      ok: true,
      value: 'C-12',
    });
    expect(evaluateCorrelationKey(value('= memberNumber'), { memberNumber: 4711 })).toMatchObject({
      ok: true,
      value: '4711',
    });
    expect(evaluateCorrelationKey(value('= member'), { member: { id: 1 } })).toMatchObject({
      ok: false,
      failure: {
        message:
          "Failed to extract the correlation key for 'member': The value must be either a string or a number, but was 'OBJECT'.",
      },
    });
  });

  it('evaluates date-times from FEEL or ISO 8601 text, and allows none for due dates', () => {
    expect(evaluateDateTime(value('2025-03-01T09:00:00+03:30'), {})).toMatchObject({
      ok: true,
      value: { epochMillis: Date.UTC(2025, 2, 1, 5, 30), text: '2025-03-01T09:00+03:30' },
    });
    expect(
      evaluateDateTime(value('= date and time("2025-03-01T05:30:00Z") + duration("P2D")'), {}),
    ).toMatchObject({
      ok: true,
      value: { epochMillis: Date.UTC(2025, 2, 3, 5, 30), text: '2025-03-03T05:30Z' },
    });
    expect(
      evaluateDateTime(value('= deadline'), { deadline: '2025-03-01T09:00:00+03:30[Asia/Tehran]' }),
    ).toMatchObject({
      ok: true,
      value: { text: '2025-03-01T09:00+03:30[Asia/Tehran]' },
    });
    expect(evaluateDateTime(value('= deadline'), { deadline: 'next week' })).toMatchObject({
      ok: false,
      failure: { message: "Invalid date-time format 'next week' for expression 'deadline'." },
    });
    expect(evaluateDateTime(value('= deadline'), {}, { nullable: true })).toMatchObject({
      ok: true,
      value: null,
    });
    expect(evaluateDateTime(value('= deadline'), {})).toMatchObject({ ok: false, failure: { kind: 'type' } });
  });

  it('evaluates any value to JSON for variable mappings', () => {
    expect(evaluateJson(value('secretariat'), {})).toMatchObject({ ok: true, value: 'secretariat' });
    expect(
      evaluateJson(value('= {id: complaint.id, at: date("2025-03-01")}'), { complaint: { id: 7 } }),
    ).toMatchObject({
      ok: true,
      value: { id: 7, at: '2025-03-01' },
    });
  });

  it('evaluates input mapping sources: a static source is a string, no source is null', () => {
    expect(evaluateMappingSource(value('3'), {})).toMatchObject({ ok: true, value: '3' });
    expect(evaluateMappingSource(null, {})).toMatchObject({ ok: true, value: null });
    expect(evaluateMappingSource(value('= count + 1'), { count: 2 })).toMatchObject({ ok: true, value: 3 });
  });
});
