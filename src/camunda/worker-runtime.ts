import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import type { z } from 'zod';
import {
  BpmnError,
  type WorkerDefinition,
  type WorkerJob,
  type WorkerServices,
} from './worker-definition.js';

export interface RunningWorkers {
  stop(): Promise<void>;
}

interface ActivatedJob {
  jobKey: string;
  type: string;
  processInstanceKey: string;
  processDefinitionId: string;
  elementId: string;
  elementInstanceKey: string;
  retries: number;
  variables: Record<string, unknown>;
  customHeaders: Record<string, unknown>;
}

/** Back-off before the next try of a job that failed for a technical reason. */
const RETRY_BACKOFF_MS = 10_000;

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(variables)'}: ${i.message}`).join('; ');
}

/**
 * Runs one job through its handler: variables checked against the input schema (a mismatch is
 * not retried: it raises an incident naming the variables), the result against the output schema;
 * a BpmnError is thrown to the process; any other error fails the job with a readable message and
 * a back-off, until its retries are spent.
 */
export async function runJob(
  client: CamundaClient,
  worker: WorkerDefinition,
  job: ActivatedJob,
  services: WorkerServices,
): Promise<void> {
  const input = worker.input.safeParse(job.variables);
  if (!input.success) {
    await client.failJob({
      jobKey: job.jobKey,
      retries: 0,
      errorMessage: `${worker.type}: invalid process variables: ${describeIssues(input.error)}`,
    } as never);
    return;
  }
  const workerJob: WorkerJob<unknown> = {
    key: job.jobKey,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    processDefinitionId: job.processDefinitionId,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    retries: job.retries,
    variables: input.data,
    headers: Object.fromEntries(Object.entries(job.customHeaders).map(([k, v]) => [k, String(v)])),
  };
  try {
    const result = await worker.handler(workerJob as never, services);
    const output = worker.output.safeParse(result ?? {});
    if (!output.success)
      throw new Error(`the handler returned invalid variables: ${describeIssues(output.error)}`);
    await client.completeJob({
      jobKey: job.jobKey,
      variables: output.data as Record<string, unknown>,
    } as never);
  } catch (error) {
    if (error instanceof BpmnError) {
      await client.throwJobError({
        jobKey: job.jobKey,
        errorCode: error.code,
        errorMessage: error.message,
        variables: error.variables,
      } as never);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    services.log.warn({ jobType: job.type, jobKey: job.jobKey, err: error }, `job failed: ${message}`);
    await client.failJob({
      jobKey: job.jobKey,
      retries: Math.max(0, job.retries - 1),
      errorMessage: `${worker.type}: ${message}`,
      retryBackOff: RETRY_BACKOFF_MS,
    } as never);
  }
}

/**
 * One long-polling loop per job type against the REST API of whichever engine is configured:
 * the same workers serve the embedded engine and a Camunda 8.8 cluster.
 */
export function startWorkers(
  client: CamundaClient,
  workers: readonly WorkerDefinition[],
  services: WorkerServices,
  options: { jobTimeoutMs?: number; pollTimeoutMs?: number; maxJobs?: number; workerName?: string } = {},
): RunningWorkers {
  let stopped = false;
  const polls = new Set<{ cancel?: () => void }>();
  const loops = workers.map(async (worker) => {
    while (!stopped) {
      try {
        const poll = client.activateJobs({
          type: worker.type,
          worker: options.workerName ?? 'eccim-mcc',
          timeout: options.jobTimeoutMs ?? 60_000,
          maxJobsToActivate: options.maxJobs ?? 8,
          requestTimeout: options.pollTimeoutMs ?? 5_000,
        } as never);
        polls.add(poll as { cancel?: () => void });
        const { jobs } = (await poll.finally(() => polls.delete(poll as { cancel?: () => void }))) as {
          jobs: ActivatedJob[];
        };
        await Promise.all(jobs.map((job) => runJob(client, worker, job, services)));
      } catch (error) {
        if (stopped) return;
        services.log.error({ err: error, jobType: worker.type }, 'job activation failed; retrying in 1 s');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  });
  return {
    async stop() {
      stopped = true;
      for (const poll of polls) poll.cancel?.(); // a long poll would otherwise hold the stop for its timeout
      await Promise.allSettled(loops);
    },
  };
}
