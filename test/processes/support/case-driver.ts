import { candidateGroupsOf } from '../../../src/domain/staff-groups.js';
import {
  completeTask,
  mayWorkOn,
  openTasks as openTasksOf,
  type OpenTask,
} from '../../../src/camunda/user-tasks.js';
import type { SystemUnderTest } from './system-under-test.js';

/** The open user tasks of an instance, through the REST API. */
export const openTasks = (sut: SystemUnderTest, processInstanceKey: string): Promise<OpenTask[]> =>
  openTasksOf(sut.client, processInstanceKey);

/**
 * Completes the open task `elementId` as `username` would through the inbox: only when the task
 * is theirs (assignee) or open to one of their groups; claims it, completes it with the form's
 * values, then lets the workers and timers run.
 */
export async function completeAs(
  sut: SystemUnderTest,
  username: string,
  processInstanceKey: string,
  elementId: string,
  values: Record<string, unknown>,
): Promise<void> {
  const task = (await openTasks(sut, processInstanceKey)).find((t) => t.elementId === elementId);
  if (!task) {
    const open = (await openTasks(sut, processInstanceKey)).map((t) => t.elementId);
    throw new Error(`no open task ${elementId} (open: ${open.join(', ') || 'none'})`);
  }
  const groups = await candidateGroupsOf(sut.db.owner, username);
  if (!mayWorkOn(task, username, groups)) {
    throw new Error(
      `${username} may not work on ${elementId} (assignee ${task.assignee}, groups ${task.candidateGroups})`,
    );
  }
  await completeTask(sut.client, task, username, values);
  await sut.settle();
}

/** The stages recorded on the complaint form so far, in order. */
export async function stagesOf(sut: SystemUnderTest, complaintId: number): Promise<string[]> {
  return (await sut.db
    .owner('complaint_stages')
    .where({ complaint_id: complaintId })
    .orderBy('id')
    .pluck('stage')) as string[];
}

export async function instanceState(sut: SystemUnderTest, processInstanceKey: string): Promise<string> {
  const { rows } = await sut.db.owner.raw('select state from engine.process_instances where key = ?', [
    processInstanceKey,
  ]);
  return (rows as { state: string }[])[0]?.state ?? 'missing';
}

/** Element ids the instance passed through, with their end state. */
export async function path(sut: SystemUnderTest, processInstanceKey: string): Promise<string[]> {
  const { rows } = await sut.db.owner.raw(
    'select element_id, lifecycle from engine.element_instances where process_instance_key = ? order by key',
    [processInstanceKey],
  );
  return (rows as { element_id: string; lifecycle: string }[]).map((r) => `${r.element_id}:${r.lifecycle}`);
}
