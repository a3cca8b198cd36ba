import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Scheduler } from '../../../src/engine/scheduler/scheduler.js';
import { bpmn, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';
import { elementPath, instanceState, rootVariables } from '../support/engine-state.js';

const messages = `
  <bpmn:message id="Message_Feedback" name="satisfaction-feedback"><bpmn:extensionElements><zeebe:subscription correlationKey="=trackingCode" /></bpmn:extensionElements></bpmn:message>
  <bpmn:message id="Message_Complaint" name="complaint-raised" />
  <bpmn:message id="Message_Withdrawn" name="complaint-withdrawn"><bpmn:extensionElements><zeebe:subscription correlationKey="=trackingCode" /></bpmn:extensionElements></bpmn:message>`;

const awaitFeedback = bpmn(
  'awaitFeedback',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:intermediateCatchEvent id="Catch_Feedback"><bpmn:messageEventDefinition messageRef="Message_Feedback" /></bpmn:intermediateCatchEvent>',
    '<bpmn:endEvent id="End" />',
    flow('f1', 'Start', 'Catch_Feedback'),
    flow('f2', 'Catch_Feedback', 'End'),
  ].join('\n'),
  messages,
);

const fromSurveys = bpmn(
  'fromSurveys',
  [
    '<bpmn:startEvent id="Start_Raised"><bpmn:messageEventDefinition messageRef="Message_Complaint" /></bpmn:startEvent>',
    serviceTask('Task_Register', 'register'),
    '<bpmn:endEvent id="End" />',
    flow('f1', 'Start_Raised', 'Task_Register'),
    flow('f2', 'Task_Register', 'End'),
  ].join('\n'),
  messages,
);

const withdrawable = bpmn(
  'withdrawable',
  [
    '<bpmn:startEvent id="Start" />',
    serviceTask('Task_Handle', 'handle'),
    '<bpmn:boundaryEvent id="Withdrawn" attachedToRef="Task_Handle"><bpmn:messageEventDefinition messageRef="Message_Withdrawn" /></bpmn:boundaryEvent>',
    '<bpmn:endEvent id="End" />',
    '<bpmn:endEvent id="End_Withdrawn" />',
    flow('f1', 'Start', 'Task_Handle'),
    flow('f2', 'Task_Handle', 'End'),
    flow('f3', 'Withdrawn', 'End_Withdrawn'),
  ].join('\n'),
  messages,
);

describe('messages (zeebe-semantics §4)', () => {
  let t: EngineUnderTest;
  let scheduler: Scheduler;
  const T0 = Date.parse('2026-03-01T06:00:00Z');
  beforeAll(async () => {
    t = await startEngineUnderTest({ clockControl: true });
    scheduler = new Scheduler(t.engine);
    await t.client.pinClock({ timestamp: T0 } as never);
    await deploy(t.client, { 'a.bpmn': awaitFeedback, 'b.bpmn': fromSurveys, 'c.bpmn': withdrawable });
  });
  afterAll(() => t.close());

  const start = async (id: string, variables: object) =>
    (await t.client.createProcessInstance({ processDefinitionId: id, variables } as never))
      .processInstanceKey;

  it('R-ISO-05 a published message reaches the instance waiting with its correlation key, with its variables', async () => {
    const mine = await start('awaitFeedback', { trackingCode: 'C-1' });
    const other = await start('awaitFeedback', { trackingCode: 'C-2' });
    await t.client.publishMessage({
      name: 'satisfaction-feedback',
      correlationKey: 'C-1',
      variables: { score: 4 },
    } as never);
    expect(await instanceState(t.pool, mine)).toBe('COMPLETED');
    expect(await rootVariables(t.pool, mine)).toMatchObject({ score: 4 });
    expect(await instanceState(t.pool, other)).toBe('ACTIVE');
  });

  it('a message published before anyone waits is buffered for its time to live, then expires', async () => {
    await t.client.publishMessage({
      name: 'satisfaction-feedback',
      correlationKey: 'C-3',
      timeToLive: 60_000,
      variables: { score: 5 },
    } as never);
    const early = await start('awaitFeedback', { trackingCode: 'C-3' });
    expect(await instanceState(t.pool, early)).toBe('COMPLETED');
    // The buffered message reaches each process only once.
    const second = await start('awaitFeedback', { trackingCode: 'C-3' });
    expect(await instanceState(t.pool, second)).toBe('ACTIVE');

    await t.client.publishMessage({
      name: 'satisfaction-feedback',
      correlationKey: 'C-4',
      timeToLive: 1_000,
    } as never);
    await t.client.pinClock({ timestamp: T0 + 1_000 } as never);
    await scheduler.runOnce();
    expect(await instanceState(t.pool, await start('awaitFeedback', { trackingCode: 'C-4' }))).toBe('ACTIVE');
    await t.client.pinClock({ timestamp: T0 } as never);
  });

  it('a message id is published once while the message is buffered', async () => {
    await t.client.publishMessage({
      name: 'satisfaction-feedback',
      correlationKey: 'X',
      timeToLive: 60_000,
      messageId: 'm-1',
    } as never);
    await expect(
      t.client.publishMessage({
        name: 'satisfaction-feedback',
        correlationKey: 'X',
        timeToLive: 60_000,
        messageId: 'm-1',
      } as never),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('correlate answers with the instance it reached, and 404 when nothing waits', async () => {
    const key = await start('awaitFeedback', { trackingCode: 'C-5' });
    const result = await t.client.correlateMessage({
      name: 'satisfaction-feedback',
      correlationKey: 'C-5',
    } as never);
    expect(result.processInstanceKey).toBe(key);
    await expect(
      t.client.correlateMessage({ name: 'satisfaction-feedback', correlationKey: 'nobody' } as never),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('R-CMP-02 a message start event starts an instance, one active instance per correlation key', async () => {
    const count = async () =>
      Number(
        (
          await t.pool.query(
            "select count(*) from engine.process_instances where bpmn_process_id = 'fromSurveys' and state = 'ACTIVE'",
          )
        ).rows[0].count,
      );
    await t.client.publishMessage({
      name: 'complaint-raised',
      correlationKey: 'survey-7/member-12',
      variables: { source: 'survey' },
    } as never);
    await t.client.publishMessage({
      name: 'complaint-raised',
      correlationKey: 'survey-7/member-12',
    } as never);
    expect(await count()).toBe(1);
    await t.client.publishMessage({
      name: 'complaint-raised',
      correlationKey: 'survey-7/member-13',
    } as never);
    expect(await count()).toBe(2);
    const { jobs } = await t.client.activateJobs({
      type: 'register',
      timeout: 60_000,
      maxJobsToActivate: 10,
    } as never);
    expect(jobs.map((j) => j.variables)).toContainEqual({ source: 'survey' });
    for (const job of jobs) await t.client.completeJob({ jobKey: job.jobKey } as never);
    await t.client.publishMessage({
      name: 'complaint-raised',
      correlationKey: 'survey-7/member-12',
    } as never);
    expect(await count()).toBe(1); // the first instance ended, so the key is free again
  });

  it('an interrupting message boundary event cancels the task and its job', async () => {
    const key = await start('withdrawable', { trackingCode: 'C-9' });
    await t.client.publishMessage({ name: 'complaint-withdrawn', correlationKey: 'C-9' } as never);
    expect(await instanceState(t.pool, key)).toBe('COMPLETED');
    expect(await elementPath(t.pool, key)).toEqual(
      expect.arrayContaining(['Task_Handle:TERMINATED', 'Withdrawn:COMPLETED', 'End_Withdrawn:COMPLETED']),
    );
    const { rows } = await t.pool.query('select 1 from engine.jobs where process_instance_key = $1', [key]);
    expect(rows).toHaveLength(0);
  });
});
