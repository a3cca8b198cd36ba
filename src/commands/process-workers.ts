import type { CamundaClient } from '@camunda8/orchestration-cluster-api';
import type { Knex } from 'knex';
import { loadWorkingCalendar } from '../calendar/calendar-store.js';
import { startWorkers, type RunningWorkers } from '../camunda/worker-runtime.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { ALL_WORKERS } from '../../workers/index.js';

/** Every worker of the project against the engine the client points to, with the live services. */
export function startProcessWorkers(
  client: CamundaClient,
  db: Knex,
  config: Pick<Config, 'publicBaseUrl'>,
  log: Logger,
): RunningWorkers {
  return startWorkers(client, ALL_WORKERS, {
    db,
    log: log.child({ component: 'workers' }),
    now: () => new Date(),
    calendar: () => loadWorkingCalendar(db),
    publicBaseUrl: config.publicBaseUrl,
  });
}
