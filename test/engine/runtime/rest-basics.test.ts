import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmn, line, serviceTask } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';

describe('REST API through the official client', () => {
  let t: EngineUnderTest;
  beforeAll(async () => {
    t = await startEngineUnderTest();
  });
  afterAll(() => t.close());

  it('answers topology', async () => {
    const topology = await t.client.getTopology();
    expect(topology.partitionsCount).toBe(1);
  });

  it('deploys, starts and completes a one-task process with a worker', async () => {
    const deployment = await deploy(t.client, {
      'one.bpmn': bpmn('one', line(serviceTask('Task_A', 'one.a'))),
    });
    expect(deployment.processes[0]).toMatchObject({
      processDefinitionId: 'one',
      processDefinitionVersion: 1,
    });
    const created = await t.client.createProcessInstance({
      processDefinitionId: 'one',
      variables: { n: 1 },
    } as never);
    const activated = await t.client.activateJobs({
      type: 'one.a',
      timeout: 10000,
      maxJobsToActivate: 1,
      worker: 'w',
    } as never);
    expect(activated.jobs).toHaveLength(1);
    expect(activated.jobs[0]!.variables).toEqual({ n: 1 });
    await t.client.completeJob({ jobKey: activated.jobs[0]!.jobKey, variables: { done: true } } as never);
    expect(await t.engine.awaitCompletion(BigInt(created.processInstanceKey), 2000)).toEqual({
      n: 1,
      done: true,
    });
  });
});
