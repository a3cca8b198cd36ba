import type { BpmnActivity, BpmnReceiveTask } from 'bpmn-moddle/types';
import type { ModdleElement } from 'moddle';
import type { ValueOrExpression } from '../feel/index.js';
import { parseZonedDateTime } from '../feel/index.js';
import type {
  BpmnElementType,
  CallActivity,
  IoMapping,
  JobWorkerTask,
  JobWorkerTaskKind,
  MultiInstanceDefinition,
  PassThroughTask,
  ReceiveTask,
  UserTask,
} from './executable-process.js';
import { findExtension, present } from './moddle-access.js';
import type { BpmnElement } from './moddle-access.js';
import { readValueOrExpression } from './read-attribute.js';
import { readMessageCatch } from './read-event-definition.js';
import { readBinding, readFormReference } from './read-form.js';
import { readIoMapping } from './read-io-mapping.js';
import { readJobDefinition, readTaskHeaders } from './read-job-definition.js';
import { readMultiInstance } from './read-multi-instance.js';
import { flowNodeBase } from './transform-context.js';
import type { ScopeInfo, TransformContext } from './transform-context.js';

export type ActivityElement = ModdleElement<BpmnActivity> & BpmnElement;

export interface ActivityFields {
  readonly id: string;
  readonly name: string | null;
  readonly elementType: BpmnElementType;
  readonly flowScopeId: string;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
  readonly ioMapping: IoMapping;
  readonly boundaryEventIds: readonly string[];
  readonly multiInstance: MultiInstanceDefinition | null;
}

/** What every activity has: flows, mappings, boundary events, multi-instance. */
export function activityBase(
  context: TransformContext,
  element: ActivityElement,
  elementType: BpmnElementType,
  scope: ScopeInfo,
): ActivityFields {
  const { problems } = context;
  if (element.isForCompensation === true) {
    problems.add(element, 'compensation activities (isForCompensation) are not supported');
  }
  const base = flowNodeBase(context, element, elementType, scope);
  return {
    ...base,
    ioMapping: readIoMapping(problems, element),
    boundaryEventIds: context.boundaryEventsByActivity.get(base.id) ?? [],
    multiInstance: readMultiInstance(problems, element, element.loopCharacteristics),
  };
}

const JOB_WORKER_TYPES: Readonly<Record<JobWorkerTaskKind, BpmnElementType>> = {
  serviceTask: 'SERVICE_TASK',
  sendTask: 'SEND_TASK',
  scriptTask: 'SCRIPT_TASK',
  businessRuleTask: 'BUSINESS_RULE_TASK',
};

/** Service, send, script and business-rule tasks, implemented by job workers. */
export function transformJobWorkerTask(
  context: TransformContext,
  element: ActivityElement,
  kind: JobWorkerTaskKind,
  scope: ScopeInfo,
): JobWorkerTask | undefined {
  const base = activityBase(context, element, JOB_WORKER_TYPES[kind], scope);
  const hasOtherImplementation =
    findExtension(element, 'zeebe:Script') !== undefined ||
    findExtension(element, 'zeebe:CalledDecision') !== undefined;
  if (hasOtherImplementation && findExtension(element, 'zeebe:TaskDefinition') === undefined) {
    return undefined; // reported as unsupported
  }
  const job = readJobDefinition(context.problems, element);
  return job === undefined ? undefined : { ...base, kind, job };
}

export function transformPassThroughTask(
  context: TransformContext,
  element: ActivityElement,
  kind: 'manualTask' | 'task',
  scope: ScopeInfo,
): PassThroughTask {
  return { ...activityBase(context, element, kind === 'task' ? 'TASK' : 'MANUAL_TASK', scope), kind };
}

export function transformReceiveTask(
  context: TransformContext,
  element: ActivityElement & Pick<BpmnReceiveTask, 'messageRef'>,
  scope: ScopeInfo,
): ReceiveTask | undefined {
  const base = activityBase(context, element, 'RECEIVE_TASK', scope);
  const message = readMessageCatch(context.problems, element, element);
  return message === undefined ? undefined : { ...base, kind: 'receiveTask', eventDefinition: message };
}

export function transformCallActivity(
  context: TransformContext,
  element: ActivityElement,
  scope: ScopeInfo,
): CallActivity | undefined {
  const { problems } = context;
  const base = activityBase(context, element, 'CALL_ACTIVITY', scope);
  const calledElement = findExtension(element, 'zeebe:CalledElement');
  const rawProcessId = present(calledElement?.processId);
  if (calledElement === undefined || rawProcessId === undefined) {
    problems.add(element, 'a call activity must name the process it calls (zeebe:calledElement processId)');
    return undefined;
  }
  const processId = readValueOrExpression(problems, element, 'zeebe:calledElement processId', rawProcessId);
  const binding = readBinding(problems, element, calledElement, 'zeebe:calledElement');
  if (processId === undefined) return undefined;
  return {
    ...base,
    kind: 'callActivity',
    processId,
    ...binding,
    propagateAllChildVariables: calledElement.propagateAllChildVariables ?? true,
    propagateAllParentVariables: calledElement.propagateAllParentVariables ?? true,
  };
}

/** A Camunda user task (`zeebe:userTask`) with its assignment, schedule, priority and form. */
export function transformUserTask(
  context: TransformContext,
  element: ActivityElement,
  scope: ScopeInfo,
): UserTask | undefined {
  const { problems } = context;
  const base = activityBase(context, element, 'USER_TASK', scope);
  if (findExtension(element, 'zeebe:UserTask') === undefined) {
    problems.add(
      element,
      'job-worker user tasks are not supported: make it a Camunda user task (zeebe:userTask, the default in Camunda Modeler 8.8)',
    );
    return undefined;
  }
  const assignment = findExtension(element, 'zeebe:AssignmentDefinition');
  const schedule = findExtension(element, 'zeebe:TaskSchedule');
  const read = (attribute: string, raw: string | undefined): ValueOrExpression | null =>
    readValueOrExpression(problems, element, attribute, present(raw)) ?? null;
  const readDate = (attribute: string, raw: string | undefined): ValueOrExpression | null => {
    const value = read(attribute, raw);
    if (value?.kind === 'static' && parseZonedDateTime(value.value) === null) {
      problems.add(
        element,
        `${attribute} must be an ISO 8601 date-time with offset (e.g. '2025-03-01T17:00:00+03:30') or a FEEL expression, but was '${value.value}'`,
      );
      return null;
    }
    return value;
  };
  const priority = read(
    'zeebe:priorityDefinition priority',
    findExtension(element, 'zeebe:PriorityDefinition')?.priority,
  );
  if (priority?.kind === 'static' && !isPriority(priority.value)) {
    problems.add(
      element,
      `zeebe:priorityDefinition priority must be a whole number from 0 to 100, but was '${priority.value}'`,
    );
  }
  return {
    ...base,
    kind: 'userTask',
    assignee: read('zeebe:assignmentDefinition assignee', assignment?.assignee),
    candidateGroups: read('zeebe:assignmentDefinition candidateGroups', assignment?.candidateGroups),
    candidateUsers: read('zeebe:assignmentDefinition candidateUsers', assignment?.candidateUsers),
    dueDate: readDate('zeebe:taskSchedule dueDate', schedule?.dueDate),
    followUpDate: readDate('zeebe:taskSchedule followUpDate', schedule?.followUpDate),
    priority,
    form: readFormReference(context, element),
    headers: readTaskHeaders(problems, element),
  };
}

function isPriority(text: string): boolean {
  return /^\d+$/.test(text) && Number(text) <= 100;
}
