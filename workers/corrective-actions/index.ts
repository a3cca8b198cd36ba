import type { WorkerDefinition } from '../../src/camunda/worker-definition.js';
import { escalateWorker } from './escalate.js';
import { openWorker } from './open.js';
import { recordProgressWorker } from './record-progress.js';
import { recordVerificationWorker } from './record-verification.js';
import { remindWorker } from './remind.js';

/** The job types of processes/corrective-action.bpmn (SY-PR-05-00-02). */
export const CORRECTIVE_ACTION_WORKERS: readonly WorkerDefinition[] = [
  openWorker,
  remindWorker,
  escalateWorker,
  recordProgressWorker,
  recordVerificationWorker,
] as readonly WorkerDefinition[];
