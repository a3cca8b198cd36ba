import type {
  BoundaryEvent,
  EventBasedGateway,
  EventSubProcess,
  ExclusiveGateway,
  ExecutableElement,
  ExecutableProcess,
  InclusiveGateway,
} from './executable-process.js';
import type { ProblemCollector } from './problem-collector.js';

type ProblemTarget = { readonly id?: string; readonly $type: string };

export interface GraphInput {
  /** The XML element of each flow node and sequence flow, to report against. */
  readonly xmlById: ReadonlyMap<string, ProblemTarget>;
  /** Sequence flows that have a condition in the XML (even one that did not parse). */
  readonly flowsWithCondition: ReadonlySet<string>;
  /** The (sub-)process each sequence flow is written in. */
  readonly flowContainers: ReadonlyMap<string, string>;
}

/** Checks that need the whole process: start events, gateways, boundary events, duplicate catches. */
export function validateGraph(
  problems: ProblemCollector,
  processElement: ProblemTarget,
  process: ExecutableProcess,
  input: GraphInput,
): void {
  const report = (id: string, message: string): void => {
    problems.add(input.xmlById.get(id) ?? { id, $type: 'bpmn:FlowNode' }, message);
  };
  validateStartEvents(problems, processElement, process);
  validateSequenceFlowScopes(process, input, report);
  for (const element of Object.values(process.elements)) {
    switch (element.kind) {
      case 'exclusiveGateway':
      case 'inclusiveGateway':
        validateConditions(element, input, report);
        break;
      case 'eventBasedGateway':
        validateEventBasedGateway(process, element, report);
        break;
      case 'boundaryEvent':
        validateAttachment(process, element, report);
        break;
      default:
        break;
    }
    if ('boundaryEventIds' in element) {
      const boundaries = element.boundaryEventIds
        .map((id) => process.elements[id])
        .filter((event): event is BoundaryEvent => event?.kind === 'boundaryEvent');
      validateUniqueCatches(boundaries, `boundary events of '${element.id}'`, report);
    }
  }
  for (const scope of [process, ...Object.values(process.elements)]) {
    if (!('eventSubProcessIds' in scope)) continue;
    const eventSubProcesses = scope.eventSubProcessIds
      .map((id) => process.elements[id])
      .filter((element): element is EventSubProcess => element?.kind === 'eventSubProcess');
    validateUniqueCatches(eventSubProcesses, `event sub-processes of '${scope.id}'`, report);
  }
}

function validateStartEvents(
  problems: ProblemCollector,
  processElement: ProblemTarget,
  process: ExecutableProcess,
): void {
  const startEvents = process.startEventIds
    .map((id) => process.elements[id])
    .filter((element) => element?.kind === 'startEvent');
  const noneStartEvents = startEvents.filter((event) => event.eventDefinition.type === 'none');
  if (startEvents.length === 0) {
    problems.add(processElement, 'the process must have at least one none, timer or message start event');
  }
  if (noneStartEvents.length > 1) {
    problems.add(processElement, 'the process can have at most one none start event');
  }
}

function validateSequenceFlowScopes(
  process: ExecutableProcess,
  input: GraphInput,
  report: (id: string, message: string) => void,
): void {
  for (const flow of Object.values(process.sequenceFlows)) {
    const container = input.flowContainers.get(flow.id);
    const source = process.elements[flow.sourceId];
    const target = process.elements[flow.targetId];
    if (
      (source !== undefined && source.flowScopeId !== container) ||
      (target !== undefined && target.flowScopeId !== container)
    ) {
      report(flow.id, 'a sequence flow must connect elements of the same process or sub-process');
    }
  }
}

/** With more than one outgoing flow, every flow but the default one needs a condition. */
function validateConditions(
  gateway: ExclusiveGateway | InclusiveGateway,
  input: GraphInput,
  report: (id: string, message: string) => void,
): void {
  if (gateway.outgoing.length <= 1) return;
  const label = gateway.kind === 'exclusiveGateway' ? 'exclusive' : 'inclusive';
  for (const flowId of gateway.outgoing) {
    if (flowId !== gateway.defaultFlowId && !input.flowsWithCondition.has(flowId)) {
      report(
        flowId,
        `a sequence flow leaving the ${label} gateway '${gateway.id}' must have a condition or be its default flow`,
      );
    }
  }
}

function validateEventBasedGateway(
  process: ExecutableProcess,
  gateway: EventBasedGateway,
  report: (id: string, message: string) => void,
): void {
  if (gateway.outgoing.length < 2) {
    report(gateway.id, 'an event-based gateway must have at least two outgoing sequence flows');
  }
  const messageNames = new Set<string>();
  for (const eventId of gateway.eventIds) {
    const event = process.elements[eventId];
    if (event === undefined) continue;
    if (event.kind !== 'intermediateCatchEvent') {
      report(
        gateway.id,
        `an event-based gateway must be followed by timer or message intermediate catch events only, not by '${eventId}'`,
      );
      continue;
    }
    if (event.incoming.length > 1) {
      report(
        eventId,
        `an event that follows the event-based gateway '${gateway.id}' must not have other incoming sequence flows`,
      );
    }
    const definition = event.eventDefinition;
    if (definition.type === 'message' && definition.messageName.kind === 'static') {
      if (messageNames.has(definition.messageName.value)) {
        report(
          gateway.id,
          `the events after an event-based gateway must wait for different messages ('${definition.messageName.value}' twice)`,
        );
      }
      messageNames.add(definition.messageName.value);
    }
  }
}

function validateAttachment(
  process: ExecutableProcess,
  boundary: BoundaryEvent,
  report: (id: string, message: string) => void,
): void {
  const activity: ExecutableElement | undefined = process.elements[boundary.attachedToId];
  if (activity === undefined) return;
  if (activity.kind === 'eventSubProcess') {
    report(boundary.id, 'a boundary event cannot be attached to an event sub-process');
  } else if (activity.flowScopeId !== boundary.flowScopeId) {
    report(
      boundary.id,
      `a boundary event must be in the same (sub-)process as the activity it is attached to`,
    );
  }
}

/** Catch events of one scope must not wait for the same error code or the same message. */
function validateUniqueCatches(
  catches: readonly (BoundaryEvent | EventSubProcess)[],
  what: string,
  report: (id: string, message: string) => void,
): void {
  const errorCodes = new Set<string | null>();
  const messageNames = new Set<string>();
  for (const catchEvent of catches) {
    const definition = catchEvent.eventDefinition;
    if (definition.type === 'error') {
      if (errorCodes.has(definition.errorCode)) {
        const caught =
          definition.errorCode === null
            ? 'catch every error (no error code)'
            : `catch the error code '${definition.errorCode}'`;
        report(catchEvent.id, `several error ${what} ${caught}`);
      }
      errorCodes.add(definition.errorCode);
    } else if (definition.type === 'message' && definition.messageName.kind === 'static') {
      if (messageNames.has(definition.messageName.value)) {
        report(catchEvent.id, `several ${what} wait for the same message '${definition.messageName.value}'`);
      }
      messageNames.add(definition.messageName.value);
    }
  }
}
