import type { CamundaClient } from '@camunda8/orchestration-cluster-api';

export interface OpenTask {
  readonly userTaskKey: string;
  readonly elementId: string;
  readonly assignee?: string | null;
  readonly candidateGroups?: string[];
}

/** Read what the engine has now: the embedded engine is always consistent; a cluster's index may lag. */
export const NO_WAIT = { consistency: { waitUpToMs: 0 } };

/** The open user tasks of a process instance. */
export async function openTasks(client: CamundaClient, processInstanceKey: string): Promise<OpenTask[]> {
  const result = await client.searchUserTasks(
    { filter: { processInstanceKey, state: 'CREATED' } } as never,
    NO_WAIT as never,
  );
  return result.items as unknown as OpenTask[];
}

/** Whether a user with these candidate groups may work on the task. */
export function mayWorkOn(task: OpenTask, username: string, groups: readonly string[]): boolean {
  return task.assignee === username || (task.candidateGroups ?? []).some((g) => groups.includes(g));
}

/** Waits until the instance has an open task for `elementId` (workers run in between). */
export async function waitForTask(
  client: CamundaClient,
  processInstanceKey: string,
  elementId: string,
  timeoutMs = 20_000,
): Promise<OpenTask> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = (await openTasks(client, processInstanceKey)).find((t) => t.elementId === elementId);
    if (task) return task;
    if (Date.now() > deadline)
      throw new Error(`instance ${processInstanceKey} did not reach ${elementId} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Claims and completes a task as a person would through the inbox. */
export async function completeTask(
  client: CamundaClient,
  task: OpenTask,
  username: string,
  values: Record<string, unknown>,
): Promise<void> {
  await client.assignUserTask({ userTaskKey: task.userTaskKey, assignee: username } as never);
  await client.completeUserTask({ userTaskKey: task.userTaskKey, variables: values } as never);
}
