import type { JsonObject, JsonValue } from '../feel/index.js';
import type { BpmnElementType } from '../model/executable-process.js';

/** Engine keys: 64-bit, `bigint` inside, decimal strings on the wire and in JSON. */
export type Key = bigint;

/** Zeebe's element-instance lifecycle (`ELEMENT_*` intents without the prefix). */
export type Lifecycle =
  'ACTIVATING' | 'ACTIVATED' | 'COMPLETING' | 'COMPLETED' | 'TERMINATING' | 'TERMINATED';

export const FINAL_LIFECYCLES: ReadonlySet<Lifecycle> = new Set(['COMPLETED', 'TERMINATED']);

/** A payload waiting on an element instance: job/user-task completion variables, a message, a child's result. */
export interface EventTrigger {
  readonly variables: JsonObject;
}

/** The phase an incident froze; resolving it runs that phase again. */
export type IncidentPhase = 'ACTIVATING' | 'COMPLETING';

/** What an element instance keeps while it is alive, beyond its searchable columns. */
export interface Runtime {
  /** Containers: children not yet completed or terminated. */
  activeChildren?: number;
  /** Containers: sequence flows taken whose target has not been activated yet. */
  activeFlows?: number;
  /** Containers: tokens waiting at a parallel or inclusive join, per gateway id and incoming flow id. */
  joinTokens?: Record<string, Record<string, number>>;
  /** Set when an interrupting event or a terminate end event ends this scope. */
  interrupted?: boolean;
  trigger?: EventTrigger;
  jobKey?: string;
  userTaskKey?: string;
  /** The flow this instance was activated through (joins consume per incoming flow). */
  incomingFlowId?: string;
  /** An interrupting boundary event fired: it activates once this activity is terminated. */
  boundaryTrigger?: { elementId: string; variables: JsonObject };
  /** An interrupting event sub-process fired: it activates once the other children are gone. */
  pendingEventSubProcess?: { elementId: string; variables: JsonObject };
  /** Event-based gateway: the event that happened, to continue towards. */
  eventTrigger?: { elementId: string; variables: JsonObject };
  /** Multi-instance body: how many inner instances, how far along, and whether the completion condition held. */
  mi?: { size: number; next: number; completed: number; terminated: number; done: boolean };
  /** Inner instance of a multi-instance body: its 1-based index. */
  loopCounter?: number;
  /** Call activity: the child process instance it started. */
  childInstanceKey?: string;
}

export interface ElementInstance {
  readonly key: Key;
  readonly processInstanceKey: Key;
  readonly processDefinitionKey: Key;
  readonly bpmnProcessId: string;
  readonly tenantId: string;
  readonly elementId: string;
  readonly elementName: string | null;
  readonly type: BpmnElementType;
  readonly flowScopeKey: Key | null;
  readonly startDate: Date;
  lifecycle: Lifecycle;
  endDate: Date | null;
  incidentKey: Key | null;
  runtime: Runtime;
}

export interface Variable {
  readonly key: Key;
  readonly scopeKey: Key;
  readonly name: string;
  value: JsonValue;
}

export type JobState = 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'ERROR_THROWN';

export interface Job {
  readonly key: Key;
  readonly type: string;
  state: JobState;
  readonly processInstanceKey: Key;
  readonly elementInstanceKey: Key;
  readonly elementId: string;
  readonly processDefinitionKey: Key;
  readonly bpmnProcessId: string;
  readonly version: number;
  readonly tenantId: string;
  retries: number;
  readonly customHeaders: Record<string, string>;
  worker: string | null;
  deadline: Date | null;
  recurAt: Date | null;
  errorMessage: string | null;
  errorCode: string | null;
  readonly createdAt: Date;
}

export type UserTaskState = 'CREATED' | 'COMPLETED' | 'CANCELED';

export interface UserTask {
  readonly key: Key;
  readonly elementInstanceKey: Key;
  readonly processInstanceKey: Key;
  readonly processDefinitionKey: Key;
  readonly bpmnProcessId: string;
  readonly version: number;
  readonly tenantId: string;
  readonly elementId: string;
  readonly name: string | null;
  state: UserTaskState;
  assignee: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  dueDate: Date | null;
  followUpDate: Date | null;
  priority: number;
  readonly formKey: Key | null;
  readonly externalFormReference: string | null;
  readonly customHeaders: Record<string, string>;
  readonly creationDate: Date;
  completionDate: Date | null;
}

/** The error types of Camunda 8.8 incidents that this engine raises. */
export type IncidentErrorType =
  | 'IO_MAPPING_ERROR'
  | 'JOB_NO_RETRIES'
  | 'CONDITION_ERROR'
  | 'EXTRACT_VALUE_ERROR'
  | 'CALLED_ELEMENT_ERROR'
  | 'UNHANDLED_ERROR_EVENT'
  | 'FORM_NOT_FOUND';

export interface Incident {
  readonly key: Key;
  readonly processInstanceKey: Key;
  readonly processDefinitionKey: Key;
  readonly bpmnProcessId: string;
  readonly tenantId: string;
  readonly elementInstanceKey: Key;
  readonly elementId: string;
  readonly errorType: IncidentErrorType;
  readonly errorMessage: string;
  readonly jobKey: Key | null;
  /** Element incidents: the phase to run again on resolution. */
  readonly phase: IncidentPhase | null;
  state: 'ACTIVE' | 'RESOLVED';
  readonly creationTime: Date;
  resolutionTime: Date | null;
}

/** One entry of the records log: a state transition, as Zeebe would have written it. */
export interface EngineRecord {
  readonly key: Key;
  readonly valueType: string;
  readonly intent: string;
  readonly processInstanceKey: Key | null;
  readonly timestamp: Date;
  readonly value: Record<string, unknown>;
}

export const keyToString = (key: Key): string => key.toString();

/** A timer waiting to fire for a catch event (its `elementId`) of the element instance `scopeKey`. */
export interface TimerSubscription {
  readonly key: Key;
  readonly processDefinitionKey: Key;
  readonly processInstanceKey: Key | null;
  /** The instance that owns the subscription: the catch event itself, the activity of a boundary event, the container of an event sub-process. */
  readonly scopeKey: Key | null;
  readonly elementId: string;
  readonly tenantId: string;
  dueAt: Date;
  repetitions: number;
  readonly timer: unknown;
}

export interface MessageSubscription {
  readonly key: Key;
  readonly processInstanceKey: Key;
  readonly scopeKey: Key;
  readonly elementId: string;
  readonly bpmnProcessId: string;
  readonly tenantId: string;
  readonly messageName: string;
  readonly correlationKey: string;
  readonly interrupting: boolean;
}

type ParentRef = { readonly processInstanceKey: Key; readonly elementInstanceKey: Key };

/** Work for another process instance, done in the same transaction after this batch (call activities). */
export type CrossInstanceCommand =
  | {
      readonly type: 'start-child';
      readonly childProcessInstanceKey: Key;
      readonly parent: ParentRef;
      readonly processDefinitionKey: Key;
      readonly variables: JsonObject;
    }
  | { readonly type: 'child-completed'; readonly parent: ParentRef; readonly variables: JsonObject }
  | { readonly type: 'terminate-child'; readonly childProcessInstanceKey: Key; readonly parent: ParentRef }
  | { readonly type: 'child-terminated'; readonly parent: ParentRef }
  | {
      /** An error the child did not catch: the search goes on in the parent, from the call activity. */
      readonly type: 'child-error';
      readonly parent: ParentRef;
      readonly errorCode: string;
      readonly variables: JsonObject;
      readonly origin: UnhandledErrorOrigin;
    }
  | { readonly type: 'unhandled-error'; readonly origin: UnhandledErrorOrigin };

/** Where an error was thrown, to raise the incident there when nothing catches it (§3.8). */
export interface UnhandledErrorOrigin {
  readonly processInstanceKey: Key;
  readonly elementInstanceKey: Key;
  readonly jobKey: Key | null;
  readonly errorCode: string;
  readonly errorMessage: string | null;
  /** Codes of the catch events passed on the way up, for the incident text. */
  readonly available: readonly string[];
}
