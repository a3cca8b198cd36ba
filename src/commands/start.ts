import type { CommandContext } from './command.js';
import { openDatabase } from '../db/database.js';
import { migrateUp } from '../db/migrate.js';
import { loadDemoDataIfEmpty, loadReferenceData } from '../db/seeds/index.js';
import { DEMO_PASSWORD } from '../db/seeds/demo-organisation.js';

/** Resolves on the first SIGINT or SIGTERM; a second one exits at once. */
function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.once(signal, () => process.exit(130));
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

export async function startCommand({ config, log }: CommandContext): Promise<number> {
  const stopped = untilStopped();
  const db = await openDatabase(config, log);
  try {
    const applied = await migrateUp(db.owner);
    if (applied.length) log.info({ applied }, `applied ${applied.length} migrations`);
    await loadReferenceData(db.owner);
    if (config.seedDemoData) {
      const summary = await loadDemoDataIfEmpty(db.owner, config);
      if (summary) log.info(summary, `demo data loaded; demo users sign in with password "${DEMO_PASSWORD}"`);
    }
    log.info(
      { database: db.description, appEnv: config.appEnv },
      `system up — database: ${db.description}. Press Ctrl-C to stop.`,
    );
    const signal = await stopped;
    log.info(`${signal} received, stopping`);
    return 0;
  } finally {
    await db.close();
    log.info('stopped');
  }
}
