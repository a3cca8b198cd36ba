import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmn, flow, line, serviceTask } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';
import { NOW, detail, form, raw, subProcess, total } from './search-helpers.js';

const versionTag = (tag: string) =>
  `<bpmn:extensionElements><zeebe:versionTag value="${tag}" /></bpmn:extensionElements>`;

/** order: a service task inside an embedded sub-process; the version tag makes a second deployment a new version. */
const order = (tag: string) =>
  bpmn(
    'order',
    versionTag(tag) +
      line(
        subProcess(
          'Handling',
          [
            '<bpmn:startEvent id="Handling_Start" />',
            serviceTask('Ship', 'order.ship'),
            '<bpmn:endEvent id="Handling_End" name="Handled" />',
            flow('Flow_H1', 'Handling_Start', 'Ship'),
            flow('Flow_H2', 'Ship', 'Handling_End'),
          ].join('\n'),
        ),
      ),
  );

/** The start event links a form, deployed with it. */
const withStartForm = bpmn(
  'intake',
  `<bpmn:startEvent id="Start"><bpmn:extensionElements><zeebe:formDefinition formId="intake-form" /></bpmn:extensionElements></bpmn:startEvent>
   <bpmn:endEvent id="End" />
   ${flow('Flow_1', 'Start', 'End')}`,
);

/** The job type expression fails: an EXTRACT_VALUE_ERROR incident on the task. */
const broken = bpmn(
  'broken',
  line(
    `<bpmn:serviceTask id="Fail" name="Fails"><bpmn:extensionElements><zeebe:taskDefinition type="=missing + 1" /></bpmn:extensionElements></bpmn:serviceTask>`,
  ),
);

describe('search API: process definitions, process instances, element instances, incidents', () => {
  let t: EngineUnderTest;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    t = await startEngineUnderTest();
    const first = await deploy(t.client, { 'order.bpmn': order('v1') });
    keys.orderV1 = first.processes[0]!.processDefinitionKey;
    const second = await deploy(t.client, {
      'order.bpmn': order('v2'),
      'intake.bpmn': withStartForm,
      'intake-form.form': form('intake-form'),
      'broken.bpmn': broken,
    });
    for (const p of second.processes) keys[p.processDefinitionId] = p.processDefinitionKey;
    // The deployment does not record the start form yet (the model's StartEvent has no `form`): set it as it
    // would, so that the read side is tested either way.
    await t.pool.query(
      "update engine.process_definitions set start_form_id = 'intake-form' where bpmn_process_id = 'intake'",
    );

    // order: one completed, one cancelled, one active (waiting at Ship).
    const create = async (tags: string[], variables: Record<string, unknown>) =>
      (await t.client.createProcessInstance({ processDefinitionId: 'order', variables, tags } as never))
        .processInstanceKey;
    keys.completed = await create(['vip'], { customer: 'Parsa', amount: 30 });
    const job = await t.client.activateJobs({
      type: 'order.ship',
      timeout: 10000,
      maxJobsToActivate: 1,
      worker: 'w',
    } as never);
    await t.client.completeJob({ jobKey: job.jobs[0]!.jobKey } as never);
    keys.cancelled = await create(['vip', 'late'], { customer: 'Sara', amount: 10 });
    await t.client.cancelProcessInstance({ processInstanceKey: keys.cancelled } as never);
    keys.active = await create([], { customer: 'Reza', amount: 20 });
    keys.failing = (
      await t.client.createProcessInstance({ processDefinitionId: 'broken' } as never)
    ).processInstanceKey;
  });
  afterAll(() => t.close());

  describe('process definitions', () => {
    it('searches all versions, by id, and only the latest ones', async () => {
      const all = await t.client.searchProcessDefinitions({}, NOW);
      expect(total(all)).toBe(4);
      const orders = await t.client.searchProcessDefinitions(
        { filter: { processDefinitionId: 'order' }, sort: [{ field: 'version', order: 'DESC' }] },
        NOW,
      );
      expect(orders.items!.map((d) => [d.version, d.versionTag])).toEqual([
        [2, 'v2'],
        [1, 'v1'],
      ]);
      expect(orders.items![1]).toEqual({
        name: 'order',
        resourceName: 'order.bpmn',
        version: 1,
        versionTag: 'v1',
        processDefinitionId: 'order',
        tenantId: '<default>',
        processDefinitionKey: keys.orderV1,
        hasStartForm: false,
      });
      const latest = await t.client.searchProcessDefinitions(
        { filter: { isLatestVersion: true }, sort: [{ field: 'processDefinitionId' }] },
        NOW,
      );
      expect(latest.items!.map((d) => `${d.processDefinitionId}:${d.version}`)).toEqual([
        'broken:1',
        'intake:1',
        'order:2',
      ]);
      expect(latest.page.startCursor).toBeUndefined();
      expect(latest.page.endCursor).toBeDefined();
    });

    it('filters by hasStartForm, name $like and version range', async () => {
      const withForm = await t.client.searchProcessDefinitions({ filter: { hasStartForm: true } }, NOW);
      expect(withForm.items!.map((d) => d.processDefinitionId)).toEqual(['intake']);
      const like = await t.client.searchProcessDefinitions({ filter: { name: { $like: 'o*r' } } }, NOW);
      expect(like.items!.map((d) => d.version)).toEqual([1, 2]);
      const range = await raw(t.url, 'POST', '/process-definitions/search', { filter: { version: 2 } });
      expect((range.body as { items: unknown[] }).items).toHaveLength(1);
    });

    it('gets one by key, its XML and its start form', async () => {
      const definition = await t.client.getProcessDefinition(
        { processDefinitionKey: keys.intake } as never,
        NOW,
      );
      expect(definition).toMatchObject({ processDefinitionId: 'intake', hasStartForm: true, version: 1 });
      const xml = await t.client.getProcessDefinitionXml({ processDefinitionKey: keys.intake } as never, NOW);
      expect(xml).toBe(withStartForm);

      // FormResult.schema is a string in the 8.8 spec (and in Camunda's responses); client 8.8.4 types it as an
      // object, so the form endpoints are checked without it.
      const startForm = await raw(t.url, 'GET', `/process-definitions/${keys.intake}/form`);
      expect(startForm.status).toBe(200);
      expect(startForm.body).toEqual({
        tenantId: '<default>',
        formId: 'intake-form',
        schema: form('intake-form'),
        version: 1,
        formKey: expect.stringMatching(/^\d+$/),
      });
      expect(JSON.parse((startForm.body as { schema: string }).schema)).toMatchObject({ id: 'intake-form' });
      expect((await raw(t.url, 'GET', `/process-definitions/${keys.orderV1}/form`)).status).toBe(204);
    });

    it('answers 404 for an unknown key and 400 for a malformed one', async () => {
      await expect(
        t.client.getProcessDefinition({ processDefinitionKey: '1' } as never, NOW),
      ).rejects.toMatchObject({ status: 404 });
      for (const path of [
        '/process-definitions/1',
        '/process-definitions/1/xml',
        '/process-definitions/1/form',
      ]) {
        const response = await raw(t.url, 'GET', path);
        expect(response.status).toBe(404);
        expect(response.contentType).toContain('application/problem+json');
        expect(response.body).toMatchObject({ status: 404, title: 'NOT_FOUND', instance: `/v2${path}` });
      }
      expect((await raw(t.url, 'GET', '/process-definitions/abc')).status).toBe(400);
    });
  });

  describe('process instances', () => {
    it('gets one with its definition name, version tag, tags and dates', async () => {
      const instance = await t.client.getProcessInstance(
        { processInstanceKey: keys.completed } as never,
        NOW,
      );
      expect(instance).toEqual({
        processDefinitionId: 'order',
        processDefinitionName: 'order',
        processDefinitionVersion: 2,
        processDefinitionVersionTag: 'v2',
        startDate: expect.stringMatching(/Z$/),
        endDate: expect.stringMatching(/Z$/),
        state: 'COMPLETED',
        hasIncident: false,
        tenantId: '<default>',
        processInstanceKey: keys.completed,
        processDefinitionKey: keys.order,
        tags: ['vip'],
      });
      await expect(
        t.client.getProcessInstance({ processInstanceKey: '1' } as never, NOW),
      ).rejects.toMatchObject({ status: 404 });
    });

    it('filters by state, keys, tags, variables and incidents', async () => {
      const search = async (filter: object) =>
        (
          await t.client.searchProcessInstances(
            { filter, sort: [{ field: 'processInstanceKey' }] } as never,
            NOW,
          )
        ).items.map((i) => i.processInstanceKey);
      expect(await search({ state: 'COMPLETED' })).toEqual([keys.completed]);
      expect(await search({ state: { $neq: 'ACTIVE' } })).toEqual([keys.completed, keys.cancelled]);
      expect(await search({ state: { $in: ['TERMINATED', 'COMPLETED'] } })).toEqual([
        keys.completed,
        keys.cancelled,
      ]);
      expect(await search({ processInstanceKey: { $notIn: [keys.completed, keys.cancelled] } })).toEqual([
        keys.active,
        keys.failing,
      ]);
      expect(await search({ tags: ['vip', 'late'] })).toEqual([keys.cancelled]);
      expect(await search({ variables: [{ name: 'customer', value: '"Reza"' }] })).toEqual([keys.active]);
      expect(await search({ variables: [{ name: 'amount', value: { $in: ['10', '30'] } }] })).toEqual([
        keys.completed,
        keys.cancelled,
      ]);
      expect(await search({ hasIncident: true })).toEqual([keys.failing]);
      expect(await search({ errorMessage: { $like: '*missing*' } })).toEqual([keys.failing]);
      expect(await search({ processDefinitionVersionTag: 'v2', endDate: { $exists: false } })).toEqual([
        keys.active,
      ]);
      expect(await search({ elementId: 'Ship', elementInstanceState: 'TERMINATED' })).toEqual([
        keys.cancelled,
      ]);
      expect(
        await search({ processDefinitionId: 'order', $or: [{ state: 'COMPLETED' }, { tags: ['late'] }] }),
      ).toEqual([keys.completed, keys.cancelled]);
    });

    it('sorts by start date both ways', async () => {
      const sorted = async (order: 'ASC' | 'DESC') =>
        (
          await t.client.searchProcessInstances(
            { filter: { processDefinitionId: 'order' }, sort: [{ field: 'startDate', order }] },
            NOW,
          )
        ).items.map((i) => i.processInstanceKey);
      expect(await sorted('ASC')).toEqual([keys.completed, keys.cancelled, keys.active]);
      expect(await sorted('DESC')).toEqual([keys.active, keys.cancelled, keys.completed]);
    });
  });

  describe('element instances', () => {
    const elements = async (processInstanceKey: string) =>
      (
        await t.client.searchElementInstances(
          { filter: { processInstanceKey }, sort: [{ field: 'elementInstanceKey' }] } as never,
          NOW,
        )
      ).items!;

    it('lists the elements of a completed instance, all COMPLETED, with the element id as missing name', async () => {
      const items = await elements(keys.completed!);
      expect(items.map((e) => [e.elementId, e.elementName, e.type, e.state])).toEqual([
        ['Start', 'Start', 'START_EVENT', 'COMPLETED'],
        ['Handling', 'Handling', 'SUB_PROCESS', 'COMPLETED'],
        ['Handling_Start', 'Handling_Start', 'START_EVENT', 'COMPLETED'],
        ['Ship', 'Ship', 'SERVICE_TASK', 'COMPLETED'],
        ['Handling_End', 'Handled', 'END_EVENT', 'COMPLETED'],
        ['End', 'End', 'END_EVENT', 'COMPLETED'],
      ]);
      expect(
        items.every((e) => e.endDate !== undefined && !e.hasIncident && e.processDefinitionId === 'order'),
      ).toBe(true);
    });

    it('shows the elements of a cancelled instance as TERMINATED', async () => {
      const items = await elements(keys.cancelled!);
      expect(items.map((e) => [e.elementId, e.state])).toEqual([
        ['Start', 'COMPLETED'],
        ['Handling', 'TERMINATED'],
        ['Handling_Start', 'COMPLETED'],
        ['Ship', 'TERMINATED'],
      ]);
    });

    it('filters by scope, state and type; gets one by key', async () => {
      const top = await t.client.searchElementInstances(
        { filter: { elementInstanceScopeKey: keys.active } } as never,
        NOW,
      );
      expect(top.items!.map((e) => e.elementId).sort()).toEqual(['Handling', 'Start']);
      const handling = top.items!.find((e) => e.elementId === 'Handling')!;
      const inner = await t.client.searchElementInstances(
        { filter: { elementInstanceScopeKey: handling.elementInstanceKey, state: 'ACTIVE' } } as never,
        NOW,
      );
      expect(inner.items!.map((e) => e.elementId)).toEqual(['Ship']);
      const tasks = await t.client.searchElementInstances(
        { filter: { type: 'SERVICE_TASK', state: { $in: ['ACTIVE', 'TERMINATED'] } } },
        NOW,
      );
      expect(total(tasks)).toBe(3);

      const one = await t.client.getElementInstance({ elementInstanceKey: handling.elementInstanceKey }, NOW);
      expect(one).toEqual(handling);
      // The process instance itself is not an element instance.
      expect((await raw(t.url, 'GET', `/element-instances/${keys.active}`)).status).toBe(404);
      await expect(
        t.client.getElementInstance({ elementInstanceKey: '1' } as never, NOW),
      ).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('incidents', () => {
    it('finds the incident of a failing job type expression from every side', async () => {
      const found = await t.client.searchIncidents(
        { filter: { processInstanceKey: keys.failing } } as never,
        NOW,
      );
      expect(total(found)).toBe(1);
      const incident = found.items![0]!;
      expect(incident).toEqual({
        processDefinitionId: 'broken',
        errorType: 'EXTRACT_VALUE_ERROR',
        errorMessage: expect.stringContaining('missing'),
        elementId: 'Fail',
        creationTime: expect.stringMatching(/Z$/),
        state: 'ACTIVE',
        tenantId: '<default>',
        incidentKey: expect.stringMatching(/^\d+$/),
        processDefinitionKey: keys.broken,
        processInstanceKey: keys.failing,
        elementInstanceKey: expect.stringMatching(/^\d+$/),
      });
      expect(await t.client.getIncident({ incidentKey: incident.incidentKey! }, NOW)).toEqual(incident);
      const ofInstance = await t.client.searchProcessInstanceIncidents(
        { processInstanceKey: keys.failing } as never,
        NOW,
      );
      expect(ofInstance.items).toEqual([incident]);
      const none = await t.client.searchProcessInstanceIncidents(
        { processInstanceKey: keys.active } as never,
        NOW,
      );
      expect(total(none)).toBe(0);

      const element = await t.client.getElementInstance(
        { elementInstanceKey: incident.elementInstanceKey! },
        NOW,
      );
      expect(element).toMatchObject({
        hasIncident: true,
        incidentKey: incident.incidentKey,
        state: 'ACTIVE',
      });
      const byType = await t.client.searchIncidents(
        { filter: { errorType: 'EXTRACT_VALUE_ERROR', state: 'ACTIVE' } },
        NOW,
      );
      expect(total(byType)).toBe(1);
      const byTime = await t.client.searchIncidents(
        { filter: { creationTime: { $gt: '2000-01-01T00:00:00Z' } } },
        NOW,
      );
      expect(total(byTime)).toBe(1);
    });

    it('answers 404 for unknown incidents and process instances', async () => {
      await expect(t.client.getIncident({ incidentKey: '1' } as never, NOW)).rejects.toMatchObject({
        status: 404,
      });
      const response = await raw(t.url, 'POST', '/process-instances/1/incidents/search', {});
      expect(response.status).toBe(404);
      expect(detail(response)).toContain("'1'");
      // The incidents of an instance take no filter.
      const filtered = await raw(t.url, 'POST', `/process-instances/${keys.failing}/incidents/search`, {
        filter: {},
      });
      expect(filtered.status).toBe(400);
    });
  });

  describe('jobs', () => {
    it('searches the jobs that exist', async () => {
      const jobs = await t.client.searchJobs({ filter: { type: 'order.ship' } }, NOW);
      expect(jobs.items).toHaveLength(1);
      expect(jobs.items[0]).toMatchObject({
        type: 'order.ship',
        state: 'CREATED',
        kind: 'BPMN_ELEMENT',
        listenerEventType: 'UNSPECIFIED',
        processInstanceKey: keys.active,
        elementId: 'Ship',
        retries: 3,
        hasFailedWithRetriesLeft: false,
        worker: '',
        customHeaders: {},
      });
      const none = await t.client.searchJobs({ filter: { retries: { $lt: 3 } } }, NOW);
      expect(total(none)).toBe(0);
    });
  });
});
