/**
 * What the inbox API answers: the types the server builds and the pages read, in one place. Type
 * imports only, so the pages can import it.
 */
import type { ComplaintRow } from '../../domain/complaints/complaint-record.js';

/** A user task as the inbox shows it. */
export interface InboxTask {
  readonly userTaskKey: string;
  readonly name: string | null;
  readonly elementId: string;
  readonly processInstanceKey: string;
  readonly processDefinitionId: string | null;
  readonly creationDate: string | null;
  readonly dueDate: string | null;
  readonly assignee: string | null;
  readonly candidateGroups: string[];
  readonly priority: number | null;
}

/** What an inbox row names a task's case by. */
export interface CaseTitle {
  readonly complaintId: number;
  readonly trackingCode: string;
  readonly subject: string;
}

/** An inbox row: the task, whether it is overdue, the complaint it is about, and who holds it by name. */
export type InboxRow = InboxTask & {
  readonly overdue: boolean;
  readonly case: CaseTitle | null;
  readonly assigneeNameFa: string | null;
};

export interface Inbox {
  /** The tasks the filter lets through, most urgent first, each marked when overdue. */
  readonly tasks: (InboxTask & { readonly overdue: boolean })[];
  /** Counted over the whole inbox, whatever the filter, so the tabs keep their numbers. */
  readonly counts: {
    readonly total: number;
    readonly assignedToMe: number;
    readonly open: number;
    readonly overdue: number;
  };
  /** The processes the inbox holds tasks of, for the process filter. */
  readonly processes: { readonly id: string; readonly tasks: number }[];
}

/** The complaint a task belongs to, as the task page shows it beside the form. */
export interface TaskCase {
  readonly kind: 'complaint';
  readonly complaint: {
    readonly id: number;
    readonly trackingCode: string;
    readonly kind: ComplaintRow['kind'];
    readonly channel: ComplaintRow['channel'];
    readonly subject: string;
    readonly description: string;
    readonly severity: ComplaintRow['severity'];
    readonly status: ComplaintRow['status'];
    readonly member: string | null;
    readonly complainant: string | null;
    readonly concernedUnit: string | null;
    readonly receivedAt: string;
    readonly responseDueAt: string | null;
    readonly resolutionDueAt: string | null;
  };
  /** Every stage recorded so far (ME-FR-01-01-01), oldest first. */
  readonly history: {
    readonly stage: string;
    readonly actor: string | null;
    readonly occurredAt: string;
    readonly summaryFa: string | null;
  }[];
}

/** GET /api/tasks/:key: the task, its form and variables, and its case. */
export interface TaskAnswer {
  readonly task: InboxTask;
  readonly form: unknown;
  readonly variables: Record<string, unknown>;
  readonly case: TaskCase | null;
  /** Whether the user may open the case's dossier (the same rule as the dossier itself). */
  readonly dossierVisible: boolean;
}

/** GET /api/inbox: the inbox with every row named by its case. */
export type InboxAnswer = Omit<Inbox, 'tasks'> & { readonly tasks: InboxRow[] };
