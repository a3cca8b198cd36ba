import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Knex } from 'knex';
import { candidateGroupsOf } from '../../domain/staff-groups.js';
import { sessionOf } from '../auth/session-middleware.js';
import { HttpError } from '../http-error.js';
import { parseInboxFilter } from './filter.js';
import type { InboxAnswer, TaskAnswer } from './inbox-types.js';
import { staffNamesOf } from '../../domain/complaints/staff-directory.js';
import { visibleComplaints } from '../complaints/complaint-access.js';
import { caseOfInstance, caseTitlesOf } from './task-case.js';
import { checkSubmission, formAndVariablesOf } from './task-form.js';
import { appendAuditEvent } from '../../audit/audit-trail.js';
import { mayWorkOn } from '../../camunda/user-tasks.js';
import { claimTask, findOpenTask, inboxOf, releaseTask, type InboxTask } from './tasks.js';

const completeBody = z.object({ variables: z.record(z.string(), z.unknown()).default({}) }).strict();

const NOT_FOUND = () => new HttpError(404, 'task-not-found', 'No such open task.');

/** GET /api/inbox (?process, ?dueBefore, ?overdue); GET /api/tasks/:key; POST …/claim, /release, /complete. */
export function inboxRoutes(db: Knex, client: CamundaClient): Router {
  const router = express.Router();

  router.get('/inbox', async (req, res) => {
    const { username } = sessionOf(res);
    const filter = parseInboxFilter(req.query);
    const inbox = await inboxOf(client, username, await candidateGroupsOf(db, username), filter);
    const assignees = [...new Set(inbox.tasks.flatMap((t) => (t.assignee ? [t.assignee] : [])))];
    const [titles, names] = await Promise.all([
      caseTitlesOf(db, [...new Set(inbox.tasks.map((t) => t.processInstanceKey))]),
      staffNamesOf(db, assignees),
    ]);
    const answer: InboxAnswer = {
      ...inbox,
      tasks: inbox.tasks.map((t) => ({
        ...t,
        case: titles.get(t.processInstanceKey) ?? null,
        assigneeNameFa: t.assignee ? (names.get(t.assignee) ?? null) : null,
      })),
    };
    res.json(answer);
  });

  /** The task if the user may see it; 404 otherwise, so tasks of others stay invisible. */
  async function visibleTask(key: string, username: string): Promise<InboxTask> {
    const task = await findOpenTask(client, key);
    if (!task || !mayWorkOn(task, username, await candidateGroupsOf(db, username))) throw NOT_FOUND();
    return task;
  }

  router.post('/tasks/:key/claim', async (req, res) => {
    const { username } = sessionOf(res);
    const task = await visibleTask(req.params.key as string, username);
    if (task.assignee !== null && task.assignee !== username)
      throw new HttpError(409, 'task-already-claimed', 'Someone else is working on this task.');
    if (task.assignee !== username) await claimTask(client, task.userTaskKey, username);
    res.json({ ...task, assignee: username });
  });

  router.post('/tasks/:key/release', async (req, res) => {
    const { username } = sessionOf(res);
    const task = await visibleTask(req.params.key as string, username);
    if (task.assignee !== username)
      throw new HttpError(403, 'task-not-yours', 'Only the person working on a task may release it.');
    await releaseTask(client, task.userTaskKey);
    res.json({ ...task, assignee: null });
  });

  router.get('/tasks/:key', async (req, res) => {
    const { username, staffId } = sessionOf(res);
    const task = await visibleTask(req.params.key as string, username);
    const [{ form, variables }, taskCase] = await Promise.all([
      formAndVariablesOf(client, task.userTaskKey),
      caseOfInstance(db, task.processInstanceKey),
    ]);
    const dossierVisible =
      taskCase !== null &&
      (await visibleComplaints(db, staffId).where('c.id', taskCase.complaint.id).first('c.id')) !== undefined;
    const answer: TaskAnswer = { task, form, variables, case: taskCase, dossierVisible };
    res.json(answer);
  });

  router.post('/tasks/:key/complete', async (req, res) => {
    const { username } = sessionOf(res);
    const task = await visibleTask(req.params.key as string, username);
    if (task.assignee !== username)
      throw new HttpError(403, 'task-not-yours', 'Claim the task before completing it.');
    const body = completeBody.safeParse(req.body);
    if (!body.success) throw new HttpError(400, 'bad-request', 'The body must be { "variables": { … } }.');
    const { form, variables: context } = await formAndVariablesOf(client, task.userTaskKey);
    const submission = checkSubmission(form, body.data.variables, context);
    if (!submission.ok)
      throw new HttpError(
        400,
        'invalid-values',
        "Some values do not meet the form's rules.",
        {},
        {
          fields: submission.problems,
        },
      );
    // Recorded in the same transaction as the engine call: refused by the engine, it is not recorded.
    await db.transaction(async (trx) => {
      await appendAuditEvent(trx, {
        actor: `staff:${username}`,
        action: 'user-task.completed',
        entityType: 'user_task',
        entityId: task.userTaskKey,
        after: { elementId: task.elementId, name: task.name, variables: submission.variables },
        processInstanceKey: task.processInstanceKey,
      });
      await client.completeUserTask({
        userTaskKey: task.userTaskKey,
        variables: submission.variables,
      } as never);
    });
    res.status(204).end();
  });

  return router;
}
