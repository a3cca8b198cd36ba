import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Scheduler } from '../../../src/engine/scheduler/scheduler.js';
import { bpmn, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';
import { elementPath, incidentsOf, instanceState } from '../support/engine-state.js';

const timer = (kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;

const waitThenWork = bpmn(
  'waitThenWork',
  [
    '<bpmn:startEvent id="Start" />',
    `<bpmn:intermediateCatchEvent id="Wait_TwoDays">${timer('timeDuration', '=waitFor')}</bpmn:intermediateCatchEvent>`,
    '<bpmn:endEvent id="End" />',
    flow('f1', 'Start', 'Wait_TwoDays'),
    flow('f2', 'Wait_TwoDays', 'End'),
  ].join('\n'),
);

// R-CMP-13: a reminder every day while the task waits (non-interrupting cycle), escalation after 3 days (interrupting).
const deadlines = bpmn(
  'deadlines',
  [
    '<bpmn:startEvent id="Start" />',
    serviceTask('Task_Investigate', 'investigate'),
    `<bpmn:boundaryEvent id="Reminder" cancelActivity="false" attachedToRef="Task_Investigate">${timer('timeCycle', 'R/P1D')}</bpmn:boundaryEvent>`,
    `<bpmn:boundaryEvent id="Escalation" attachedToRef="Task_Investigate">${timer('timeDuration', 'P3DT1H')}</bpmn:boundaryEvent>`,
    serviceTask('Task_Remind', 'remind'),
    serviceTask('Task_Escalate', 'escalate'),
    '<bpmn:endEvent id="End" />',
    '<bpmn:endEvent id="End_Reminded" />',
    '<bpmn:endEvent id="End_Escalated" />',
    flow('f1', 'Start', 'Task_Investigate'),
    flow('f2', 'Task_Investigate', 'End'),
    flow('f3', 'Reminder', 'Task_Remind'),
    flow('f4', 'Task_Remind', 'End_Reminded'),
    flow('f5', 'Escalation', 'Task_Escalate'),
    flow('f6', 'Task_Escalate', 'End_Escalated'),
  ].join('\n'),
);

const scheduled = bpmn(
  'scheduled',
  [
    `<bpmn:startEvent id="Start_Weekly">${timer('timeCycle', 'R2/P7D')}</bpmn:startEvent>`,
    serviceTask('Task_Report', 'weekly-report'),
    '<bpmn:endEvent id="End" />',
    flow('f1', 'Start_Weekly', 'Task_Report'),
    flow('f2', 'Task_Report', 'End'),
  ].join('\n'),
);

describe('timers with the pinned clock (zeebe-semantics §5)', () => {
  let t: EngineUnderTest;
  let scheduler: Scheduler;
  const T0 = Date.parse('2026-03-01T06:00:00Z');
  const DAY = 86_400_000;
  const at = async (ms: number) => {
    await t.client.pinClock({ timestamp: ms } as never);
    await scheduler.runOnce();
  };
  beforeAll(async () => {
    t = await startEngineUnderTest({ clockControl: true });
    scheduler = new Scheduler(t.engine);
    await t.client.pinClock({ timestamp: T0 } as never);
    await deploy(t.client, { 'wait.bpmn': waitThenWork, 'deadlines.bpmn': deadlines });
  });
  afterAll(() => t.close());

  it('an intermediate timer waits for its FEEL duration on the engine clock', async () => {
    const { processInstanceKey } = await t.client.createProcessInstance({
      processDefinitionId: 'waitThenWork',
      variables: { waitFor: 'P2D' },
    } as never);
    await at(T0 + 2 * DAY - 1);
    expect(await instanceState(t.pool, processInstanceKey)).toBe('ACTIVE');
    await at(T0 + 2 * DAY);
    expect(await instanceState(t.pool, processInstanceKey)).toBe('COMPLETED');
  });

  it('a timer expression that fails raises an incident; fixing the variable and resolving starts the timer', async () => {
    await at(T0);
    const { processInstanceKey } = await t.client.createProcessInstance({
      processDefinitionId: 'waitThenWork',
      variables: { waitFor: 'soon' },
    } as never);
    const [incident] = await incidentsOf(t.pool, processInstanceKey);
    expect(incident).toMatchObject({ error_type: 'EXTRACT_VALUE_ERROR', element_id: 'Wait_TwoDays' });
    await t.client.createElementInstanceVariables({
      elementInstanceKey: processInstanceKey,
      variables: { waitFor: 'PT1H' },
    } as never);
    await t.client.resolveIncident({ incidentKey: incident!.key } as never);
    await at(T0 + 3_600_000);
    expect(await instanceState(t.pool, processInstanceKey)).toBe('COMPLETED');
  });

  it('R-CMP-13 a non-interrupting cycle reminds every day, drift-free, and an interrupting timer escalates', async () => {
    await at(T0);
    const { processInstanceKey } = await t.client.createProcessInstance({
      processDefinitionId: 'deadlines',
    } as never);
    await at(T0 + DAY + 5_000); // a late scheduler round: the next reminder stays on the day grid
    await at(T0 + 2 * DAY);
    const reminders = (await elementPath(t.pool, processInstanceKey)).filter((e) =>
      e.startsWith('Reminder:'),
    );
    expect(reminders).toEqual(['Reminder:COMPLETED', 'Reminder:COMPLETED']);
    await at(T0 + 3 * DAY + 3_600_000);
    const path = await elementPath(t.pool, processInstanceKey);
    expect(path).toContain('Task_Investigate:TERMINATED');
    expect(path).toContain('Escalation:COMPLETED');
    const { rows } = await t.pool.query('select 1 from engine.timers where process_instance_key = $1', [
      processInstanceKey,
    ]);
    expect(rows).toHaveLength(0); // the activity's reminder cycle ended with it
  });

  it('completing the task in time closes its timers', async () => {
    await at(T0);
    const { processInstanceKey } = await t.client.createProcessInstance({
      processDefinitionId: 'deadlines',
    } as never);
    const { jobs } = await t.client.activateJobs({
      type: 'investigate',
      timeout: 60_000,
      maxJobsToActivate: 10,
    } as never);
    for (const job of jobs) await t.client.completeJob({ jobKey: job.jobKey } as never);
    const { rows } = await t.pool.query('select 1 from engine.timers where process_instance_key = $1', [
      processInstanceKey,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('a timer start event starts an instance at each repetition, and a new version replaces its timer', async () => {
    await at(T0);
    await deploy(t.client, { 'scheduled.bpmn': scheduled });
    const count = async () =>
      Number(
        (
          await t.pool.query(
            "select count(*) from engine.process_instances where bpmn_process_id = 'scheduled'",
          )
        ).rows[0].count,
      );
    await at(T0 + 7 * DAY);
    expect(await count()).toBe(1);
    await at(T0 + 14 * DAY);
    expect(await count()).toBe(2);
    await at(T0 + 21 * DAY);
    expect(await count()).toBe(2); // R2: twice only
  });
});
