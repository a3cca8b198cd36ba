import type { CommandContext } from './command.js';
import { openDatabase } from '../db/database.js';
import { migrateDownAll, migrateUp, migrationStatus } from '../db/migrate.js';

export async function migrateCommand({ config, log, args }: CommandContext): Promise<number> {
  const direction = args[0] ?? 'up';
  if (!['up', 'down', 'status'].includes(direction)) {
    log.error(`migrate takes up, down or status, not "${direction}"`);
    return 2;
  }
  if (direction === 'down' && config.appEnv === 'production' && !args.includes('--yes-drop-everything')) {
    log.error('migrate down drops every business table; in production add --yes-drop-everything');
    return 2;
  }
  const db = await openDatabase(config, log);
  try {
    if (direction === 'status') {
      const { applied, pending } = await migrationStatus(db.owner);
      log.info({ applied, pending }, `${applied.length} applied, ${pending.length} pending`);
    } else if (direction === 'down') {
      const reverted = await migrateDownAll(db.owner);
      log.info({ reverted }, `reverted ${reverted.length} migrations`);
    } else {
      const applied = await migrateUp(db.owner);
      log.info({ applied }, applied.length ? `applied ${applied.length} migrations` : 'schema is up to date');
    }
    return 0;
  } finally {
    await db.close();
  }
}
