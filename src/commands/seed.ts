import type { CommandContext } from './command.js';
import { openDatabase } from '../db/database.js';
import { migrateUp } from '../db/migrate.js';
import { loadDemoDataIfEmpty } from '../db/seeds/index.js';

export async function seedCommand({ config, log }: CommandContext): Promise<number> {
  if (!config.seedDemoData) {
    log.error(`demo data is not loaded when APP_ENV=${config.appEnv} or SEED_DEMO_DATA=false`);
    return 2;
  }
  const db = await openDatabase(config, log);
  try {
    await migrateUp(db.owner);
    const summary = await loadDemoDataIfEmpty(db.owner, config);
    if (summary) log.info(summary, 'demo data loaded');
    else log.warn('the database already holds data: demo data is loaded only into an empty database');
    return 0;
  } finally {
    await db.close();
  }
}
