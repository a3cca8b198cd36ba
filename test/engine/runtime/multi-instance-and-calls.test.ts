import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmn, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';
import { elementPath, incidentsOf, instanceState, rootVariables } from '../support/engine-state.js';

const mi = (attrs: string, sequential = false, completion = '') =>
  `<bpmn:multiInstanceLoopCharacteristics${sequential ? ' isSequential="true"' : ''}><bpmn:extensionElements><zeebe:loopCharacteristics ${attrs} /></bpmn:extensionElements>${
    completion
      ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${completion}</bpmn:completionCondition>`
      : ''
  }</bpmn:multiInstanceLoopCharacteristics>`;

const invite = (sequential: boolean, completion = '') =>
  `<bpmn:serviceTask id="Task_Invite" name="Invite"><bpmn:extensionElements><zeebe:taskDefinition type="invite" /></bpmn:extensionElements>${mi(
    'inputCollection="=members" inputElement="member" outputCollection="responses" outputElement="=response"',
    sequential,
    completion,
  )}</bpmn:serviceTask>`;

const line = (id: string, task: string) =>
  bpmn(
    id,
    [
      '<bpmn:startEvent id="Start" />',
      task,
      '<bpmn:endEvent id="End" />',
      flow('f1', 'Start', 'Task_Invite'),
      flow('f2', 'Task_Invite', 'End'),
    ].join('\n'),
  );

// R-CMP-11: the complaint calls the corrective-action process for each action the committee defined.
const corrective = bpmn(
  'correctiveAction',
  [
    '<bpmn:startEvent id="Start" />',
    serviceTask('Task_Follow', 'follow-action'),
    '<bpmn:endEvent id="End" />',
    flow('f1', 'Start', 'Task_Follow'),
    flow('f2', 'Task_Follow', 'End'),
  ].join('\n'),
);

const complaint = bpmn(
  'complaintWithActions',
  [
    '<bpmn:startEvent id="Start" />',
    `<bpmn:callActivity id="Call_Actions"><bpmn:extensionElements><zeebe:calledElement processId="correctiveAction" propagateAllChildVariables="false" />
       <zeebe:ioMapping><zeebe:input source="=action" target="action" /><zeebe:output source="=verified" target="verifiedCount" /></zeebe:ioMapping></bpmn:extensionElements>
       ${mi('inputCollection="=actions" inputElement="action"')}</bpmn:callActivity>`,
    '<bpmn:endEvent id="End" />',
    flow('f1', 'Start', 'Call_Actions'),
    flow('f2', 'Call_Actions', 'End'),
  ].join('\n'),
);

const callMissing = bpmn(
  'callMissing',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:callActivity id="Call_Nothing"><bpmn:extensionElements><zeebe:calledElement processId="=target" /></bpmn:extensionElements></bpmn:callActivity>',
    '<bpmn:endEvent id="End" />',
    flow('f1', 'Start', 'Call_Nothing'),
    flow('f2', 'Call_Nothing', 'End'),
  ].join('\n'),
);

const childThrows = bpmn(
  'childThrows',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:endEvent id="End_Error"><bpmn:errorEventDefinition errorRef="Err" /></bpmn:endEvent>',
    flow('f1', 'Start', 'End_Error'),
  ].join('\n'),
  '<bpmn:error id="Err" name="Err" errorCode="NO_OWNER" />',
);

const parentCatches = bpmn(
  'parentCatches',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:callActivity id="Call_Child"><bpmn:extensionElements><zeebe:calledElement processId="childThrows" /></bpmn:extensionElements></bpmn:callActivity>',
    '<bpmn:boundaryEvent id="Caught" attachedToRef="Call_Child"><bpmn:errorEventDefinition errorRef="Err" /></bpmn:boundaryEvent>',
    '<bpmn:endEvent id="End" />',
    '<bpmn:endEvent id="End_Caught" />',
    flow('f1', 'Start', 'Call_Child'),
    flow('f2', 'Call_Child', 'End'),
    flow('f3', 'Caught', 'End_Caught'),
  ].join('\n'),
  '<bpmn:error id="Err" name="Err" errorCode="NO_OWNER" />',
);

const inclusive = bpmn(
  'inclusive',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:inclusiveGateway id="Fork" default="f_none" />',
    serviceTask('Task_Email', 'email'),
    serviceTask('Task_Sms', 'sms'),
    '<bpmn:inclusiveGateway id="Join" />',
    '<bpmn:endEvent id="End" />',
    flow('f0', 'Start', 'Fork'),
    flow('f_email', 'Fork', 'Task_Email', 'email != null'),
    flow('f_sms', 'Fork', 'Task_Sms', 'mobile != null'),
    flow('f_none', 'Fork', 'Join'),
    flow('j1', 'Task_Email', 'Join'),
    flow('j2', 'Task_Sms', 'Join'),
    flow('j3', 'Join', 'End'),
  ].join('\n'),
);

describe('multi-instance, call activities, inclusive gateways (zeebe-semantics §6.3, §7, §8.3)', () => {
  let t: EngineUnderTest;
  beforeAll(async () => {
    t = await startEngineUnderTest();
    await deploy(t.client, {
      'parallel.bpmn': line('parallelMi', invite(false)),
      'sequential.bpmn': line('sequentialMi', invite(true)),
      'quorum.bpmn': line('quorumMi', invite(false, '=numberOfCompletedInstances &gt;= 2')),
      'corrective.bpmn': corrective,
      'complaint.bpmn': complaint,
      'missing.bpmn': callMissing,
      'child.bpmn': childThrows,
      'parent.bpmn': parentCatches,
      'inclusive.bpmn': inclusive,
    });
  });
  afterAll(() => t.close());

  const start = async (id: string, variables: object = {}) =>
    (await t.client.createProcessInstance({ processDefinitionId: id, variables } as never))
      .processInstanceKey;
  const jobs = async (type: string, n = 10) =>
    (
      await t.client.activateJobs({
        type,
        timeout: 60_000,
        maxJobsToActivate: n,
        requestTimeout: -1,
      } as never)
    ).jobs;

  it('R-CMP-09 parallel multi-instance: one job per item, output collected in input order', async () => {
    const key = await start('parallelMi', { members: ['sg', 'mcc.manager', 'strategy.manager'] });
    const invited = await jobs('invite');
    expect(invited.map((j) => j.variables.member)).toEqual(['sg', 'mcc.manager', 'strategy.manager']);
    expect(invited.map((j) => j.variables.loopCounter)).toEqual([1, 2, 3]);
    for (const job of [...invited].reverse()) {
      await t.client.completeJob({
        jobKey: job.jobKey,
        variables: { response: `ok:${job.variables.member}` },
      } as never);
    }
    expect(await instanceState(t.pool, key)).toBe('COMPLETED');
    expect(await rootVariables(t.pool, key)).toMatchObject({
      responses: ['ok:sg', 'ok:mcc.manager', 'ok:strategy.manager'],
    });
  });

  it('sequential multi-instance runs one item after another; an empty collection completes at once', async () => {
    const key = await start('sequentialMi', { members: ['a', 'b'] });
    let active = await jobs('invite');
    expect(active.map((j) => j.variables.member)).toEqual(['a']);
    await t.client.completeJob({ jobKey: active[0]!.jobKey, variables: { response: 1 } } as never);
    active = await jobs('invite');
    expect(active.map((j) => j.variables.member)).toEqual(['b']);
    await t.client.completeJob({ jobKey: active[0]!.jobKey, variables: { response: 2 } } as never);
    expect(await rootVariables(t.pool, key)).toMatchObject({ responses: [1, 2] });
    const empty = await start('sequentialMi', { members: [] });
    expect(await instanceState(t.pool, empty)).toBe('COMPLETED');
    expect(await rootVariables(t.pool, empty)).toMatchObject({ responses: [] });
  });

  it('a completion condition ends the remaining instances', async () => {
    const key = await start('quorumMi', { members: ['a', 'b', 'c'] });
    const active = await jobs('invite');
    await t.client.completeJob({ jobKey: active[0]!.jobKey, variables: { response: 'yes' } } as never);
    await t.client.completeJob({ jobKey: active[1]!.jobKey, variables: { response: 'yes' } } as never);
    expect(await instanceState(t.pool, key)).toBe('COMPLETED');
    expect((await elementPath(t.pool, key)).filter((e) => e === 'Task_Invite:TERMINATED')).toHaveLength(1);
    expect(await rootVariables(t.pool, key)).toMatchObject({ responses: ['yes', 'yes', null] });
  });

  it('an input collection that is not a list raises EXTRACT_VALUE_ERROR on the body', async () => {
    const key = await start('parallelMi', { members: 'everyone' });
    expect((await incidentsOf(t.pool, key))[0]).toMatchObject({
      error_type: 'EXTRACT_VALUE_ERROR',
      element_id: 'Task_Invite',
    });
  });

  it('R-CMP-11 a call activity per corrective action: children get the mapped variables, outputs come back', async () => {
    const key = await start('complaintWithActions', {
      actions: ['retrain staff', 'fix the form'],
      secret: 'x',
    });
    const followed = await jobs('follow-action');
    expect(followed.map((j) => j.variables.action).sort()).toEqual(['fix the form', 'retrain staff']);
    expect(followed[0]!.variables).toHaveProperty('secret'); // propagateAllParentVariables defaults to true
    const { rows: children } = await t.pool.query(
      'select key::text, parent_element_instance_key::text from engine.process_instances where parent_process_instance_key = $1',
      [key],
    );
    expect(children).toHaveLength(2);
    await expect(
      t.client.cancelProcessInstance({ processInstanceKey: children[0]!.key } as never),
    ).rejects.toMatchObject({ status: 409 });
    for (const job of followed)
      await t.client.completeJob({
        jobKey: job.jobKey,
        variables: { verified: true, childOnly: 1 },
      } as never);
    expect(await instanceState(t.pool, key)).toBe('COMPLETED');
    const root = await rootVariables(t.pool, key);
    expect(root).toMatchObject({ verifiedCount: true });
    expect(root).not.toHaveProperty('childOnly');
  });

  it('cancelling the parent terminates the called children', async () => {
    const key = await start('complaintWithActions', { actions: ['one'] });
    await t.client.cancelProcessInstance({ processInstanceKey: key } as never);
    expect(await instanceState(t.pool, key)).toBe('TERMINATED');
    const { rows } = await t.pool.query(
      'select state from engine.process_instances where parent_process_instance_key = $1',
      [key],
    );
    expect(rows.map((r) => r.state)).toEqual(['TERMINATED']);
  });

  it('calling a process that is not deployed raises CALLED_ELEMENT_ERROR', async () => {
    const key = await start('callMissing', { target: 'noSuchProcess' });
    expect((await incidentsOf(t.pool, key))[0]).toMatchObject({
      error_type: 'CALLED_ELEMENT_ERROR',
      element_id: 'Call_Nothing',
    });
  });

  it('an error the child does not catch is caught on the call activity in the parent', async () => {
    const key = await start('parentCatches');
    expect(await instanceState(t.pool, key)).toBe('COMPLETED');
    expect(await elementPath(t.pool, key)).toEqual(
      expect.arrayContaining(['Call_Child:TERMINATED', 'Caught:COMPLETED']),
    );
    const { rows } = await t.pool.query(
      'select state from engine.process_instances where parent_process_instance_key = $1',
      [key],
    );
    expect(rows.map((r) => r.state)).toEqual(['TERMINATED']);
  });

  it('R-CMP-12 an inclusive gateway takes every flow whose condition holds and joins only those', async () => {
    const both = await start('inclusive', { email: 'a@b.ir', mobile: '09130000000' });
    const email = await jobs('email');
    const sms = await jobs('sms');
    await t.client.completeJob({ jobKey: email[0]!.jobKey } as never);
    expect(await instanceState(t.pool, both)).toBe('ACTIVE');
    await t.client.completeJob({ jobKey: sms[0]!.jobKey } as never);
    expect(await instanceState(t.pool, both)).toBe('COMPLETED');

    const emailOnly = await start('inclusive', { email: 'a@b.ir', mobile: null });
    await t.client.completeJob({ jobKey: (await jobs('email'))[0]!.jobKey } as never);
    expect(await instanceState(t.pool, emailOnly)).toBe('COMPLETED');
    expect(await jobs('sms')).toHaveLength(0);

    const neither = await start('inclusive', { email: null, mobile: null });
    expect(await instanceState(t.pool, neither)).toBe('COMPLETED');
  });
});
