/**
 * A migrated test database with the demo organisation and reference data, worker services on a
 * pinned clock, and helpers to run a worker's handler with a job as the runtime would build it.
 */
import type { Knex } from 'knex';
import { pino } from 'pino';
import { loadWorkingCalendar } from '../../src/calendar/calendar-store.js';
import type { WorkerDefinition, WorkerJob, WorkerServices } from '../../src/camunda/worker-definition.js';
import { loadDemoDataIfEmpty } from '../../src/db/seeds/demo-data.js';
import {
  registerComplaint,
  type RegisterComplaintInput,
} from '../../src/domain/complaints/register-complaint.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** Tehran wall-clock time (+03:30: no DST in Iran since 2022). */
export function tehran(day: string, time: string): Date {
  return new Date(`${day}T${time}:00+03:30`);
}

export interface World {
  readonly db: TestDatabase;
  readonly app: Knex;
  /** The owner connection, for arranging data the application role may not change. */
  readonly owner: Knex;
  readonly services: WorkerServices;
  /** Moves the workers' clock. */
  setNow(instant: Date): void;
  now(): Date;
  staffId(username: string): Promise<number>;
  unitId(code: string): Promise<number>;
  close(): Promise<void>;
}

export async function createWorld(start: Date): Promise<World> {
  const db = await createTestDatabase();
  await loadDemoDataIfEmpty(db.owner, { appEnv: 'development' }, start);
  let now = start;
  const services: WorkerServices = {
    db: db.app,
    log: pino({ level: 'silent' }),
    now: () => now,
    calendar: () => loadWorkingCalendar(db.app),
    publicBaseUrl: 'http://127.0.0.1:9',
  };
  return {
    db,
    app: db.app,
    owner: db.owner,
    services,
    setNow: (instant) => {
      now = instant;
    },
    now: () => now,
    async staffId(username) {
      const row = (await db.app('staff').where({ username }).first('id')) as { id: number } | undefined;
      if (!row) throw new Error(`no staff ${username}`);
      return row.id;
    },
    async unitId(code) {
      const row = (await db.app('units').where({ code }).first('id')) as { id: number } | undefined;
      if (!row) throw new Error(`no unit ${code}`);
      return row.id;
    },
    close: () => db.drop(),
  };
}

let nextKey = 2251799813690000;

export interface JobOptions {
  readonly key?: string;
  readonly processInstanceKey?: string;
  readonly elementId?: string;
  readonly headers?: Record<string, string>;
}

/** A job as the runtime hands it to a handler: variables already checked against the input schema. */
export function jobFor(
  worker: WorkerDefinition,
  variables: Record<string, unknown>,
  options: JobOptions = {},
): WorkerJob<unknown> {
  const parsed = worker.input.safeParse(variables);
  if (!parsed.success) throw new Error(`${worker.type}: ${parsed.error.message}`);
  return {
    key: options.key ?? String(nextKey++),
    type: worker.type,
    processInstanceKey: options.processInstanceKey ?? '2251799813685249',
    processDefinitionId: worker.type.startsWith('corrective-action')
      ? 'corrective-action'
      : 'complaint-handling',
    elementId: options.elementId ?? 'Task_Test',
    elementInstanceKey: String(nextKey++),
    retries: 3,
    variables: parsed.data,
    headers: options.headers ?? {},
  };
}

/** Runs the handler with the job and checks its result against the output schema. */
export async function runJob(
  worker: WorkerDefinition,
  job: WorkerJob<unknown>,
  services: WorkerServices,
): Promise<Record<string, unknown>> {
  const result = await worker.handler(job as never, services);
  const output = worker.output.safeParse(result ?? {});
  if (!output.success) throw new Error(`${worker.type} returned invalid variables: ${output.error.message}`);
  return output.data as Record<string, unknown>;
}

/** Builds a job and runs it. */
export async function run(
  worker: WorkerDefinition,
  variables: Record<string, unknown>,
  services: WorkerServices,
  options: JobOptions = {},
): Promise<{ job: WorkerJob<unknown>; output: Record<string, unknown> }> {
  const job = jobFor(worker, variables, options);
  return { job, output: await runJob(worker, job, services) };
}

/** A complaint from the public web form, registered as the web app will. */
export async function webComplaint(world: World, over: Partial<RegisterComplaintInput> = {}) {
  return world.app.transaction((trx) =>
    registerComplaint(
      trx,
      {
        channel: 'website',
        complainantName: 'سارا محمدی',
        complainantPhone: '09131234567',
        complainantEmail: 'sara.mohammadi@example.ir',
        subject: 'تأخیر در صدور کارت بازرگانی',
        description: 'درخواست تمدید کارت بازرگانی سه هفته است بی‌پاسخ مانده است.',
        ...over,
      },
      'public',
      { now: world.now() },
    ),
  );
}

export interface OutboxRow {
  id: number;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  body_text: string;
  template: string | null;
  dedupe_key: string;
  entity_type: string | null;
  entity_id: number | null;
  attachments: { filename: string; contentType: string; content: string }[];
}

export function outbox(
  app: Knex,
  filter: Partial<Pick<OutboxRow, 'template' | 'channel' | 'entity_type' | 'entity_id'>> = {},
) {
  return app('notification_outbox').where(filter).orderBy('id') as Promise<OutboxRow[]>;
}

export interface StageRowView {
  id: number;
  stage: string;
  summary_fa: string | null;
  data: Record<string, unknown>;
  actor_label: string | null;
  process_instance_key: string | null;
  element_id: string | null;
  idempotency_key: string | null;
}

export function stages(app: Knex, complaintId: number, stage?: string) {
  return app('complaint_stages')
    .where({ complaint_id: complaintId, ...(stage ? { stage } : {}) })
    .orderBy('id') as Promise<StageRowView[]>;
}

export interface AuditRowView {
  seq: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: Record<string, unknown> | null;
  process_instance_key: string | null;
  document_code: string | null;
}

export function auditEvents(app: Knex, entityType: string, entityId: number, action?: string) {
  return app('audit_events')
    .where({ entity_type: entityType, entity_id: String(entityId), ...(action ? { action } : {}) })
    .orderBy('seq') as Promise<AuditRowView[]>;
}

/** The issues of a rejected input, as `path: message`. */
export function inputIssues(worker: WorkerDefinition, variables: Record<string, unknown>): string[] {
  const parsed = worker.input.safeParse(variables);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}
