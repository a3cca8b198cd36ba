import {
  evaluateBoolean,
  evaluateDateTime,
  evaluateInteger,
  evaluateNumber,
  evaluateString,
  evaluateStringList,
  type FeelResult,
  type ValueOrExpression,
} from '../feel/index.js';
import type {
  EndEvent,
  ExclusiveGateway,
  ExecutableElement,
  JobWorkerTask,
  SubProcess,
  UserTask as UserTaskElement,
} from '../model/executable-process.js';
import type { ProcessBatch } from './process-batch.js';
import type { ElementInstance, Job, UserTask } from './runtime.js';

/** What one kind of element does in each phase of its lifecycle (Zeebe's BpmnElementProcessor). */
export interface ElementBehavior<E extends ExecutableElement = ExecutableElement> {
  /** After input mappings; moves the instance to ACTIVATED (or raises an incident). */
  activate(batch: ProcessBatch, instance: ElementInstance, element: E): Promise<void> | void;
  /** The flows to take on completion (default: all outgoing); undefined after raising an incident. */
  outgoing?(batch: ProcessBatch, instance: ElementInstance, element: E): readonly string[] | undefined;
  /** After COMPLETED, before the flow scope learns that the child ended. */
  completed?(batch: ProcessBatch, instance: ElementInstance, element: E): void;
  /** When the instance starts terminating, before its children are terminated. */
  terminate?(batch: ProcessBatch, instance: ElementInstance, element: E): void;
}

const passThrough: ElementBehavior = {
  activate(batch, instance) {
    batch.transition(instance, 'ACTIVATED');
    batch.complete(instance.key);
  },
};

const container: ElementBehavior<SubProcess> = {
  activate(batch, instance, element) {
    instance.runtime = { ...instance.runtime, activeChildren: 0, activeFlows: 0 };
    batch.transition(instance, 'ACTIVATED');
    batch.activate(element.startEventId, instance.key);
  },
};

/** A terminate end event ends every other path of its flow scope, which then completes. */
const endEvent: ElementBehavior<EndEvent> = {
  ...passThrough,
  completed(batch, instance, element) {
    if (element.eventDefinition.type !== 'terminate' || instance.flowScopeKey === null) return;
    const scope = batch.elements.get(instance.flowScopeKey);
    if (!scope) return;
    scope.runtime.interrupted = true;
    scope.runtime.activeFlows = 0;
    delete scope.runtime.joinTokens;
    batch.changes.touch(scope);
    for (const child of batch.children(scope.key)) if (child.key !== instance.key) batch.terminate(child.key);
  },
};

const exclusiveGateway: ElementBehavior<ExclusiveGateway> = {
  ...passThrough,
  outgoing(batch, instance, element) {
    if (element.outgoing.length === 0) return [];
    const variables = batch.variables.visible(instance.key);
    for (const flowId of element.outgoing) {
      if (flowId === element.defaultFlowId) continue;
      const condition = batch.definition.process.sequenceFlows[flowId]?.condition;
      if (!condition) return [flowId]; // a single unconditioned flow
      const result = evaluateBoolean(condition, variables);
      if (!result.ok) {
        batch.raiseIncident(instance, 'EXTRACT_VALUE_ERROR', result.failure.message, 'COMPLETING');
        return undefined;
      }
      if (result.value) return [flowId];
    }
    if (element.defaultFlowId) return [element.defaultFlowId];
    batch.raiseIncident(
      instance,
      'CONDITION_ERROR',
      'Expected at least one condition to evaluate to true, or to have a default flow',
      'COMPLETING',
    );
    return undefined;
  },
};

/** Evaluates one attribute; on failure raises the incident Zeebe raises and gives undefined. */
function attribute<T>(batch: ProcessBatch, instance: ElementInstance, result: FeelResult<T>): T | undefined {
  if (result.ok) return result.value;
  batch.raiseIncident(instance, 'EXTRACT_VALUE_ERROR', result.failure.message, 'ACTIVATING');
  return undefined;
}

const jobWorkerTask: ElementBehavior<JobWorkerTask> = {
  async activate(batch, instance, element) {
    const variables = batch.variables.visible(instance.key);
    const type = attribute(batch, instance, evaluateString(element.job.type, variables));
    if (type === undefined) return;
    const retries = attribute(batch, instance, evaluateNumber(element.job.retries, variables));
    if (retries === undefined) return;
    const job: Job = {
      key: await batch.key(),
      type,
      state: 'ACTIVATABLE',
      processInstanceKey: instance.processInstanceKey,
      elementInstanceKey: instance.key,
      elementId: instance.elementId,
      processDefinitionKey: batch.definition.key,
      bpmnProcessId: batch.definition.bpmnProcessId,
      version: batch.definition.version,
      tenantId: batch.definition.tenantId,
      retries: Math.trunc(retries),
      customHeaders: { ...element.job.headers },
      worker: null,
      deadline: null,
      recurAt: null,
      errorMessage: null,
      errorCode: null,
      createdAt: batch.env.now(),
    };
    batch.jobs.set(job.key, job);
    batch.changes.job(job, 'insert');
    instance.runtime.jobKey = job.key.toString();
    batch.record(job.key, 'JOB', 'CREATED', { type, retries: job.retries, elementId: instance.elementId });
    batch.transition(instance, 'ACTIVATED');
  },
  terminate(batch, instance) {
    const job = instance.runtime.jobKey ? batch.jobs.get(BigInt(instance.runtime.jobKey)) : undefined;
    if (!job) return;
    batch.jobs.delete(job.key);
    batch.changes.job(job, 'delete');
    batch.record(job.key, 'JOB', 'CANCELED', { type: job.type, elementId: job.elementId });
  },
};

const nullable = <T>(source: ValueOrExpression | null, evaluate: (s: ValueOrExpression) => FeelResult<T>) =>
  source === null ? ({ ok: true, value: null, warnings: [] } as FeelResult<null>) : evaluate(source);

const userTask: ElementBehavior<UserTaskElement> = {
  async activate(batch, instance, element) {
    const v = batch.variables.visible(instance.key);
    const assignee = attribute(
      batch,
      instance,
      nullable(element.assignee, (s) => evaluateString(s, v)),
    );
    if (assignee === undefined) return;
    const groups = attribute(
      batch,
      instance,
      nullable(element.candidateGroups, (s) => evaluateStringList(s, v)),
    );
    if (groups === undefined) return;
    const users = attribute(
      batch,
      instance,
      nullable(element.candidateUsers, (s) => evaluateStringList(s, v)),
    );
    if (users === undefined) return;
    const due = attribute(
      batch,
      instance,
      nullable(element.dueDate, (s) => evaluateDateTime(s, v, { nullable: true })),
    );
    if (due === undefined) return;
    const followUp = attribute(
      batch,
      instance,
      nullable(element.followUpDate, (s) => evaluateDateTime(s, v, { nullable: true })),
    );
    if (followUp === undefined) return;
    const priority = attribute(
      batch,
      instance,
      nullable(element.priority, (s) => evaluateInteger(s, v)),
    );
    if (priority === undefined) return;
    if (priority !== null && (priority < 0 || priority > 100)) {
      batch.raiseIncident(
        instance,
        'EXTRACT_VALUE_ERROR',
        `Expected priority to be in the range [0,100], but was '${priority}'.`,
        'ACTIVATING',
      );
      return;
    }
    let formKey: bigint | null = null;
    let externalFormReference: string | null = null;
    const form = element.form;
    if (form?.type === 'formId') {
      const formId = attribute(batch, instance, evaluateString(form.formId, v));
      if (formId === undefined) return;
      formKey = await batch.env.findFormKey(formId, batch.definition.tenantId);
      if (formKey === null) {
        batch.raiseIncident(
          instance,
          'FORM_NOT_FOUND',
          `Expected to find a form with id '${formId}', but no form with this id is found, at least a form with this id should be available. To resolve the Incident please deploy a form with the same id`,
          'ACTIVATING',
        );
        return;
      }
    } else if (form?.type === 'externalReference') {
      const reference = attribute(batch, instance, evaluateString(form.externalReference, v));
      if (reference === undefined) return;
      externalFormReference = reference;
    } else if (form?.type === 'formKey') {
      externalFormReference = form.formKey;
    }
    const task: UserTask = {
      key: await batch.key(),
      elementInstanceKey: instance.key,
      processInstanceKey: instance.processInstanceKey,
      processDefinitionKey: batch.definition.key,
      bpmnProcessId: batch.definition.bpmnProcessId,
      version: batch.definition.version,
      tenantId: batch.definition.tenantId,
      elementId: instance.elementId,
      name: element.name,
      state: 'CREATED',
      assignee: assignee && assignee.length > 0 ? assignee : null,
      candidateGroups: groups ?? [],
      candidateUsers: users ?? [],
      dueDate: due ? new Date(due.epochMillis) : null,
      followUpDate: followUp ? new Date(followUp.epochMillis) : null,
      priority: priority ?? 50,
      formKey,
      externalFormReference,
      customHeaders: { ...element.headers },
      creationDate: batch.env.now(),
      completionDate: null,
    };
    batch.userTasks.set(task.key, task);
    batch.changes.userTask(task, 'insert');
    instance.runtime.userTaskKey = task.key.toString();
    batch.record(task.key, 'USER_TASK', 'CREATED', {
      elementId: instance.elementId,
      assignee: task.assignee,
    });
    batch.transition(instance, 'ACTIVATED');
  },
  terminate(batch, instance) {
    const task = instance.runtime.userTaskKey
      ? batch.userTasks.get(BigInt(instance.runtime.userTaskKey))
      : undefined;
    if (!task || task.state !== 'CREATED') return;
    task.state = 'CANCELED';
    batch.changes.userTask(task, 'update');
    batch.record(task.key, 'USER_TASK', 'CANCELED', { elementId: task.elementId });
  },
};

const behaviors: Partial<Record<ExecutableElement['kind'], ElementBehavior<never>>> = {
  startEvent: passThrough,
  endEvent,
  intermediateThrowEvent: passThrough,
  manualTask: passThrough,
  task: passThrough,
  parallelGateway: passThrough,
  exclusiveGateway,
  serviceTask: jobWorkerTask,
  sendTask: jobWorkerTask,
  scriptTask: jobWorkerTask,
  businessRuleTask: jobWorkerTask,
  userTask,
  subProcess: container,
};

/** The element kinds this engine executes; deployment rejects the others. */
export const EXECUTABLE_KINDS: ReadonlySet<string> = new Set(Object.keys(behaviors));

export function elementBehavior(element: ExecutableElement): ElementBehavior {
  const behavior = behaviors[element.kind];
  if (!behavior)
    throw new Error(`no behavior for ${element.kind} (${element.id}): deployment should have rejected it`);
  return behavior as ElementBehavior;
}
