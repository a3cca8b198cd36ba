import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmn, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';
import { NOW, raw } from './search-helpers.js';

/** Work is repeated until `done`; then a child process is called. Flow_Skip is never taken. */
const looping = bpmn(
  'looping',
  [
    '<bpmn:startEvent id="Start" />',
    serviceTask('Task_Work', 'work'),
    '<bpmn:exclusiveGateway id="Gateway_Done" default="Flow_Again" />',
    '<bpmn:callActivity id="Call_Child"><bpmn:extensionElements><zeebe:calledElement processId="child" propagateAllChildVariables="false" /></bpmn:extensionElements></bpmn:callActivity>',
    '<bpmn:endEvent id="End" />',
    '<bpmn:endEvent id="End_Skipped" />',
    flow('Flow_Start', 'Start', 'Task_Work'),
    flow('Flow_Work', 'Task_Work', 'Gateway_Done'),
    flow('Flow_Again', 'Gateway_Done', 'Task_Work'),
    flow('Flow_Done', 'Gateway_Done', 'Call_Child', 'done = true'),
    flow('Flow_Skip', 'Gateway_Done', 'End_Skipped', 'false'),
    flow('Flow_End', 'Call_Child', 'End'),
  ].join('\n'),
);

const child = bpmn(
  'child',
  [
    '<bpmn:startEvent id="Child_Start" />',
    '<bpmn:endEvent id="Child_End" />',
    flow('Flow_Child', 'Child_Start', 'Child_End'),
  ].join('\n'),
);

describe('GET /v2/process-instances/{key}/sequence-flows', () => {
  let t: EngineUnderTest;
  let instance: string;
  let definition: string;

  beforeAll(async () => {
    t = await startEngineUnderTest();
    const deployment = await deploy(t.client, { 'looping.bpmn': looping, 'child.bpmn': child });
    definition = deployment.processes.find((p) => p.processDefinitionId === 'looping')!.processDefinitionKey;
    instance = (await t.client.createProcessInstance({ processDefinitionId: 'looping' } as never))
      .processInstanceKey as string;
    for (const done of [false, true]) {
      const { jobs } = await t.client.activateJobs({
        type: 'work',
        timeout: 10_000,
        maxJobsToActivate: 1,
        worker: 'w',
      } as never);
      await t.client.completeJob({ jobKey: jobs[0]!.jobKey, variables: { done } } as never);
    }
  });
  afterAll(() => t.close());

  it('lists each flow the instance took once, in the order first taken, as Camunda 8.8 answers', async () => {
    const result = await t.client.getProcessInstanceSequenceFlows(
      { processInstanceKey: instance } as never,
      NOW,
    );
    expect(result.items!.map((f) => f.elementId)).toEqual([
      'Flow_Start',
      'Flow_Work',
      'Flow_Again',
      'Flow_Done',
      'Flow_End',
    ]);
    expect(result.items![0]).toEqual({
      sequenceFlowId: `${instance}_Flow_Start`,
      processInstanceKey: instance,
      processDefinitionKey: definition,
      processDefinitionId: 'looping',
      elementId: 'Flow_Start',
      tenantId: '<default>',
    });
  });

  it('keeps the flows of a called instance with that instance', async () => {
    const children = await t.client.searchProcessInstances(
      { filter: { parentProcessInstanceKey: instance } } as never,
      NOW,
    );
    const childKey = children.items[0]!.processInstanceKey;
    const result = await t.client.getProcessInstanceSequenceFlows(
      { processInstanceKey: childKey } as never,
      NOW,
    );
    expect(result.items!.map((f) => [f.elementId, f.processDefinitionId])).toEqual([['Flow_Child', 'child']]);
  });

  it('answers an empty list for an unknown instance and 400 for a malformed key', async () => {
    const unknown = await raw(t.url, 'GET', '/process-instances/2251799813685249/sequence-flows');
    expect(unknown).toMatchObject({ status: 200, body: { items: [] } });
    const malformed = await raw(t.url, 'GET', '/process-instances/abc/sequence-flows');
    expect(malformed.status).toBe(400);
    expect(malformed.contentType).toContain('application/problem+json');
  });
});
