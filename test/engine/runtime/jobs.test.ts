import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Scheduler } from '../../../src/engine/scheduler/scheduler.js';
import { bpmn, line, serviceTask } from '../support/bpmn.js';
import { deploy, startEngineUnderTest, type EngineUnderTest } from '../support/engine-server.js';
import { incidentsOf, instanceState } from '../support/engine-state.js';

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 204;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

describe('jobs (zeebe-semantics §3)', () => {
  let t: EngineUnderTest;
  let scheduler: Scheduler;
  const T0 = Date.parse('2026-01-10T08:00:00Z');
  beforeAll(async () => {
    t = await startEngineUnderTest({ clockControl: true });
    scheduler = new Scheduler(t.engine);
    await t.client.pinClock({ timestamp: T0 } as never);
    await deploy(t.client, {
      'job.bpmn': bpmn(
        'job',
        line(
          serviceTask(
            'Task_Work',
            'work',
            '<zeebe:taskHeaders><zeebe:header key="template" value="ack" /></zeebe:taskHeaders>',
          ),
        ),
      ),
      'bad-type.bpmn': bpmn('badType', line(serviceTask('Task_Bad', '=1 + missing'))),
    });
  });
  afterAll(() => t.close());

  const start = async () =>
    (await t.client.createProcessInstance({ processDefinitionId: 'job', variables: {} } as never))
      .processInstanceKey;
  const activate = (timeout = 60_000) =>
    t.client.activateJobs({ type: 'work', timeout, maxJobsToActivate: 10, requestTimeout: -1 } as never);

  it('hands a job to one worker at a time, with its custom headers, and again after its timeout', async () => {
    const key = await start();
    const first = await activate(5_000);
    expect(first.jobs).toHaveLength(1);
    expect(first.jobs[0]!.customHeaders).toEqual({ template: 'ack' });
    expect(first.jobs[0]!.deadline).toBe(BigInt(T0 + 5_000));
    expect((await activate()).jobs).toHaveLength(0);
    await t.client.pinClock({ timestamp: T0 + 5_001 } as never);
    await scheduler.runOnce();
    const second = await activate();
    expect(second.jobs.map((j) => j.jobKey)).toEqual([first.jobs[0]!.jobKey]);
    await t.client.completeJob({ jobKey: second.jobs[0]!.jobKey } as never);
    expect(await instanceState(t.pool, key)).toBe('COMPLETED');
  });

  it('a job completed twice: the second answer is 404, as Zeebe gives NOT_FOUND', async () => {
    await start();
    const { jobs } = await activate();
    expect(await statusOf(t.client.completeJob({ jobKey: jobs[0]!.jobKey } as never))).toBe(204);
    expect(await statusOf(t.client.completeJob({ jobKey: jobs[0]!.jobKey } as never))).toBe(404);
  });

  it('a failed job with retries left and a back-off comes back after the back-off', async () => {
    await t.client.pinClock({ timestamp: T0 } as never);
    await start();
    const { jobs } = await activate();
    await t.client.failJob({
      jobKey: jobs[0]!.jobKey,
      retries: 2,
      retryBackOff: 1000,
      errorMessage: 'SMTP down',
    } as never);
    await scheduler.runOnce();
    expect((await activate()).jobs).toHaveLength(0);
    await t.client.pinClock({ timestamp: T0 + 1000 } as never);
    await scheduler.runOnce();
    const again = await activate();
    expect(again.jobs[0]).toMatchObject({ jobKey: jobs[0]!.jobKey, retries: 2 });
    await t.client.completeJob({ jobKey: again.jobs[0]!.jobKey } as never);
  });

  it('a job failed without retries raises JOB_NO_RETRIES; resolving needs retries first, then the job is activatable', async () => {
    const key = await start();
    const { jobs } = await activate();
    const job = jobs[0]!;
    await t.client.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'member not found' } as never);
    const [incident] = await incidentsOf(t.pool, key);
    expect(incident).toMatchObject({
      error_type: 'JOB_NO_RETRIES',
      error_message: 'member not found',
      job_key: job.jobKey,
    });
    expect(await statusOf(t.client.resolveIncident({ incidentKey: incident!.key } as never))).toBe(409);
    expect(await statusOf(t.client.completeJob({ jobKey: job.jobKey } as never))).toBe(409);
    await t.client.updateJob({ jobKey: job.jobKey, changeset: { retries: 1 } } as never);
    await t.client.resolveIncident({ incidentKey: incident!.key } as never);
    const again = await activate();
    expect(again.jobs[0]).toMatchObject({ jobKey: job.jobKey, retries: 1 });
    await t.client.completeJob({ jobKey: job.jobKey } as never);
    expect(await instanceState(t.pool, key)).toBe('COMPLETED');
  });

  it('a BPMN error nobody catches raises UNHANDLED_ERROR_EVENT on the task', async () => {
    const key = await start();
    const { jobs } = await activate();
    await t.client.throwJobError({
      jobKey: jobs[0]!.jobKey,
      errorCode: 'NOT_A_MEMBER',
      errorMessage: 'no such member',
    } as never);
    const [incident] = await incidentsOf(t.pool, key);
    expect(incident).toMatchObject({ error_type: 'UNHANDLED_ERROR_EVENT', element_id: 'Task_Work' });
    expect(incident!.error_message).toMatch(/'NOT_A_MEMBER'.*but it was not caught/);
  });

  it('a job type that fails to evaluate raises EXTRACT_VALUE_ERROR and creates no job', async () => {
    const { processInstanceKey } = await t.client.createProcessInstance({
      processDefinitionId: 'badType',
    } as never);
    const [incident] = await incidentsOf(t.pool, processInstanceKey);
    expect(incident).toMatchObject({ error_type: 'EXTRACT_VALUE_ERROR', element_id: 'Task_Bad' });
    const { rows } = await t.pool.query('select 1 from engine.jobs where process_instance_key = $1', [
      processInstanceKey,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('long polling: an activation waits for a job created after it started', async () => {
    const waiting = t.client.activateJobs({
      type: 'work',
      timeout: 60_000,
      maxJobsToActivate: 1,
      requestTimeout: 5_000,
    } as never);
    await new Promise((r) => setTimeout(r, 100));
    await start();
    expect((await waiting).jobs).toHaveLength(1);
  });

  it('cancelling an instance cancels its job: completing it afterwards is 404', async () => {
    const key = await start();
    const { jobs } = await activate();
    await t.client.cancelProcessInstance({ processInstanceKey: key } as never);
    expect(await instanceState(t.pool, key)).toBe('TERMINATED');
    expect(await statusOf(t.client.completeJob({ jobKey: jobs[0]!.jobKey } as never))).toBe(404);
    expect(await statusOf(t.client.cancelProcessInstance({ processInstanceKey: key } as never))).toBe(404);
  });

  it('a worker from the official client runs jobs end to end', async () => {
    const keys = await Promise.all([start(), start(), start()]);
    const worker = t.client.createJobWorker({
      jobType: 'work',
      jobTimeoutMs: 10_000,
      maxParallelJobs: 2,
      pollTimeoutMs: 1_000,
      jobHandler: (job: { complete(variables: object): unknown }) => job.complete({ handled: true }),
    } as never);
    try {
      for (
        let i = 0;
        i < 100 &&
        (await Promise.all(keys.map((k) => instanceState(t.pool, k)))).some((s) => s !== 'COMPLETED');
        i++
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await Promise.all(keys.map((k) => instanceState(t.pool, k)))).toEqual([
        'COMPLETED',
        'COMPLETED',
        'COMPLETED',
      ]);
    } finally {
      worker.stop();
    }
  });
});
