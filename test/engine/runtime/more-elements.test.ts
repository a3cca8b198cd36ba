import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import { createEngineApp, listen } from '../../../src/engine/api/server.js';
import { Scheduler } from '../../../src/engine/scheduler/scheduler.js';
import { bpmn, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';
import { elementPath, instanceState, rootVariables } from '../support/engine-state.js';

const messages = `<bpmn:message id="Message_Reply" name="member-reply"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>
<bpmn:message id="Message_Cancel" name="case-cancelled"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>`;

const receive = bpmn(
  'receive',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:manualTask id="Task_Call" name="Call the member" />',
    '<bpmn:task id="Task_Note" name="Note it" />',
    '<bpmn:receiveTask id="Task_AwaitReply" messageRef="Message_Reply" />',
    '<bpmn:boundaryEvent id="NoReply" attachedToRef="Task_AwaitReply"><bpmn:timerEventDefinition><bpmn:timeDuration>PT24H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
    '<bpmn:endEvent id="End" />',
    '<bpmn:endEvent id="End_NoReply" />',
    flow('f1', 'Start', 'Task_Call'),
    flow('f2', 'Task_Call', 'Task_Note'),
    flow('f3', 'Task_Note', 'Task_AwaitReply'),
    flow('f4', 'Task_AwaitReply', 'End'),
    flow('f5', 'NoReply', 'End_NoReply'),
  ].join('\n'),
  messages,
);

// Interrupting event sub-processes: a message cancels the case, a timer closes it after 30 days.
const cancellable = bpmn(
  'cancellable',
  [
    '<bpmn:startEvent id="Start" />',
    serviceTask('Task_Work', 'case-work'),
    '<bpmn:endEvent id="End" />',
    flow('f1', 'Start', 'Task_Work'),
    flow('f2', 'Task_Work', 'End'),
    '<bpmn:subProcess id="Esp_Cancelled" triggeredByEvent="true"><bpmn:startEvent id="Esp_C_Start"><bpmn:messageEventDefinition messageRef="Message_Cancel" /></bpmn:startEvent><bpmn:endEvent id="Esp_C_End" />',
    flow('c1', 'Esp_C_Start', 'Esp_C_End'),
    '</bpmn:subProcess>',
    '<bpmn:subProcess id="Esp_Expired" triggeredByEvent="true"><bpmn:startEvent id="Esp_T_Start"><bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent><bpmn:endEvent id="Esp_T_End" />',
    flow('t1', 'Esp_T_Start', 'Esp_T_End'),
    '</bpmn:subProcess>',
  ].join('\n'),
  messages,
);

// Multi-instance embedded sub-process with input/output mappings per item.
const perMember = bpmn(
  'perMember',
  [
    '<bpmn:startEvent id="Start" />',
    `<bpmn:subProcess id="Sub_PerMember"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=memberIds" inputElement="memberId" outputCollection="scores" outputElement="=score" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>`,
    '<bpmn:startEvent id="Sub_Start" />',
    serviceTask('Task_Survey', 'survey-member'),
    '<bpmn:endEvent id="Sub_End" />',
    flow('s1', 'Sub_Start', 'Task_Survey'),
    flow('s2', 'Task_Survey', 'Sub_End'),
    '</bpmn:subProcess>',
    '<bpmn:endEvent id="End" />',
    flow('f1', 'Start', 'Sub_PerMember'),
    flow('f2', 'Sub_PerMember', 'End'),
  ].join('\n'),
);

describe('receive tasks, manual and undefined tasks, interrupting event sub-processes, multi-instance sub-processes', () => {
  let t: EngineUnderTest;
  let scheduler: Scheduler;
  const T0 = Date.parse('2026-04-01T05:00:00Z');
  const at = async (ms: number) => {
    await t.client.pinClock({ timestamp: ms } as never);
    await scheduler.runOnce();
  };
  beforeAll(async () => {
    t = await startEngineUnderTest({ clockControl: true });
    scheduler = new Scheduler(t.engine);
    await t.client.pinClock({ timestamp: T0 } as never);
    await deploy(t.client, {
      'receive.bpmn': receive,
      'cancellable.bpmn': cancellable,
      'per-member.bpmn': perMember,
    });
  });
  afterAll(() => t.close());

  const start = async (id: string, variables: object = {}) =>
    (await t.client.createProcessInstance({ processDefinitionId: id, variables } as never))
      .processInstanceKey;

  it('R-CALL-07 manual and undefined tasks pass through; a receive task waits for its message, else its timer', async () => {
    const replied = await start('receive', { caseId: 'K1' });
    expect(await elementPath(t.pool, replied)).toEqual(
      expect.arrayContaining(['Task_Call:COMPLETED', 'Task_Note:COMPLETED', 'Task_AwaitReply:ACTIVATED']),
    );
    await t.client.publishMessage({
      name: 'member-reply',
      correlationKey: 'K1',
      variables: { answer: 'done' },
    } as never);
    expect(await instanceState(t.pool, replied)).toBe('COMPLETED');
    expect(await rootVariables(t.pool, replied)).toMatchObject({ answer: 'done' });

    const silent = await start('receive', { caseId: 'K2' });
    await at(T0 + 24 * 3_600_000);
    expect(await elementPath(t.pool, silent)).toEqual(
      expect.arrayContaining(['Task_AwaitReply:TERMINATED', 'End_NoReply:COMPLETED']),
    );
  });

  it('an interrupting message event sub-process ends the case; an interrupting timer one expires another', async () => {
    await at(T0);
    const cancelled = await start('cancellable', { caseId: 'K3' });
    const expired = await start('cancellable', { caseId: 'K4' });
    await t.client.publishMessage({ name: 'case-cancelled', correlationKey: 'K3' } as never);
    expect(await instanceState(t.pool, cancelled)).toBe('COMPLETED');
    expect(await elementPath(t.pool, cancelled)).toEqual(
      expect.arrayContaining(['Task_Work:TERMINATED', 'Esp_Cancelled:COMPLETED']),
    );
    await at(T0 + 30 * 86_400_000);
    expect(await instanceState(t.pool, expired)).toBe('COMPLETED');
    expect(await elementPath(t.pool, expired)).toEqual(
      expect.arrayContaining(['Task_Work:TERMINATED', 'Esp_Expired:COMPLETED']),
    );
    const { rows } = await t.pool.query('select 1 from engine.jobs where process_instance_key in ($1, $2)', [
      cancelled,
      expired,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('R-PS-07 a multi-instance sub-process runs per member and collects each result', async () => {
    const key = await start('perMember', { memberIds: [11, 12] });
    const { jobs } = await t.client.activateJobs({
      type: 'survey-member',
      timeout: 60_000,
      maxJobsToActivate: 5,
    } as never);
    expect(jobs.map((j) => j.variables.memberId)).toEqual([11, 12]);
    for (const job of jobs)
      await t.client.completeJob({
        jobKey: job.jobKey,
        variables: { score: Number(job.variables.memberId) * 2 },
      } as never);
    expect(await rootVariables(t.pool, key)).toMatchObject({ scores: [22, 24] });
  });

  it('the REST API can require basic authentication', async () => {
    const api = await listen(
      createEngineApp(t.engine, { basicAuth: { username: 'engine', password: 's3cret' } }),
      0,
    );
    try {
      const anonymous = await fetch(`${api.url}/v2/topology`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/Basic/);
      const client = createCamundaClient({
        config: {
          CAMUNDA_REST_ADDRESS: api.url,
          CAMUNDA_AUTH_STRATEGY: 'BASIC',
          CAMUNDA_BASIC_AUTH_USERNAME: 'engine',
          CAMUNDA_BASIC_AUTH_PASSWORD: 's3cret',
          CAMUNDA_SDK_VALIDATION: 'strict',
        } as never,
      });
      expect((await client.getTopology()).clusterSize).toBe(1);
    } finally {
      await api.close();
    }
  });
});
