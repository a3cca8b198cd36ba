import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmn, flow, line } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';
import { NOW, detail, form, raw, subProcess, total, userTask } from './search-helpers.js';

const BIG = 'x'.repeat(10_000);

/**
 * review: a sub-process (local `stage`) holding the review task (local `note`, and `amount` shadowing the
 * instance's), then the signing task, which has no name and an external form.
 */
const review = bpmn(
  'review',
  line(
    subProcess(
      'Review',
      [
        '<bpmn:startEvent id="Review_Start" />',
        userTask(
          'Task_Review',
          'Review the request',
          `<zeebe:formDefinition formId="review-form" />
           <zeebe:assignmentDefinition assignee="alice" candidateGroups="clerks, heads" />
           <zeebe:priorityDefinition priority="70" />
           <zeebe:taskHeaders><zeebe:header key="rule" value="R7" /></zeebe:taskHeaders>
           <zeebe:ioMapping><zeebe:input source="=&quot;check&quot;" target="note" /><zeebe:input source="=amount * 2" target="amount" /></zeebe:ioMapping>`,
        ),
        '<bpmn:endEvent id="Review_End" />',
        flow('Flow_R1', 'Review_Start', 'Task_Review'),
        flow('Flow_R2', 'Task_Review', 'Review_End'),
      ].join('\n'),
      '<zeebe:ioMapping><zeebe:input source="=&quot;review&quot;" target="stage" /></zeebe:ioMapping>',
    ),
    userTask(
      'Task_Sign',
      null,
      '<zeebe:formDefinition externalReference="https://forms.example.org/sign" /><zeebe:assignmentDefinition candidateGroups="heads" />',
    ),
  ),
);

interface Task {
  userTaskKey: string;
  elementId?: string;
  processInstanceKey?: string;
}

describe('search API: user tasks and variables', () => {
  let t: EngineUnderTest;
  let a: string;
  let b: string;
  let reviewA: Task;
  let reviewB: Task;
  let signB: Task;

  const tasks = async (filter: object, sort: object[] = [{ field: 'creationDate' }]) =>
    (await t.client.searchUserTasks({ filter, sort } as never, NOW)).items as Task[];
  const keysOf = (list: Task[]) => list.map((task) => task.userTaskKey);

  beforeAll(async () => {
    t = await startEngineUnderTest();
    await deploy(t.client, { 'review.bpmn': review, 'review-form.form': form('review-form') });
    const create = async (request: string) =>
      (
        await t.client.createProcessInstance({
          processDefinitionId: 'review',
          variables: { request, amount: 5, big: BIG },
        } as never)
      ).processInstanceKey;
    a = await create('R-1');
    b = await create('R-2');
    const reviews = await tasks({ elementId: 'Task_Review' });
    reviewA = reviews.find((task) => task.processInstanceKey === a)!;
    reviewB = reviews.find((task) => task.processInstanceKey === b)!;
    await t.client.completeUserTask({ userTaskKey: reviewB.userTaskKey } as never);
    signB = (await tasks({ elementId: 'Task_Sign' }))[0]!;
  });
  afterAll(() => t.close());

  describe('user tasks', () => {
    it('gets one with all its fields, and 404 for an unknown key', async () => {
      const task = await t.client.getUserTask({ userTaskKey: reviewA.userTaskKey } as never, NOW);
      expect(task).toEqual({
        name: 'Review the request',
        state: 'CREATED',
        assignee: 'alice',
        elementId: 'Task_Review',
        candidateGroups: ['clerks', 'heads'],
        candidateUsers: [],
        processDefinitionId: 'review',
        creationDate: expect.stringMatching(/Z$/),
        tenantId: '<default>',
        processDefinitionVersion: 1,
        customHeaders: { rule: 'R7' },
        priority: 70,
        userTaskKey: reviewA.userTaskKey,
        elementInstanceKey: expect.stringMatching(/^\d+$/),
        processName: 'review',
        processDefinitionKey: expect.stringMatching(/^\d+$/),
        processInstanceKey: a,
        formKey: expect.stringMatching(/^\d+$/),
      });
      const sign = await t.client.getUserTask({ userTaskKey: signB.userTaskKey } as never, NOW);
      expect(sign).toMatchObject({
        name: 'Task_Sign',
        externalFormReference: 'https://forms.example.org/sign',
        priority: 50,
      });
      expect(sign.formKey).toBeUndefined();
      expect(sign.assignee).toBeUndefined();
      await expect(t.client.getUserTask({ userTaskKey: '1' } as never, NOW)).rejects.toMatchObject({
        status: 404,
      });
    });

    it('filters by candidate group (exact and advanced), state and assignee', async () => {
      expect(keysOf(await tasks({ candidateGroup: 'clerks' }))).toEqual([
        reviewA.userTaskKey,
        reviewB.userTaskKey,
      ]);
      expect(keysOf(await tasks({ candidateGroup: 'heads', state: 'CREATED' }))).toEqual([
        reviewA.userTaskKey,
        signB.userTaskKey,
      ]);
      expect(
        keysOf(await tasks({ candidateGroup: { $in: ['nobody', 'clerks'] }, state: { $neq: 'COMPLETED' } })),
      ).toEqual([reviewA.userTaskKey]);
      expect(keysOf(await tasks({ candidateGroup: { $like: 'cl*' } }))).toHaveLength(2);
      expect(keysOf(await tasks({ candidateGroup: 'nobody' }))).toEqual([]);
      expect(keysOf(await tasks({ state: 'COMPLETED' }))).toEqual([reviewB.userTaskKey]);
      expect(keysOf(await tasks({ assignee: { $exists: false } }))).toEqual([signB.userTaskKey]);
      expect(keysOf(await tasks({ assignee: 'alice', processInstanceKey: b }))).toEqual([
        reviewB.userTaskKey,
      ]);
      expect(keysOf(await tasks({ priority: { $gte: 60 } }))).toEqual([
        reviewA.userTaskKey,
        reviewB.userTaskKey,
      ]);
      expect(keysOf(await tasks({ completionDate: { $exists: true } }))).toEqual([reviewB.userTaskKey]);
    });

    it('filters by process instance and local variables (JSON text values)', async () => {
      expect(
        keysOf(await tasks({ processInstanceVariables: [{ name: 'request', value: '"R-2"' }] })),
      ).toEqual([reviewB.userTaskKey, signB.userTaskKey]);
      expect(
        keysOf(await tasks({ localVariables: [{ name: 'note', value: '"check"' }], state: 'CREATED' })),
      ).toEqual([reviewA.userTaskKey]);
      // `amount` of the task scope is 10; the instance's is 5.
      expect(keysOf(await tasks({ localVariables: [{ name: 'amount', value: '5' }] }))).toEqual([]);
      expect(
        keysOf(await tasks({ processInstanceVariables: [{ name: 'amount', value: { $in: ['5', '6'] } }] })),
      ).toHaveLength(3);
    });

    it('sorts by name and priority both ways', async () => {
      const byName = async (order: 'ASC' | 'DESC') => keysOf(await tasks({}, [{ field: 'name', order }]));
      expect(await byName('ASC')).toEqual([reviewA.userTaskKey, reviewB.userTaskKey, signB.userTaskKey]);
      expect(await byName('DESC')).toEqual([signB.userTaskKey, reviewA.userTaskKey, reviewB.userTaskKey]);
      const byPriority = await tasks({}, [
        { field: 'priority', order: 'ASC' },
        { field: 'creationDate', order: 'DESC' },
      ]);
      expect(keysOf(byPriority)).toEqual([signB.userTaskKey, reviewB.userTaskKey, reviewA.userTaskKey]);
    });

    it('gives the linked form with its schema as a string, 204 without one, 404 for no task', async () => {
      // FormResult.schema is a string in the 8.8 spec; client 8.8.4 expects an object, so no client here.
      const linked = await raw(t.url, 'GET', `/user-tasks/${reviewA.userTaskKey}/form`);
      expect(linked.status).toBe(200);
      const task = await t.client.getUserTask({ userTaskKey: reviewA.userTaskKey } as never, NOW);
      expect(linked.body).toEqual({
        tenantId: '<default>',
        formId: 'review-form',
        schema: form('review-form'),
        version: 1,
        formKey: task.formKey,
      });
      expect((await raw(t.url, 'GET', `/user-tasks/${signB.userTaskKey}/form`)).status).toBe(204);
      expect((await raw(t.url, 'GET', '/user-tasks/1/form')).status).toBe(404);
    });
  });

  describe('variables of a user task', () => {
    const names = (items: { name: string; scopeKey: string }[]) => items.map((v) => v.name).sort();

    it('lists the variables of the task scope and all its ancestors, truncated by default', async () => {
      const result = await t.client.searchUserTaskVariables(
        { userTaskKey: reviewA.userTaskKey, sort: [{ field: 'name' }] } as never,
        NOW,
      );
      expect(names(result.items)).toEqual(['amount', 'amount', 'big', 'note', 'request', 'stage']);
      expect(result.items.every((v) => v.processInstanceKey === a)).toBe(true);
      const big = result.items.find((v) => v.name === 'big')!;
      expect(big.isTruncated).toBe(true);
      expect(big.value).toHaveLength(8191);
      expect(big.value).toBe(JSON.stringify(BIG).slice(0, 8191));
      const amounts = result.items.filter((v) => v.name === 'amount').map((v) => v.value);
      expect(amounts.sort()).toEqual(['10', '5']);

      const full = await t.client.searchUserTaskVariables(
        { userTaskKey: reviewA.userTaskKey, truncateValues: false, filter: { name: 'big' } } as never,
        NOW,
      );
      expect(full.items).toHaveLength(1);
      expect(full.items[0]).toMatchObject({ value: JSON.stringify(BIG), isTruncated: false, scopeKey: a });
    });

    it('gives the innermost variable of each name as the effective variables', async () => {
      const response = await raw(
        t.url,
        'POST',
        `/user-tasks/${reviewA.userTaskKey}/effective-variables/search`,
        {
          sort: [{ field: 'name' }],
        },
      );
      expect(response.status).toBe(200);
      const items = (response.body as { items: { name: string; value: string }[] }).items;
      expect(items.map((v) => `${v.name}=${v.name === 'big' ? '…' : v.value}`)).toEqual([
        'amount=10',
        'big=…',
        'note="check"',
        'request="R-1"',
        'stage="review"',
      ]);
    });

    it('answers 404 for an unknown task', async () => {
      const response = await raw(t.url, 'POST', '/user-tasks/1/variables/search', {});
      expect(response.status).toBe(404);
      expect(detail(response)).toContain("'1'");
    });
  });

  describe('variables', () => {
    it('searches by name, value, scope and truncation; sorts both ways', async () => {
      const requests = await t.client.searchVariables(
        { filter: { name: 'request' }, sort: [{ field: 'value', order: 'DESC' }] } as never,
        NOW,
      );
      expect(requests.items.map((v) => v.value)).toEqual(['"R-2"', '"R-1"']);
      expect(requests.items[1]).toEqual({
        name: 'request',
        value: '"R-1"',
        isTruncated: false,
        tenantId: '<default>',
        variableKey: expect.stringMatching(/^\d+$/),
        scopeKey: a,
        processInstanceKey: a,
      });
      const byValue = await t.client.searchVariables({ filter: { value: '"R-1"' } } as never, NOW);
      expect(byValue.items.map((v) => v.processInstanceKey)).toEqual([a]);
      const truncated = await t.client.searchVariables({ filter: { isTruncated: true } } as never, NOW);
      expect(total(truncated)).toBe(2);
      expect(truncated.items.every((v) => v.isTruncated && v.value.length === 8191)).toBe(true);
      const untruncated = await t.client.searchVariables(
        { filter: { name: 'big' }, truncateValues: false } as never,
        NOW,
      );
      expect(untruncated.items.every((v) => !v.isTruncated && v.value === JSON.stringify(BIG))).toBe(true);
      const rootOfA = await t.client.searchVariables(
        { filter: { scopeKey: a }, sort: [{ field: 'name', order: 'ASC' }] } as never,
        NOW,
      );
      expect(rootOfA.items.map((v) => v.name)).toEqual(['amount', 'big', 'request']);
      const notRoot = await t.client.searchVariables(
        {
          filter: { processInstanceKey: a, scopeKey: { $neq: a } },
          sort: [{ field: 'name', order: 'DESC' }],
        } as never,
        NOW,
      );
      expect(notRoot.items.map((v) => v.name)).toEqual(['stage', 'note', 'amount']);
    });

    it('gets one by key with its full value, and 404 for an unknown key', async () => {
      const [big] = (
        await t.client.searchVariables({ filter: { name: 'big', processInstanceKey: a } } as never, NOW)
      ).items;
      const variable = await t.client.getVariable({ variableKey: big!.variableKey }, NOW);
      expect(variable).toEqual({
        name: 'big',
        value: JSON.stringify(BIG),
        tenantId: '<default>',
        variableKey: big!.variableKey,
        scopeKey: a,
        processInstanceKey: a,
      });
      await expect(t.client.getVariable({ variableKey: '1' } as never, NOW)).rejects.toMatchObject({
        status: 404,
      });
      expect((await raw(t.url, 'GET', '/variables/x1')).status).toBe(400);
    });

    it('rejects a bad truncateValues', async () => {
      const response = await raw(t.url, 'POST', '/variables/search?truncateValues=maybe', {});
      expect(response.status).toBe(400);
      expect(detail(response)).toContain('truncateValues');
    });
  });
});
