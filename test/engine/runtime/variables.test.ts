import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmn, flow, line, serviceTask } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';
import { incidentsOf, instanceState, rootVariables } from '../support/engine-state.js';

const attr = (v: string) => v.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
const io = (inputs: [string, string][], outputs: [string, string][]) =>
  `<zeebe:ioMapping>${inputs.map(([s, t]) => `<zeebe:input source="${attr(s)}" target="${t}" />`).join('')}${outputs
    .map(([s, t]) => `<zeebe:output source="${attr(s)}" target="${t}" />`)
    .join('')}</zeebe:ioMapping>`;

// The docs' propagation example: root{a,b} ⊃ sub-process{c} ⊃ task; the job completes with {b, c, d}.
const propagation = bpmn(
  'propagation',
  [
    '<bpmn:startEvent id="Start" />',
    `<bpmn:subProcess id="Sub"><bpmn:extensionElements>${io([['=0', 'c']], [])}</bpmn:extensionElements>`,
    '<bpmn:startEvent id="SubStart" />',
    serviceTask('Task_B', 'propagate'),
    '<bpmn:endEvent id="SubEnd" />',
    flow('s1', 'SubStart', 'Task_B'),
    flow('s2', 'Task_B', 'SubEnd'),
    '</bpmn:subProcess>',
    '<bpmn:endEvent id="End" />',
    flow('f1', 'Start', 'Sub'),
    flow('f2', 'Sub', 'End'),
  ].join('\n'),
);

const mapped = bpmn(
  'mapped',
  line(
    serviceTask(
      'Task_Classify',
      'classify',
      io(
        [
          ['=complaint.severity', 'severity'],
          ['=severity + "!"', 'loud'],
          ['static text', 'label'],
          ['=complaint.id', 'ids.complaint'],
        ],
        [
          ['=result', 'classification'],
          ['=result.deadlineDays', 'deadline.days'],
        ],
      ),
    ),
  ),
);

describe('variables and mappings (zeebe-semantics §1)', () => {
  let t: EngineUnderTest;
  beforeAll(async () => {
    t = await startEngineUnderTest();
    await deploy(t.client, { 'propagation.bpmn': propagation, 'mapped.bpmn': mapped });
  });
  afterAll(() => t.close());

  it('a completed job without output mappings propagates each variable to the nearest scope that has it, else the root', async () => {
    const { processInstanceKey } = await t.client.createProcessInstance({
      processDefinitionId: 'propagation',
      variables: { a: 1, b: 1 },
    } as never);
    const { jobs } = await t.client.activateJobs({
      type: 'propagate',
      timeout: 60000,
      maxJobsToActivate: 1,
    } as never);
    expect(jobs[0]!.variables).toEqual({ a: 1, b: 1, c: 0 });
    const { rows: subScope } = await t.pool.query(
      "select key::text from engine.element_instances where element_id = 'Sub' and process_instance_key = $1",
      [processInstanceKey],
    );
    await t.client.completeJob({ jobKey: jobs[0]!.jobKey, variables: { b: 2, c: 3, d: 4 } } as never);
    expect(await rootVariables(t.pool, processInstanceKey)).toEqual({ a: 1, b: 2, d: 4 });
    const { rows } = await t.pool.query('select name, value from engine.variables where scope_key = $1', [
      subScope[0]!.key,
    ]);
    expect(rows).toEqual([{ name: 'c', value: '3' }]);
  });

  it('input mappings are local, see earlier targets and build nested targets; output mappings alone reach the root', async () => {
    const { processInstanceKey } = await t.client.createProcessInstance({
      processDefinitionId: 'mapped',
      variables: { complaint: { id: 7, severity: 'major' }, deadline: { unit: 'days' } },
    } as never);
    const { jobs } = await t.client.activateJobs({
      type: 'classify',
      timeout: 60000,
      maxJobsToActivate: 1,
    } as never);
    expect(jobs[0]!.variables).toMatchObject({
      severity: 'major',
      loud: 'major!',
      label: 'static text',
      ids: { complaint: 7 },
    });
    await t.client.completeJob({
      jobKey: jobs[0]!.jobKey,
      variables: { result: { deadlineDays: 30 }, scratch: true },
    } as never);
    expect(await rootVariables(t.pool, processInstanceKey)).toEqual({
      complaint: { id: 7, severity: 'major' },
      classification: { deadlineDays: 30 },
      deadline: { unit: 'days', days: 30 },
    });
  });

  it('a failing output mapping raises IO_MAPPING_ERROR; after the fix, resolving completes the task', async () => {
    // `deadline.days` merges into `deadline`, which must then be a context.
    const { processInstanceKey } = await t.client.createProcessInstance({
      processDefinitionId: 'mapped',
      variables: { complaint: { id: 8, severity: 'minor' }, deadline: 'tomorrow' },
    } as never);
    const { jobs } = await t.client.activateJobs({
      type: 'classify',
      timeout: 60000,
      maxJobsToActivate: 1,
    } as never);
    await t.client.completeJob({
      jobKey: jobs[0]!.jobKey,
      variables: { result: { deadlineDays: 2 } },
    } as never);
    const [incident] = await incidentsOf(t.pool, processInstanceKey);
    expect(incident).toMatchObject({ error_type: 'IO_MAPPING_ERROR', element_id: 'Task_Classify' });
    await t.client.createElementInstanceVariables({
      elementInstanceKey: jobs[0]!.elementInstanceKey,
      variables: { deadline: { unit: 'days' } },
      local: true,
    } as never);
    await t.client.resolveIncident({ incidentKey: incident!.key } as never);
    expect(await instanceState(t.pool, processInstanceKey)).toBe('COMPLETED');
    expect(await rootVariables(t.pool, processInstanceKey)).toMatchObject({
      classification: { deadlineDays: 2 },
      deadline: { unit: 'days', days: 2 },
    });
  });

  it('job activation can fetch only named variables', async () => {
    await t.client.createProcessInstance({
      processDefinitionId: 'mapped',
      variables: { complaint: { id: 9, severity: 'x' } },
    } as never);
    const { jobs } = await t.client.activateJobs({
      type: 'classify',
      timeout: 60000,
      maxJobsToActivate: 1,
      fetchVariable: ['severity', 'missing'],
    } as never);
    expect(jobs[0]!.variables).toEqual({ severity: 'x' });
  });

  it('variables must be a JSON object at the root', async () => {
    const res = await fetch(`${t.url}/v2/process-instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ processDefinitionId: 'mapped', variables: [1, 2] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      title: 'INVALID_ARGUMENT',
      detail: expect.stringMatching(/variables/),
    });
  });
});
