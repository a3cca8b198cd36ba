import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateSubmission } from '../../src/forms/form-schema.js';
import { bpmn, line } from '../engine/support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../engine/support/engine-server.js';
import { rootVariables } from '../engine/support/engine-state.js';
import { formFiles, formText, loadForm } from './support/forms.js';

const reviewTask = `<bpmn:userTask id="Task_ManagerReview" name="بررسی شکایت">
  <bpmn:extensionElements>
    <zeebe:userTask />
    <zeebe:formDefinition formId="complaint-review" />
    <zeebe:assignmentDefinition candidateGroups="mcc-manager" />
  </bpmn:extensionElements>
</bpmn:userTask>`;

describe('the forms on the embedded engine', () => {
  let t: EngineUnderTest;
  beforeAll(async () => {
    t = await startEngineUnderTest();
  });
  afterAll(() => t.close());

  it('every form deploys, in one deployment, under its id', async () => {
    const files = formFiles();
    const result = await deploy(t.client, Object.fromEntries(files.map((file) => [file, formText(file)])));
    const deployed = (result as unknown as { forms: { formId: string; resourceName: string }[] }).forms;
    expect(deployed.map((f) => [f.resourceName, f.formId]).sort()).toEqual(
      files.map((file) => [file, file.replace(/\.form$/, '')]).sort(),
    );
  });

  it('R-CMP-04 a user task linked to complaint-review serves the form, and a valid submission completes it', async () => {
    await deploy(t.client, {
      'complaint-review.form': formText('complaint-review.form'),
      'review.bpmn': bpmn('formsReview', line(reviewTask)),
    });
    const { processInstanceKey } = await t.client.createProcessInstance({
      processDefinitionId: 'formsReview',
      variables: { complaintId: 1, trackingCode: 'C-1404-000123' },
    } as never);
    const { rows } = await t.pool.query<{ key: string }>(
      'select key::text from engine.user_tasks where process_instance_key = $1',
      [processInstanceKey],
    );
    const userTaskKey = rows[0]!.key;
    // FormResult.schema is a JSON string in the 8.8 spec (the 8.8 client expects an object): plain HTTP here
    const response = await fetch(`${t.url}/v2/user-tasks/${userTaskKey}/form`);
    expect(response.status).toBe(200);
    const form = (await response.json()) as { formId: string; schema: string };
    expect(form.formId).toBe('complaint-review');
    expect(JSON.parse(form.schema)).toEqual(JSON.parse(formText('complaint-review.form')));

    const context = {
      trackingCode: 'C-1404-000123',
      unitOptions: [{ label: 'امور کارت بازرگانی', value: 3 }],
      staffOptions: [{ label: 'علی رضایی', value: 12 }],
    };
    const submission = {
      trackingCode: 'C-1404-000123',
      kind: 'complaint',
      severity: 'major',
      concernedUnitId: 3,
      namedStaffIds: [12],
      reviewNote: 'مدارک پیوست کامل است.',
    };
    expect(validateSubmission(loadForm('complaint-review'), submission, { context })).toEqual([]);
    await t.client.completeUserTask({ userTaskKey, variables: submission } as never);
    expect(await rootVariables(t.pool, processInstanceKey)).toMatchObject({
      severity: 'major',
      namedStaffIds: [12],
    });
  });
});
