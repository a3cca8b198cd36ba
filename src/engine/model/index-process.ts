import type { BpmnFlowElementsContainer, BpmnSequenceFlow } from 'bpmn-moddle/types';
import type { ModdleElement } from 'moddle';
import type { BpmnElement } from './moddle-access.js';

type Container = ModdleElement<BpmnFlowElementsContainer> & BpmnElement;

/** A `bpmn:sequenceFlow` as found in the XML, with the id of the (sub-)process that contains it. */
export interface CollectedFlow {
  readonly id: string;
  readonly element: ModdleElement<BpmnSequenceFlow> & BpmnElement;
  readonly sourceId: string;
  readonly targetId: string;
  readonly containerId: string;
}

export interface ProcessIndex {
  /** Every sequence flow of the process and its sub-processes, in XML order. */
  readonly flows: readonly CollectedFlow[];
  readonly outgoingByNode: ReadonlyMap<string, readonly string[]>;
  readonly incomingByNode: ReadonlyMap<string, readonly string[]>;
  readonly flowTargets: ReadonlyMap<string, string>;
  readonly boundaryEventsByActivity: ReadonlyMap<string, readonly string[]>;
}

/**
 * Indexes what elements need to know about each other before they are read: the sequence flows in and out of
 * each node (in the order of the `<sequenceFlow>` elements) and the boundary events of each activity.
 */
export function indexProcess(process: Container): ProcessIndex {
  const flows: CollectedFlow[] = [];
  const boundaryEventsByActivity = new Map<string, string[]>();
  const visit = (container: Container, containerId: string): void => {
    for (const element of (container.flowElements ?? []) as BpmnElement[]) {
      if (element.$type === 'bpmn:SequenceFlow') {
        const flow = element as CollectedFlow['element'];
        const [sourceId, targetId] = [flow.sourceRef?.id ?? '', flow.targetRef?.id ?? ''];
        flows.push({ id: flow.id ?? '', element: flow, sourceId, targetId, containerId });
      }
      const attachedTo = (element as { attachedToRef?: { id?: string } }).attachedToRef?.id;
      if (element.$type === 'bpmn:BoundaryEvent' && attachedTo !== undefined && element.id !== undefined) {
        boundaryEventsByActivity.set(attachedTo, [
          ...(boundaryEventsByActivity.get(attachedTo) ?? []),
          element.id,
        ]);
      }
      if (element.$instanceOf('bpmn:FlowElementsContainer')) visit(element as Container, element.id ?? '');
    }
  };
  visit(process, process.id ?? '');
  return {
    flows,
    outgoingByNode: groupIds(flows, (flow) => flow.sourceId),
    incomingByNode: groupIds(flows, (flow) => flow.targetId),
    flowTargets: new Map(flows.map((flow) => [flow.id, flow.targetId])),
    boundaryEventsByActivity,
  };
}

function groupIds(
  flows: readonly CollectedFlow[],
  key: (flow: CollectedFlow) => string,
): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const flow of flows) {
    result.set(key(flow), [...(result.get(key(flow)) ?? []), flow.id]);
  }
  return result;
}
