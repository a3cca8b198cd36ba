import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Scheduler } from '../../../src/engine/scheduler/scheduler.js';
import { bpmn, flow, serviceTask } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';
import { elementPath, incidentsOf, instanceState, rootVariables } from '../support/engine-state.js';

const errors = `
  <bpmn:error id="Error_Stakeholder" name="Stakeholder" errorCode="HANDLER_IS_STAKEHOLDER" />
  <bpmn:error id="Error_Rejected" name="Rejected" errorCode="REJECTED" />
  <bpmn:message id="Message_Update" name="member-update"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>
  <bpmn:message id="Message_Note" name="member-note"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>`;

// R-CMP-05: the independence check throws HANDLER_IS_STAKEHOLDER, caught on the task; anything else by a catch-all on the sub-process.
const handler = bpmn(
  'handler',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:subProcess id="Sub_Assign">',
    '<bpmn:startEvent id="Sub_Start" />',
    serviceTask('Task_CheckIndependence', 'check-independence'),
    '<bpmn:boundaryEvent id="Caught_Stakeholder" attachedToRef="Task_CheckIndependence"><bpmn:errorEventDefinition errorRef="Error_Stakeholder" /></bpmn:boundaryEvent>',
    '<bpmn:endEvent id="Sub_End" />',
    '<bpmn:endEvent id="Sub_End_Stakeholder" />',
    flow('s1', 'Sub_Start', 'Task_CheckIndependence'),
    flow('s2', 'Task_CheckIndependence', 'Sub_End'),
    flow('s3', 'Caught_Stakeholder', 'Sub_End_Stakeholder'),
    '</bpmn:subProcess>',
    '<bpmn:boundaryEvent id="Caught_Any" attachedToRef="Sub_Assign"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>',
    '<bpmn:endEvent id="End" />',
    '<bpmn:endEvent id="End_Other" />',
    flow('f1', 'Start', 'Sub_Assign'),
    flow('f2', 'Sub_Assign', 'End'),
    flow('f3', 'Caught_Any', 'End_Other'),
  ].join('\n'),
  errors,
);

// An error end event inside a sub-process, caught by an error event sub-process of the process.
const decision = bpmn(
  'decision',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:subProcess id="Sub_Decide">',
    '<bpmn:startEvent id="Sub_Start" />',
    '<bpmn:endEvent id="End_Rejected"><bpmn:errorEventDefinition errorRef="Error_Rejected" /></bpmn:endEvent>',
    flow('s1', 'Sub_Start', 'End_Rejected'),
    '</bpmn:subProcess>',
    '<bpmn:endEvent id="End" />',
    flow('f1', 'Start', 'Sub_Decide'),
    flow('f2', 'Sub_Decide', 'End'),
    '<bpmn:subProcess id="Esp_OnRejected" triggeredByEvent="true">',
    '<bpmn:startEvent id="Esp_Start"><bpmn:errorEventDefinition errorRef="Error_Rejected" /></bpmn:startEvent>',
    serviceTask('Task_NotifyRejection', 'notify-rejection'),
    '<bpmn:endEvent id="Esp_End" />',
    flow('e1', 'Esp_Start', 'Task_NotifyRejection'),
    flow('e2', 'Task_NotifyRejection', 'Esp_End'),
    '</bpmn:subProcess>',
  ].join('\n'),
  errors,
);

const uncaught = bpmn(
  'uncaught',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:endEvent id="End_Error"><bpmn:errorEventDefinition errorRef="Error_Rejected" /></bpmn:endEvent>',
    flow('f1', 'Start', 'End_Error'),
  ].join('\n'),
  errors,
);

// Non-interrupting message event sub-process and an event-based gateway racing a message and a timer.
const waiting = bpmn(
  'waiting',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:eventBasedGateway id="Gateway_Wait" />',
    '<bpmn:intermediateCatchEvent id="Reply"><bpmn:messageEventDefinition messageRef="Message_Update" /></bpmn:intermediateCatchEvent>',
    '<bpmn:intermediateCatchEvent id="NoReply"><bpmn:timerEventDefinition><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
    '<bpmn:endEvent id="End_Replied" />',
    '<bpmn:endEvent id="End_Silent" />',
    flow('f1', 'Start', 'Gateway_Wait'),
    flow('f2', 'Gateway_Wait', 'Reply'),
    flow('f3', 'Gateway_Wait', 'NoReply'),
    flow('f4', 'Reply', 'End_Replied'),
    flow('f5', 'NoReply', 'End_Silent'),
    '<bpmn:subProcess id="Esp_Note" triggeredByEvent="true">',
    '<bpmn:startEvent id="Esp_Start" isInterrupting="false"><bpmn:messageEventDefinition messageRef="Message_Note" /></bpmn:startEvent>',
    '<bpmn:endEvent id="Esp_End" />',
    flow('e1', 'Esp_Start', 'Esp_End'),
    '</bpmn:subProcess>',
  ].join('\n'),
  errors,
);

const terminate = bpmn(
  'terminate',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:parallelGateway id="Fork" />',
    serviceTask('Task_Slow', 'slow'),
    '<bpmn:endEvent id="End_Terminate"><bpmn:terminateEventDefinition /></bpmn:endEvent>',
    flow('f1', 'Start', 'Fork'),
    flow('f2', 'Fork', 'Task_Slow'),
    flow('f3', 'Fork', 'End_Terminate'),
  ].join('\n'),
);

describe('errors, event sub-processes, event-based gateways, terminate (zeebe-semantics §3.8, §6.4, §8)', () => {
  let t: EngineUnderTest;
  let scheduler: Scheduler;
  const T0 = Date.parse('2026-03-01T06:00:00Z');
  beforeAll(async () => {
    t = await startEngineUnderTest({ clockControl: true });
    scheduler = new Scheduler(t.engine);
    await t.client.pinClock({ timestamp: T0 } as never);
    await deploy(t.client, {
      'handler.bpmn': handler,
      'decision.bpmn': decision,
      'uncaught.bpmn': uncaught,
      'waiting.bpmn': waiting,
      'terminate.bpmn': terminate,
    });
  });
  afterAll(() => t.close());

  const start = async (id: string, variables: object = {}) =>
    (await t.client.createProcessInstance({ processDefinitionId: id, variables } as never))
      .processInstanceKey;
  const job = async (type: string) =>
    (
      await t.client.activateJobs({
        type,
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: -1,
      } as never)
    ).jobs[0]!;

  it('R-CMP-05 a worker error is caught by the boundary event with its code; its variables stay local to it', async () => {
    const key = await start('handler');
    const check = await job('check-independence');
    await t.client.throwJobError({
      jobKey: check.jobKey,
      errorCode: 'HANDLER_IS_STAKEHOLDER',
      variables: { reason: 'same unit' },
    } as never);
    expect(await instanceState(t.pool, key)).toBe('COMPLETED');
    const path = await elementPath(t.pool, key);
    expect(path).toEqual(
      expect.arrayContaining([
        'Task_CheckIndependence:TERMINATED',
        'Caught_Stakeholder:COMPLETED',
        'End:COMPLETED',
      ]),
    );
    expect(await rootVariables(t.pool, key)).toEqual({});
  });

  it('an error with another code goes up to the catch-all on the enclosing sub-process', async () => {
    const key = await start('handler');
    const check = await job('check-independence');
    await t.client.throwJobError({ jobKey: check.jobKey, errorCode: 'SOMETHING_ELSE' } as never);
    expect(await elementPath(t.pool, key)).toEqual(
      expect.arrayContaining(['Sub_Assign:TERMINATED', 'Caught_Any:COMPLETED', 'End_Other:COMPLETED']),
    );
  });

  it('an error end event is caught by an error event sub-process, which replaces the interrupted scope', async () => {
    const key = await start('decision');
    const notify = await job('notify-rejection');
    await t.client.completeJob({ jobKey: notify.jobKey } as never);
    expect(await instanceState(t.pool, key)).toBe('COMPLETED');
    const path = await elementPath(t.pool, key);
    expect(path).toEqual(expect.arrayContaining(['Sub_Decide:TERMINATED', 'Esp_OnRejected:COMPLETED']));
    expect(path).not.toContain('End:COMPLETED');
  });

  it('an error nobody catches raises UNHANDLED_ERROR_EVENT on the end event', async () => {
    const key = await start('uncaught');
    const [incident] = await incidentsOf(t.pool, key);
    expect(incident).toMatchObject({ error_type: 'UNHANDLED_ERROR_EVENT', element_id: 'End_Error' });
    expect(incident!.error_message).toMatch(/'REJECTED'.*No error events are available/);
  });

  it('an event-based gateway takes the first event; a non-interrupting event sub-process runs beside it', async () => {
    const replied = await start('waiting', { caseId: 'A' });
    await t.client.publishMessage({
      name: 'member-note',
      correlationKey: 'A',
      variables: { note: 'called back' },
    } as never);
    await t.client.publishMessage({ name: 'member-note', correlationKey: 'A' } as never);
    let path = await elementPath(t.pool, replied);
    expect(path.filter((e) => e === 'Esp_Note:COMPLETED')).toHaveLength(2); // non-interrupting: once per message
    expect(path).toContain('Gateway_Wait:ACTIVATED');
    expect(await rootVariables(t.pool, replied)).toMatchObject({ note: 'called back' });
    await t.client.publishMessage({ name: 'member-update', correlationKey: 'A' } as never);
    path = await elementPath(t.pool, replied);
    expect(path).toEqual(
      expect.arrayContaining(['Gateway_Wait:COMPLETED', 'Reply:COMPLETED', 'End_Replied:COMPLETED']),
    );
    expect(path).not.toContain('NoReply:COMPLETED');
    expect(await instanceState(t.pool, replied)).toBe('COMPLETED');

    const silent = await start('waiting', { caseId: 'B' });
    await t.client.pinClock({ timestamp: T0 + 5 * 86_400_000 } as never);
    await scheduler.runOnce();
    expect(await elementPath(t.pool, silent)).toEqual(
      expect.arrayContaining(['NoReply:COMPLETED', 'End_Silent:COMPLETED']),
    );
    expect(await instanceState(t.pool, silent)).toBe('COMPLETED');
  });

  it('a terminate end event ends the other paths of its scope and completes it', async () => {
    const key = await start('terminate');
    expect(await instanceState(t.pool, key)).toBe('COMPLETED');
    expect(await elementPath(t.pool, key)).toContain('Task_Slow:TERMINATED');
    const { rows } = await t.pool.query('select 1 from engine.jobs where process_instance_key = $1', [key]);
    expect(rows).toHaveLength(0);
  });
});
