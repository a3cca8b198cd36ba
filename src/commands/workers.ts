import type { CommandContext } from './command.js';
import { createEngineClient } from '../camunda/client.js';
import { openDatabase } from '../db/database.js';
import { engineConnection } from './engine-connection.js';
import { startProcessWorkers } from './process-workers.js';
import { untilStopped } from './until-stopped.js';

/** Only the workers, against the configured engine: for a second worker process or a cluster. */
export async function workersCommand({ config, log }: CommandContext): Promise<number> {
  const stopped = untilStopped();
  const db = await openDatabase(config, log);
  try {
    const connection = engineConnection(config);
    const workers = startProcessWorkers(createEngineClient(connection), db.app, config, log);
    log.info(`workers running against ${connection.restAddress}. Press Ctrl-C to stop.`);
    await stopped;
    await workers.stop();
    return 0;
  } finally {
    await db.close();
  }
}
