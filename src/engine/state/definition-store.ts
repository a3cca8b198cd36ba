import type pg from 'pg';
import { createHash } from 'node:crypto';
import {
  DeploymentRejected,
  evaluateTimer,
  firstDueDate,
  parseDeploymentResource,
  type DeploymentProblem,
  type ParsedProcess,
} from '../model/index.js';
import { repetitionsOf } from '../processing/event-subscriptions.js';
import type { BindingType, ExecutableProcess } from '../model/executable-process.js';
import type { DeployedProcess } from '../processing/process-batch.js';
import type { Key } from '../processing/runtime.js';
import { runtimeProblems } from '../processing/runtime-support.js';
import type { KeyGenerator } from './key-generator.js';

/** How long the latest version of a process is taken from the cache. */
const LATEST_TTL_MS = 2_000;

/** A pool, or the client of a transaction in progress (which must not wait for a second connection). */
type Queryable = pg.Pool | pg.ClientBase;

export interface DeploymentResource {
  readonly name: string;
  readonly content: Buffer;
}

export interface ProcessDefinitionRecord extends DeployedProcess {
  readonly name: string | null;
  readonly versionTag: string | null;
  readonly resourceName: string;
  readonly startFormId: string | null;
}

export interface FormRecord {
  readonly key: Key;
  readonly formId: string;
  readonly version: number;
  readonly resourceName: string;
  readonly tenantId: string;
  readonly schema: string;
}

export type DeployedResource =
  | {
      readonly processDefinition: {
        processDefinitionId: string;
        processDefinitionVersion: number;
        resourceName: string;
        tenantId: string;
        processDefinitionKey: string;
      };
    }
  | {
      readonly form: {
        formId: string;
        version: number;
        resourceName: string;
        tenantId: string;
        formKey: string;
      };
    };

export interface DeploymentResult {
  readonly deploymentKey: string;
  readonly tenantId: string;
  readonly deployments: DeployedResource[];
}

interface ParsedForm {
  readonly resourceName: string;
  readonly formId: string;
  readonly schema: string;
  readonly checksum: string;
}

function parseForm(resource: DeploymentResource, problems: DeploymentProblem[]): ParsedForm | undefined {
  const problem = (message: string) => {
    problems.push({ resourceName: resource.name, elementId: null, elementType: null, message });
    return undefined;
  };
  let form: unknown;
  const text = resource.content.toString('utf8');
  try {
    form = JSON.parse(text);
  } catch (error) {
    return problem(`the form is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof form !== 'object' || form === null || Array.isArray(form))
    return problem('the form must be a JSON object');
  const { id, components } = form as { id?: unknown; components?: unknown };
  if (typeof id !== 'string' || id.trim() === '') return problem("the form has no 'id'");
  if (!Array.isArray(components)) return problem("the form has no 'components' list");
  return {
    resourceName: resource.name,
    formId: id,
    schema: text,
    checksum: createHash('md5').update(text).digest('hex'),
  };
}

interface DefinitionRow {
  key: string;
  bpmn_process_id: string;
  version: number;
  version_tag: string | null;
  name: string | null;
  resource_name: string;
  tenant_id: string;
  model: ExecutableProcess;
  start_form_id: string | null;
}

function toRecord(r: DefinitionRow): ProcessDefinitionRecord {
  return {
    key: BigInt(r.key),
    bpmnProcessId: r.bpmn_process_id,
    version: r.version,
    versionTag: r.version_tag,
    name: r.name,
    resourceName: r.resource_name,
    tenantId: r.tenant_id,
    process: r.model,
    startFormId: r.start_form_id,
  };
}

/** Deployments, process definitions and forms; definitions are immutable, so they are cached. */
export class DefinitionStore {
  private readonly byKey = new Map<Key, ProcessDefinitionRecord>();
  private readonly latest = new Map<string, { key: Key; until: number }>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly keys: KeyGenerator,
    private readonly now: () => Date,
  ) {}

  /** Deploys every resource or none; a resource identical to the latest version is not deployed again. */
  async deploy(resources: readonly DeploymentResource[], tenantId: string): Promise<DeploymentResult> {
    const problems: DeploymentProblem[] = [];
    const processes: { resourceName: string; parsed: ParsedProcess }[] = [];
    const forms: ParsedForm[] = [];
    if (resources.length === 0) {
      throw new DeploymentRejected([
        {
          resourceName: '-',
          elementId: null,
          elementType: null,
          message: 'Expected to deploy at least one resource, but none given',
        },
      ]);
    }
    for (const resource of resources) {
      if (/\.(bpmn|xml)$/i.test(resource.name)) {
        try {
          const parsed = await parseDeploymentResource(resource.name, resource.content.toString('utf8'));
          for (const p of parsed.processes) {
            problems.push(...runtimeProblems(resource.name, p.process));
            processes.push({ resourceName: resource.name, parsed: p });
          }
        } catch (error) {
          if (!(error instanceof DeploymentRejected)) throw error;
          problems.push(...error.problems);
        }
      } else if (/\.form$/i.test(resource.name)) {
        const form = parseForm(resource, problems);
        if (form) forms.push(form);
      } else {
        problems.push({
          resourceName: resource.name,
          elementId: null,
          elementType: null,
          message: 'unknown resource type: expected a .bpmn, .xml or .form file',
        });
      }
    }
    if (problems.length > 0) throw new DeploymentRejected(problems);

    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await client.query("select pg_advisory_xact_lock(hashtext('engine.deploy'))");
      const deploymentKey = await this.keys.nextKey(client);
      const now = this.now();
      await client.query('insert into engine.deployments (key, tenant_id, created_at) values ($1, $2, $3)', [
        deploymentKey.toString(),
        tenantId,
        now,
      ]);
      const deployments: DeployedResource[] = [];
      for (const form of forms)
        deployments.push(await this.deployForm(client, form, tenantId, deploymentKey));
      for (const { resourceName, parsed } of processes) {
        deployments.push(
          await this.deployProcess(client, resourceName, parsed, tenantId, deploymentKey, now, resources),
        );
      }
      await client.query('commit');
      this.latest.clear();
      return { deploymentKey: deploymentKey.toString(), tenantId, deployments };
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  }

  private async deployForm(
    client: pg.PoolClient,
    form: ParsedForm,
    tenantId: string,
    deploymentKey: Key,
  ): Promise<DeployedResource> {
    const { rows } = await client.query<{
      key: string;
      version: number;
      checksum: string;
      resource_name: string;
    }>(
      'select key, version, checksum, resource_name from engine.forms where tenant_id = $1 and form_id = $2 order by version desc limit 1',
      [tenantId, form.formId],
    );
    const latest = rows[0];
    if (latest && latest.checksum === form.checksum && latest.resource_name === form.resourceName) {
      return {
        form: {
          formId: form.formId,
          version: latest.version,
          resourceName: form.resourceName,
          tenantId,
          formKey: latest.key,
        },
      };
    }
    const key = await this.keys.nextKey(client);
    const version = (latest?.version ?? 0) + 1;
    await client.query(
      `insert into engine.forms (key, deployment_key, form_id, version, resource_name, checksum, tenant_id, schema)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        key.toString(),
        deploymentKey.toString(),
        form.formId,
        version,
        form.resourceName,
        form.checksum,
        tenantId,
        form.schema,
      ],
    );
    return {
      form: {
        formId: form.formId,
        version,
        resourceName: form.resourceName,
        tenantId,
        formKey: key.toString(),
      },
    };
  }

  private async deployProcess(
    client: pg.PoolClient,
    resourceName: string,
    parsed: ParsedProcess,
    tenantId: string,
    deploymentKey: Key,
    now: Date,
    resources: readonly DeploymentResource[],
  ): Promise<DeployedResource> {
    const { rows } = await client.query<{
      key: string;
      version: number;
      checksum: string;
      resource_name: string;
    }>(
      `select key, version, checksum, resource_name from engine.process_definitions
        where tenant_id = $1 and bpmn_process_id = $2 order by version desc limit 1`,
      [tenantId, parsed.bpmnProcessId],
    );
    const latest = rows[0];
    const result = (key: string, version: number): DeployedResource => ({
      processDefinition: {
        processDefinitionId: parsed.bpmnProcessId,
        processDefinitionVersion: version,
        resourceName,
        tenantId,
        processDefinitionKey: key,
      },
    });
    if (latest && latest.checksum === parsed.checksum && latest.resource_name === resourceName) {
      return result(latest.key, latest.version);
    }
    const key = await this.keys.nextKey(client);
    const version = (latest?.version ?? 0) + 1;
    const xml = resources.find((r) => r.name === resourceName)!.content.toString('utf8');
    const noneStart = parsed.process.noneStartEventId
      ? parsed.process.elements[parsed.process.noneStartEventId]
      : undefined;
    const startFormId =
      noneStart &&
      'form' in noneStart &&
      noneStart.form?.type === 'formId' &&
      noneStart.form.formId.kind === 'static'
        ? noneStart.form.formId.value
        : null;
    await client.query(
      `insert into engine.process_definitions
        (key, deployment_key, bpmn_process_id, version, version_tag, name, resource_name, checksum, tenant_id, xml, model, start_form_id, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        key.toString(),
        deploymentKey.toString(),
        parsed.bpmnProcessId,
        version,
        parsed.versionTag,
        parsed.name,
        resourceName,
        parsed.checksum,
        tenantId,
        xml,
        JSON.stringify(parsed.process),
        startFormId,
        now,
      ],
    );
    await this.replaceStartSubscriptions(client, parsed, key, tenantId, now);
    return result(key.toString(), version);
  }

  /**
   * Timer and message start events belong to the latest version only: a new version replaces the
   * previous one's (zeebe-semantics §10.4).
   */
  private async replaceStartSubscriptions(
    client: pg.PoolClient,
    parsed: ParsedProcess,
    definitionKey: Key,
    tenantId: string,
    now: Date,
  ): Promise<void> {
    await client.query(
      `delete from engine.timers where process_instance_key is null and process_definition_key in
         (select key from engine.process_definitions where tenant_id = $1 and bpmn_process_id = $2 and key <> $3)`,
      [tenantId, parsed.bpmnProcessId, definitionKey.toString()],
    );
    await client.query(
      'delete from engine.message_start_subscriptions where tenant_id = $1 and bpmn_process_id = $2',
      [tenantId, parsed.bpmnProcessId],
    );
    for (const id of parsed.process.startEventIds) {
      const start = parsed.process.elements[id];
      if (start?.kind !== 'startEvent') continue;
      const definition = start.eventDefinition;
      if (definition.type === 'timer') {
        const timer = evaluateTimer(definition, {}, { now });
        const due = timer.ok ? firstDueDate(timer.value, now.getTime()) : null;
        if (!timer.ok || due === null) continue;
        await client.query(
          `insert into engine.timers (key, process_definition_key, process_instance_key, element_instance_key, element_id, tenant_id, due_at, repetitions, timer)
           values ($1, $2, null, null, $3, $4, $5, $6, $7)`,
          [
            (await this.keys.nextKey(client)).toString(),
            definitionKey.toString(),
            id,
            tenantId,
            new Date(due),
            repetitionsOf(timer.value),
            JSON.stringify(timer.value),
          ],
        );
      } else if (
        definition.type === 'message' &&
        'messageName' in definition &&
        typeof definition.messageName === 'string'
      ) {
        await client.query(
          `insert into engine.message_start_subscriptions (process_definition_key, bpmn_process_id, tenant_id, element_id, message_name)
           values ($1, $2, $3, $4, $5)`,
          [definitionKey.toString(), parsed.bpmnProcessId, tenantId, id, definition.messageName],
        );
      }
    }
  }

  async get(key: Key, db: Queryable = this.pool): Promise<ProcessDefinitionRecord | undefined> {
    const cached = this.byKey.get(key);
    if (cached) return cached;
    const { rows } = await db.query<DefinitionRow>(
      `select key::text, bpmn_process_id, version, version_tag, name, resource_name, tenant_id, model, start_form_id
         from engine.process_definitions where key = $1`,
      [key.toString()],
    );
    if (!rows[0]) return undefined;
    const record = toRecord(rows[0]);
    this.byKey.set(key, record);
    return record;
  }

  /**
   * The latest version's key (or a given version's). Latest versions are cached for a moment: a
   * deployment here clears the cache, one by another engine process is seen within that moment.
   */
  async latestKey(bpmnProcessId: string, tenantId: string, version?: number): Promise<Key | undefined> {
    const cacheKey = `${tenantId}/${bpmnProcessId}`;
    const cached = version === undefined ? this.latest.get(cacheKey) : undefined;
    if (cached && cached.until > Date.now()) return cached.key;
    const { rows } = await this.pool.query<{ key: string }>({
      name: 'engine-latest-definition',
      text: `select key::text from engine.process_definitions where tenant_id = $1 and bpmn_process_id = $2
               and ($3::int is null or version = $3) order by version desc limit 1`,
      values: [tenantId, bpmnProcessId, version ?? null],
    });
    const key = rows[0] ? BigInt(rows[0].key) : undefined;
    if (version === undefined && key !== undefined)
      this.latest.set(cacheKey, { key, until: Date.now() + LATEST_TTL_MS });
    return key;
  }

  /** The process a call activity starts, by its binding (§8.3), or the reason there is none. */
  async findCalledProcess(
    processId: string,
    caller: DeployedProcess,
    binding: BindingType,
    versionTag: string | null,
    db: Queryable = this.pool,
  ): Promise<Key | string> {
    const { rows } = await db.query<{ key: string }>(
      `select key::text from engine.process_definitions
        where tenant_id = $1 and bpmn_process_id = $2
          and ($3 <> 'deployment' or deployment_key = (select deployment_key from engine.process_definitions where key = $4))
          and ($3 <> 'versionTag' or version_tag = $5)
        order by version desc limit 1`,
      [caller.tenantId, processId, binding, caller.key.toString(), versionTag],
    );
    const found = rows[0];
    if (!found) {
      const which =
        binding === 'deployment'
          ? ' with the calling process'
          : binding === 'versionTag'
            ? ` with version tag '${versionTag}'`
            : '';
      return `Expected process with BPMN process id '${processId}' to be deployed${which}, but not found.`;
    }
    const definition = await this.get(BigInt(found.key), db);
    if (!definition?.process.noneStartEventId) {
      return `Expected process with BPMN process id '${processId}' to have a none start event, but not found.`;
    }
    return definition.key;
  }

  async findFormKey(formId: string, tenantId: string, db: Queryable = this.pool): Promise<Key | null> {
    const { rows } = await db.query<{ key: string }>(
      'select key::text from engine.forms where tenant_id = $1 and form_id = $2 order by version desc limit 1',
      [tenantId, formId],
    );
    return rows[0] ? BigInt(rows[0].key) : null;
  }

  async form(key: Key): Promise<FormRecord | undefined> {
    const { rows } = await this.pool.query<{
      key: string;
      form_id: string;
      version: number;
      resource_name: string;
      tenant_id: string;
      schema: string;
    }>(
      'select key::text, form_id, version, resource_name, tenant_id, schema from engine.forms where key = $1',
      [key.toString()],
    );
    const r = rows[0];
    return r
      ? {
          key: BigInt(r.key),
          formId: r.form_id,
          version: r.version,
          resourceName: r.resource_name,
          tenantId: r.tenant_id,
          schema: r.schema,
        }
      : undefined;
  }
}
