import { describe, expect, it } from '@jest/globals';
import type { WorkerDefinition } from '../../src/camunda/worker-definition.js';
import { ALL_WORKERS } from '../../workers/index.js';
import { inputIssues } from './support.js';

const worker = (type: string): WorkerDefinition => {
  const found = ALL_WORKERS.find((w) => w.type === type);
  if (!found) throw new Error(`no worker ${type}`);
  return found;
};

/** The job types of processes/complaint-handling.md, both processes. */
const CONTRACT_JOB_TYPES = [
  'complaint.register',
  'complaint.acknowledge',
  'complaint.escalate',
  'complaint.record-stage',
  'complaint.classify-deadlines',
  'complaint.forward-to-secretary-general',
  'complaint.list-eligible-handlers',
  'complaint.check-handler-independence',
  'complaint.remind',
  'complaint.record-root-cause',
  'complaint.convene-committee',
  'complaint.record-committee-decision',
  'complaint.notify-result',
  'complaint.record-satisfaction',
  'complaint.close',
  'corrective-action.open',
  'corrective-action.remind',
  'notification.notify-staff',
  'corrective-action.escalate',
  'corrective-action.record-progress',
  'corrective-action.record-verification',
];

/** For each job type: variables that are wrong, and the variable the error must name. */
const WRONG: readonly [type: string, variables: Record<string, unknown>, named: string][] = [
  ['complaint.register', { complaintId: 'abc' }, 'complaintId'],
  [
    'complaint.register',
    { channel: 'survey', memberId: 3, subject: 'x', description: 'y' },
    'sourceReference',
  ],
  ['complaint.acknowledge', {}, 'complaintId'],
  ['complaint.escalate', { complaintId: -1 }, 'complaintId'],
  ['complaint.record-stage', { complaintId: 1.5 }, 'complaintId'],
  ['complaint.classify-deadlines', { complaintId: 1, severity: 'urgent' }, 'severity'],
  ['complaint.forward-to-secretary-general', { complaintId: null }, 'complaintId'],
  ['complaint.list-eligible-handlers', { complaintId: true }, 'complaintId'],
  ['complaint.check-handler-independence', { complaintId: 1 }, 'handlerUsername'],
  ['complaint.remind', { complaintId: 'x' }, 'complaintId'],
  [
    'complaint.record-root-cause',
    { complaintId: 1, rootCauseMethod: 'pareto', rootCauseCategory: 'a', rootCause: 'b' },
    'rootCauseMethod',
  ],
  [
    'complaint.convene-committee',
    { complaintId: 1, committeeAt: 'tomorrow', committeeLocation: 'اتاق', committeeAgenda: 'الف' },
    'committeeAt',
  ],
  [
    'complaint.record-committee-decision',
    { complaintId: 1, committeeDecision: 'postponed' },
    'committeeDecision',
  ],
  ['complaint.notify-result', { complaintId: 1, finalResult: 'settled' }, 'resultText'],
  ['complaint.record-satisfaction', { complaintId: 1, satisfaction: 7 }, 'satisfaction'],
  ['complaint.close', { complaintId: 1, finalResult: 'done' }, 'finalResult'],
  [
    'corrective-action.open',
    {
      sourceType: 'complaint',
      description: 'a',
      ownerUsername: 'b',
      dueOn: '2026-07-01',
      successIndicator: 'c',
    },
    'complaintId',
  ],
  [
    'corrective-action.open',
    {
      sourceType: 'survey',
      surveyId: 1,
      description: 'a',
      ownerUsername: 'b',
      dueOn: '1405/04/10',
      successIndicator: 'c',
    },
    'dueOn',
  ],
  [
    'corrective-action.open',
    {
      sourceType: 'call',
      callId: 2,
      description: 'a',
      ownerUsername: 'b',
      dueOn: '2026-07-01',
      successIndicator: 'c',
      verifyAfterDays: 14,
    },
    'verifyAfterDays',
  ],
  ['corrective-action.remind', { correctiveActionId: '' }, 'correctiveActionId'],
  ['corrective-action.escalate', {}, 'correctiveActionId'],
  [
    'corrective-action.record-progress',
    { correctiveActionId: 1, progressPct: 120, done: false },
    'progressPct',
  ],
  ['corrective-action.record-verification', { correctiveActionId: 1, effective: 'maybe' }, 'effective'],
];

describe('worker definitions', () => {
  it('the workers implement exactly the job types of the process contract', () => {
    expect(ALL_WORKERS.map((w) => w.type).sort()).toEqual([...CONTRACT_JOB_TYPES].sort());
    for (const w of ALL_WORKERS) expect(w.description.length).toBeGreaterThan(10);
  });

  it('R-CMP-14 complaint.record-stage, complaint.remind and complaint.escalate declare the headers they read', () => {
    expect(Object.keys(worker('complaint.record-stage').headers ?? {})).toEqual(['stage', 'fields']);
    expect(Object.keys(worker('complaint.remind').headers ?? {})).toEqual(['reason']);
    expect(Object.keys(worker('complaint.escalate').headers ?? {})).toEqual(['reason']);
  });

  it.each(WRONG)('%s rejects wrong variables and names the variable (%#)', (type, variables, named) => {
    const issues = inputIssues(worker(type), variables);
    expect(issues.some((i) => i.startsWith(`${named}:`))).toBe(true);
  });

  it('R-CMP-02 complaint.register accepts either complaintId or the complaint-raised message variables', () => {
    expect(inputIssues(worker('complaint.register'), { complaintId: 7 })).toEqual([]);
    expect(inputIssues(worker('complaint.register'), { complaintId: '7' })).toEqual([]);
    expect(
      inputIssues(worker('complaint.register'), {
        channel: 'meeting',
        sourceReference: 'meeting-3/member-9',
        memberId: 9,
        subject: 'کیفیت نشست',
        description: 'سخنران دیر آمد.',
        sourceMeetingId: 3,
      }),
    ).toEqual([]);
  });

  it('form values arrive as text: ids, booleans and numbers given as strings are read', () => {
    expect(
      inputIssues(worker('corrective-action.record-progress'), {
        correctiveActionId: '4',
        progressPct: '50',
        done: 'false',
      }),
    ).toEqual([]);
    const parsed = worker('corrective-action.record-verification').input.parse({
      correctiveActionId: '4',
      effective: 'true',
    });
    expect(parsed).toEqual({ correctiveActionId: 4, effective: true });
  });
});
