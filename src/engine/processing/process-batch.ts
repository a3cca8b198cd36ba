import type { JsonObject } from '../feel/index.js';
import type { BindingType, ExecutableElement, ExecutableProcess } from '../model/executable-process.js';
import { Changes } from './changes.js';
import { elementBehavior } from './element-behaviors.js';
import type {
  ElementInstance,
  Incident,
  IncidentErrorType,
  IncidentPhase,
  Job,
  Key,
  Lifecycle,
  UserTask,
  Variable,
} from './runtime.js';
import { FINAL_LIFECYCLES, type UnhandledErrorOrigin } from './runtime.js';
import { openSubscriptions, type CatchEvent } from './event-subscriptions.js';
import { eventSubProcessCatchEvents } from './event-sub-processes.js';
import { activateBody, afterInner, completeInner, multiInstanceOf, prepareInner } from './multi-instance.js';
import { evaluateInputMappings, evaluateOutputMappings } from './variable-mappings.js';
import { VariableStore } from './variable-store.js';

export interface DeployedProcess {
  readonly key: Key;
  readonly bpmnProcessId: string;
  readonly version: number;
  readonly tenantId: string;
  readonly process: ExecutableProcess;
}

export interface ProcessingEnv {
  now(): Date;
  nextKey(): Promise<Key>;
  /** The key of the latest version of a deployed form, or null. */
  findFormKey(formId: string, tenantId: string): Promise<Key | null>;
  /**
   * Takes the oldest buffered message with this name and correlation key that has not yet been
   * correlated to an instance of `bpmnProcessId`, recording the correlation; null when none.
   */
  takeBufferedMessage(
    name: string,
    correlationKey: string,
    tenantId: string,
    bpmnProcessId: string,
  ): Promise<{ variables: JsonObject } | null>;
  /** The process a call activity starts: its definition key, or why there is none (the incident text). */
  findCalledProcess(
    processId: string,
    caller: DeployedProcess,
    binding: BindingType,
    versionTag: string | null,
  ): Promise<Key | string>;
}

export interface ProcessInstanceState {
  readonly key: Key;
  /** Set when a call activity started this instance. */
  readonly parent: { readonly processInstanceKey: Key; readonly elementInstanceKey: Key } | null;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  endDate: Date | null;
  hasIncident: boolean;
}

interface Activation {
  readonly type: 'activate';
  readonly elementId: string;
  readonly flowScopeKey: Key | null;
  /** The sequence flow taken to get here; joins count tokens per flow. */
  readonly incomingFlowId?: string;
  /** True when a token was counted on the flow scope for this activation (flows, events). */
  readonly counted: boolean;
  /** An event's payload: the element is activated by the event that happened (boundary, event sub-process, after an event-based gateway). */
  readonly trigger?: JsonObject;
  /** An inner instance of a multi-instance body: its 1-based index. */
  readonly loopCounter?: number;
}

type Command =
  | Activation
  | { readonly type: 're-activate'; readonly key: Key }
  | { readonly type: 'complete'; readonly key: Key }
  | { readonly type: 'terminate'; readonly key: Key }
  | {
      readonly type: 'trigger';
      readonly scopeKey: Key;
      readonly elementId: string;
      readonly variables: JsonObject;
    };

/** How many commands one batch may process: a guard against a straight-through loop in a model. */
const MAX_COMMANDS = 100_000;

/**
 * Processes commands against one process instance, Zeebe style: each external command and the chain
 * of internal commands it causes run in FIFO order until every path waits, all in memory; the state
 * layer then writes `changes` in one transaction.
 */
export class ProcessBatch {
  readonly changes = new Changes();
  readonly variables: VariableStore;
  private readonly queue: Command[] = [];
  private readonly keys: Key[] = [];

  constructor(
    readonly env: ProcessingEnv,
    readonly definition: DeployedProcess,
    readonly instance: ProcessInstanceState,
    readonly elements: Map<Key, ElementInstance>,
    variables: readonly Variable[],
    readonly jobs: Map<Key, Job> = new Map(),
    readonly userTasks: Map<Key, UserTask> = new Map(),
    readonly incidents: Map<Key, Incident> = new Map(),
  ) {
    this.variables = new VariableStore(
      (scope) => this.elements.get(scope)?.flowScopeKey ?? null,
      () => this.takeKey(),
      variables,
    );
  }

  // ---- keys: variables need them synchronously, so a few are kept at hand ---------------------

  private takeKey(): Key {
    const key = this.keys.shift();
    if (key === undefined) throw new Error('key reserve exhausted');
    return key;
  }

  async key(): Promise<Key> {
    return this.keys.shift() ?? this.env.nextKey();
  }

  /** Keeps at least `n` keys at hand; call before merging a payload of that many variables. */
  async reserveKeys(n: number): Promise<void> {
    while (this.keys.length < n) this.keys.push(await this.env.nextKey());
  }

  // ---- model ----------------------------------------------------------------------------------

  element(elementId: string): ExecutableElement {
    const element = this.definition.process.elements[elementId];
    if (!element) throw new Error(`element ${elementId} is not in process ${this.definition.bpmnProcessId}`);
    return element;
  }

  elementOf(instance: ElementInstance): ExecutableElement | ExecutableProcess {
    return instance.flowScopeKey === null ? this.definition.process : this.element(instance.elementId);
  }

  children(scopeKey: Key): ElementInstance[] {
    return [...this.elements.values()].filter(
      (e) => e.flowScopeKey === scopeKey && !FINAL_LIFECYCLES.has(e.lifecycle),
    );
  }

  // ---- commands -------------------------------------------------------------------------------

  activate(elementId: string, flowScopeKey: Key | null): void {
    this.queue.push({ type: 'activate', elementId, flowScopeKey, counted: false });
  }

  /** Activates an element because an event happened, counting a token on its flow scope until it does. */
  activateByEvent(elementId: string, flowScope: ElementInstance, variables: JsonObject): void {
    flowScope.runtime.activeFlows = (flowScope.runtime.activeFlows ?? 0) + 1;
    this.changes.touch(flowScope);
    this.queue.push({
      type: 'activate',
      elementId,
      flowScopeKey: flowScope.key,
      counted: true,
      trigger: variables,
    });
  }

  /** Activates inner instance `loopCounter` of a multi-instance body. */
  activateInner(elementId: string, body: ElementInstance, loopCounter: number): void {
    this.queue.push({ type: 'activate', elementId, flowScopeKey: body.key, counted: false, loopCounter });
  }

  /** True for the inner instances of a multi-instance body (the body owns flows and boundary events). */
  isInner(instance: ElementInstance): boolean {
    return instance.runtime.loopCounter !== undefined;
  }

  /** An event happened for a catch event `elementId` waiting on the instance `scopeKey`. */
  trigger(scopeKey: Key, elementId: string, variables: JsonObject): void {
    this.queue.push({ type: 'trigger', scopeKey, elementId, variables });
  }

  complete(key: Key): void {
    this.queue.push({ type: 'complete', key });
  }

  terminate(key: Key): void {
    this.queue.push({ type: 'terminate', key });
  }

  /** Runs the queued commands to the end. */
  async run(): Promise<void> {
    for (let n = 0; this.queue.length > 0; n++) {
      if (n >= MAX_COMMANDS)
        throw new Error(
          `more than ${MAX_COMMANDS} steps in one batch: is there a loop without a wait state?`,
        );
      await this.reserveKeys(64);
      const command = this.queue.shift()!;
      switch (command.type) {
        case 'activate':
          await this.processActivate(command);
          break;
        case 'trigger':
          this.processTrigger(command.scopeKey, command.elementId, command.variables);
          break;
        case 're-activate': {
          const instance = this.elements.get(command.key);
          if (instance?.lifecycle === 'ACTIVATING') await this.runActivation(instance);
          break;
        }
        case 'complete':
          await this.processComplete(command.key);
          break;
        case 'terminate':
          await this.processTerminate(command.key);
          break;
      }
    }
  }

  /** Appends the variable records of the batch; call once, after `run`. */
  finish(): void {
    for (const { variable, created } of this.variables.changes.values()) {
      this.record(variable.key, 'VARIABLE', created ? 'CREATED' : 'UPDATED', {
        name: variable.name,
        value: JSON.stringify(variable.value),
        scopeKey: variable.scopeKey.toString(),
      });
    }
  }

  // ---- lifecycle --------------------------------------------------------------------------------

  transition(instance: ElementInstance, to: Lifecycle): void {
    instance.lifecycle = to;
    if (FINAL_LIFECYCLES.has(to)) instance.endDate = this.env.now();
    this.changes.touch(instance);
    this.record(instance.key, 'PROCESS_INSTANCE', `ELEMENT_${to}`, {
      bpmnElementType: instance.type,
      elementId: instance.elementId,
      flowScopeKey: instance.flowScopeKey?.toString() ?? '-1',
    });
  }

  record(key: Key, valueType: string, intent: string, value: Record<string, unknown>): void {
    this.changes.records.push({
      key,
      valueType,
      intent,
      processInstanceKey: this.instance.key,
      timestamp: this.env.now(),
      value: {
        bpmnProcessId: this.definition.bpmnProcessId,
        processDefinitionKey: this.definition.key.toString(),
        version: this.definition.version,
        processInstanceKey: this.instance.key.toString(),
        tenantId: this.definition.tenantId,
        ...value,
      },
    });
  }

  /** Creates the root element instance of the process (its key is the process instance key). */
  async startProcess(variables: JsonObject, startEventId?: string): Promise<void> {
    await this.reserveKeys(64 + Object.keys(variables).length);
    const root = this.newInstance(
      this.instance.key,
      this.definition.process.id,
      null,
      'PROCESS',
      this.definition.process.name,
    );
    this.transition(root, 'ACTIVATING');
    this.variables.mergeLocal(root.key, variables);
    root.runtime = { activeChildren: 0, activeFlows: 0 };
    if (!(await openSubscriptions(this, root, eventSubProcessCatchEvents(this, this.definition.process))))
      return;
    this.transition(root, 'ACTIVATED');
    const start = startEventId ?? this.definition.process.noneStartEventId;
    if (!start) throw new Error(`process ${this.definition.bpmnProcessId} has no none start event`);
    this.activate(start, root.key);
    await this.run();
  }

  private newInstance(
    key: Key,
    elementId: string,
    flowScopeKey: Key | null,
    type: ElementInstance['type'],
    name: string | null,
  ): ElementInstance {
    const instance: ElementInstance = {
      key,
      processInstanceKey: this.instance.key,
      processDefinitionKey: this.definition.key,
      bpmnProcessId: this.definition.bpmnProcessId,
      tenantId: this.definition.tenantId,
      elementId,
      elementName: name,
      type,
      flowScopeKey,
      startDate: this.env.now(),
      lifecycle: 'ACTIVATING',
      endDate: null,
      incidentKey: null,
      runtime: {},
    };
    this.elements.set(key, instance);
    return instance;
  }

  private async processActivate(command: Activation): Promise<void> {
    const scope = command.flowScopeKey === null ? undefined : this.elements.get(command.flowScopeKey);
    const byEvent = command.trigger !== undefined;
    // A token whose scope is gone or interrupted is dropped; events may still land in an interrupted scope.
    if (!scope || scope.lifecycle !== 'ACTIVATED' || (scope.runtime.interrupted && !byEvent)) return;
    const element = this.element(command.elementId);
    const joining =
      (element.kind === 'parallelGateway' || element.kind === 'inclusiveGateway') &&
      element.incoming.length > 1;
    if (joining) {
      if (
        !this.joinArrived(
          scope,
          element.id,
          element.incoming,
          command.incomingFlowId,
          element.kind === 'inclusiveGateway',
        )
      )
        return;
    } else if (command.counted) {
      scope.runtime.activeFlows = Math.max(0, (scope.runtime.activeFlows ?? 1) - 1);
    }
    const isBody = multiInstanceOf(element) !== null && command.loopCounter === undefined;
    const instance = this.newInstance(
      await this.key(),
      element.id,
      scope.key,
      isBody ? 'MULTI_INSTANCE_BODY' : element.elementType,
      element.name,
    );
    if (command.incomingFlowId) instance.runtime.incomingFlowId = command.incomingFlowId;
    if (command.loopCounter !== undefined) instance.runtime.loopCounter = command.loopCounter;
    if (command.trigger) instance.runtime.trigger = { variables: command.trigger };
    scope.runtime.activeChildren = (scope.runtime.activeChildren ?? 0) + 1;
    this.changes.touch(scope);
    this.transition(instance, 'ACTIVATING');
    await this.runActivation(instance);
  }

  /**
   * A token reached a join. A parallel join waits for a token on every incoming flow; an inclusive
   * join also goes when no active path can still reach it (§6.2, §6.3). Consumes one token per flow
   * that has one.
   */
  private joinArrived(
    scope: ElementInstance,
    gatewayId: string,
    incoming: readonly string[],
    flowId: string | undefined,
    inclusive: boolean,
  ): boolean {
    const joins = (scope.runtime.joinTokens ??= {});
    const tokens = (joins[gatewayId] ??= {});
    if (flowId) tokens[flowId] = (tokens[flowId] ?? 0) + 1;
    this.changes.touch(scope);
    const all = incoming.every((f) => (tokens[f] ?? 0) > 0);
    if (!all && !(inclusive && !this.hasActivePathTo(scope, gatewayId, tokens))) return false;
    let consumed = 0;
    for (const f of incoming) {
      if ((tokens[f] ?? 0) === 0) continue;
      tokens[f]! -= 1;
      consumed += 1;
      if (tokens[f] === 0) delete tokens[f];
    }
    if (Object.keys(tokens).length === 0) delete joins[gatewayId];
    scope.runtime.activeFlows = Math.max(0, (scope.runtime.activeFlows ?? consumed) - consumed);
    return true;
  }

  /** Whether an active element or a pending token of `scope` can still reach the gateway. */
  private hasActivePathTo(
    scope: ElementInstance,
    gatewayId: string,
    tokens: Record<string, number>,
  ): boolean {
    const flows = this.definition.process.sequenceFlows;
    const starts: string[] = this.children(scope.key).map((c) => c.elementId);
    for (const c of this.queue) {
      if (c.type === 'activate' && c.flowScopeKey === scope.key && c.elementId !== gatewayId)
        starts.push(c.elementId);
    }
    for (const [otherGateway, waiting] of Object.entries(scope.runtime.joinTokens ?? {})) {
      if (otherGateway !== gatewayId && Object.keys(waiting).length > 0) starts.push(otherGateway);
    }
    const seen = new Set<string>();
    while (starts.length) {
      const id = starts.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const element = this.definition.process.elements[id];
      for (const flowId of element?.outgoing ?? []) {
        const flow = flows[flowId];
        if (!flow) continue;
        if (flow.targetId === gatewayId) {
          if ((tokens[flowId] ?? 0) === 0) return true;
        } else starts.push(flow.targetId);
      }
    }
    return false;
  }

  /** The activating phase: input mappings, then the element's own activation (again after an incident). */
  private async runActivation(instance: ElementInstance): Promise<void> {
    const element = this.element(instance.elementId);
    if (instance.type === 'MULTI_INSTANCE_BODY') return activateBody(this, instance, element);
    if (this.isInner(instance) && !prepareInner(this, instance, element)) return;
    if ('ioMapping' in element && element.ioMapping.inputs.length > 0) {
      const mapped = evaluateInputMappings(element.ioMapping.inputs, this.variables.visible(instance.key));
      if (!mapped.ok) return this.raiseIncident(instance, 'IO_MAPPING_ERROR', mapped.message, 'ACTIVATING');
      this.variables.mergeLocal(instance.key, mapped.variables);
    }
    await elementBehavior(element).activate(this, instance, element);
  }

  /** Opens the subscriptions of an activity's boundary events; false after raising an incident. */
  openBoundaryEvents(instance: ElementInstance, also: readonly CatchEvent[] = []): Promise<boolean> {
    const element = this.element(instance.elementId);
    const boundaries =
      'boundaryEventIds' in element && !this.isInner(instance) ? element.boundaryEventIds : [];
    const events: CatchEvent[] = [...also];
    for (const id of boundaries) {
      const boundary = this.element(id);
      if (boundary.kind !== 'boundaryEvent' || boundary.eventDefinition.type === 'error') continue;
      events.push({
        elementId: id,
        definition: boundary.eventDefinition,
        interrupting: boundary.cancelActivity,
      });
    }
    return events.length ? openSubscriptions(this, instance, events) : Promise.resolve(true);
  }

  private async processComplete(key: Key): Promise<void> {
    const instance = this.elements.get(key);
    if (!instance || (instance.lifecycle !== 'ACTIVATED' && instance.lifecycle !== 'COMPLETING')) return;
    const scope = instance.flowScopeKey === null ? undefined : this.elements.get(instance.flowScopeKey);
    if (instance.flowScopeKey !== null && (!scope || scope.lifecycle !== 'ACTIVATED')) return;
    if (instance.lifecycle === 'ACTIVATED') this.transition(instance, 'COMPLETING');
    await this.reserveKeys(64 + Object.keys(instance.runtime.trigger?.variables ?? {}).length);

    if (instance.flowScopeKey === null) return this.completeProcess(instance);
    const element = this.element(instance.elementId);
    if (instance.type === 'MULTI_INSTANCE_BODY') return this.completeBody(instance, element, scope!);
    if (!this.applyOutput(instance, element)) return;
    const inner = this.isInner(instance);
    if (inner && !completeInner(this, instance, element, scope!)) return;
    const behavior = elementBehavior(element);
    const flows = inner
      ? []
      : behavior.outgoing
        ? behavior.outgoing(this, instance, element)
        : element.outgoing;
    if (flows === undefined) return; // an incident was raised
    const eventTrigger = instance.runtime.eventTrigger;
    this.transition(instance, 'COMPLETED');
    this.removeInstance(instance);
    delete instance.runtime.trigger;
    delete instance.runtime.eventTrigger;
    for (const flowId of flows) this.takeFlow(scope!, flowId, eventTrigger);
    behavior.completed?.(this, instance, element);
    this.childEnded(scope!);
  }

  /** The body completes: only the output collection leaves it (§7.5); the body owns the outgoing flows. */
  private completeBody(body: ElementInstance, element: ExecutableElement, scope: ElementInstance): void {
    const output = multiInstanceOf(element)?.output;
    if (output) {
      const collection = this.variables.local(body.key, output.collection)?.value ?? [];
      this.variables.mergeDocument(scope.key, { [output.collection]: collection });
    }
    this.transition(body, 'COMPLETED');
    this.removeInstance(body);
    for (const flowId of element.outgoing) this.takeFlow(scope, flowId);
    this.childEnded(scope);
  }

  /**
   * The variables an element leaves behind: a trigger's payload (job, user task, message) and output
   * mappings, merged as Zeebe does (§1.3). False when a mapping failed and an incident was raised.
   */
  private applyOutput(instance: ElementInstance, element: ExecutableElement): boolean {
    const trigger = instance.runtime.trigger?.variables;
    const outputs = 'ioMapping' in element ? element.ioMapping.outputs : [];
    if (outputs.length > 0) {
      if (trigger) this.variables.mergeLocal(instance.key, trigger);
      const mapped = evaluateOutputMappings(outputs, this.variables.visible(instance.key));
      if (!mapped.ok) {
        this.raiseIncident(instance, 'IO_MAPPING_ERROR', mapped.message, 'COMPLETING');
        return false;
      }
      // An inner multi-instance instance keeps its mapped result, so the output element can read it.
      this.variables.mergeDocument(
        this.isInner(instance) ? instance.key : instance.flowScopeKey!,
        mapped.variables,
      );
    } else if (trigger && element.kind === 'boundaryEvent' && element.eventDefinition.type === 'error') {
      // Error variables stay on the catching boundary event unless it maps them out (§1.3).
      this.variables.mergeLocal(instance.key, trigger);
    } else if (trigger) {
      this.variables.mergeDocument(instance.key, trigger);
    }
    return true;
  }

  private takeFlow(
    scope: ElementInstance,
    flowId: string,
    eventTrigger?: { elementId: string; variables: JsonObject },
  ): void {
    const flow = this.definition.process.sequenceFlows[flowId];
    if (!flow) throw new Error(`sequence flow ${flowId} is not in the process`);
    scope.runtime.activeFlows = (scope.runtime.activeFlows ?? 0) + 1;
    this.changes.touch(scope);
    this.record(this.takeKey(), 'PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', {
      bpmnElementType: 'SEQUENCE_FLOW',
      elementId: flow.id,
      flowScopeKey: scope.key.toString(),
    });
    const trigger = eventTrigger?.elementId === flow.targetId ? eventTrigger.variables : undefined;
    this.queue.push({
      type: 'activate',
      elementId: flow.targetId,
      flowScopeKey: scope.key,
      incomingFlowId: flow.id,
      counted: true,
      ...(trigger ? { trigger } : {}),
    });
  }

  /** A child of `scope` completed or was terminated: the scope may now complete or finish terminating. */
  childEnded(scope: ElementInstance): void {
    scope.runtime.activeChildren = Math.max(0, (scope.runtime.activeChildren ?? 1) - 1);
    this.changes.touch(scope);
    const idle = (scope.runtime.activeChildren ?? 0) === 0 && (scope.runtime.activeFlows ?? 0) === 0;
    if (scope.type === 'MULTI_INSTANCE_BODY') {
      if (scope.lifecycle === 'TERMINATING' && idle) this.finishTermination(scope);
      else if (scope.lifecycle === 'ACTIVATED') afterInner(this, scope, this.element(scope.elementId));
      return;
    }
    if (!idle) return;
    if (scope.lifecycle === 'TERMINATING') this.finishTermination(scope);
    else if (scope.lifecycle === 'ACTIVATED') {
      const pending = scope.runtime.pendingEventSubProcess;
      if (pending) {
        delete scope.runtime.pendingEventSubProcess;
        this.activateByEvent(pending.elementId, scope, pending.variables);
      } else this.complete(scope.key);
    }
  }

  private completeProcess(root: ElementInstance): void {
    if (this.instance.parent) {
      this.changes.followUps.push({
        type: 'child-completed',
        parent: this.instance.parent,
        variables: this.variables.localDocument(root.key),
      });
    }
    this.transition(root, 'COMPLETED');
    this.removeInstance(root);
    this.instance.state = 'COMPLETED';
    this.instance.endDate = root.endDate;
  }

  private removeInstance(instance: ElementInstance): void {
    this.variables.dropScope(instance.key);
    this.changes.closeSubscriptionsOf(instance.key);
  }

  private async processTerminate(key: Key): Promise<void> {
    const instance = this.elements.get(key);
    if (!instance || FINAL_LIFECYCLES.has(instance.lifecycle) || instance.lifecycle === 'TERMINATING') return;
    this.transition(instance, 'TERMINATING');
    this.resolveIncidentsOf(instance);
    const element = instance.flowScopeKey === null ? undefined : this.element(instance.elementId);
    const waits =
      instance.type !== 'MULTI_INSTANCE_BODY' &&
      element &&
      elementBehavior(element).terminate?.(this, instance, element) === 'wait';
    if (waits) return;
    const children = this.children(instance.key);
    if (children.length === 0) return this.finishTermination(instance);
    for (const child of children) this.terminate(child.key);
  }

  /** Ends the termination of an instance that waited for something else (a call activity's child). */
  finishTermination(instance: ElementInstance): void {
    this.transition(instance, 'TERMINATED');
    this.removeInstance(instance);
    if (instance.flowScopeKey === null) {
      this.instance.state = 'TERMINATED';
      this.instance.endDate = instance.endDate;
      if (this.instance.parent)
        this.changes.followUps.push({ type: 'child-terminated', parent: this.instance.parent });
      return;
    }
    const scope = this.elements.get(instance.flowScopeKey);
    if (!scope) return;
    const boundary = instance.runtime.boundaryTrigger;
    if (boundary) this.activateByEvent(boundary.elementId, scope, boundary.variables);
    if (scope.runtime.mi && this.isInner(instance)) scope.runtime.mi.terminated += 1;
    this.childEnded(scope);
  }

  // ---- events -----------------------------------------------------------------------------------

  /** The called process completed: the call activity completes with its variables (§8.3). */
  childCompleted(callActivityKey: Key, variables: JsonObject): void {
    const instance = this.elements.get(callActivityKey);
    if (!instance) return;
    if (instance.lifecycle === 'TERMINATING') return this.finishTermination(instance);
    const element = this.element(instance.elementId);
    if (element.kind !== 'callActivity' || instance.lifecycle !== 'ACTIVATED') return;
    const keep = element.propagateAllChildVariables || element.ioMapping.outputs.length > 0;
    instance.runtime.trigger = { variables: keep ? variables : {} };
    this.changes.touch(instance);
    this.complete(instance.key);
  }

  /** Whether an event for `elementId` can still happen on the instance `scopeKey` (§0.1.4). */
  canTrigger(scopeKey: Key, elementId: string): boolean {
    const scope = this.elements.get(scopeKey);
    if (!scope || scope.lifecycle !== 'ACTIVATED' || scope.runtime.interrupted) return false;
    const element = this.definition.process.elements[elementId];
    return element !== undefined;
  }

  /** EventHandle.activateElement: what an event does, by the kind of catch event it hits. */
  private processTrigger(scopeKey: Key, elementId: string, variables: JsonObject): void {
    if (!this.canTrigger(scopeKey, elementId)) return;
    const scope = this.elements.get(scopeKey)!;
    const element = this.element(elementId);
    this.record(scope.key, 'PROCESS_EVENT', 'TRIGGERED', {
      targetElementId: elementId,
      scopeKey: scope.key.toString(),
    });
    if (element.kind === 'intermediateCatchEvent' && scope.elementId !== elementId) {
      // The event after an event-based gateway: the gateway completes towards it.
      this.changes.closeSubscriptionsOf(scope.key);
      scope.runtime.eventTrigger = { elementId, variables };
      this.changes.touch(scope);
      this.complete(scope.key);
    } else if (element.kind === 'intermediateCatchEvent' || element.kind === 'receiveTask') {
      this.changes.closeSubscriptionsOf(scope.key);
      scope.runtime.trigger = { variables };
      this.changes.touch(scope);
      this.complete(scope.key);
    } else if (element.kind === 'boundaryEvent') {
      const flowScope = scope.flowScopeKey === null ? undefined : this.elements.get(scope.flowScopeKey);
      if (!flowScope) return;
      if (element.cancelActivity) {
        scope.runtime.interrupted = true;
        scope.runtime.boundaryTrigger = { elementId, variables };
        this.changes.touch(scope);
        this.terminate(scope.key);
      } else {
        this.activateByEvent(elementId, flowScope, variables);
      }
    } else if (element.kind === 'eventSubProcess') {
      if (!element.isInterrupting) return this.activateByEvent(elementId, scope, variables);
      scope.runtime.interrupted = true;
      scope.runtime.activeFlows = 0;
      delete scope.runtime.joinTokens;
      this.changes.touch(scope);
      const children = this.children(scope.key);
      if (children.length === 0) return this.activateByEvent(elementId, scope, variables);
      scope.runtime.pendingEventSubProcess = { elementId, variables };
      for (const child of children) this.terminate(child.key);
    }
  }

  /**
   * A BPMN error: the innermost catch from `fromScopeKey` up (event sub-processes before boundary
   * events of a scope, a specific code before a catch-all) is triggered (§3.8). Not caught here, it
   * goes on in the parent process through the call activity (`delegated`), or is `uncaught`, with
   * the codes that were available on the way, for the incident text.
   */
  throwError(
    fromScopeKey: Key | null,
    errorCode: string,
    variables: JsonObject,
    origin: Omit<UnhandledErrorOrigin, 'errorCode' | 'available'>,
    availableBelow: readonly string[] = [],
  ): { outcome: 'caught' | 'delegated' } | { outcome: 'uncaught'; available: string[] } {
    const available = [...availableBelow];
    for (let scope = fromScopeKey === null ? undefined : this.elements.get(fromScopeKey); scope;) {
      if (scope.lifecycle !== 'ACTIVATED' || scope.runtime.interrupted) break;
      const element = this.elementOf(scope);
      const candidates: { elementId: string; code: string | null }[] = [];
      for (const id of 'eventSubProcessIds' in element ? element.eventSubProcessIds : []) {
        const esp = this.element(id);
        if (esp.kind === 'eventSubProcess' && esp.eventDefinition.type === 'error') {
          candidates.push({ elementId: id, code: esp.eventDefinition.errorCode });
        }
      }
      const boundaryOwner = scope.type !== 'MULTI_INSTANCE_BODY' && this.isInner(scope) ? undefined : element;
      for (const id of boundaryOwner && 'boundaryEventIds' in boundaryOwner
        ? boundaryOwner.boundaryEventIds
        : []) {
        const boundary = this.element(id);
        if (boundary.kind === 'boundaryEvent' && boundary.eventDefinition.type === 'error') {
          candidates.push({ elementId: id, code: boundary.eventDefinition.errorCode });
        }
      }
      const match =
        candidates.find((c) => c.code === errorCode) ??
        candidates.find((c) => c.code === null || c.code === '');
      if (match) {
        this.trigger(scope.key, match.elementId, variables);
        return { outcome: 'caught' };
      }
      available.push(...candidates.map((c) => c.code ?? ''));
      scope = scope.flowScopeKey === null ? undefined : this.elements.get(scope.flowScopeKey);
    }
    if (this.instance.parent) {
      this.changes.followUps.push({
        type: 'child-error',
        parent: this.instance.parent,
        errorCode,
        variables,
        origin: { ...origin, errorCode, available },
      });
      return { outcome: 'delegated' };
    }
    return { outcome: 'uncaught', available };
  }

  // ---- incidents --------------------------------------------------------------------------------

  raiseIncident(
    instance: ElementInstance,
    errorType: IncidentErrorType,
    errorMessage: string,
    phase: IncidentPhase | null,
    jobKey: Key | null = null,
  ): void {
    const incident: Incident = {
      key: this.takeKey(),
      processInstanceKey: this.instance.key,
      processDefinitionKey: this.definition.key,
      bpmnProcessId: this.definition.bpmnProcessId,
      tenantId: this.definition.tenantId,
      elementInstanceKey: instance.key,
      elementId: instance.elementId,
      errorType,
      errorMessage,
      jobKey,
      phase,
      state: 'ACTIVE',
      creationTime: this.env.now(),
      resolutionTime: null,
    };
    this.incidents.set(incident.key, incident);
    this.changes.incident(incident, 'insert');
    instance.incidentKey = incident.key;
    this.changes.touch(instance);
    this.instance.hasIncident = true;
    this.record(incident.key, 'INCIDENT', 'CREATED', {
      errorType,
      errorMessage,
      elementId: instance.elementId,
      elementInstanceKey: instance.key.toString(),
      jobKey: jobKey?.toString() ?? '-1',
    });
  }

  /** Marks an incident resolved and, for an element incident, runs its frozen phase again. */
  resolveIncident(incident: Incident): void {
    this.markResolved(incident);
    const instance = this.elements.get(incident.elementInstanceKey);
    if (!instance || incident.phase === null) return;
    if (incident.phase === 'ACTIVATING') this.queue.push({ type: 're-activate', key: instance.key });
    else this.complete(instance.key);
  }

  private markResolved(incident: Incident): void {
    incident.state = 'RESOLVED';
    incident.resolutionTime = this.env.now();
    this.changes.incident(incident, 'update');
    const instance = this.elements.get(incident.elementInstanceKey);
    if (instance?.incidentKey === incident.key) {
      instance.incidentKey = null;
      this.changes.touch(instance);
    }
    this.instance.hasIncident = [...this.incidents.values()].some((i) => i.state === 'ACTIVE');
    this.record(incident.key, 'INCIDENT', 'RESOLVED', {
      elementInstanceKey: incident.elementInstanceKey.toString(),
    });
  }

  private resolveIncidentsOf(instance: ElementInstance): void {
    for (const incident of this.incidents.values()) {
      if (incident.state === 'ACTIVE' && incident.elementInstanceKey === instance.key)
        this.markResolved(incident);
    }
  }
}
