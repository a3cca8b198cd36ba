import type { SystemUnderTest } from './system-under-test.js';

export interface OpenTask {
  readonly userTaskKey: string;
  readonly elementId: string;
  readonly assignee?: string | null;
  readonly candidateGroups?: string[];
  readonly formKey?: string;
}

const NOW = { consistency: { waitUpToMs: 0 } };

/** The open user tasks of an instance, through the REST API. */
export async function openTasks(sut: SystemUnderTest, processInstanceKey: string): Promise<OpenTask[]> {
  const result = await sut.client.searchUserTasks(
    { filter: { processInstanceKey, state: 'CREATED' } } as never,
    NOW as never,
  );
  return result.items as unknown as OpenTask[];
}

/** The candidate groups of a staff member, as BPMN user tasks name them. */
export async function groupsOf(sut: SystemUnderTest, username: string): Promise<string[]> {
  return (await sut.db
    .owner('staff_candidate_groups as g')
    .join('staff as s', 's.id', 'g.staff_id')
    .where('s.username', username)
    .pluck('g.group_id')) as string[];
}

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
  const groups = await groupsOf(sut, username);
  const mine = task.assignee === username || (task.candidateGroups ?? []).some((g) => groups.includes(g));
  if (!mine)
    throw new Error(
      `${username} may not work on ${elementId} (assignee ${task.assignee}, groups ${task.candidateGroups})`,
    );
  await sut.client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: username } as never);
  await sut.client.completeUserTask({ userTaskKey: task.userTaskKey, variables: values } as never);
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
