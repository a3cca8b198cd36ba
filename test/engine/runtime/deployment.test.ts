import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmn, line, serviceTask } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';

async function rejectionOf(promise: Promise<unknown>): Promise<{ status: number; detail: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { status: number; detail: string };
  }
  throw new Error('the deployment was accepted');
}

const form = (id: string, label = 'نام') =>
  JSON.stringify({ id, type: 'default', components: [{ type: 'textfield', key: 'name', label }] });

describe('deployment', () => {
  let t: EngineUnderTest;
  beforeAll(async () => {
    t = await startEngineUnderTest();
  });
  afterAll(() => t.close());

  it('versions a process per id, and redeploying identical content makes no new version', async () => {
    const v1 = bpmn('versioned', line(serviceTask('Task_A', 'a')));
    const first = await deploy(t.client, { 'versioned.bpmn': v1 });
    const again = await deploy(t.client, { 'versioned.bpmn': v1 });
    expect(again.processes[0]).toEqual(first.processes[0]);
    const changed = await deploy(t.client, {
      'versioned.bpmn': bpmn('versioned', line(serviceTask('Task_B', 'b'))),
    });
    expect(changed.processes[0]).toMatchObject({ processDefinitionVersion: 2 });
    expect(changed.processes[0]!.processDefinitionKey).not.toBe(first.processes[0]!.processDefinitionKey);
  });

  it('deploys forms with processes in one deployment', async () => {
    const result = await deploy(t.client, {
      'f.form': form('complaint-registration'),
      'with-form.bpmn': bpmn('withForm', line(serviceTask('Task_A', 'a'))),
    });
    expect(result.forms[0]).toMatchObject({ formId: 'complaint-registration', version: 1 });
    expect(result.processes[0]).toMatchObject({ processDefinitionId: 'withForm' });
  });

  it('rejects a BPMN with unsupported elements, naming each element, and deploys nothing', async () => {
    const body = `
      <bpmn:startEvent id="Start" />
      <bpmn:complexGateway id="Gateway_Complex" />
      <bpmn:serviceTask id="Task_NoType" />
      <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Gateway_Complex" />
      <bpmn:sequenceFlow id="f2" sourceRef="Gateway_Complex" targetRef="Task_NoType" />`;
    const problem = await rejectionOf(
      deploy(t.client, {
        'ok.bpmn': bpmn('okButNotDeployed', line(serviceTask('T', 'a'))),
        'bad.bpmn': bpmn('bad', body),
      }),
    );
    expect(problem.status).toBe(400);
    expect(problem.detail).toMatch(/Gateway_Complex/);
    expect(problem.detail).toMatch(/Task_NoType/);
    const { rows } = await t.pool.query(
      "select 1 from engine.process_definitions where bpmn_process_id = 'okButNotDeployed'",
    );
    expect(rows).toHaveLength(0);
  });

  it('rejects malformed XML, a malformed form and an unknown file type with clear messages', async () => {
    const xml = await rejectionOf(deploy(t.client, { 'broken.bpmn': '<bpmn:definitions><oops' }));
    expect(xml.detail).toMatch(/broken\.bpmn/);
    const badForm = await rejectionOf(deploy(t.client, { 'x.form': '{"components": []}' }));
    expect(badForm.detail).toMatch(/no 'id'/);
    const unknown = await rejectionOf(deploy(t.client, { 'notes.txt': 'hello' }));
    expect(unknown.detail).toMatch(/unknown resource type/);
  });
});
