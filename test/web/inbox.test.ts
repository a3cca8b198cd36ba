import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type express from 'express';
import request from 'supertest';
import { bpmn, line } from '../engine/support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../engine/support/engine-server.js';
import type { TestDatabase } from '../support/database.js';
import { demoDatabase, signIn, webApp, type SignedIn } from './support.js';

const review = bpmn(
  'web-review',
  line(
    '<bpmn:userTask id="T" name="بررسی"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="mcc-manager" /></bpmn:extensionElements></bpmn:userTask>',
  ),
);

interface Task {
  userTaskKey: string;
  name: string;
  elementId: string;
  processInstanceKey: string;
  assignee: string | null;
}

describe('staff web app: inbox', () => {
  let db: TestDatabase;
  let t: EngineUnderTest;
  let app: express.Express;
  let manager: SignedIn;
  let sg: SignedIn;
  let instance: string;

  beforeAll(async () => {
    [db, t] = await Promise.all([demoDatabase(), startEngineUnderTest()]);
    app = webApp(db, t.client);
    await deploy(t.client, { 'web-review.bpmn': review });
    instance = (await t.client.createProcessInstance({ processDefinitionId: 'web-review' } as never))
      .processInstanceKey as string;
    manager = await signIn(app, 'mcc.manager');
    sg = await signIn(app, 'sg');
  });
  afterAll(async () => {
    await db.drop();
    await t.close();
  });

  const inbox = async (s: SignedIn) => {
    const res = await request(app).get('/api/inbox').set('cookie', s.cookie);
    expect(res.status).toBe(200);
    return res.body as {
      tasks: Task[];
      counts: { total: number; assignedToMe: number; open: number; overdue: number };
    };
  };
  const post = (s: SignedIn, path: string) =>
    request(app).post(path).set('cookie', s.cookie).set('x-csrf-token', s.csrfToken);

  it('R-X-03 shows the task to its candidate group (mcc.manager) but not to sg', async () => {
    const mine = await inbox(manager);
    expect(mine.tasks).toHaveLength(1);
    expect(mine.tasks[0]).toMatchObject({
      name: 'بررسی',
      elementId: 'T',
      processInstanceKey: instance,
      assignee: null,
    });
    expect(mine.counts).toEqual({ total: 1, assignedToMe: 0, open: 1, overdue: 0 });
    expect((await inbox(sg)).tasks).toEqual([]);
    expect((await request(app).get('/api/inbox')).status).toBe(401);
  });

  it('R-X-03 answers 404 when sg claims or releases a task it may not see', async () => {
    const key = (await inbox(manager)).tasks[0]!.userTaskKey;
    expect((await post(sg, `/api/tasks/${key}/claim`)).status).toBe(404);
    expect((await post(sg, `/api/tasks/${key}/release`)).status).toBe(404);
    expect((await post(manager, '/api/tasks/123/claim')).status).toBe(404);
    expect((await post(manager, '/api/tasks/not-a-key/claim')).status).toBe(404);
  });

  it('R-X-03 requires the CSRF token to claim', async () => {
    const key = (await inbox(manager)).tasks[0]!.userTaskKey;
    const res = await request(app).post(`/api/tasks/${key}/claim`).set('cookie', manager.cookie);
    expect(res.status).toBe(403);
  });

  it('R-X-03 lets mcc.manager claim and release the task', async () => {
    const key = (await inbox(manager)).tasks[0]!.userTaskKey;
    const claimed = await post(manager, `/api/tasks/${key}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ userTaskKey: key, assignee: 'mcc.manager' });
    expect((await inbox(manager)).counts).toEqual({ total: 1, assignedToMe: 1, open: 0, overdue: 0 });
    expect((await post(sg, `/api/tasks/${key}/release`)).status).toBe(404);

    const released = await post(manager, `/api/tasks/${key}/release`);
    expect(released.status).toBe(200);
    const after = await inbox(manager);
    expect(after.tasks[0]!.assignee).toBeNull();
    // Releasing a task nobody holds is refused.
    expect((await post(manager, `/api/tasks/${key}/release`)).status).toBe(403);
  });

  it('R-X-03 shows a task assigned directly to a user even outside their groups', async () => {
    const key = (await inbox(manager)).tasks[0]!.userTaskKey;
    await t.client.assignUserTask({ userTaskKey: key, assignee: 'sg' } as never);
    const sgInbox = await inbox(sg);
    expect(sgInbox.tasks.map((x) => x.userTaskKey)).toEqual([key]);
    expect(sgInbox.counts).toEqual({ total: 1, assignedToMe: 1, open: 0, overdue: 0 });
    // The manager still sees it (own group), with who holds it by name, but may not claim it over sg.
    const sgName = (
      (await db.owner('staff').where({ username: 'sg' }).first('full_name_fa')) as { full_name_fa: string }
    ).full_name_fa;
    expect((await inbox(manager)).tasks[0]).toMatchObject({ assignee: 'sg', assigneeNameFa: sgName });
    expect((await post(manager, `/api/tasks/${key}/claim`)).status).toBe(409);
    expect((await post(manager, `/api/tasks/${key}/release`)).status).toBe(403);
    expect((await post(sg, `/api/tasks/${key}/release`)).status).toBe(200);
  });
});
