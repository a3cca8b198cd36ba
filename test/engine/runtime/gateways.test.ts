import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmn, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';
import { elementPath, incidentsOf, instanceState } from '../support/engine-state.js';

const exclusive = bpmn(
  'exclusive',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:exclusiveGateway id="Gateway_Severity" default="Flow_Minor" />',
    '<bpmn:endEvent id="End_Critical" />',
    '<bpmn:endEvent id="End_Major" />',
    '<bpmn:endEvent id="End_Minor" />',
    flow('Flow_Start', 'Start', 'Gateway_Severity'),
    flow('Flow_Critical', 'Gateway_Severity', 'End_Critical', 'severity = "critical"'),
    flow('Flow_Major', 'Gateway_Severity', 'End_Major', 'severity = "major"'),
    flow('Flow_Minor', 'Gateway_Severity', 'End_Minor'),
  ].join('\n'),
);

const noDefault = bpmn(
  'noDefault',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:exclusiveGateway id="Gateway_Decide" />',
    '<bpmn:endEvent id="End_Yes" />',
    '<bpmn:endEvent id="End_No" />',
    flow('Flow_Start', 'Start', 'Gateway_Decide'),
    flow('Flow_Yes', 'Gateway_Decide', 'End_Yes', 'accepted = true'),
    flow('Flow_No', 'Gateway_Decide', 'End_No', 'accepted = false'),
  ].join('\n'),
);

const parallel = bpmn(
  'parallel',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:parallelGateway id="Fork" />',
    serviceTask('Task_Notify', 'notify'),
    serviceTask('Task_Record', 'record'),
    '<bpmn:parallelGateway id="Join" />',
    '<bpmn:endEvent id="End" />',
    flow('f0', 'Start', 'Fork'),
    flow('f1', 'Fork', 'Task_Notify'),
    flow('f2', 'Fork', 'Task_Record'),
    flow('f3', 'Task_Notify', 'Join'),
    flow('f4', 'Task_Record', 'Join'),
    flow('f5', 'Join', 'End'),
  ].join('\n'),
);

describe('gateways', () => {
  let t: EngineUnderTest;
  beforeAll(async () => {
    t = await startEngineUnderTest();
    await deploy(t.client, {
      'exclusive.bpmn': exclusive,
      'no-default.bpmn': noDefault,
      'parallel.bpmn': parallel,
    });
  });
  afterAll(() => t.close());

  const start = async (id: string, variables: Record<string, unknown>) =>
    (await t.client.createProcessInstance({ processDefinitionId: id, variables } as never))
      .processInstanceKey;

  it('an exclusive gateway takes the first flow whose condition holds, else the default', async () => {
    for (const [severity, end] of [
      ['critical', 'End_Critical'],
      ['major', 'End_Major'],
      ['minor', 'End_Minor'],
    ]) {
      const key = await start('exclusive', { severity });
      expect(await instanceState(t.pool, key)).toBe('COMPLETED');
      expect(await elementPath(t.pool, key)).toContain(`${end}:COMPLETED`);
    }
  });

  it('a condition that is not boolean raises EXTRACT_VALUE_ERROR, none true and no default CONDITION_ERROR; fixing and resolving continues', async () => {
    const key = await start('noDefault', { accepted: 'maybe' });
    let [incident] = await incidentsOf(t.pool, key);
    expect(incident).toMatchObject({
      error_type: 'EXTRACT_VALUE_ERROR',
      element_id: 'Gateway_Decide',
      state: 'ACTIVE',
    });
    expect(incident!.error_message).toMatch(/BOOLEAN/);
    await t.client.createElementInstanceVariables({
      elementInstanceKey: key,
      variables: { accepted: 'neither' },
    } as never);
    await t.client.resolveIncident({ incidentKey: incident!.key } as never);
    [, incident] = await incidentsOf(t.pool, key);
    expect(incident).toMatchObject({ error_type: 'EXTRACT_VALUE_ERROR', state: 'ACTIVE' });

    // FEEL compares null with true as false: no condition holds.
    const other = await start('noDefault', { accepted: null });
    expect((await incidentsOf(t.pool, other))[0]).toMatchObject({
      error_type: 'CONDITION_ERROR',
      error_message: 'Expected at least one condition to evaluate to true, or to have a default flow',
    });
    await t.client.createElementInstanceVariables({
      elementInstanceKey: other,
      variables: { accepted: true },
    } as never);
    await t.client.resolveIncident({ incidentKey: (await incidentsOf(t.pool, other))[0]!.key } as never);
    expect(await instanceState(t.pool, other)).toBe('COMPLETED');
    expect(await elementPath(t.pool, other)).toContain('End_Yes:COMPLETED');
  });

  it('a parallel gateway forks every flow and joins when all have arrived', async () => {
    const key = await start('parallel', {});
    const notify = await t.client.activateJobs({
      type: 'notify',
      timeout: 60000,
      maxJobsToActivate: 1,
    } as never);
    const record = await t.client.activateJobs({
      type: 'record',
      timeout: 60000,
      maxJobsToActivate: 1,
    } as never);
    await t.client.completeJob({ jobKey: notify.jobs[0]!.jobKey } as never);
    expect(await instanceState(t.pool, key)).toBe('ACTIVE');
    expect(await elementPath(t.pool, key)).not.toContain('Join:COMPLETED');
    await t.client.completeJob({ jobKey: record.jobs[0]!.jobKey } as never);
    expect(await instanceState(t.pool, key)).toBe('COMPLETED');
    expect((await elementPath(t.pool, key)).filter((e) => e.startsWith('Join:'))).toEqual(['Join:COMPLETED']);
  });
});
