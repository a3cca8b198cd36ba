import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type express from 'express';
import request from 'supertest';
import { bpmn, line } from '../engine/support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../engine/support/engine-server.js';
import type { TestDatabase } from '../support/database.js';
import { demoDatabase, signIn, webApp, type SignedIn } from './support.js';

/** A one-task process for mcc-expert whose task is due at `dueDate` (none when undefined). */
const process = (id: string, dueDate?: string) =>
  bpmn(
    id,
    line(
      `<bpmn:userTask id="T" name="پیگیری"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="mcc-expert" />${
        dueDate ? `<zeebe:taskSchedule dueDate="${dueDate}" />` : ''
      }</bpmn:extensionElements></bpmn:userTask>`,
    ),
  );

interface Inbox {
  tasks: { processDefinitionId: string; dueDate: string | null; overdue: boolean }[];
  counts: { total: number; assignedToMe: number; open: number; overdue: number };
  processes: { id: string; tasks: number }[];
}

describe('staff web app: inbox filters', () => {
  let db: TestDatabase;
  let t: EngineUnderTest;
  let app: express.Express;
  let expert: SignedIn;

  beforeAll(async () => {
    [db, t] = await Promise.all([demoDatabase(), startEngineUnderTest()]);
    app = webApp(db, t.client);
    await deploy(t.client, {
      'late.bpmn': process('late-call', '2020-01-01T08:00:00Z'),
      'soon.bpmn': process('soon-call', '2099-01-01T08:00:00Z'),
      'open.bpmn': process('open-call'),
    });
    for (const id of ['late-call', 'late-call', 'soon-call', 'open-call'])
      await t.client.createProcessInstance({ processDefinitionId: id } as never);
    expert = await signIn(app, 'mcc.expert1');
  });
  afterAll(async () => {
    await db.drop();
    await t.close();
  });

  const inbox = async (query = '') => {
    const res = await request(app).get(`/api/inbox${query}`).set('cookie', expert.cookie);
    expect(res.status).toBe(200);
    return res.body as Inbox;
  };

  it('R-X-03 marks overdue tasks, lists them first among equals, and counts them', async () => {
    const all = await inbox();
    expect(all.counts).toEqual({ total: 4, assignedToMe: 0, open: 4, overdue: 2 });
    expect(all.tasks.map((x) => [x.processDefinitionId, x.overdue])).toEqual([
      ['late-call', true],
      ['late-call', true],
      ['soon-call', false],
      ['open-call', false],
    ]);
    expect(all.processes).toEqual([
      { id: 'late-call', tasks: 2 },
      { id: 'open-call', tasks: 1 },
      { id: 'soon-call', tasks: 1 },
    ]);
  });

  it('R-X-03 filters by process, due date and overdue, keeping the counts of the whole inbox', async () => {
    const byProcess = await inbox('?process=soon-call');
    expect(byProcess.tasks.map((x) => x.processDefinitionId)).toEqual(['soon-call']);
    expect(byProcess.counts.total).toBe(4);

    const overdue = await inbox('?overdue=true');
    expect(overdue.tasks.map((x) => x.processDefinitionId)).toEqual(['late-call', 'late-call']);
    const notOverdue = await inbox('?overdue=false');
    expect(notOverdue.tasks.map((x) => x.processDefinitionId)).toEqual(['soon-call', 'open-call']);

    const dueSoon = await inbox('?dueBefore=2100-01-01T00:00:00Z&process=soon-call');
    expect(dueSoon.tasks).toHaveLength(1);
    // A task without a due date is never "due before" anything.
    expect((await inbox('?dueBefore=2100-01-01T00:00:00Z&process=open-call')).tasks).toEqual([]);
  });

  it('R-X-03 answers 400 naming the parameter for a wrong filter', async () => {
    const ask = (query: string) => request(app).get(`/api/inbox${query}`).set('cookie', expert.cookie);
    for (const [query, named] of [
      ['?overdue=maybe', /^overdue: must be true or false/],
      ['?dueBefore=yesterday', /^dueBefore: must be an ISO 8601 date-time/],
      ['?process=%3Cscript%3E', /^process: must be a BPMN process id/],
      ['?assignee=sg', /^assignee: is not a filter of the inbox/],
      ['?process=a&process=b', /^process: /],
    ] as const) {
      const res = await ask(query);
      expect(res.status).toBe(400);
      expect((res.body as { code: string; title: string }).code).toBe('bad-filter');
      expect((res.body as { title: string }).title).toMatch(named);
    }
  });
});
