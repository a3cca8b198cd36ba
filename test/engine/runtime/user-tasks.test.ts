import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmn, line } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';
import { incidentsOf, instanceState, rootVariables } from '../support/engine-state.js';

const reviewTask = `<bpmn:userTask id="Task_Review" name="بررسی شکایت">
  <bpmn:extensionElements>
    <zeebe:userTask />
    <zeebe:formDefinition formId="complaint-review" />
    <zeebe:assignmentDefinition candidateGroups="mcc-manager, secretary-general" assignee="=reviewer" />
    <zeebe:taskSchedule dueDate="=dueDate" />
    <zeebe:priorityDefinition priority="=if severity = &quot;critical&quot; then 90 else 50" />
  </bpmn:extensionElements>
</bpmn:userTask>`;

const reviewForm = JSON.stringify({
  id: 'complaint-review',
  type: 'default',
  components: [{ type: 'textfield', key: 'decision', label: 'تصمیم' }],
});

interface TaskRow {
  key: string;
  state: string;
  assignee: string | null;
  candidate_groups: string[];
  due_date: Date | null;
  priority: number;
  form_key: string | null;
}

describe('user tasks (zeebe-semantics §9)', () => {
  let t: EngineUnderTest;
  beforeAll(async () => {
    t = await startEngineUnderTest();
    await deploy(t.client, { 'review.bpmn': bpmn('review', line(reviewTask)), 'review.form': reviewForm });
  });
  afterAll(() => t.close());

  const taskOf = async (processInstanceKey: string): Promise<TaskRow | undefined> =>
    (
      await t.pool.query<TaskRow>(
        'select key::text, state, assignee, candidate_groups, due_date, priority, form_key::text from engine.user_tasks where process_instance_key = $1',
        [processInstanceKey],
      )
    ).rows[0];

  it('creates a Camunda user task with its assignee, candidate groups, due date, priority and linked form', async () => {
    const { processInstanceKey } = await t.client.createProcessInstance({
      processDefinitionId: 'review',
      variables: { reviewer: 'mcc.manager', dueDate: '2026-02-01T10:00:00+03:30', severity: 'critical' },
    } as never);
    const task = await taskOf(processInstanceKey);
    expect(task).toMatchObject({
      state: 'CREATED',
      assignee: 'mcc.manager',
      candidate_groups: ['mcc-manager', 'secretary-general'],
      priority: 90,
    });
    expect(task!.due_date!.toISOString()).toBe('2026-02-01T06:30:00.000Z');
    expect(task!.form_key).not.toBeNull();
  });

  it('is unassigned, reassigned and completed with variables through the REST API; the process goes on', async () => {
    const { processInstanceKey } = await t.client.createProcessInstance({
      processDefinitionId: 'review',
      variables: { reviewer: '', dueDate: null, severity: 'minor' },
    } as never);
    const task = (await taskOf(processInstanceKey))!;
    expect(task.assignee).toBeNull();
    await t.client.assignUserTask({ userTaskKey: task.key, assignee: 'sg' } as never);
    await expect(
      t.client.assignUserTask({ userTaskKey: task.key, assignee: 'other', allowOverride: false } as never),
    ).rejects.toMatchObject({ status: 409 });
    await t.client.unassignUserTask({ userTaskKey: task.key } as never);
    expect((await taskOf(processInstanceKey))!.assignee).toBeNull();
    await t.client.updateUserTask({
      userTaskKey: task.key,
      changeset: { priority: 70, candidateGroups: ['mcc-expert'] },
    } as never);
    expect(await taskOf(processInstanceKey)).toMatchObject({
      priority: 70,
      candidate_groups: ['mcc-expert'],
    });
    await t.client.completeUserTask({ userTaskKey: task.key, variables: { decision: 'accepted' } } as never);
    expect(await instanceState(t.pool, processInstanceKey)).toBe('COMPLETED');
    expect(await rootVariables(t.pool, processInstanceKey)).toMatchObject({ decision: 'accepted' });
    await expect(t.client.completeUserTask({ userTaskKey: task.key } as never)).rejects.toMatchObject({
      status: 409,
    });
  });

  it('a task whose form was never deployed raises FORM_NOT_FOUND; deploying the form and resolving creates the task', async () => {
    const missing = reviewTask
      .replace('complaint-review', 'not-yet-deployed')
      .replace('Task_Review', 'Task_Missing');
    await deploy(t.client, { 'missing-form.bpmn': bpmn('missingForm', line(missing)) });
    const { processInstanceKey } = await t.client.createProcessInstance({
      processDefinitionId: 'missingForm',
      variables: { reviewer: 'a', dueDate: null, severity: 'minor' },
    } as never);
    const [incident] = await incidentsOf(t.pool, processInstanceKey);
    expect(incident).toMatchObject({ error_type: 'FORM_NOT_FOUND', element_id: 'Task_Missing' });
    expect(await taskOf(processInstanceKey)).toBeUndefined();
    await deploy(t.client, {
      'later.form': JSON.stringify({ id: 'not-yet-deployed', type: 'default', components: [] }),
    });
    await t.client.resolveIncident({ incidentKey: incident!.key } as never);
    expect((await taskOf(processInstanceKey))!.state).toBe('CREATED');
  });

  it('cancelling the instance cancels its open task', async () => {
    const { processInstanceKey } = await t.client.createProcessInstance({
      processDefinitionId: 'review',
      variables: { reviewer: 'x', dueDate: null, severity: 'minor' },
    } as never);
    await t.client.cancelProcessInstance({ processInstanceKey } as never);
    expect((await taskOf(processInstanceKey))!.state).toBe('CANCELED');
  });
});
