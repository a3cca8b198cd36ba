import { describe, expect, it } from '@jest/globals';
import { DeploymentRejected, parseDeploymentResource } from '../../../src/engine/model/index.js';
import type { DeploymentProblem } from '../../../src/engine/model/index.js';
import { messagesFor, readFixture, rejectionOf } from './fixtures.js';

/** `[elementId, message]` pairs, in the order reported. */
function pairs(problems: readonly DeploymentProblem[]): [string | null, string][] {
  return problems.map((problem) => [problem.elementId, problem.message]);
}

describe('unsupported BPMN', () => {
  it('rejects each unsupported element and extension, naming the element and what is not supported', async () => {
    const problems = await rejectionOf('unsupported-elements.bpmn');
    expect(pairs(problems)).toEqual([
      ['StartEvent_Signal', 'signal start events are not supported'],
      ['Gateway_Complex', 'complex gateways are not supported'],
      ['Event_LinkThrow', 'link intermediate throw events are not supported'],
      ['Event_LinkCatch', 'link intermediate catch events are not supported'],
      ['Event_Conditional', 'conditional intermediate catch events are not supported'],
      ['Event_SendNotice', 'message intermediate throw events are not supported'],
      ['EndEvent_Escalate', 'escalation end events are not supported'],
      ['EndEvent_Message', 'message end events are not supported'],
      ['Task_Refund', 'compensation activities (isForCompensation) are not supported'],
      ['Event_Compensate', 'compensation boundary events are not supported'],
      ['Transaction_Booking', 'transactions (transaction sub-processes) are not supported'],
      ['AdHoc_Checks', 'ad-hoc sub-processes are not supported'],
      ['Task_Retry', 'loops (standard loop characteristics) are not supported; use multi-instance instead'],
      ['Task_Listened', 'execution listeners (zeebe:executionListeners) are not supported'],
      [
        'Task_FeelScript',
        'FEEL script tasks (zeebe:script) are not supported; implement the script task with a job worker (zeebe:taskDefinition)',
      ],
      [
        'Task_Decide',
        'DMN decisions (zeebe:calledDecision) are not supported; implement the business rule task with a job worker (zeebe:taskDefinition)',
      ],
      [
        'Task_OldStyle',
        'job-worker user tasks are not supported: make it a Camunda user task (zeebe:userTask, the default in Camunda Modeler 8.8)',
      ],
      ['Task_Listeners', 'user task listeners (zeebe:taskListeners) are not supported'],
    ]);
    expect(problems.find((problem) => problem.elementId === 'Gateway_Complex')).toEqual({
      resourceName: 'unsupported-elements.bpmn',
      elementId: 'Gateway_Complex',
      elementType: 'bpmn:ComplexGateway',
      message: 'complex gateways are not supported',
    });
  });
});

describe('invalid tasks', () => {
  it('rejects job tasks without a job type, bad retries, broken FEEL, bad call activities, multi-instance, user task values and mappings', async () => {
    expect(pairs(await rejectionOf('invalid-tasks.bpmn'))).toEqual([
      ['Task_NoDefinition', 'a job worker task must have a job type (zeebe:taskDefinition type)'],
      ['Task_EmptyType', 'a job worker task must have a job type (zeebe:taskDefinition type)'],
      [
        'Task_BadRetries',
        "zeebe:taskDefinition retries must be a whole number (0 or more) or a FEEL expression, but was 'three'",
      ],
      [
        'Task_BrokenType',
        `zeebe:taskDefinition type: failed to parse expression '"work." +': Incomplete <ArithmeticExpression>`,
      ],
      [
        'Activity_NoProcess',
        'a call activity must name the process it calls (zeebe:calledElement processId)',
      ],
      ['Activity_NoVersionTag', "zeebe:calledElement with bindingType 'versionTag' must have a versionTag"],
      [
        'Task_NoInputCollection',
        'a multi-instance activity must have an input collection (zeebe:loopCharacteristics inputCollection)',
      ],
      [
        'Task_StaticInputCollection',
        "zeebe:loopCharacteristics inputCollection must be a FEEL expression (starting with '='), but was the static value 'items'",
      ],
      [
        'Task_HalfOutput',
        'zeebe:loopCharacteristics outputCollection and outputElement must be set together',
      ],
      [
        'Task_BadDueDate',
        "zeebe:taskSchedule dueDate must be an ISO 8601 date-time with offset (e.g. '2025-03-01T17:00:00+03:30') or a FEEL expression, but was 'next week'",
      ],
      [
        'Task_BadPriority',
        "zeebe:priorityDefinition priority must be a whole number from 0 to 100, but was '200'",
      ],
      ['Task_TwoForms', 'zeebe:formDefinition must have exactly one of formId, externalReference or formKey'],
      [
        'Task_StaticOutput',
        "zeebe:output source of 'complaintStatus' must be a FEEL expression (starting with '='), but was the static value 'status'",
      ],
      ['SubProcess_NoStart', 'an embedded sub-process must have exactly one none start event'],
    ]);
  });
});

describe('invalid events', () => {
  it('rejects message catches without a message name or correlation key', async () => {
    const problems = await rejectionOf('invalid-events.bpmn');
    expect(messagesFor(problems, 'Event_NoMessageRef')).toEqual([
      'the message event must reference a message (messageRef)',
    ]);
    expect(messagesFor(problems, 'Event_NamelessMessage')).toEqual([
      "the message 'Message_Nameless' must have a name",
      "the message 'Message_Nameless' must have a correlation key (zeebe:subscription correlationKey)",
    ]);
    expect(messagesFor(problems, 'Task_NoCorrelationKey')).toEqual([
      "the message 'member-reply' must have a correlation key (zeebe:subscription correlationKey)",
    ]);
    expect(messagesFor(problems, 'StartEvent_VariableMessage')).toEqual([
      "the message name of a message start event must be known at deployment, without variables: Expected result of the expression 'topic' to be 'STRING', but was 'NULL'. The evaluation reported the following warnings:\n[NO_VARIABLE_FOUND] No variable found with name 'topic'",
    ]);
  });

  it('rejects invalid static timer values, timers not allowed where they are, and broken timer FEEL', async () => {
    const problems = await rejectionOf('invalid-events.bpmn');
    expect(messagesFor(problems, 'Event_BadDuration')).toEqual([
      "Invalid timer duration: '15 minutes' is not an ISO 8601 duration such as 'PT15M', 'P2D' or 'P1DT12H'",
    ]);
    expect(messagesFor(problems, 'Event_BadDate')).toEqual([
      "Invalid timer date: '2025-02-30T09:00:00Z' is not an ISO 8601 date-time with offset such as '2025-03-01T09:00:00+03:30' or '2025-03-01T05:30:00Z'",
    ]);
    expect(messagesFor(problems, 'StartEvent_BadCycle')).toEqual([
      "Invalid timer cycle: 'every day' is not an ISO 8601 repeating interval such as 'R3/PT10M' or 'R/P1D', or a cron expression such as '0 0 9 * * MON-FRI' (invalid cron expression: expected 6 fields (second minute hour day-of-month month day-of-week), found 2)",
    ]);
    expect(messagesFor(problems, 'StartEvent_Every15Minutes')).toEqual([
      'a timer start event of a process must use timeDate or timeCycle, not timeDuration',
    ]);
    expect(messagesFor(problems, 'StartEvent_VariableTimer')).toEqual([
      "Invalid timer date expression (evaluated at deployment): Expected result of the expression 'launchDate' to be one of '[DATE_TIME, STRING]', but was 'NULL'. The evaluation reported the following warnings:\n[NO_VARIABLE_FOUND] No variable found with name 'launchDate'",
    ]);
    expect(messagesFor(problems, 'Event_CycleNotAllowed')).toEqual([
      'an intermediate timer catch event must use timeDuration or timeDate, not timeCycle',
    ]);
    expect(messagesFor(problems, 'Event_InterruptingCycle')).toEqual([
      'Interrupting timer event with time cycle is not allowed: only a non-interrupting timer event can repeat',
    ]);
    expect(messagesFor(problems, 'Event_BrokenExpression')).toEqual([
      "timer duration (timeDuration): failed to parse expression 'duration(': Incomplete <DateTimeLiteral>",
    ]);
    expect(messagesFor(problems, 'Event_TwoTimers')).toEqual([
      'Must be exactly one type of timer: timeDuration, timeDate or timeCycle',
    ]);
    expect(messagesFor(problems, 'Event_Nothing')).toEqual([
      'an intermediate catch event needs a timer or message event definition',
    ]);
  });

  it('rejects a non-interrupting error boundary event, an error code expression on a catch, error end events without code', async () => {
    const problems = await rejectionOf('invalid-events.bpmn');
    expect(messagesFor(problems, 'Event_NonInterruptingError')).toEqual([
      'an error boundary event must be interrupting: BPMN has no non-interrupting error events',
    ]);
    expect(messagesFor(problems, 'Event_ErrorCodeExpression')).toEqual([
      "The errorCode of the error catch event is not allowed to be an expression ('=errorCode')",
    ]);
    expect(messagesFor(problems, 'EndEvent_NoErrorRef')).toEqual([
      'an error end event must reference an error (errorRef) with an error code',
    ]);
    expect(messagesFor(problems, 'EndEvent_NoErrorCode')).toEqual([
      "the error 'No code' thrown by the error end event must have an error code",
    ]);
  });

  it('rejects catch events of one scope that wait for the same error or message', async () => {
    expect(pairs(await rejectionOf('duplicate-catches.bpmn'))).toEqual([
      ['Event_FailedTwice', "several error boundary events of 'Task_Work' catch the error code 'FAILED'"],
      ['Event_ReplyTwice', "several boundary events of 'Task_Work' wait for the same message 'reply'"],
      [
        'SubProcess_AnyErrorAgain',
        "several error event sub-processes of 'Process_DuplicateCatches' catch every error (no error code)",
      ],
    ]);
  });
});

describe('invalid gateways and sequence flows', () => {
  it('rejects flows without condition at a branching gateway, static or broken conditions, conditions after tasks, bad event gateways', async () => {
    expect(pairs(await rejectionOf('invalid-gateways.bpmn'))).toEqual([
      [
        'Flow_Static',
        "the condition (conditionExpression) must be a FEEL expression (starting with '='), but was the static value 'approved = false'",
      ],
      [
        'Flow_Broken',
        "the condition (conditionExpression): failed to parse expression 'score >': Incomplete <Comparison>",
      ],
      [
        'Flow_Conditional',
        'conditional sequence flows are only supported where they leave an exclusive or inclusive gateway',
      ],
      [
        'Flow_Rejected',
        "a sequence flow leaving the exclusive gateway 'Gateway_Decide' must have a condition or be its default flow",
      ],
      [
        'Flow_ToEmail',
        "a sequence flow leaving the inclusive gateway 'Gateway_Inclusive' must have a condition or be its default flow",
      ],
      [
        'Flow_ToSms',
        "a sequence flow leaving the inclusive gateway 'Gateway_Inclusive' must have a condition or be its default flow",
      ],
      ['Gateway_AwaitOne', 'an event-based gateway must have at least two outgoing sequence flows'],
      [
        'Gateway_AwaitOne',
        "an event-based gateway must be followed by timer or message intermediate catch events only, not by 'Task_AwaitReply'",
      ],
    ]);
  });
});

describe('processes and resources', () => {
  it('rejects a process without a none, timer or message start event, and one with two none start events', async () => {
    const problems = await rejectionOf('start-event-rules.bpmn');
    expect(problems).toEqual([
      {
        resourceName: 'start-event-rules.bpmn',
        elementId: 'Process_NoStart',
        elementType: 'bpmn:Process',
        message: 'the process must have at least one none, timer or message start event',
      },
      {
        resourceName: 'start-event-rules.bpmn',
        elementId: 'Process_TwoNoneStarts',
        elementType: 'bpmn:Process',
        message: 'the process can have at most one none start event',
      },
    ]);
  });

  it('rejects a resource without an executable process; non-executable processes are not checked', async () => {
    expect(await rejectionOf('not-executable.bpmn')).toEqual([
      {
        resourceName: 'not-executable.bpmn',
        elementId: null,
        elementType: null,
        message: 'the resource must contain at least one executable process (isExecutable="true")',
      },
    ]);
  });

  it('rejects XML that does not parse with one problem naming the resource and the parser message', async () => {
    const xml = await readFixture('gateways.bpmn');
    const truncated = await rejectionOf('complaint.bpmn', xml.slice(0, xml.indexOf('</bpmn:process>')));
    expect(truncated).toHaveLength(1);
    expect(truncated[0]).toMatchObject({
      resourceName: 'complaint.bpmn',
      elementId: null,
      elementType: null,
    });
    expect(truncated[0]?.message).toMatch(/^the BPMN XML could not be parsed: .+/);
    expect(await rejectionOf('notes.bpmn', 'these are my notes')).toEqual([
      {
        resourceName: 'notes.bpmn',
        elementId: null,
        elementType: null,
        message:
          'the BPMN XML could not be parsed: unparsable content these are my notes detected; line: 0; column: 0; nested error: missing start tag',
      },
    ]);
    expect(messagesFor(await rejectionOf('form.bpmn', '<form id="x"/>'), null)).toEqual([
      'the BPMN XML could not be parsed: failed to parse document as <bpmn:Definitions>',
    ]);
  });

  it('rejects content the reader had to drop and references it could not resolve', async () => {
    const xml = (await readFixture('gateways.bpmn'))
      .replace('messageRef="Message_Answer"', 'messageRef="Message_Missing"')
      .replace(
        '<bpmn:task id="Task_File" name="File">',
        '<bpmn:taks id="Task_Typo" /><bpmn:task id="Task_File" name="File">',
      );
    const problems = await rejectionOf('typos.bpmn', xml);
    expect(messagesFor(problems, null)).toEqual([
      expect.stringMatching(/^unparsable content <bpmn:taks> detected; .*unknown type <bpmn:Taks>$/),
    ]);
    expect(messagesFor(problems, 'Event_AnswerReceived')).toEqual([
      'unresolved reference <Message_Missing> (bpmn:messageRef)',
      'the message event must reference a message (messageRef)',
    ]);
  });
});

describe('all problems at once', () => {
  it('reports every problem of a resource in one rejection, readable as one message', async () => {
    const xml = await readFixture('complaint-with-problems.bpmn');
    const rejection = await parseDeploymentResource('complaint.bpmn', xml).catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(DeploymentRejected);
    const { problems, message } = rejection as DeploymentRejected;
    expect(pairs(problems)).toEqual([
      [
        'Task_ForwardToSecretaryGeneral',
        'a job worker task must have a job type (zeebe:taskDefinition type)',
      ],
      [
        'Event_ReplyReceived',
        "the message 'secretary-general-reply' must have a correlation key (zeebe:subscription correlationKey)",
      ],
      ['EndEvent_Escalated', 'signal end events are not supported'],
      [
        'Flow_NotSatisfied',
        "a sequence flow leaving the exclusive gateway 'Gateway_Satisfied' must have a condition or be its default flow",
      ],
    ]);
    expect(message).toBe(
      [
        'Expected to deploy new resources, but encountered the following errors:',
        "'complaint.bpmn':",
        "- Element 'Task_ForwardToSecretaryGeneral' (bpmn:ServiceTask): a job worker task must have a job type (zeebe:taskDefinition type)",
        "- Element 'Event_ReplyReceived' (bpmn:IntermediateCatchEvent): the message 'secretary-general-reply' must have a correlation key (zeebe:subscription correlationKey)",
        "- Element 'EndEvent_Escalated' (bpmn:EndEvent): signal end events are not supported",
        "- Element 'Flow_NotSatisfied' (bpmn:SequenceFlow): a sequence flow leaving the exclusive gateway 'Gateway_Satisfied' must have a condition or be its default flow",
      ].join('\n'),
    );
  });
});
