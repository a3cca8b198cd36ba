import type { WorkerDefinition } from '../src/camunda/worker-definition.js';
import { COMPLAINT_WORKERS } from './complaints/index.js';
import { CORRECTIVE_ACTION_WORKERS } from './corrective-actions/index.js';
import { NOTIFICATION_WORKERS } from './notifications/index.js';

/** Every job worker of the project; the runtime starts one polling loop per entry. */
export const ALL_WORKERS: readonly WorkerDefinition[] = [
  ...COMPLAINT_WORKERS,
  ...CORRECTIVE_ACTION_WORKERS,
  ...NOTIFICATION_WORKERS,
];

const duplicate = ALL_WORKERS.map((w) => w.type).find((t, i, all) => all.indexOf(t) !== i);
if (duplicate) throw new Error(`two workers share the job type ${duplicate}`);
