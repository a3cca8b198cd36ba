import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import { NO_WAIT } from '../../camunda/user-tasks.js';
import { isOverdue, matchesFilter, type InboxFilter } from './filter.js';
import type { Inbox, InboxTask } from './inbox-types.js';

export type { Inbox, InboxTask };

interface RawTask {
  userTaskKey: string;
  name?: string | null;
  elementId: string;
  processInstanceKey: string;
  processDefinitionId?: string | null;
  creationDate?: string | null;
  dueDate?: string | null;
  assignee?: string | null;
  candidateGroups?: string[] | null;
  priority?: number | null;
}

const PAGE = { limit: 1000 };

function toInboxTask(t: RawTask): InboxTask {
  return {
    userTaskKey: t.userTaskKey,
    name: t.name ?? null,
    elementId: t.elementId,
    processInstanceKey: t.processInstanceKey,
    processDefinitionId: t.processDefinitionId ?? null,
    creationDate: t.creationDate ?? null,
    dueDate: t.dueDate ?? null,
    assignee: t.assignee ?? null,
    candidateGroups: t.candidateGroups ?? [],
    priority: t.priority ?? null,
  };
}

async function search(client: CamundaClient, filter: Record<string, unknown>): Promise<RawTask[]> {
  const result = await client.searchUserTasks({ filter, page: PAGE } as never, NO_WAIT as never);
  return result.items as unknown as RawTask[];
}

/** The open tasks assigned to the user or offered to their candidate groups, most urgent first. */
export async function inboxOf(
  client: CamundaClient,
  username: string,
  groups: readonly string[],
  filter: InboxFilter = {},
  now = new Date(),
): Promise<Inbox> {
  const lists = await Promise.all([
    search(client, { state: 'CREATED', assignee: username }),
    ...groups.map((g) => search(client, { state: 'CREATED', candidateGroup: g })),
  ]);
  const byKey = new Map<string, InboxTask>();
  for (const t of lists.flat()) if (!byKey.has(t.userTaskKey)) byKey.set(t.userTaskKey, toInboxTask(t));
  const tasks = [...byKey.values()].sort(
    (a, b) =>
      (b.priority ?? 0) - (a.priority ?? 0) ||
      (a.dueDate ?? '\uffff').localeCompare(b.dueDate ?? '\uffff') ||
      (a.creationDate ?? '').localeCompare(b.creationDate ?? ''),
  );
  const perProcess = new Map<string, number>();
  for (const t of tasks) {
    if (t.processDefinitionId)
      perProcess.set(t.processDefinitionId, (perProcess.get(t.processDefinitionId) ?? 0) + 1);
  }
  return {
    tasks: tasks
      .filter((t) => matchesFilter(t, filter, now))
      .map((t) => ({ ...t, overdue: isOverdue(t, now) })),
    counts: {
      total: tasks.length,
      assignedToMe: tasks.filter((t) => t.assignee === username).length,
      open: tasks.filter((t) => t.assignee === null).length,
      overdue: tasks.filter((t) => isOverdue(t, now)).length,
    },
    processes: [...perProcess].map(([id, n]) => ({ id, tasks: n })).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** One open task, or undefined when the engine does not know it or it is no longer open. */
export async function findOpenTask(
  client: CamundaClient,
  userTaskKey: string,
): Promise<InboxTask | undefined> {
  if (!/^[1-9][0-9]{0,19}$/.test(userTaskKey)) return undefined;
  const items = await search(client, { userTaskKey, state: 'CREATED' });
  return items[0] ? toInboxTask(items[0]) : undefined;
}

/** Assigns the task to the user unless someone else holds it (the engine refuses with 409 then). */
export async function claimTask(client: CamundaClient, userTaskKey: string, username: string): Promise<void> {
  await client.assignUserTask({ userTaskKey, assignee: username, allowOverride: false } as never);
}

export async function releaseTask(client: CamundaClient, userTaskKey: string): Promise<void> {
  await client.unassignUserTask({ userTaskKey } as never);
}
