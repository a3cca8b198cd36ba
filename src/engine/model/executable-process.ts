import type { FeelExpression, ValueOrExpression } from '../feel/index.js';

/**
 * The executable form of a BPMN process: what the engine needs from the XML and nothing else. Plain data
 * (no classes, no Maps, no Dates), so it can be cached or stored as JSON. Every id refers to an entry of
 * `elements` or `sequenceFlows` of the same process.
 */

/** The element type names of the Camunda 8.8 REST API (`ElementInstanceResult.type`). */
export type BpmnElementType =
  | 'PROCESS'
  | 'SUB_PROCESS'
  | 'EVENT_SUB_PROCESS'
  | 'START_EVENT'
  | 'INTERMEDIATE_CATCH_EVENT'
  | 'INTERMEDIATE_THROW_EVENT'
  | 'BOUNDARY_EVENT'
  | 'END_EVENT'
  | 'SERVICE_TASK'
  | 'RECEIVE_TASK'
  | 'USER_TASK'
  | 'MANUAL_TASK'
  | 'TASK'
  | 'EXCLUSIVE_GATEWAY'
  | 'INCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'EVENT_BASED_GATEWAY'
  | 'MULTI_INSTANCE_BODY'
  | 'CALL_ACTIVITY'
  | 'BUSINESS_RULE_TASK'
  | 'SCRIPT_TASK'
  | 'SEND_TASK';

// ---------------------------------------------------------------------------------------------------------
// Event definitions

/** Which of the three timer attributes is set; the value is static or FEEL. */
export type TimerKind = 'timeDuration' | 'timeDate' | 'timeCycle';

export interface TimerDefinition {
  readonly type: 'timer';
  readonly kind: TimerKind;
  readonly value: ValueOrExpression;
}

/** A message catch on an instance (intermediate catch, receive task, boundary, event sub-process start). */
export interface MessageCatchDefinition {
  readonly type: 'message';
  /** The `bpmn:message` name; FEEL is evaluated when the subscription is opened. */
  readonly messageName: ValueOrExpression;
  /** `zeebe:subscription correlationKey`, always an expression. */
  readonly correlationKey: FeelExpression;
}

/** A message start event of a process: its name is fixed at deployment, there is no correlation key. */
export interface MessageStartDefinition {
  readonly type: 'message';
  readonly messageName: string;
}

/** An error catch (boundary or event sub-process start); always interrupting. */
export interface ErrorCatchDefinition {
  readonly type: 'error';
  /** The static error code to catch; `null` catches every error. */
  readonly errorCode: string | null;
}

/** An error end event: the code (static or FEEL) of the error it throws. */
export interface ErrorThrowDefinition {
  readonly type: 'error';
  readonly errorCode: ValueOrExpression;
}

export interface NoneDefinition {
  readonly type: 'none';
}

export interface TerminateDefinition {
  readonly type: 'terminate';
}

// ---------------------------------------------------------------------------------------------------------
// Data: variable mappings, jobs, multi-instance

export interface InputMapping {
  /**
   * `null` when the mapping has no source (allowed in 8.8): the target becomes `null`. A static source is a
   * string, even when it reads as a number (evaluate with `evaluateMappingSource`).
   */
  readonly source: ValueOrExpression | null;
  readonly target: string;
}

export interface OutputMapping {
  readonly source: FeelExpression;
  readonly target: string;
}

export interface IoMapping {
  readonly inputs: readonly InputMapping[];
  readonly outputs: readonly OutputMapping[];
}

/** `zeebe:taskDefinition` + `zeebe:taskHeaders` of an element that creates a job. */
export interface JobDefinition {
  readonly type: ValueOrExpression;
  /** Static `"3"` when not set. */
  readonly retries: ValueOrExpression;
  readonly headers: Readonly<Record<string, string>>;
}

export interface MultiInstanceDefinition {
  readonly isSequential: boolean;
  readonly inputCollection: FeelExpression;
  readonly inputElement: string | null;
  /** `outputCollection` and `outputElement` are set together or not at all. */
  readonly output: { readonly collection: string; readonly element: FeelExpression } | null;
  readonly completionCondition: FeelExpression | null;
}

export type BindingType = 'latest' | 'deployment' | 'versionTag';

/** The form a user task shows. */
export type FormReference =
  /** A deployed Camunda form (`zeebe:formDefinition formId`). */
  | {
      readonly type: 'formId';
      readonly formId: ValueOrExpression;
      readonly bindingType: BindingType;
      readonly versionTag: string | null;
    }
  /** A form the engine does not know (`externalReference`), handed to the task UI as is. */
  | { readonly type: 'externalReference'; readonly externalReference: ValueOrExpression }
  /** An old-style key (`camunda-forms:bpmn:...`), kept as written. */
  | { readonly type: 'formKey'; readonly formKey: string };

// ---------------------------------------------------------------------------------------------------------
// Elements

interface FlowNodeBase {
  readonly id: string;
  readonly name: string | null;
  readonly elementType: BpmnElementType;
  /** The process, sub-process or event sub-process that contains the element. */
  readonly flowScopeId: string;
  /** Sequence flow ids, in the order of the `<sequenceFlow>` elements in the XML. */
  readonly incoming: readonly string[];
  /** Sequence flow ids, in the order of the `<sequenceFlow>` elements in the XML (the order conditions are tried). */
  readonly outgoing: readonly string[];
}

/** Events and activities; gateways have no variable mappings. */
interface MappedFlowNode extends FlowNodeBase {
  readonly ioMapping: IoMapping;
}

interface ActivityBase extends MappedFlowNode {
  /** Boundary events attached to this activity (with multi-instance: to its body). */
  readonly boundaryEventIds: readonly string[];
  readonly multiInstance: MultiInstanceDefinition | null;
}

/** The children of a process, sub-process or event sub-process. */
export interface FlowScope {
  /** Every flow node whose flow scope this is (events, activities, gateways, event sub-processes). */
  readonly childIds: readonly string[];
  /** Start events directly inside (for a process: its none, timer and message start events). */
  readonly startEventIds: readonly string[];
  readonly eventSubProcessIds: readonly string[];
  /** Boundary event ids by the id of the activity they are attached to. */
  readonly boundaryEventIdsByAttachedId: Readonly<Record<string, readonly string[]>>;
}

export interface StartEvent extends MappedFlowNode {
  readonly kind: 'startEvent';
  /**
   * In a process: none, timer or message (`MessageStartDefinition`); in a sub-process: none; in an event
   * sub-process: timer, message (`MessageCatchDefinition`, with a correlation key) or error.
   */
  readonly eventDefinition:
    NoneDefinition | TimerDefinition | MessageStartDefinition | MessageCatchDefinition | ErrorCatchDefinition;
}

export interface EndEvent extends MappedFlowNode {
  readonly kind: 'endEvent';
  readonly eventDefinition: NoneDefinition | ErrorThrowDefinition | TerminateDefinition;
}

export interface IntermediateCatchEvent extends MappedFlowNode {
  readonly kind: 'intermediateCatchEvent';
  /** A timer here is a duration or a date, never a cycle. */
  readonly eventDefinition: TimerDefinition | MessageCatchDefinition;
}

export interface IntermediateThrowEvent extends MappedFlowNode {
  readonly kind: 'intermediateThrowEvent';
  readonly eventDefinition: NoneDefinition;
}

interface BoundaryEventBase extends MappedFlowNode {
  readonly kind: 'boundaryEvent';
  readonly attachedToId: string;
}

export type BoundaryEvent =
  | (BoundaryEventBase & { readonly cancelActivity: true; readonly eventDefinition: ErrorCatchDefinition })
  | (BoundaryEventBase & {
      readonly cancelActivity: boolean;
      /** A timer cycle only when not interrupting. */
      readonly eventDefinition: TimerDefinition | MessageCatchDefinition;
    });

export type JobWorkerTaskKind = 'serviceTask' | 'sendTask' | 'scriptTask' | 'businessRuleTask';

/** Service, send, script and business-rule tasks: each creates a job for a worker. */
export interface JobWorkerTask extends ActivityBase {
  readonly kind: JobWorkerTaskKind;
  readonly job: JobDefinition;
}

/** A Camunda user task (`zeebe:userTask`). */
export interface UserTask extends ActivityBase {
  readonly kind: 'userTask';
  readonly assignee: ValueOrExpression | null;
  /** Static: a comma-separated list; FEEL: a list of strings. */
  readonly candidateGroups: ValueOrExpression | null;
  readonly candidateUsers: ValueOrExpression | null;
  readonly dueDate: ValueOrExpression | null;
  readonly followUpDate: ValueOrExpression | null;
  /** 0..100; the engine uses 50 when `null`. */
  readonly priority: ValueOrExpression | null;
  readonly form: FormReference | null;
  readonly headers: Readonly<Record<string, string>>;
}

export interface ReceiveTask extends ActivityBase {
  readonly kind: 'receiveTask';
  readonly eventDefinition: MessageCatchDefinition;
}

/** Manual tasks and undefined tasks (`bpmn:task`) pass straight through. */
export interface PassThroughTask extends ActivityBase {
  readonly kind: 'manualTask' | 'task';
}

export interface CallActivity extends ActivityBase {
  readonly kind: 'callActivity';
  readonly processId: ValueOrExpression;
  readonly bindingType: BindingType;
  readonly versionTag: string | null;
  /** Default `true`. */
  readonly propagateAllChildVariables: boolean;
  /** Default `true`. */
  readonly propagateAllParentVariables: boolean;
}

export interface SubProcess extends ActivityBase, FlowScope {
  readonly kind: 'subProcess';
  /** Its one none start event. */
  readonly startEventId: string;
}

export interface EventSubProcess extends MappedFlowNode, FlowScope {
  readonly kind: 'eventSubProcess';
  readonly startEventId: string;
  /** From its start event; an error event sub-process is always interrupting. */
  readonly isInterrupting: boolean;
  readonly eventDefinition: TimerDefinition | MessageCatchDefinition | ErrorCatchDefinition;
}

export interface ExclusiveGateway extends FlowNodeBase {
  readonly kind: 'exclusiveGateway';
  readonly defaultFlowId: string | null;
}

export interface InclusiveGateway extends FlowNodeBase {
  readonly kind: 'inclusiveGateway';
  readonly defaultFlowId: string | null;
}

export interface ParallelGateway extends FlowNodeBase {
  readonly kind: 'parallelGateway';
}

export interface EventBasedGateway extends FlowNodeBase {
  readonly kind: 'eventBasedGateway';
  /** The intermediate catch events that follow it, in the order of its outgoing flows. */
  readonly eventIds: readonly string[];
}

export type Activity = JobWorkerTask | UserTask | ReceiveTask | PassThroughTask | CallActivity | SubProcess;

export type ExecutableElement =
  | StartEvent
  | EndEvent
  | IntermediateCatchEvent
  | IntermediateThrowEvent
  | BoundaryEvent
  | Activity
  | EventSubProcess
  | ExclusiveGateway
  | InclusiveGateway
  | ParallelGateway
  | EventBasedGateway;

export type ElementKind = ExecutableElement['kind'];

export interface SequenceFlow {
  readonly id: string;
  readonly name: string | null;
  readonly sourceId: string;
  readonly targetId: string;
  /** Only on flows leaving an exclusive or inclusive gateway. */
  readonly condition: FeelExpression | null;
}

export interface ExecutableProcess extends FlowScope {
  /** The BPMN process id (`bpmnProcessId`). */
  readonly id: string;
  readonly name: string | null;
  /** `zeebe:versionTag`, if set. */
  readonly versionTag: string | null;
  readonly noneStartEventId: string | null;
  readonly elements: Readonly<Record<string, ExecutableElement>>;
  readonly sequenceFlows: Readonly<Record<string, SequenceFlow>>;
}
