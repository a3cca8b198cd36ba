import type { CommandContext } from './command.js';
import { openDatabase } from '../db/database.js';
import { migrateUp } from '../db/migrate.js';
import { loadDemoDataIfEmpty, loadReferenceData } from '../db/seeds/index.js';
import { DEMO_PASSWORD } from '../db/seeds/demo-organisation.js';
import { runEngine, type RunningEngine } from '../engine/run-engine.js';
import { untilStopped } from './until-stopped.js';

export async function startCommand({ config, log }: CommandContext): Promise<number> {
  const stopped = untilStopped();
  const db = await openDatabase(config, log);
  let engine: RunningEngine | undefined;
  try {
    const applied = await migrateUp(db.owner);
    if (applied.length) log.info({ applied }, `applied ${applied.length} migrations`);
    await loadReferenceData(db.owner);
    if (config.seedDemoData) {
      const summary = await loadDemoDataIfEmpty(db.owner, config);
      if (summary) log.info(summary, `demo data loaded; demo users sign in with password "${DEMO_PASSWORD}"`);
    }
    const engineLog = log.child({ component: 'engine' });
    engine = await runEngine({
      databaseUrl: db.url,
      port: config.engine.port,
      clockControl: config.engine.clockControl,
      ...(config.engine.basicAuth ? { basicAuth: config.engine.basicAuth } : {}),
      onError: (err) => engineLog.error({ err }, 'engine error'),
    });
    log.info({ engine: engine.url }, `engine REST API (Camunda 8.8 /v2) at ${engine.url}/v2`);
    log.info(
      { database: db.description, engine: engine.url, appEnv: config.appEnv },
      `system up — database: ${db.description}; engine: ${engine.url}. Press Ctrl-C to stop.`,
    );
    const signal = await stopped;
    log.info(`${signal} received, stopping`);
    return 0;
  } finally {
    await engine?.stop();
    await db.close();
    log.info('stopped');
  }
}
