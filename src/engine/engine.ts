import { EventEmitter } from 'node:events';
import type pg from 'pg';
import type { JsonObject } from './feel/index.js';
import { EngineClock } from './clock.js';
import { invalidArgument, invalidState, notFound } from './engine-error.js';
import { unhandledErrorMessage } from './processing/element-behaviors.js';
import { ProcessBatch } from './processing/process-batch.js';
import type { CrossInstanceCommand, Job, Key } from './processing/runtime.js';
import {
  DefinitionStore,
  type DeploymentResource,
  type DeploymentResult,
  type ProcessDefinitionRecord,
} from './state/definition-store.js';
import { freshInstance, loadInstance, persistChanges, type LoadedInstance } from './state/instance-store.js';
import { KeyGenerator } from './state/key-generator.js';
import { takeBufferedMessage } from './state/message-buffer.js';
import { ensureEngineSchema } from './state/schema.js';
import { activateJobs, type ActivatedJob, type JobActivationRequest } from './state/job-activation.js';

export const DEFAULT_TENANT = '<default>';

export interface CreateInstanceRequest {
  readonly processDefinitionId?: string;
  readonly processDefinitionVersion?: number;
  readonly processDefinitionKey?: Key;
  readonly variables?: JsonObject;
  readonly tenantId?: string;
  readonly tags?: readonly string[];
}

export interface CreatedInstance {
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly processDefinitionKey: string;
  readonly processInstanceKey: string;
  readonly tenantId: string;
  readonly tags: readonly string[];
}

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/**
 * The embedded engine: commands on process instances, each processed in one PostgreSQL transaction
 * with everything it causes (Zeebe rule 15). A returned promise means the change is committed.
 */
export class Engine {
  readonly clock: EngineClock;
  readonly keys: KeyGenerator;
  readonly definitions: DefinitionStore;
  /** `job-type:<type>` when jobs become activatable; `completed:<processInstanceKey>` when an instance ends. */
  readonly events = new EventEmitter().setMaxListeners(0);

  private constructor(readonly pool: pg.Pool) {
    this.clock = new EngineClock(pool);
    this.keys = new KeyGenerator(pool);
    this.definitions = new DefinitionStore(pool, this.keys, () => this.clock.now());
  }

  static async open(pool: pg.Pool): Promise<Engine> {
    await ensureEngineSchema(pool);
    const engine = new Engine(pool);
    await engine.clock.load();
    return engine;
  }

  deploy(resources: readonly DeploymentResource[], tenantId = DEFAULT_TENANT): Promise<DeploymentResult> {
    return this.definitions.deploy(resources, tenantId);
  }

  // ---- process instances ------------------------------------------------------------------------

  async createProcessInstance(request: CreateInstanceRequest): Promise<CreatedInstance> {
    const tenantId = request.tenantId ?? DEFAULT_TENANT;
    let definitionKey = request.processDefinitionKey;
    if (definitionKey === undefined) {
      if (!request.processDefinitionId) {
        throw invalidArgument(
          'Expected at least a processDefinitionId or a processDefinitionKey, but none given',
        );
      }
      const version = request.processDefinitionVersion;
      definitionKey = await this.definitions.latestKey(
        request.processDefinitionId,
        tenantId,
        version === undefined || version < 0 ? undefined : version,
      );
      if (definitionKey === undefined) {
        throw notFound(
          version === undefined || version < 0
            ? `Expected to find process definition with process ID '${request.processDefinitionId}', but none found`
            : `Expected to find process definition with process ID '${request.processDefinitionId}' and version '${version}', but none found`,
        );
      }
    }
    const definition = await this.definitions.get(definitionKey);
    if (!definition)
      throw notFound(`Expected to find process definition with key '${definitionKey}', but none found`);
    if (!definition.process.noneStartEventId) {
      throw invalidState(
        'Expected to create instance of process with none start event, but there is no such event',
      );
    }
    const processInstanceKey = await this.transaction((client, onCommit) =>
      this.createInstanceIn(client, onCommit, definition, request.variables ?? {}, {
        tags: request.tags ?? [],
      }),
    );
    return {
      processDefinitionId: definition.bpmnProcessId,
      processDefinitionVersion: definition.version,
      processDefinitionKey: definition.key.toString(),
      processInstanceKey: processInstanceKey.toString(),
      tenantId: definition.tenantId,
      tags: request.tags ?? [],
    };
  }

  /**
   * Creates and runs a new instance in the caller's transaction: from the none start event, or from
   * `startEventId` (a message or timer start), optionally as the child of a call activity.
   */
  async createInstanceIn(
    client: pg.PoolClient,
    onCommit: (notify: () => void) => void,
    definition: ProcessDefinitionRecord,
    variables: JsonObject,
    options: {
      startEventId?: string;
      tags?: readonly string[];
      parent?: { processInstanceKey: Key; elementInstanceKey: Key };
      processInstanceKey?: Key;
      /** A message start took the one-instance-per-correlation-key lock for this instance. */
      startLock?: boolean;
    } = {},
  ): Promise<Key> {
    const processInstanceKey = options.processInstanceKey ?? (await this.keys.nextKey(client));
    const row = {
      processDefinitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      tenantId: definition.tenantId,
      startDate: this.clock.now(),
      tags: options.tags ?? [],
    };
    const fresh = freshInstance(processInstanceKey, row, options.parent ?? null, options.startLock ?? false);
    await this.processIn(
      client,
      onCommit,
      processInstanceKey,
      (batch) => batch.startProcess(variables, options.startEventId),
      {
        fresh,
      },
    );
    return processInstanceKey;
  }

  /** Resolves with the root variables when the instance completes, or undefined after `timeoutMs`. */
  async awaitCompletion(processInstanceKey: Key, timeoutMs: number): Promise<JsonObject | undefined> {
    const event = `completed:${processInstanceKey}`;
    const done = async () => {
      const { rows } = await this.pool.query<{ state: string }>(
        'select state from engine.process_instances where key = $1',
        [processInstanceKey.toString()],
      );
      return rows[0]?.state === 'COMPLETED';
    };
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, Math.min(remaining, 1000));
        function finish() {
          clearTimeout(timer);
          resolve();
        }
        this.events.once(event, finish);
      });
    }
    const { rows } = await this.pool.query<{ name: string; value: string }>(
      'select name, value from engine.variables where scope_key = $1',
      [processInstanceKey.toString()],
    );
    return Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.value) as JsonObject[string]]));
  }

  async cancelProcessInstance(processInstanceKey: Key): Promise<void> {
    await this.onInstance(processInstanceKey, (batch) => {
      if (batch.instance.state !== 'ACTIVE') {
        throw notFound(
          `Expected to cancel a process instance with key '${processInstanceKey}', but no such process was found`,
        );
      }
      if (batch.instance.parent) {
        throw invalidState(
          `Expected to cancel a process instance with key '${processInstanceKey}', but it is created by a parent process instance. Cancel the root process instance '${batch.instance.parent.processInstanceKey}' instead.`,
        );
      }
      batch.terminate(processInstanceKey);
    });
  }

  // ---- jobs ---------------------------------------------------------------------------------------

  activateJobs(request: JobActivationRequest): Promise<ActivatedJob[]> {
    return activateJobs(this, request);
  }

  async completeJob(jobKey: Key, variables: JsonObject = {}): Promise<void> {
    await this.onJob(jobKey, 'complete', async (batch, job) => {
      batch.jobs.delete(job.key);
      batch.changes.job(job, 'delete');
      batch.record(job.key, 'JOB', 'COMPLETED', { type: job.type, elementId: job.elementId });
      const element = batch.elements.get(job.elementInstanceKey);
      if (!element) return;
      await batch.reserveKeys(64 + Object.keys(variables).length);
      element.runtime.trigger = { variables };
      batch.changes.touch(element);
      batch.complete(element.key);
    });
  }

  async failJob(
    jobKey: Key,
    failure: { retries: number; errorMessage?: string; retryBackOffMs?: number; variables?: JsonObject },
  ): Promise<void> {
    await this.onJob(jobKey, 'fail', async (batch, job) => {
      const element = batch.elements.get(job.elementInstanceKey);
      if (failure.variables && element) {
        await batch.reserveKeys(64 + Object.keys(failure.variables).length);
        batch.variables.mergeLocal(element.key, failure.variables);
      }
      job.retries = failure.retries;
      job.errorMessage = failure.errorMessage ?? null;
      job.worker = null;
      job.deadline = null;
      const backoff = failure.retryBackOffMs ?? 0;
      if (job.retries > 0 && backoff <= 0) job.state = 'ACTIVATABLE';
      else {
        job.state = 'FAILED';
        job.recurAt = job.retries > 0 ? new Date(this.clock.now().getTime() + backoff) : null;
      }
      batch.changes.job(job, 'update');
      batch.record(job.key, 'JOB', 'FAILED', {
        type: job.type,
        retries: job.retries,
        errorMessage: job.errorMessage,
      });
      if (job.retries <= 0 && element) {
        batch.raiseIncident(
          element,
          'JOB_NO_RETRIES',
          job.errorMessage || 'No more retries left.',
          null,
          job.key,
        );
      }
    });
  }

  /** A BPMN error from a worker: caught by the innermost matching catch event, else an incident (§3.8). */
  async throwJobError(
    jobKey: Key,
    error: { errorCode: string; errorMessage?: string; variables?: JsonObject },
  ): Promise<void> {
    await this.onJob(jobKey, 'throw an error for', async (batch, job) => {
      const element = batch.elements.get(job.elementInstanceKey);
      batch.record(job.key, 'JOB', 'ERROR_THROWN', { type: job.type, errorCode: error.errorCode });
      await batch.reserveKeys(64 + Object.keys(error.variables ?? {}).length);
      const thrown = element
        ? batch.throwError(element.key, error.errorCode, error.variables ?? {}, {
            processInstanceKey: batch.instance.key,
            elementInstanceKey: element.key,
            jobKey: job.key,
            errorMessage: error.errorMessage ?? null,
          })
        : undefined;
      if (thrown?.outcome === 'caught') {
        batch.jobs.delete(job.key);
        batch.changes.job(job, 'delete');
        return;
      }
      job.state = 'ERROR_THROWN';
      job.errorCode = error.errorCode;
      job.errorMessage = error.errorMessage ?? null;
      batch.changes.job(job, 'update');
      if (element && thrown?.outcome === 'uncaught') {
        const message = unhandledErrorMessage(error.errorCode, error.errorMessage ?? null, thrown.available);
        batch.raiseIncident(element, 'UNHANDLED_ERROR_EVENT', message, null, job.key);
      }
    });
  }

  async updateJob(jobKey: Key, changeset: { retries?: number; timeoutMs?: number }): Promise<void> {
    if (changeset.retries !== undefined && changeset.retries <= 0) {
      throw invalidArgument(
        `Expected to update retries for job with key '${jobKey}' with a positive amount of retries, but the amount given was '${changeset.retries}'`,
      );
    }
    await this.onJob(
      jobKey,
      'update',
      (batch, job) => {
        if (changeset.retries !== undefined) job.retries = changeset.retries;
        if (changeset.timeoutMs !== undefined) {
          if (job.state !== 'ACTIVATED')
            throw invalidState(
              `Expected to update the timeout of job with key '${jobKey}', but it is not activated`,
            );
          job.deadline = new Date(this.clock.now().getTime() + changeset.timeoutMs);
        }
        batch.changes.job(job, 'update');
        batch.record(job.key, 'JOB', 'UPDATED', { retries: job.retries });
      },
      true,
    );
  }

  // ---- user tasks ---------------------------------------------------------------------------------

  async completeUserTask(userTaskKey: Key, variables: JsonObject = {}): Promise<void> {
    await this.onUserTask(userTaskKey, async (batch, task) => {
      task.state = 'COMPLETED';
      task.completionDate = this.clock.now();
      batch.changes.userTask(task, 'update');
      batch.record(task.key, 'USER_TASK', 'COMPLETED', { elementId: task.elementId });
      const element = batch.elements.get(task.elementInstanceKey);
      if (!element) return;
      await batch.reserveKeys(64 + Object.keys(variables).length);
      element.runtime.trigger = { variables };
      batch.changes.touch(element);
      batch.complete(element.key);
    });
  }

  async assignUserTask(userTaskKey: Key, assignee: string | null, allowOverride = true): Promise<void> {
    await this.onUserTask(userTaskKey, (batch, task) => {
      if (assignee !== null && !allowOverride && task.assignee !== null && task.assignee !== assignee) {
        throw invalidState(
          `Expected to assign user task with key '${userTaskKey}', but it is already assigned`,
        );
      }
      task.assignee = assignee;
      batch.changes.userTask(task, 'update');
      batch.record(task.key, 'USER_TASK', 'ASSIGNED', { assignee });
    });
  }

  async updateUserTask(
    userTaskKey: Key,
    changeset: {
      dueDate?: Date | null;
      followUpDate?: Date | null;
      candidateGroups?: string[];
      candidateUsers?: string[];
      priority?: number;
    },
  ): Promise<void> {
    await this.onUserTask(userTaskKey, (batch, task) => {
      if (changeset.dueDate !== undefined) task.dueDate = changeset.dueDate;
      if (changeset.followUpDate !== undefined) task.followUpDate = changeset.followUpDate;
      if (changeset.candidateGroups !== undefined) task.candidateGroups = changeset.candidateGroups;
      if (changeset.candidateUsers !== undefined) task.candidateUsers = changeset.candidateUsers;
      if (changeset.priority !== undefined) task.priority = changeset.priority;
      batch.changes.userTask(task, 'update');
      batch.record(task.key, 'USER_TASK', 'UPDATED', {});
    });
  }

  // ---- incidents and variables --------------------------------------------------------------------

  async resolveIncident(incidentKey: Key): Promise<void> {
    const { rows } = await this.pool.query<{ process_instance_key: string }>(
      "select process_instance_key::text from engine.incidents where key = $1 and state = 'ACTIVE'",
      [incidentKey.toString()],
    );
    const owner = rows[0];
    if (!owner)
      throw notFound(
        `Expected to resolve incident with key '${incidentKey}', but no such incident was found`,
      );
    await this.onInstance(BigInt(owner.process_instance_key), async (batch, client) => {
      const incident = batch.incidents.get(incidentKey);
      if (!incident)
        throw notFound(
          `Expected to resolve incident with key '${incidentKey}', but no such incident was found`,
        );
      if (incident.jobKey !== null) {
        const job = await lockJob(client, incident.jobKey, batch);
        if (job && job.retries <= 0) {
          throw invalidState(
            `Expected to resolve incident with key '${incidentKey}', but job with key '${incident.jobKey}' has no retries left. Please update the job retries and try again.`,
          );
        }
        if (job) {
          job.state = 'ACTIVATABLE';
          job.recurAt = null;
          batch.changes.job(job, 'update');
        }
      }
      batch.resolveIncident(incident);
    });
  }

  async setVariables(elementInstanceKey: Key, variables: JsonObject, local: boolean): Promise<void> {
    const { rows } = await this.pool.query<{ process_instance_key: string }>(
      'select process_instance_key::text from engine.element_instances where key = $1 and end_date is null',
      [elementInstanceKey.toString()],
    );
    const owner = rows[0];
    if (!owner)
      throw notFound(
        `Expected to update variables for element with key '${elementInstanceKey}', but no such element was found`,
      );
    await this.onInstance(BigInt(owner.process_instance_key), async (batch) => {
      const element = batch.elements.get(elementInstanceKey);
      if (!element || element.lifecycle === 'TERMINATING') {
        throw notFound(
          `Expected to update variables for element with key '${elementInstanceKey}', but no such element was found`,
        );
      }
      await batch.reserveKeys(64 + Object.keys(variables).length);
      if (local) batch.variables.mergeLocal(elementInstanceKey, variables);
      else batch.variables.mergeDocument(elementInstanceKey, variables);
    });
  }

  // ---- processing ---------------------------------------------------------------------------------

  private async onJob(
    jobKey: Key,
    verb: string,
    fn: (batch: ProcessBatch, job: Job) => Promise<void> | void,
    anyState = false,
  ): Promise<void> {
    const missing = () => notFound(`Expected to ${verb} job with key '${jobKey}', but no such job was found`);
    await this.transaction(async (client, onCommit) => {
      // Find and lock the job and its instance in one statement.
      const { rows } = await client.query<{
        key: string;
        state: Job['state'];
        retries: number;
        worker: string | null;
        deadline: Date | null;
      }>({
        name: 'engine-lock-job-and-instance',
        text: `select pi.key::text, j.state, j.retries, j.worker, j.deadline
                 from engine.process_instances pi join engine.jobs j on j.process_instance_key = pi.key
                where j.key = $1 for update of pi, j`,
        values: [jobKey.toString()],
      });
      const locked = rows[0];
      if (!locked) throw missing();
      await this.processIn(
        client,
        onCommit,
        BigInt(locked.key),
        async (batch) => {
          const job = batch.jobs.get(jobKey);
          if (!job) throw missing();
          job.state = locked.state;
          job.retries = locked.retries;
          job.worker = locked.worker;
          job.deadline = locked.deadline;
          if (!anyState && job.state !== 'ACTIVATABLE' && job.state !== 'ACTIVATED') {
            throw invalidState(
              `Expected to ${verb} job with key '${jobKey}', but it is in state '${job.state}'`,
            );
          }
          await fn(batch, job);
        },
        { alreadyLocked: true },
      );
    });
  }

  private async onUserTask(
    userTaskKey: Key,
    fn: (
      batch: ProcessBatch,
      task: NonNullable<ReturnType<ProcessBatch['userTasks']['get']>>,
    ) => Promise<void> | void,
  ) {
    const { rows } = await this.pool.query<{ process_instance_key: string; state: string }>(
      'select process_instance_key::text, state from engine.user_tasks where key = $1',
      [userTaskKey.toString()],
    );
    if (!rows[0])
      throw notFound(`Expected to find user task with key '${userTaskKey}', but no such user task was found`);
    await this.onInstance(BigInt(rows[0].process_instance_key), async (batch) => {
      const task = batch.userTasks.get(userTaskKey);
      if (!task || task.state !== 'CREATED') {
        throw invalidState(
          `Expected to act on user task with key '${userTaskKey}', but it is not active (state '${task?.state ?? rows[0]!.state}')`,
        );
      }
      await fn(batch, task);
    });
  }

  /** Runs `fn` on an instance in its own transaction, retried on deadlock. */
  async onInstance(
    processInstanceKey: Key,
    fn: (batch: ProcessBatch, client: pg.PoolClient) => Promise<void> | void,
  ): Promise<void> {
    await this.transaction((client, onCommit) => this.processIn(client, onCommit, processInstanceKey, fn));
  }

  /** Runs `fn` on an instance inside the caller's transaction (the instance row is locked). */
  async processIn(
    client: pg.PoolClient,
    onCommit: (notify: () => void) => void,
    processInstanceKey: Key,
    fn: (batch: ProcessBatch, client: pg.PoolClient) => Promise<void> | void,
    options: { alreadyLocked?: boolean; fresh?: LoadedInstance } = {},
  ): Promise<void> {
    const loaded = options.fresh ?? (await loadInstance(client, processInstanceKey, options));
    if (!loaded)
      throw notFound(
        `Expected to find process instance with key '${processInstanceKey}', but none was found`,
      );
    const definition = await this.definitions.get(loaded.processDefinitionKey, client);
    if (!definition) throw new Error(`process definition ${loaded.processDefinitionKey} is missing`);
    const batch = new ProcessBatch(
      {
        now: () => this.clock.now(),
        nextKey: () => this.keys.nextKey(client),
        findFormKey: (formId, tenantId) => this.definitions.findFormKey(formId, tenantId, client),
        takeBufferedMessage: (name, correlationKey, tenantId, bpmnProcessId) =>
          takeBufferedMessage(client, this.clock.now(), { name, correlationKey, tenantId, bpmnProcessId }),
        findCalledProcess: (processId, caller, binding, versionTag) =>
          this.definitions.findCalledProcess(processId, caller, binding, versionTag, client),
      },
      definition,
      loaded.instance,
      loaded.elements,
      loaded.variables,
      loaded.jobs,
      loaded.userTasks,
      loaded.incidents,
    );
    await batch.reserveKeys(64);
    await fn(batch, client);
    await batch.run();
    batch.finish();
    await persistChanges(
      client,
      batch.instance,
      batch.changes,
      batch.variables.changes.values(),
      loaded.before,
    );
    for (const followUp of batch.changes.followUps) await this.followUp(client, onCommit, followUp);
    onCommit(() => {
      for (const type of batch.changes.activatableJobTypes) this.events.emit(`job-type:${type}`);
      if (batch.instance.state !== 'ACTIVE') this.events.emit(`completed:${processInstanceKey}`);
    });
  }

  /** Work a batch left for another instance (call activities), done in the same transaction. */
  private async followUp(
    client: pg.PoolClient,
    onCommit: (notify: () => void) => void,
    command: CrossInstanceCommand,
  ): Promise<void> {
    switch (command.type) {
      case 'start-child': {
        const definition = await this.definitions.get(command.processDefinitionKey, client);
        if (!definition)
          throw new Error(`called process definition ${command.processDefinitionKey} is missing`);
        await this.createInstanceIn(client, onCommit, definition, command.variables, {
          parent: command.parent,
          processInstanceKey: command.childProcessInstanceKey,
        });
        return;
      }
      case 'child-completed':
        return this.processIn(client, onCommit, command.parent.processInstanceKey, (batch) =>
          batch.childCompleted(command.parent.elementInstanceKey, command.variables),
        );
      case 'terminate-child': {
        const { rows } = await client.query<{ state: string }>(
          'select state from engine.process_instances where key = $1',
          [command.childProcessInstanceKey.toString()],
        );
        if (rows[0]?.state === 'ACTIVE') {
          return this.processIn(client, onCommit, command.childProcessInstanceKey, (batch) =>
            batch.terminate(command.childProcessInstanceKey),
          );
        }
        // The child already ended: the call activity stops waiting for it.
        return this.followUp(client, onCommit, { type: 'child-terminated', parent: command.parent });
      }
      case 'child-terminated':
        return this.processIn(client, onCommit, command.parent.processInstanceKey, (batch) => {
          const instance = batch.elements.get(command.parent.elementInstanceKey);
          if (instance?.lifecycle === 'TERMINATING') batch.finishTermination(instance);
        });
      case 'child-error':
        return this.processIn(client, onCommit, command.parent.processInstanceKey, (batch) => {
          const { origin } = command;
          const thrown = batch.throwError(
            command.parent.elementInstanceKey,
            command.errorCode,
            command.variables,
            origin,
            origin.available,
          );
          if (thrown.outcome === 'uncaught') {
            batch.changes.followUps.push({
              type: 'unhandled-error',
              origin: { ...origin, available: thrown.available },
            });
          }
        });
      case 'unhandled-error':
        return this.processIn(client, onCommit, command.origin.processInstanceKey, (batch) => {
          const element = batch.elements.get(command.origin.elementInstanceKey);
          if (!element) return;
          const { errorCode, errorMessage, available, jobKey } = command.origin;
          const message = unhandledErrorMessage(errorCode, errorMessage, available);
          batch.raiseIncident(
            element,
            'UNHANDLED_ERROR_EVENT',
            message,
            jobKey ? null : 'ACTIVATING',
            jobKey,
          );
        });
    }
  }

  /** Runs `fn` in a transaction, retried on deadlock; `onCommit` callbacks run once it committed. */
  async transaction<T>(
    fn: (client: pg.PoolClient, onCommit: (notify: () => void) => void) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      const pending: (() => void)[] = [];
      // pg emits 'error' on a checked-out client whose connection breaks between queries (the
      // server went away); unheard, it would end the process. The next query rejects instead.
      const ignore = () => undefined;
      client.on('error', ignore);
      try {
        await client.query('begin');
        const result = await fn(client, (notify) => pending.push(notify));
        await client.query('commit');
        for (const notify of pending) notify();
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        if (attempt < 5 && RETRYABLE.has((error as { code?: string }).code ?? '')) continue;
        throw error;
      } finally {
        client.off('error', ignore);
        client.release();
      }
    }
  }
}

/** Locks a job row of the batch's instance and refreshes the batch's copy from it. */
async function lockJob(client: pg.PoolClient, jobKey: Key, batch: ProcessBatch): Promise<Job | undefined> {
  const { rows } = await client.query<{
    state: Job['state'];
    retries: number;
    worker: string | null;
    deadline: Date | null;
  }>('select state, retries, worker, deadline from engine.jobs where key = $1 for update', [
    jobKey.toString(),
  ]);
  const job = batch.jobs.get(jobKey);
  const row = rows[0];
  if (!job || !row) return undefined;
  job.state = row.state;
  job.retries = row.retries;
  job.worker = row.worker;
  job.deadline = row.deadline;
  return job;
}
