import type {
  BpmnFlowElementsContainer,
  BpmnProcess,
  BpmnStartEvent,
  BpmnSubProcess,
} from 'bpmn-moddle/types';
import type { ModdleElement } from 'moddle';
import type {
  EventSubProcess,
  ExecutableElement,
  ExecutableProcess,
  FlowScope,
  StartEvent,
  SubProcess,
} from './executable-process.js';
import { indexProcess } from './index-process.js';
import { findExtension } from './moddle-access.js';
import type { BpmnElement } from './moddle-access.js';
import type { LinkedFormReference } from './parsed-bpmn.js';
import type { ProblemCollector } from './problem-collector.js';
import { readIoMapping } from './read-io-mapping.js';
import {
  activityBase,
  transformCallActivity,
  transformJobWorkerTask,
  transformPassThroughTask,
  transformReceiveTask,
  transformUserTask,
} from './transform-activity.js';
import type { ActivityElement } from './transform-activity.js';
import { flowNodeBase } from './transform-context.js';
import type { ScopeInfo, TransformContext } from './transform-context.js';
import {
  transformBoundaryEvent,
  transformEndEvent,
  transformIntermediateCatchEvent,
  transformIntermediateThrowEvent,
  transformStartEvent,
} from './transform-event.js';
import {
  transformDecisionGateway,
  transformEventBasedGateway,
  transformParallelGateway,
} from './transform-gateway.js';
import { transformSequenceFlows } from './transform-sequence-flow.js';
import { checkUnsupportedExtensions, UNSUPPORTED_ELEMENTS } from './unsupported.js';
import { validateGraph } from './validate-graph.js';

type Container = ModdleElement<BpmnFlowElementsContainer> & BpmnElement;
type FlowElement = BpmnElement & { readonly $type: string };

/** Elements that carry no behaviour and are skipped. */
const IGNORED_ELEMENTS = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

interface ProcessBuild {
  readonly context: TransformContext;
  readonly elements: Record<string, ExecutableElement>;
  /** The XML element of every transformed flow node and sequence flow, to report problems against. */
  readonly xmlById: Map<string, FlowElement>;
}

/** Reads one executable `bpmn:process` into its executable form; problems go to the collector. */
export function transformProcess(
  problems: ProblemCollector,
  process: ModdleElement<BpmnProcess> & BpmnElement,
  linkedForms: LinkedFormReference[],
): ExecutableProcess {
  const processId = process.id ?? '';
  checkUnsupportedExtensions(problems, process);
  const { flows, ...index } = indexProcess(process);
  const context: TransformContext = { problems, bpmnProcessId: processId, ...index, linkedForms };
  const build: ProcessBuild = { context, elements: {}, xmlById: new Map() };
  const scope = transformContainer(build, process, { id: processId, kind: 'process', isInterrupting: true });
  const sequenceFlows = transformSequenceFlows(problems, flows, build.xmlById);
  for (const flow of flows) build.xmlById.set(flow.id, flow.element);
  const startEvents = scope.startEventIds
    .map((id) => build.elements[id])
    .filter((e) => e?.kind === 'startEvent');
  const noneStart = startEvents.find((event) => event.eventDefinition.type === 'none');
  const executable: ExecutableProcess = {
    id: processId,
    name: process.name ?? null,
    versionTag: findExtension(process, 'zeebe:VersionTag')?.value ?? null,
    noneStartEventId: noneStart?.id ?? null,
    ...scope,
    elements: build.elements,
    sequenceFlows: sequenceFlows.flows,
  };
  validateGraph(problems, process, executable, {
    xmlById: build.xmlById,
    flowsWithCondition: sequenceFlows.withConditionInXml,
    flowContainers: new Map(flows.map((flow) => [flow.id, flow.containerId])),
  });
  return executable;
}

function transformContainer(build: ProcessBuild, container: Container, scope: ScopeInfo): FlowScope {
  const childIds: string[] = [];
  const startEventIds: string[] = [];
  const eventSubProcessIds: string[] = [];
  const boundaryEventIdsByAttachedId: Record<string, string[]> = {};
  for (const flowElement of (container.flowElements ?? []) as FlowElement[]) {
    if (flowElement.$type === 'bpmn:SequenceFlow' || IGNORED_ELEMENTS.has(flowElement.$type)) continue;
    checkUnsupportedExtensions(build.context.problems, flowElement);
    const element = transformFlowElement(build, flowElement, scope);
    if (element === undefined) continue;
    build.elements[element.id] = element;
    build.xmlById.set(element.id, flowElement);
    childIds.push(element.id);
    if (element.kind === 'startEvent') startEventIds.push(element.id);
    if (element.kind === 'eventSubProcess') eventSubProcessIds.push(element.id);
    if (element.kind === 'boundaryEvent') {
      (boundaryEventIdsByAttachedId[element.attachedToId] ??= []).push(element.id);
    }
  }
  return { childIds, startEventIds, eventSubProcessIds, boundaryEventIdsByAttachedId };
}

function transformFlowElement(
  build: ProcessBuild,
  element: FlowElement,
  scope: ScopeInfo,
): ExecutableElement | undefined {
  const { context } = build;
  const unsupported = UNSUPPORTED_ELEMENTS[element.$type];
  if (unsupported !== undefined) {
    context.problems.add(element, unsupported);
    return undefined;
  }
  const activity = element as ActivityElement;
  switch (element.$type) {
    case 'bpmn:StartEvent':
      return transformStartEvent(context, element, scope);
    case 'bpmn:EndEvent':
      return transformEndEvent(context, element, scope);
    case 'bpmn:IntermediateThrowEvent':
      return transformIntermediateThrowEvent(context, element, scope);
    case 'bpmn:IntermediateCatchEvent':
      return transformIntermediateCatchEvent(context, element, scope);
    case 'bpmn:BoundaryEvent':
      return transformBoundaryEvent(context, element, scope);
    case 'bpmn:ServiceTask':
      return transformJobWorkerTask(context, activity, 'serviceTask', scope);
    case 'bpmn:SendTask':
      return transformJobWorkerTask(context, activity, 'sendTask', scope);
    case 'bpmn:ScriptTask':
      return transformJobWorkerTask(context, activity, 'scriptTask', scope);
    case 'bpmn:BusinessRuleTask':
      return transformJobWorkerTask(context, activity, 'businessRuleTask', scope);
    case 'bpmn:UserTask':
      return transformUserTask(context, activity, scope);
    case 'bpmn:ReceiveTask':
      return transformReceiveTask(context, activity, scope);
    case 'bpmn:ManualTask':
      return transformPassThroughTask(context, activity, 'manualTask', scope);
    case 'bpmn:Task':
      return transformPassThroughTask(context, activity, 'task', scope);
    case 'bpmn:CallActivity':
      return transformCallActivity(context, activity, scope);
    case 'bpmn:SubProcess': {
      const subProcess = element as ModdleElement<BpmnSubProcess> & ActivityElement;
      return subProcess.triggeredByEvent === true
        ? transformEventSubProcess(build, subProcess, scope)
        : transformSubProcess(build, subProcess, scope);
    }
    case 'bpmn:ExclusiveGateway':
      return transformDecisionGateway(context, element, 'exclusiveGateway', scope);
    case 'bpmn:InclusiveGateway':
      return transformDecisionGateway(context, element, 'inclusiveGateway', scope);
    case 'bpmn:ParallelGateway':
      return transformParallelGateway(context, element, scope);
    case 'bpmn:EventBasedGateway':
      return transformEventBasedGateway(context, element, scope);
    default:
      context.problems.add(element, `${element.$type} elements are not supported`);
      return undefined;
  }
}

type SubProcessElement = ModdleElement<BpmnSubProcess> & ActivityElement;

function xmlStartEvents(container: Container): (ModdleElement<BpmnStartEvent> & BpmnElement)[] {
  return ((container.flowElements ?? []) as FlowElement[]).filter(
    (element) => element.$type === 'bpmn:StartEvent',
  ) as (ModdleElement<BpmnStartEvent> & BpmnElement)[];
}

function transformSubProcess(
  build: ProcessBuild,
  element: SubProcessElement,
  scope: ScopeInfo,
): SubProcess | undefined {
  const base = activityBase(build.context, element, 'SUB_PROCESS', scope);
  const starts = xmlStartEvents(element);
  if (starts.length !== 1) {
    build.context.problems.add(element, 'an embedded sub-process must have exactly one none start event');
  }
  const flowScope = transformContainer(build, element, {
    id: base.id,
    kind: 'subProcess',
    isInterrupting: true,
  });
  const startEventId = flowScope.startEventIds[0];
  if (starts.length !== 1 || startEventId === undefined) return undefined;
  return { ...base, ...flowScope, kind: 'subProcess', startEventId };
}

function transformEventSubProcess(
  build: ProcessBuild,
  element: SubProcessElement,
  scope: ScopeInfo,
): EventSubProcess | undefined {
  const { problems } = build.context;
  const base = flowNodeBase(build.context, element, 'EVENT_SUB_PROCESS', scope);
  if (base.incoming.length > 0 || base.outgoing.length > 0) {
    problems.add(element, 'an event sub-process must not have incoming or outgoing sequence flows');
  }
  if (element.loopCharacteristics !== undefined) {
    problems.add(element, 'an event sub-process cannot be multi-instance or a loop');
  }
  const starts = xmlStartEvents(element);
  if (starts.length !== 1) {
    problems.add(element, 'an event sub-process must have exactly one start event');
  }
  const isInterrupting = starts[0]?.isInterrupting ?? true;
  const flowScope = transformContainer(build, element, {
    id: base.id,
    kind: 'eventSubProcess',
    isInterrupting,
  });
  const startEventId = flowScope.startEventIds[0];
  const start = startEventId === undefined ? undefined : build.elements[startEventId];
  if (starts.length !== 1 || start?.kind !== 'startEvent' || !isEventSubProcessTrigger(start))
    return undefined;
  return {
    ...base,
    ...flowScope,
    kind: 'eventSubProcess',
    ioMapping: readIoMapping(problems, element),
    startEventId: start.id,
    isInterrupting,
    eventDefinition: start.eventDefinition,
  };
}

function isEventSubProcessTrigger(
  start: StartEvent,
): start is StartEvent & { readonly eventDefinition: EventSubProcess['eventDefinition'] } {
  const definition = start.eventDefinition;
  return (
    definition.type === 'timer' ||
    definition.type === 'error' ||
    (definition.type === 'message' && 'correlationKey' in definition)
  );
}
