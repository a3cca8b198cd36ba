/**
 * The path a case took through its BPMN process, read only through the Camunda 8.8 REST API with the
 * official client, so it reads the same from the embedded engine and from a Camunda cluster: the elements
 * entered, the ones active now, the sequence flows taken (GET /v2/process-instances/{key}/sequence-flows),
 * open user tasks and incidents — for the complaint's instance and the instances it called (corrective
 * actions).
 */
import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import { NO_WAIT } from '../../camunda/user-tasks.js';

export interface InstancePath {
  readonly processInstanceKey: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number | null;
  /** ACTIVE, COMPLETED or TERMINATED. */
  readonly state: string;
  readonly startDate: string | null;
  readonly endDate: string | null;
  /** Every element the instance entered, once each, in the order first entered (active ones too). */
  readonly elementsVisited: string[];
  /** The elements active now: the current step(s). */
  readonly activeElements: string[];
  /** Every sequence flow taken, once each, in the order first taken. */
  readonly takenSequenceFlows: string[];
  /** The user tasks waiting for someone. */
  readonly openTasks: {
    readonly userTaskKey: string;
    readonly elementId: string;
    readonly name: string | null;
    readonly assignee: string | null;
    readonly candidateGroups: string[];
    readonly dueDate: string | null;
  }[];
  readonly incidents: {
    readonly incidentKey: string;
    readonly elementId: string;
    readonly errorType: string;
    readonly errorMessage: string;
    readonly state: string;
    readonly creationTime: string | null;
  }[];
}

export interface ProcessPath extends InstancePath {
  /** Instances this one called (corrective actions, SY-PR-05-00-02), oldest first. */
  readonly calledInstances: InstancePath[];
}

interface RawInstance {
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionVersion?: number;
  state: string;
  startDate?: string | null;
  endDate?: string | null;
  parentProcessInstanceKey?: string | null;
}

interface RawElementInstance {
  elementId: string;
  state: string;
}

const PAGE_LIMIT = 1000;
/** A safety stop: 20 000 element instances is far beyond any case. */
const MAX_PAGES = 20;

const engineStatus = (err: unknown) => (err as { status?: unknown } | null)?.status;

/** All items of a search, page after page (cursor paging, as Camunda 8.8 offers it). */
async function searchAll<T>(
  search: (page: {
    limit: number;
    after?: string;
  }) => Promise<{ items: unknown[]; page: { endCursor?: string | null } }>,
): Promise<T[]> {
  const all: T[] = [];
  let after: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const result = await search(after === undefined ? { limit: PAGE_LIMIT } : { limit: PAGE_LIMIT, after });
    all.push(...(result.items as T[]));
    if (result.items.length < PAGE_LIMIT || !result.page.endCursor) break;
    after = result.page.endCursor;
  }
  return all;
}

async function getInstance(
  client: CamundaClient,
  processInstanceKey: string,
): Promise<RawInstance | undefined> {
  try {
    return (await client.getProcessInstance(
      { processInstanceKey } as never,
      NO_WAIT as never,
    )) as unknown as RawInstance;
  } catch (err) {
    if (engineStatus(err) === 404) return undefined;
    throw err;
  }
}

async function pathOf(client: CamundaClient, instance: RawInstance): Promise<InstancePath> {
  const key = instance.processInstanceKey;
  const [elements, flows, tasks, incidents] = await Promise.all([
    searchAll<RawElementInstance>(
      async (page) =>
        (await client.searchElementInstances(
          { filter: { processInstanceKey: key }, sort: [{ field: 'elementInstanceKey' }], page } as never,
          NO_WAIT as never,
        )) as never,
    ),
    client.getProcessInstanceSequenceFlows({ processInstanceKey: key } as never, NO_WAIT as never),
    client.searchUserTasks(
      { filter: { processInstanceKey: key, state: 'CREATED' }, page: { limit: 100 } } as never,
      NO_WAIT as never,
    ),
    client.searchIncidents(
      { filter: { processInstanceKey: key }, page: { limit: 100 } } as never,
      NO_WAIT as never,
    ),
  ]);
  const unique = (ids: string[]) => [...new Set(ids)];
  return {
    processInstanceKey: key,
    processDefinitionKey: instance.processDefinitionKey,
    processDefinitionId: instance.processDefinitionId,
    processDefinitionVersion: instance.processDefinitionVersion ?? null,
    state: instance.state,
    startDate: instance.startDate ?? null,
    endDate: instance.endDate ?? null,
    elementsVisited: unique(elements.map((e) => e.elementId)),
    activeElements: unique(elements.filter((e) => e.state === 'ACTIVE').map((e) => e.elementId)),
    takenSequenceFlows: unique(
      ((flows as { items?: { elementId?: string }[] }).items ?? []).flatMap((f) =>
        f.elementId ? [f.elementId] : [],
      ),
    ),
    openTasks: (
      tasks.items as unknown as {
        userTaskKey: string;
        elementId: string;
        name?: string | null;
        assignee?: string | null;
        candidateGroups?: string[] | null;
        dueDate?: string | null;
      }[]
    ).map((t) => ({
      userTaskKey: t.userTaskKey,
      elementId: t.elementId,
      name: t.name ?? null,
      assignee: t.assignee ?? null,
      candidateGroups: t.candidateGroups ?? [],
      dueDate: t.dueDate ?? null,
    })),
    incidents: (
      incidents.items as unknown as {
        incidentKey: string;
        elementId: string;
        errorType: string;
        errorMessage: string;
        state: string;
        creationTime?: string | null;
      }[]
    ).map((i) => ({
      incidentKey: i.incidentKey,
      elementId: i.elementId,
      errorType: i.errorType,
      errorMessage: i.errorMessage,
      state: i.state,
      creationTime: i.creationTime ?? null,
    })),
  };
}

/** The instances `processInstanceKey` called, oldest first. */
export async function calledInstancesOf(
  client: CamundaClient,
  processInstanceKey: string,
): Promise<RawInstance[]> {
  return searchAll<RawInstance>(
    async (page) =>
      (await client.searchProcessInstances(
        {
          filter: { parentProcessInstanceKey: processInstanceKey },
          sort: [{ field: 'processInstanceKey' }],
          page,
        } as never,
        NO_WAIT as never,
      )) as never,
  );
}

/** The path of the instance and of the instances it called; undefined when the engine does not know it (yet). */
export async function processPathOf(
  client: CamundaClient,
  processInstanceKey: string,
): Promise<ProcessPath | undefined> {
  const instance = await getInstance(client, processInstanceKey);
  if (!instance) return undefined;
  const [main, called] = await Promise.all([
    pathOf(client, instance),
    calledInstancesOf(client, processInstanceKey).then((children) =>
      Promise.all(children.map((child) => pathOf(client, child))),
    ),
  ]);
  return { ...main, calledInstances: called };
}

/**
 * The BPMN XML of an instance's process definition, when the instance is `rootKey` itself or one it
 * called; undefined otherwise or when the engine does not know it.
 */
export async function diagramOf(
  client: CamundaClient,
  rootKey: string,
  processInstanceKey: string = rootKey,
): Promise<string | undefined> {
  const instance = await getInstance(client, processInstanceKey);
  if (!instance) return undefined;
  if (processInstanceKey !== rootKey && instance.parentProcessInstanceKey !== rootKey) return undefined;
  try {
    return (await client.getProcessDefinitionXml(
      { processDefinitionKey: instance.processDefinitionKey } as never,
      NO_WAIT as never,
    )) as unknown as string;
  } catch (err) {
    if (engineStatus(err) === 404) return undefined;
    throw err;
  }
}
