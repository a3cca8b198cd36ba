import type { BpmnEventBasedGateway, BpmnExclusiveGateway } from 'bpmn-moddle/types';
import type { ModdleElement } from 'moddle';
import type {
  EventBasedGateway,
  ExclusiveGateway,
  InclusiveGateway,
  ParallelGateway,
} from './executable-process.js';
import type { BpmnElement } from './moddle-access.js';
import { flowNodeBase } from './transform-context.js';
import type { ScopeInfo, TransformContext } from './transform-context.js';

type GatewayWithDefault = ModdleElement<BpmnExclusiveGateway> & BpmnElement;

/** Exclusive and inclusive gateways; the default flow must leave the gateway. */
export function transformDecisionGateway(
  context: TransformContext,
  xmlElement: BpmnElement,
  kind: 'exclusiveGateway' | 'inclusiveGateway',
  scope: ScopeInfo,
): ExclusiveGateway | InclusiveGateway {
  const element = xmlElement as GatewayWithDefault;
  const base = flowNodeBase(
    context,
    element,
    kind === 'exclusiveGateway' ? 'EXCLUSIVE_GATEWAY' : 'INCLUSIVE_GATEWAY',
    scope,
  );
  const defaultFlowId = element.default?.id ?? null;
  if (defaultFlowId !== null && !base.outgoing.includes(defaultFlowId)) {
    context.problems.add(
      element,
      `the default flow '${defaultFlowId}' must be an outgoing sequence flow of the gateway`,
    );
  }
  return { ...base, kind, defaultFlowId };
}

export function transformParallelGateway(
  context: TransformContext,
  element: BpmnElement,
  scope: ScopeInfo,
): ParallelGateway {
  return { ...flowNodeBase(context, element, 'PARALLEL_GATEWAY', scope), kind: 'parallelGateway' };
}

/** An event-based gateway; the events it waits for are checked with the whole graph. */
export function transformEventBasedGateway(
  context: TransformContext,
  xmlElement: BpmnElement,
  scope: ScopeInfo,
): EventBasedGateway | undefined {
  const element = xmlElement as ModdleElement<BpmnEventBasedGateway> & BpmnElement;
  const base = flowNodeBase(context, element, 'EVENT_BASED_GATEWAY', scope);
  if (element.instantiate === true || element.eventGatewayType === 'Parallel') {
    context.problems.add(
      element,
      'event-based gateways that start a process (instantiate) or are parallel are not supported',
    );
    return undefined;
  }
  const eventIds = base.outgoing.map((flowId) => context.flowTargets.get(flowId) ?? '');
  return { ...base, kind: 'eventBasedGateway', eventIds };
}
