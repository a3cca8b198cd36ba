import type { BpmnElementType } from './executable-process.js';
import type { BpmnElement } from './moddle-access.js';
import type { LinkedFormReference } from './parsed-bpmn.js';
import type { ProblemCollector } from './problem-collector.js';

/** What the element transformers share while one process is read. */
export interface TransformContext {
  readonly problems: ProblemCollector;
  readonly bpmnProcessId: string;
  /** Sequence flow ids by source and by target element id, in XML order. */
  readonly outgoingByNode: ReadonlyMap<string, readonly string[]>;
  readonly incomingByNode: ReadonlyMap<string, readonly string[]>;
  /** The target element id of each sequence flow. */
  readonly flowTargets: ReadonlyMap<string, string>;
  /** Boundary event ids by the id of the activity they are attached to. */
  readonly boundaryEventsByActivity: ReadonlyMap<string, readonly string[]>;
  /** Forms linked by `formId`, collected for the deployer. */
  readonly linkedForms: LinkedFormReference[];
}

/** Where an element is: the id and kind of its flow scope. */
export interface ScopeInfo {
  readonly id: string;
  readonly kind: 'process' | 'subProcess' | 'eventSubProcess';
  /** For an event sub-process: whether its start event interrupts. */
  readonly isInterrupting: boolean;
}

export function flowNodeBase(
  context: TransformContext,
  element: BpmnElement,
  elementType: BpmnElementType,
  scope: ScopeInfo,
): {
  readonly id: string;
  readonly name: string | null;
  readonly elementType: BpmnElementType;
  readonly flowScopeId: string;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
} {
  const id = element.id ?? '';
  return {
    id,
    name: element.name ?? null,
    elementType,
    flowScopeId: scope.id,
    incoming: context.incomingByNode.get(id) ?? [],
    outgoing: context.outgoingByNode.get(id) ?? [],
  };
}
