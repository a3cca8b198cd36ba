import { z } from 'zod';
import { HttpError } from '../http-error.js';
import type { InboxTask } from './tasks.js';

/** What the inbox can be narrowed to; every field is optional and they combine with AND. */
export interface InboxFilter {
  /** Only tasks of this process (its BPMN process id). */
  readonly process?: string;
  /** Only tasks due before this instant. */
  readonly dueBefore?: Date;
  /** Only tasks whose due date has passed. */
  readonly overdue?: boolean;
}

const query = z
  .object({
    process: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,254}$/, 'must be a BPMN process id')
      .optional(),
    dueBefore: z
      .string()
      .datetime({ offset: true, message: 'must be an ISO 8601 date-time such as 2026-12-01T00:00:00Z' })
      .transform((v) => new Date(v))
      .optional(),
    overdue: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
  })
  .strict();

/** Reads the inbox filter from a query string; 400 naming the parameter when a value is wrong. */
export function parseInboxFilter(params: unknown): InboxFilter {
  const parsed = query.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : String(issue.path[0]);
    const message = issue.code === 'unrecognized_keys' ? 'is not a filter of the inbox' : issue.message;
    throw new HttpError(400, 'bad-filter', `${name}: ${message}`);
  }
  const { process, dueBefore, overdue } = parsed.data;
  return {
    ...(process ? { process } : {}),
    ...(dueBefore ? { dueBefore } : {}),
    ...(overdue ? { overdue: overdue === 'true' } : {}),
  };
}

export function isOverdue(task: InboxTask, now: Date): boolean {
  return task.dueDate !== null && new Date(task.dueDate) < now;
}

export function matchesFilter(task: InboxTask, filter: InboxFilter, now: Date): boolean {
  if (filter.process !== undefined && task.processDefinitionId !== filter.process) return false;
  if (filter.dueBefore && !(task.dueDate !== null && new Date(task.dueDate) < filter.dueBefore)) return false;
  if (filter.overdue !== undefined && isOverdue(task, now) !== filter.overdue) return false;
  return true;
}
