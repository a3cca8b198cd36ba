import { describe, expect, it } from '@jest/globals';
import { elementOf, parseFixture } from './fixtures.js';

describe('start events of a process', () => {
  it('lists the none, timer and message start events of the process', async () => {
    const process = (await parseFixture('start-events.bpmn')).processes[0]?.process;
    expect(process).toMatchObject({
      noneStartEventId: 'StartEvent_Manual',
      startEventIds: [
        'StartEvent_Manual',
        'StartEvent_Monthly',
        'StartEvent_Daily',
        'StartEvent_Launch',
        'StartEvent_Computed',
        'StartEvent_SurveyRequested',
        'StartEvent_ComputedMessage',
      ],
    });
  });

  it('reads timer start events with a cron or ISO cycle, or a date (static or FEEL)', async () => {
    const bpmn = await parseFixture('start-events.bpmn');
    expect(elementOf(bpmn, 'StartEvent_Monthly', 'startEvent').eventDefinition).toEqual({
      type: 'timer',
      kind: 'timeCycle',
      value: { kind: 'static', value: '0 0 9 1 * *' },
    });
    expect(elementOf(bpmn, 'StartEvent_Daily', 'startEvent').eventDefinition).toEqual({
      type: 'timer',
      kind: 'timeCycle',
      value: { kind: 'static', value: 'R/P1D' },
    });
    expect(elementOf(bpmn, 'StartEvent_Launch', 'startEvent').eventDefinition).toEqual({
      type: 'timer',
      kind: 'timeDate',
      value: { kind: 'static', value: '2025-03-21T09:00:00+03:30' },
    });
    expect(elementOf(bpmn, 'StartEvent_Computed', 'startEvent').eventDefinition).toEqual({
      type: 'timer',
      kind: 'timeDate',
      value: { kind: 'expression', expression: 'date and time("2025-06-01T08:00:00Z")' },
    });
  });

  it('fixes the message name of a message start event at deployment, FEEL included', async () => {
    const bpmn = await parseFixture('start-events.bpmn');
    expect(elementOf(bpmn, 'StartEvent_SurveyRequested', 'startEvent').eventDefinition).toEqual({
      type: 'message',
      messageName: 'survey-requested',
    });
    expect(elementOf(bpmn, 'StartEvent_ComputedMessage', 'startEvent').eventDefinition).toEqual({
      type: 'message',
      messageName: 'survey-reminder',
    });
  });
});

describe('intermediate events', () => {
  it('reads a timer catch event and a message catch event with its correlation key and output mapping', async () => {
    const bpmn = await parseFixture('events.bpmn');
    expect(elementOf(bpmn, 'Event_WaitThreeDays', 'intermediateCatchEvent')).toMatchObject({
      elementType: 'INTERMEDIATE_CATCH_EVENT',
      eventDefinition: { type: 'timer', kind: 'timeDuration', value: { kind: 'static', value: 'P3D' } },
    });
    expect(elementOf(bpmn, 'Event_ReplyReceived', 'intermediateCatchEvent')).toMatchObject({
      eventDefinition: {
        type: 'message',
        messageName: { kind: 'static', value: 'member-reply' },
        correlationKey: { kind: 'expression', expression: 'complaintId' },
      },
      ioMapping: {
        inputs: [],
        outputs: [{ source: { kind: 'expression', expression: 'reply' }, target: 'memberReply' }],
      },
    });
  });

  it('reads a none intermediate throw event', async () => {
    expect(
      elementOf(await parseFixture('events.bpmn'), 'Event_ReplyLogged', 'intermediateThrowEvent'),
    ).toMatchObject({
      elementType: 'INTERMEDIATE_THROW_EVENT',
      eventDefinition: { type: 'none' },
      incoming: ['Flow_ToLogged'],
      outgoing: ['Flow_ToHandle'],
    });
  });
});

describe('boundary events', () => {
  it('lists the boundary events of an activity, on the activity and on its scope', async () => {
    const bpmn = await parseFixture('events.bpmn');
    const attached = [
      'Event_HandlingOverdue',
      'Event_DailyReminder',
      'Event_MemberWithdrew',
      'Event_NoHandler',
    ];
    expect(elementOf(bpmn, 'Task_HandleComplaint', 'serviceTask').boundaryEventIds).toEqual(attached);
    expect(bpmn.processes[0]?.process.boundaryEventIdsByAttachedId).toEqual({
      Task_HandleComplaint: attached,
      SubProcess_Investigation: ['Event_InvestigationFailed', 'Event_InvestigationDeadline'],
    });
  });

  it('reads interrupting and non-interrupting timers: duration (FEEL), cycle, date', async () => {
    const bpmn = await parseFixture('events.bpmn');
    expect(elementOf(bpmn, 'Event_HandlingOverdue', 'boundaryEvent')).toMatchObject({
      elementType: 'BOUNDARY_EVENT',
      attachedToId: 'Task_HandleComplaint',
      flowScopeId: 'Process_Events',
      cancelActivity: true,
      eventDefinition: {
        type: 'timer',
        kind: 'timeDuration',
        value: { kind: 'expression', expression: 'duration("P" + string(slaDays) + "D")' },
      },
      outgoing: ['Flow_OverdueToUnresolved'],
    });
    expect(elementOf(bpmn, 'Event_DailyReminder', 'boundaryEvent')).toMatchObject({
      cancelActivity: false,
      eventDefinition: { type: 'timer', kind: 'timeCycle', value: { kind: 'static', value: 'R/PT24H' } },
    });
    expect(elementOf(bpmn, 'Event_InvestigationDeadline', 'boundaryEvent')).toMatchObject({
      attachedToId: 'SubProcess_Investigation',
      cancelActivity: true,
      eventDefinition: {
        type: 'timer',
        kind: 'timeDate',
        value: { kind: 'expression', expression: 'deadline' },
      },
    });
  });

  it('reads a non-interrupting message boundary event', async () => {
    expect(
      elementOf(await parseFixture('events.bpmn'), 'Event_MemberWithdrew', 'boundaryEvent'),
    ).toMatchObject({
      cancelActivity: false,
      eventDefinition: {
        type: 'message',
        messageName: { kind: 'static', value: 'complaint-withdrawn' },
        correlationKey: { kind: 'expression', expression: 'complaintId' },
      },
    });
  });

  it('reads error boundary events with an error code, or without one to catch every error', async () => {
    const bpmn = await parseFixture('events.bpmn');
    expect(elementOf(bpmn, 'Event_NoHandler', 'boundaryEvent')).toMatchObject({
      cancelActivity: true,
      eventDefinition: { type: 'error', errorCode: 'NO_HANDLER' },
    });
    expect(elementOf(bpmn, 'Event_InvestigationFailed', 'boundaryEvent')).toMatchObject({
      cancelActivity: true,
      eventDefinition: { type: 'error', errorCode: null },
    });
  });
});

describe('end events', () => {
  it('reads none, error (static or FEEL code) and terminate end events', async () => {
    const bpmn = await parseFixture('events.bpmn');
    expect(elementOf(bpmn, 'EndEvent_Done', 'endEvent').eventDefinition).toEqual({ type: 'none' });
    expect(elementOf(bpmn, 'EndEvent_Invalid', 'endEvent')).toMatchObject({
      flowScopeId: 'SubProcess_Investigation',
      eventDefinition: { type: 'error', errorCode: { kind: 'static', value: 'COMPLAINT_INVALID' } },
    });
    expect(elementOf(bpmn, 'EndEvent_Unresolved', 'endEvent')).toMatchObject({
      incoming: ['Flow_OverdueToUnresolved', 'Flow_NoHandlerToUnresolved'],
      eventDefinition: {
        type: 'error',
        errorCode: { kind: 'expression', expression: '"UNRESOLVED-" + category' },
      },
    });
    expect(elementOf(bpmn, 'EndEvent_Terminated', 'endEvent').eventDefinition).toEqual({ type: 'terminate' });
  });
});

describe('event sub-processes', () => {
  it('lists the event sub-processes of their scope', async () => {
    const process = (await parseFixture('events.bpmn')).processes[0]?.process;
    expect(process?.eventSubProcessIds).toEqual([
      'SubProcess_HourlyReminder',
      'SubProcess_Cancelled',
      'SubProcess_Unexpected',
    ]);
    expect(process?.startEventIds).toEqual(['StartEvent_Opened']);
  });

  it('reads a non-interrupting timer event sub-process', async () => {
    expect(
      elementOf(await parseFixture('events.bpmn'), 'SubProcess_HourlyReminder', 'eventSubProcess'),
    ).toMatchObject({
      elementType: 'EVENT_SUB_PROCESS',
      flowScopeId: 'Process_Events',
      startEventId: 'StartEvent_EveryHour',
      isInterrupting: false,
      eventDefinition: { type: 'timer', kind: 'timeCycle', value: { kind: 'static', value: 'R3/PT1H' } },
      childIds: ['StartEvent_EveryHour', 'EndEvent_HourlyReminded'],
      incoming: [],
      outgoing: [],
    });
  });

  it('reads an interrupting message event sub-process with FEEL name and correlation key', async () => {
    const bpmn = await parseFixture('events.bpmn');
    expect(elementOf(bpmn, 'SubProcess_Cancelled', 'eventSubProcess')).toMatchObject({
      isInterrupting: true,
      eventDefinition: {
        type: 'message',
        messageName: { kind: 'expression', expression: '"cancel-" + category' },
        correlationKey: { kind: 'expression', expression: 'string(memberNumber)' },
      },
    });
    expect(elementOf(bpmn, 'StartEvent_CancelRequested', 'startEvent').flowScopeId).toBe(
      'SubProcess_Cancelled',
    );
  });

  it('reads an error event sub-process', async () => {
    expect(
      elementOf(await parseFixture('events.bpmn'), 'SubProcess_Unexpected', 'eventSubProcess'),
    ).toMatchObject({
      isInterrupting: true,
      eventDefinition: { type: 'error', errorCode: 'UNEXPECTED' },
    });
  });
});
