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
  CallActivity,
  EndEvent,
  InclusiveGateway,
  EventBasedGateway,
  EventSubProcess,
  ExclusiveGateway,
  ExecutableElement,
  IntermediateCatchEvent,
  JobWorkerTask,
  ReceiveTask,
  SubProcess,
  UserTask as UserTaskElement,
} from '../model/executable-process.js';
import { eventSubProcessCatchEvents } from './event-sub-processes.js';
import { openSubscriptions } from './event-subscriptions.js';
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
  /**
   * When the instance starts terminating, before its children are terminated; 'wait' when it ends
   * only once something else has ended (a call activity's child instance).
   */
  terminate?(batch: ProcessBatch, instance: ElementInstance, element: E): void | 'wait';
}

const passThrough: ElementBehavior = {
  activate(batch, instance) {
    batch.transition(instance, 'ACTIVATED');
    batch.complete(instance.key);
  },
};

const container: ElementBehavior<SubProcess | EventSubProcess> = {
  async activate(batch, instance, element) {
    instance.runtime = { ...instance.runtime, activeChildren: 0, activeFlows: 0 };
    if (!(await batch.openBoundaryEvents(instance, eventSubProcessCatchEvents(batch, element)))) return;
    batch.transition(instance, 'ACTIVATED');
    const trigger = instance.runtime.trigger;
    if (element.kind === 'eventSubProcess' && trigger) {
      // The event that started the event sub-process reaches its start event.
      delete instance.runtime.trigger;
      batch.activateByEvent(element.startEventId, instance, trigger.variables);
    } else batch.activate(element.startEventId, instance.key);
  },
};

/** Waits for its own timer or message, unless an event-based gateway already chose it. */
const intermediateCatchEvent: ElementBehavior<IntermediateCatchEvent> = {
  async activate(batch, instance, element) {
    if (instance.runtime.trigger) {
      batch.transition(instance, 'ACTIVATED');
      batch.complete(instance.key);
      return;
    }
    const own = { elementId: element.id, definition: element.eventDefinition, interrupting: true };
    if (!(await openSubscriptions(batch, instance, [own]))) return;
    batch.transition(instance, 'ACTIVATED');
  },
};

const receiveTask: ElementBehavior<ReceiveTask> = {
  async activate(batch, instance, element) {
    const own = { elementId: element.id, definition: element.eventDefinition, interrupting: true };
    if (!(await batch.openBoundaryEvents(instance, [own]))) return;
    batch.transition(instance, 'ACTIVATED');
  },
};

/** Waits for the first of the events that follow it, then continues towards that one only. */
const eventBasedGateway: ElementBehavior<EventBasedGateway> = {
  async activate(batch, instance, element) {
    const events = element.eventIds.map((id) => {
      const event = batch.element(id) as IntermediateCatchEvent;
      return { elementId: id, definition: event.eventDefinition, interrupting: true };
    });
    if (!(await openSubscriptions(batch, instance, events))) return;
    batch.transition(instance, 'ACTIVATED');
  },
  outgoing(batch, instance, element) {
    const chosen = instance.runtime.eventTrigger?.elementId;
    return element.outgoing.filter((f) => batch.definition.process.sequenceFlows[f]?.targetId === chosen);
  },
};

/**
 * A terminate end event ends every other path of its flow scope, which then completes. An error end
 * event throws its error from its flow scope and waits to be terminated by the catching event.
 */
const endEvent: ElementBehavior<EndEvent> = {
  activate(batch, instance, element) {
    const definition = element.eventDefinition;
    if (definition.type !== 'error') return passThrough.activate(batch, instance, element);
    const code = attribute(
      batch,
      instance,
      evaluateString(definition.errorCode, batch.variables.visible(instance.key)),
    );
    if (code === undefined) return;
    const thrown = batch.throwError(
      instance.flowScopeKey,
      code,
      {},
      {
        processInstanceKey: batch.instance.key,
        elementInstanceKey: instance.key,
        jobKey: null,
        errorMessage: null,
      },
    );
    if (thrown.outcome === 'uncaught') {
      batch.raiseIncident(
        instance,
        'UNHANDLED_ERROR_EVENT',
        unhandledErrorMessage(code, null, thrown.available),
        'ACTIVATING',
      );
      return;
    }
    batch.transition(instance, 'ACTIVATED');
  },
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

/**
 * The flows whose conditions hold, in XML order: the first only (exclusive) or all (inclusive); the
 * default flow when none does; undefined after raising an incident (§6.1, §6.3).
 */
function chooseFlows(
  batch: ProcessBatch,
  instance: ElementInstance,
  element: ExclusiveGateway | InclusiveGateway,
  all: boolean,
): string[] | undefined {
  if (element.outgoing.length === 0) return [];
  const variables = batch.variables.visible(instance.key);
  const chosen: string[] = [];
  for (const flowId of element.outgoing) {
    if (flowId === element.defaultFlowId) continue;
    const condition = batch.definition.process.sequenceFlows[flowId]?.condition;
    if (!condition) return [flowId]; // a single unconditioned flow
    const result = evaluateBoolean(condition, variables);
    if (!result.ok) {
      batch.raiseIncident(instance, 'EXTRACT_VALUE_ERROR', result.failure.message, 'COMPLETING');
      return undefined;
    }
    if (result.value) chosen.push(flowId);
    if (chosen.length > 0 && !all) break;
  }
  if (chosen.length > 0) return chosen;
  if (element.defaultFlowId) return [element.defaultFlowId];
  batch.raiseIncident(
    instance,
    'CONDITION_ERROR',
    'Expected at least one condition to evaluate to true, or to have a default flow',
    'COMPLETING',
  );
  return undefined;
}

const exclusiveGateway: ElementBehavior<ExclusiveGateway> = {
  ...passThrough,
  outgoing: (batch, instance, element) => chooseFlows(batch, instance, element, false),
};

const inclusiveGateway: ElementBehavior<InclusiveGateway> = {
  ...passThrough,
  outgoing: (batch, instance, element) => chooseFlows(batch, instance, element, true),
};

/**
 * A call activity starts an instance of the called process with its variables and waits for it
 * (§8.3); terminating it terminates the child first.
 */
const callActivity: ElementBehavior<CallActivity> = {
  async activate(batch, instance, element) {
    const visible = batch.variables.visible(instance.key);
    const processId = attribute(batch, instance, evaluateString(element.processId, visible));
    if (processId === undefined) return;
    const called = await batch.env.findCalledProcess(
      processId,
      batch.definition,
      element.bindingType,
      element.versionTag,
    );
    if (typeof called === 'string') {
      batch.raiseIncident(instance, 'CALLED_ELEMENT_ERROR', called, 'ACTIVATING');
      return;
    }
    if (!(await batch.openBoundaryEvents(instance))) return;
    batch.transition(instance, 'ACTIVATED');
    const child = await batch.key();
    instance.runtime.childInstanceKey = child.toString();
    batch.changes.followUps.push({
      type: 'start-child',
      childProcessInstanceKey: child,
      parent: { processInstanceKey: batch.instance.key, elementInstanceKey: instance.key },
      processDefinitionKey: called,
      variables: element.propagateAllParentVariables ? visible : batch.variables.localDocument(instance.key),
    });
  },
  terminate(batch, instance) {
    if (!instance.runtime.childInstanceKey) return;
    batch.changes.followUps.push({
      type: 'terminate-child',
      childProcessInstanceKey: BigInt(instance.runtime.childInstanceKey),
      parent: { processInstanceKey: batch.instance.key, elementInstanceKey: instance.key },
    });
    return 'wait';
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
    if (!(await batch.openBoundaryEvents(instance))) return;
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
    if (!(await batch.openBoundaryEvents(instance))) return;
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
  inclusiveGateway,
  callActivity,
  serviceTask: jobWorkerTask,
  sendTask: jobWorkerTask,
  scriptTask: jobWorkerTask,
  businessRuleTask: jobWorkerTask,
  userTask,
  subProcess: container,
  eventSubProcess: container,
  intermediateCatchEvent,
  receiveTask,
  boundaryEvent: passThrough,
  eventBasedGateway,
};

/** Zeebe's text for an error nobody catches. */
export function unhandledErrorMessage(
  code: string,
  message: string | null,
  available: readonly string[],
): string {
  const what = `Expected to throw an error event with the code '${code}'${message ? ` with message '${message}'` : ''}, but it was not caught.`;
  return available.length
    ? `${what} Available error events are [${available.join(', ')}]`
    : `${what} No error events are available in the scope.`;
}

/** The element kinds this engine executes; deployment rejects the others. */
export const EXECUTABLE_KINDS: ReadonlySet<string> = new Set(Object.keys(behaviors));

export function elementBehavior(element: ExecutableElement): ElementBehavior {
  const behavior = behaviors[element.kind];
  if (!behavior)
    throw new Error(`no behavior for ${element.kind} (${element.id}): deployment should have rejected it`);
  return behavior as ElementBehavior;
}
