import type { JsonObject } from '../feel/index.js';
import type { ExecutableElement, ExecutableProcess } from '../model/executable-process.js';
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
import { FINAL_LIFECYCLES } from './runtime.js';
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
}

export interface ProcessInstanceState {
  readonly key: Key;
  state: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  endDate: Date | null;
  hasIncident: boolean;
}

type Command =
  | {
      readonly type: 'activate';
      readonly elementId: string;
      readonly flowScopeKey: Key | null;
      readonly incomingFlowId?: string;
    }
  | { readonly type: 're-activate'; readonly key: Key }
  | { readonly type: 'complete'; readonly key: Key }
  | { readonly type: 'terminate'; readonly key: Key };

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

  activate(elementId: string, flowScopeKey: Key | null, incomingFlowId?: string): void {
    this.queue.push({
      type: 'activate',
      elementId,
      flowScopeKey,
      ...(incomingFlowId ? { incomingFlowId } : {}),
    });
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
          await this.processActivate(command.elementId, command.flowScopeKey, command.incomingFlowId);
          break;
        case 're-activate':
          await this.runActivation(this.elements.get(command.key)!);
          break;
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
    this.transition(root, 'ACTIVATED');
    root.runtime = { activeChildren: 0, activeFlows: 0 };
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

  private async processActivate(
    elementId: string,
    flowScopeKey: Key | null,
    incomingFlowId?: string,
  ): Promise<void> {
    const scope = flowScopeKey === null ? undefined : this.elements.get(flowScopeKey);
    if (!scope || scope.lifecycle !== 'ACTIVATED' || scope.runtime.interrupted) return; // scope gone: drop the token
    const element = this.element(elementId);
    if (element.kind === 'parallelGateway' && element.incoming.length > 1) {
      if (!this.joinArrived(scope, element.id, element.incoming, incomingFlowId)) return;
    } else if (incomingFlowId) {
      scope.runtime.activeFlows = (scope.runtime.activeFlows ?? 1) - 1;
    }
    const instance = this.newInstance(
      await this.key(),
      element.id,
      scope.key,
      element.elementType,
      element.name,
    );
    if (incomingFlowId) instance.runtime.incomingFlowId = incomingFlowId;
    scope.runtime.activeChildren = (scope.runtime.activeChildren ?? 0) + 1;
    this.changes.touch(scope);
    this.transition(instance, 'ACTIVATING');
    await this.runActivation(instance);
  }

  /** A token reached a parallel join: true (consuming one token per incoming flow) when all have one. */
  private joinArrived(
    scope: ElementInstance,
    gatewayId: string,
    incoming: readonly string[],
    flowId?: string,
  ): boolean {
    const joins = (scope.runtime.joinTokens ??= {});
    const tokens = (joins[gatewayId] ??= {});
    if (flowId) tokens[flowId] = (tokens[flowId] ?? 0) + 1;
    this.changes.touch(scope);
    if (!incoming.every((f) => (tokens[f] ?? 0) > 0)) return false;
    for (const f of incoming) {
      tokens[f]! -= 1;
      if (tokens[f] === 0) delete tokens[f];
    }
    if (Object.keys(tokens).length === 0) delete joins[gatewayId];
    scope.runtime.activeFlows = (scope.runtime.activeFlows ?? incoming.length) - incoming.length;
    return true;
  }

  /** The activating phase: input mappings, then the element's own activation (again after an incident). */
  private async runActivation(instance: ElementInstance): Promise<void> {
    const element = this.element(instance.elementId);
    if ('ioMapping' in element && element.ioMapping.inputs.length > 0) {
      const mapped = evaluateInputMappings(element.ioMapping.inputs, this.variables.visible(instance.key));
      if (!mapped.ok) return this.raiseIncident(instance, 'IO_MAPPING_ERROR', mapped.message, 'ACTIVATING');
      this.variables.mergeLocal(instance.key, mapped.variables);
    }
    await elementBehavior(element).activate(this, instance, element);
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
    if (!this.applyOutput(instance, element)) return;
    const behavior = elementBehavior(element);
    const flows = behavior.outgoing ? behavior.outgoing(this, instance, element) : element.outgoing;
    if (flows === undefined) return; // an incident was raised
    this.transition(instance, 'COMPLETED');
    this.removeInstance(instance);
    delete instance.runtime.trigger;
    for (const flowId of flows) this.takeFlow(scope!, flowId);
    behavior.completed?.(this, instance, element);
    this.childEnded(scope!);
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
      this.variables.mergeDocument(instance.flowScopeKey!, mapped.variables);
    } else if (trigger) {
      this.variables.mergeDocument(instance.key, trigger);
    }
    return true;
  }

  private takeFlow(scope: ElementInstance, flowId: string): void {
    const flow = this.definition.process.sequenceFlows[flowId];
    if (!flow) throw new Error(`sequence flow ${flowId} is not in the process`);
    scope.runtime.activeFlows = (scope.runtime.activeFlows ?? 0) + 1;
    this.changes.touch(scope);
    this.record(this.takeKey(), 'PROCESS_INSTANCE', 'SEQUENCE_FLOW_TAKEN', {
      bpmnElementType: 'SEQUENCE_FLOW',
      elementId: flow.id,
      flowScopeKey: scope.key.toString(),
    });
    this.activate(flow.targetId, scope.key, flow.id);
  }

  /** A child of `scope` completed or was terminated: the scope may now complete or finish terminating. */
  childEnded(scope: ElementInstance): void {
    scope.runtime.activeChildren = Math.max(0, (scope.runtime.activeChildren ?? 1) - 1);
    this.changes.touch(scope);
    const idle = (scope.runtime.activeChildren ?? 0) === 0 && (scope.runtime.activeFlows ?? 0) === 0;
    if (!idle) return;
    if (scope.lifecycle === 'TERMINATING') this.finishTermination(scope);
    else if (scope.lifecycle === 'ACTIVATED') this.complete(scope.key);
  }

  private completeProcess(root: ElementInstance): void {
    this.transition(root, 'COMPLETED');
    this.removeInstance(root);
    this.instance.state = 'COMPLETED';
    this.instance.endDate = root.endDate;
  }

  private removeInstance(instance: ElementInstance): void {
    this.variables.dropScope(instance.key);
  }

  private async processTerminate(key: Key): Promise<void> {
    const instance = this.elements.get(key);
    if (!instance || FINAL_LIFECYCLES.has(instance.lifecycle) || instance.lifecycle === 'TERMINATING') return;
    this.transition(instance, 'TERMINATING');
    this.resolveIncidentsOf(instance);
    const element = instance.flowScopeKey === null ? undefined : this.element(instance.elementId);
    if (element) elementBehavior(element).terminate?.(this, instance, element);
    const children = this.children(instance.key);
    if (children.length === 0) return this.finishTermination(instance);
    for (const child of children) this.terminate(child.key);
  }

  private finishTermination(instance: ElementInstance): void {
    this.transition(instance, 'TERMINATED');
    this.removeInstance(instance);
    if (instance.flowScopeKey === null) {
      this.instance.state = 'TERMINATED';
      this.instance.endDate = instance.endDate;
      return;
    }
    const scope = this.elements.get(instance.flowScopeKey);
    if (scope) this.childEnded(scope);
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
