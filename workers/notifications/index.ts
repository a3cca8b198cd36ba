import type { WorkerDefinition } from '../../src/camunda/worker-definition.js';
import { notifyStaffWorker } from './notify-staff.js';

export const NOTIFICATION_WORKERS: readonly WorkerDefinition[] = [notifyStaffWorker];
