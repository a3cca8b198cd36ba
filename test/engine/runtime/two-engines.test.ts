import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCamundaClient, type CamundaClient } from '@camunda8/orchestration-cluster-api';
import pg from 'pg';
import { createEngineApp, listen, type RunningApi } from '../../../src/engine/api/server.js';
import { Engine } from '../../../src/engine/engine.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { bpmn, flow, serviceTask } from '../support/bpmn.js';
import { deploy } from '../support/engine-server.js';

const twoSteps = bpmn(
  'twoSteps',
  [
    '<bpmn:startEvent id="Start" />',
    '<bpmn:parallelGateway id="Fork" />',
    serviceTask('Task_A', 'step-a'),
    serviceTask('Task_B', 'step-b'),
    '<bpmn:parallelGateway id="Join" />',
    '<bpmn:endEvent id="End" />',
    flow('f0', 'Start', 'Fork'),
    flow('f1', 'Fork', 'Task_A'),
    flow('f2', 'Fork', 'Task_B'),
    flow('f3', 'Task_A', 'Join'),
    flow('f4', 'Task_B', 'Join'),
    flow('f5', 'Join', 'End'),
  ].join('\n'),
);

describe('two engine processes on one database', () => {
  let db: TestDatabase;
  const pools: pg.Pool[] = [];
  const apis: RunningApi[] = [];
  const clients: CamundaClient[] = [];
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    for (let i = 0; i < 2; i++) {
      const pool = new pg.Pool({ connectionString: db.url, max: 8 });
      pools.push(pool);
      const api = await listen(createEngineApp(await Engine.open(pool)), 0);
      apis.push(api);
      clients.push(
        createCamundaClient({
          config: { CAMUNDA_REST_ADDRESS: api.url, CAMUNDA_AUTH_STRATEGY: 'NONE' } as never,
        }),
      );
    }
  });
  afterAll(async () => {
    for (const api of apis) await api.close();
    for (const pool of pools) await pool.end();
    await db.drop();
  });

  it('share the work without corrupting state: parallel branches of one instance completed through different engines join once', async () => {
    await deploy(clients[0]!, { 'two.bpmn': twoSteps });
    const keys = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        clients[i % 2]!.createProcessInstance({ processDefinitionId: 'twoSteps' } as never).then(
          (r) => r.processInstanceKey,
        ),
      ),
    );
    // Both engines activate and complete jobs concurrently, each step type through both.
    const work = async (client: CamundaClient, type: string) => {
      for (;;) {
        const { jobs } = await client.activateJobs({
          type,
          timeout: 30_000,
          maxJobsToActivate: 7,
          requestTimeout: -1,
        } as never);
        if (jobs.length === 0) return;
        await Promise.all(jobs.map((j) => client.completeJob({ jobKey: j.jobKey } as never)));
      }
    };
    await Promise.all([
      work(clients[0]!, 'step-a'),
      work(clients[1]!, 'step-a'),
      work(clients[0]!, 'step-b'),
      work(clients[1]!, 'step-b'),
    ]);
    const { rows: states } = await pools[0]!.query(
      'select state, count(*)::int as n from engine.process_instances group by state',
    );
    expect(states).toEqual([{ state: 'COMPLETED', n: keys.length }]);
    const { rows: twice } = await pools[0]!.query(
      "select key from engine.records where value_type = 'JOB' and intent = 'COMPLETED' group by key having count(*) > 1",
    );
    expect(twice).toEqual([]);
    const { rows: joins } = await pools[0]!.query(
      "select process_instance_key, count(*)::int as n from engine.element_instances where element_id = 'Join' group by 1",
    );
    expect(joins.every((r) => r.n === 1)).toBe(true);
    expect(joins).toHaveLength(keys.length);
  });
});
