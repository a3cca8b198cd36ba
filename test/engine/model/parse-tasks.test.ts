import { describe, expect, it } from '@jest/globals';
import { parseDeploymentResource } from '../../../src/engine/model/index.js';
import { elementOf, parseFixture, readFixture } from './fixtures.js';

describe('job worker tasks', () => {
  it('reads the process id, name, version tag and a checksum of the resource', async () => {
    const bpmn = await parseFixture('job-worker-tasks.bpmn');
    expect(bpmn.resourceName).toBe('job-worker-tasks.bpmn');
    expect(bpmn.processes).toHaveLength(1);
    expect(bpmn.processes[0]).toMatchObject({
      bpmnProcessId: 'Process_JobWorkerTasks',
      name: 'Job worker tasks',
      versionTag: 'v1.2',
      checksum: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(bpmn.processes[0]?.process).toMatchObject({
      id: 'Process_JobWorkerTasks',
      noneStartEventId: 'StartEvent_Received',
      startEventIds: ['StartEvent_Received'],
    });
  });

  it('gives the same checksum to the same text only', async () => {
    const xml = await readFixture('job-worker-tasks.bpmn');
    const first = await parseDeploymentResource('a.bpmn', xml);
    const second = await parseDeploymentResource('b.bpmn', xml);
    const changed = await parseDeploymentResource(
      'a.bpmn',
      xml.replace('Job worker tasks', 'Job worker tasks v2'),
    );
    expect(second.processes[0]?.checksum).toBe(first.processes[0]?.checksum);
    expect(changed.processes[0]?.checksum).not.toBe(first.processes[0]?.checksum);
  });

  it('reads a service task: job type, retries, headers, input and output mappings, flows', async () => {
    const task = elementOf(
      await parseFixture('job-worker-tasks.bpmn'),
      'Task_ForwardToSecretaryGeneral',
      'serviceTask',
    );
    expect(task).toEqual({
      kind: 'serviceTask',
      elementType: 'SERVICE_TASK',
      id: 'Task_ForwardToSecretaryGeneral',
      name: 'Forward to the Secretary General',
      flowScopeId: 'Process_JobWorkerTasks',
      incoming: ['Flow_ToForward'],
      outgoing: ['Flow_ToNotify'],
      job: {
        type: { kind: 'static', value: 'complaint.forward-to-secretary-general' },
        retries: { kind: 'static', value: '5' },
        headers: { template: 'forward-letter', priority: 'high' },
      },
      ioMapping: {
        inputs: [
          { source: { kind: 'expression', expression: 'complaint.id' }, target: 'complaintId' },
          { source: { kind: 'static', value: 'secretariat' }, target: 'channel' },
          { source: null, target: 'reply' },
        ],
        outputs: [
          { source: { kind: 'expression', expression: 'forwardedAt' }, target: 'complaint.forwardedAt' },
        ],
      },
      boundaryEventIds: [],
      multiInstance: null,
    });
  });

  it('reads job type and retries given as FEEL, and the default of three retries', async () => {
    const bpmn = await parseFixture('job-worker-tasks.bpmn');
    expect(elementOf(bpmn, 'Task_NotifyMember', 'sendTask')).toMatchObject({
      elementType: 'SEND_TASK',
      job: {
        type: { kind: 'expression', expression: '"notify." + channel' },
        retries: { kind: 'expression', expression: 'retryCount' },
        headers: {},
      },
    });
    expect(elementOf(bpmn, 'Task_ScoreSurvey', 'scriptTask')).toMatchObject({
      elementType: 'SCRIPT_TASK',
      job: { type: { kind: 'static', value: 'survey.score' }, retries: { kind: 'static', value: '3' } },
    });
    expect(elementOf(bpmn, 'Task_CheckStakeholder', 'businessRuleTask')).toMatchObject({
      elementType: 'BUSINESS_RULE_TASK',
      job: {
        type: { kind: 'static', value: 'complaint.check-stakeholder' },
        retries: { kind: 'static', value: '0' },
      },
    });
  });
});

describe('user tasks', () => {
  it('reads assignment, schedule, priority, form, headers and mappings of a Camunda user task', async () => {
    const task = elementOf(await parseFixture('user-tasks.bpmn'), 'Task_ReviewComplaint', 'userTask');
    expect(task).toMatchObject({
      elementType: 'USER_TASK',
      assignee: { kind: 'expression', expression: 'handler' },
      candidateGroups: { kind: 'static', value: 'mcc-expert, mcc-head' },
      candidateUsers: { kind: 'expression', expression: '[secretary, deputy]' },
      dueDate: { kind: 'expression', expression: 'deadline' },
      followUpDate: { kind: 'static', value: '2025-03-01T09:00:00+03:30' },
      priority: { kind: 'static', value: '75' },
      form: {
        type: 'formId',
        formId: { kind: 'static', value: 'complaint-review' },
        bindingType: 'latest',
        versionTag: null,
      },
      headers: { rule: 'MCC-7.2' },
      ioMapping: {
        inputs: [{ source: { kind: 'expression', expression: 'complaint.subject' }, target: 'subject' }],
        outputs: [{ source: { kind: 'expression', expression: 'decision' }, target: 'reviewDecision' }],
      },
    });
  });

  it('reads an external form reference, an old-style form key as is, and a form bound to a version tag', async () => {
    const bpmn = await parseFixture('user-tasks.bpmn');
    expect(elementOf(bpmn, 'Task_CallMember', 'userTask')).toMatchObject({
      form: {
        type: 'externalReference',
        externalReference: { kind: 'static', value: 'https://forms.example.org/call' },
      },
      assignee: null,
      candidateGroups: null,
      dueDate: null,
      priority: null,
    });
    expect(elementOf(bpmn, 'Task_ArchiveLetter', 'userTask').form).toEqual({
      type: 'formKey',
      formKey: 'camunda-forms:bpmn:UserTaskForm_Legacy',
    });
    expect(elementOf(bpmn, 'Task_SignMinutes', 'userTask').form).toEqual({
      type: 'formId',
      formId: { kind: 'static', value: 'meeting-minutes' },
      bindingType: 'versionTag',
      versionTag: 'v3',
    });
  });

  it('collects the forms linked by id, for the deployer to check', async () => {
    expect((await parseFixture('user-tasks.bpmn')).linkedForms).toEqual([
      {
        bpmnProcessId: 'Process_UserTasks',
        elementId: 'StartEvent_Registered',
        formId: 'call-registration',
        bindingType: 'latest',
        versionTag: null,
      },
      {
        bpmnProcessId: 'Process_UserTasks',
        elementId: 'Task_ReviewComplaint',
        formId: 'complaint-review',
        bindingType: 'latest',
        versionTag: null,
      },
      {
        bpmnProcessId: 'Process_UserTasks',
        elementId: 'Task_SignMinutes',
        formId: 'meeting-minutes',
        bindingType: 'versionTag',
        versionTag: 'v3',
      },
    ]);
  });
});

describe('other activities', () => {
  it('reads a receive task with its message and output mapping', async () => {
    expect(elementOf(await parseFixture('activities.bpmn'), 'Task_AwaitAgenda', 'receiveTask')).toMatchObject(
      {
        elementType: 'RECEIVE_TASK',
        eventDefinition: {
          type: 'message',
          messageName: { kind: 'static', value: 'agenda-published' },
          correlationKey: { kind: 'expression', expression: 'meetingId' },
        },
        ioMapping: {
          outputs: [{ source: { kind: 'expression', expression: 'agenda' }, target: 'meetingAgenda' }],
        },
      },
    );
  });

  it('reads manual and undefined tasks as pass-through tasks', async () => {
    const bpmn = await parseFixture('activities.bpmn');
    expect(elementOf(bpmn, 'Task_PrintAgenda', 'manualTask')).toMatchObject({ elementType: 'MANUAL_TASK' });
    expect(elementOf(bpmn, 'Task_PrepareRoom', 'task')).toMatchObject({ elementType: 'TASK' });
  });

  it('reads a parallel multi-instance task with input and output collections and a completion condition', async () => {
    expect(
      elementOf(await parseFixture('activities.bpmn'), 'Task_InviteSpecialists', 'serviceTask').multiInstance,
    ).toEqual({
      isSequential: false,
      inputCollection: { kind: 'expression', expression: 'specialists' },
      inputElement: 'specialist',
      output: { collection: 'invitations', element: { kind: 'expression', expression: 'invitation' } },
      completionCondition: { kind: 'expression', expression: 'numberOfCompletedInstances >= quorum' },
    });
  });

  it('reads a call activity: called process id (FEEL), binding, variable propagation, sequential multi-instance', async () => {
    const bpmn = await parseFixture('activities.bpmn');
    expect(elementOf(bpmn, 'Activity_FollowUpCalls', 'callActivity')).toMatchObject({
      elementType: 'CALL_ACTIVITY',
      processId: { kind: 'expression', expression: 'followUpProcessId' },
      bindingType: 'deployment',
      versionTag: null,
      propagateAllChildVariables: false,
      propagateAllParentVariables: true,
      multiInstance: {
        isSequential: true,
        inputCollection: { expression: 'calls' },
        inputElement: 'call',
        output: null,
      },
      ioMapping: {
        inputs: [{ source: { kind: 'expression', expression: 'call.id' }, target: 'callId' }],
        outputs: [{ source: { kind: 'expression', expression: 'outcome' }, target: 'callOutcome' }],
      },
    });
    expect(elementOf(bpmn, 'Activity_SixMonthSurvey', 'callActivity')).toMatchObject({
      processId: { kind: 'static', value: 'six-month-survey' },
      bindingType: 'latest',
      propagateAllChildVariables: true,
      propagateAllParentVariables: false,
    });
  });

  it('reads an embedded sub-process as a scope with its own start event and children', async () => {
    const bpmn = await parseFixture('activities.bpmn');
    expect(elementOf(bpmn, 'SubProcess_CorrectiveAction', 'subProcess')).toMatchObject({
      elementType: 'SUB_PROCESS',
      flowScopeId: 'Process_Activities',
      startEventId: 'StartEvent_ActionStarted',
      childIds: ['StartEvent_ActionStarted', 'Task_PlanAction', 'EndEvent_ActionPlanned'],
      startEventIds: ['StartEvent_ActionStarted'],
      eventSubProcessIds: [],
      multiInstance: { isSequential: true, inputElement: 'finding' },
      ioMapping: {
        inputs: [{ source: { kind: 'expression', expression: 'finding' }, target: 'currentFinding' }],
        outputs: [{ source: { kind: 'expression', expression: 'actionTaken' }, target: 'lastAction' }],
      },
    });
    expect(elementOf(bpmn, 'Task_PlanAction', 'serviceTask')).toMatchObject({
      flowScopeId: 'SubProcess_CorrectiveAction',
      incoming: ['Flow_ToPlan'],
      outgoing: ['Flow_ToPlanned'],
    });
    expect(bpmn.processes[0]?.process.sequenceFlows['Flow_ToPlan']).toEqual({
      id: 'Flow_ToPlan',
      name: null,
      sourceId: 'StartEvent_ActionStarted',
      targetId: 'Task_PlanAction',
      condition: null,
    });
  });
});
