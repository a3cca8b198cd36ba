import type { Knex } from 'knex';
import type { z } from 'zod';
import type { WorkingCalendar } from '../calendar/working-time.js';
import type { Logger } from '../logger.js';

/** A job as a handler sees it: its identity, validated variables and task headers. */
export interface WorkerJob<V> {
  readonly key: string;
  readonly type: string;
  readonly processInstanceKey: string;
  readonly processDefinitionId: string;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  readonly retries: number;
  readonly variables: V;
  readonly headers: Readonly<Record<string, string>>;
}

/** What handlers may use; injected, so tests and the two engines share the same handlers. */
export interface WorkerServices {
  /** The business database as the application role. */
  readonly db: Knex;
  readonly log: Logger;
  readonly now: () => Date;
  /** The chamber's working calendar (schedules, holidays, closures) as stored now. */
  calendar(): Promise<WorkingCalendar>;
  /** Where members open personal links (satisfaction feedback), e.g. http://127.0.0.1:8080. */
  readonly publicBaseUrl: string;
}

/**
 * A business outcome a worker reports to the process as a BPMN error (caught by an error event),
 * rather than a failure: e.g. HANDLER_IS_STAKEHOLDER.
 */
export class BpmnError extends Error {
  override name = 'BpmnError';
  constructor(
    readonly code: string,
    message: string,
    readonly variables: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * One job type and its handler. The schemas say what it reads and returns (and feed the Modeler
 * element templates); a handler is idempotent: jobs are delivered at least once.
 */
export interface WorkerDefinition<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType> {
  /** `<area>.<action>`, e.g. `complaint.forward-to-secretary-general`. */
  readonly type: string;
  /** One line for people: the Modeler template's description. */
  readonly description: string;
  readonly input: In;
  readonly output: Out;
  /** Task headers it reads (`zeebe:taskHeaders`), with their meaning, for the element template. */
  readonly headers?: Readonly<Record<string, string>>;
  handler(job: WorkerJob<z.infer<In>>, services: WorkerServices): Promise<z.infer<Out>>;
}

export function defineWorker<In extends z.ZodType, Out extends z.ZodType>(
  definition: WorkerDefinition<In, Out>,
): WorkerDefinition<In, Out> {
  return definition;
}
