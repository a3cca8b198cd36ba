import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import type { WorkerServices } from '../camunda/worker-definition.js';
import { startWorkers, type RunningWorkers } from '../camunda/worker-runtime.js';
import { ALL_WORKERS } from '../../workers/index.js';

/** Every worker of the project, against the engine the client points to. */
export function startProcessWorkers(client: CamundaClient, services: WorkerServices): RunningWorkers {
  return startWorkers(client, ALL_WORKERS, services);
}
