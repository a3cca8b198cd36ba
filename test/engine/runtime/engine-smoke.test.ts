import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { Engine } from '../../../src/engine/engine.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { bpmn, line, serviceTask } from '../support/bpmn.js';

describe('engine core', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  let engine: Engine;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    pool = new pg.Pool({ connectionString: db.url, max: 5 });
    engine = await Engine.open(pool);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('runs a service task process to its end', async () => {
    const xml = bpmn('p1', line(serviceTask('Task_A', 'a')));
    const deployed = await engine.deploy([{ name: 'p1.bpmn', content: Buffer.from(xml) }]);
    expect(deployed.deployments).toHaveLength(1);
    const created = await engine.createProcessInstance({ processDefinitionId: 'p1', variables: { x: 1 } });
    const jobs = await engine.activateJobs({
      type: 'a',
      timeoutMs: 10_000,
      maxJobsToActivate: 5,
      requestTimeoutMs: -1,
    });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.variables).toEqual({ x: 1 });
    await engine.completeJob(BigInt(jobs[0]!.jobKey), { y: 2 });
    const result = await engine.awaitCompletion(BigInt(created.processInstanceKey), 1000);
    expect(result).toEqual({ x: 1, y: 2 });
  });
});
