import path from 'node:path';
import type { CommandContext } from './command.js';
import { createEngineClient } from '../camunda/client.js';
import { deployResources, projectResources } from '../camunda/deploy-resources.js';
import { openDatabase } from '../db/database.js';
import { migrateUp } from '../db/migrate.js';
import { loadDemoDataIfEmpty, loadReferenceData } from '../db/seeds/index.js';
import { DEMO_PASSWORD } from '../db/seeds/demo-organisation.js';
import { runEngine } from '../engine/run-engine.js';
import { DEFAULT_MAIL_FROM, runNotifications } from '../notify/index.js';
import { seedDemoComplaints } from './demo-complaints.js';
import { engineConnection } from './engine-connection.js';
import { untilStopped } from './until-stopped.js';
import { LocalFileStore } from '../domain/complaints/file-store.js';
import { createWebApp } from '../web/app.js';
import { listenWeb } from '../web/server.js';
import { ensureUiBuilt } from '../web/ui-build.js';
import { readOrCreateSecret } from '../secret-file.js';
import { startProcessWorkers } from './process-workers.js';

/** The project root: processes/ and forms/ are deployed from there. */
const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The whole system in one process: database (embedded unless DATABASE_URL), migrations, reference
 * and demo data, the engine with its REST API, notifications, every process and form deployed, and
 * every worker. Stops in reverse order on Ctrl-C.
 */
export async function startCommand({ config, log }: CommandContext): Promise<number> {
  const stopped = untilStopped();
  const stops: (() => Promise<void>)[] = [];
  try {
    const db = await openDatabase(config, log);
    stops.push(() => db.close());
    const applied = await migrateUp(db.owner);
    if (applied.length) log.info({ applied }, `applied ${applied.length} migrations`);
    await loadReferenceData(db.owner);
    const demo = config.seedDemoData ? await loadDemoDataIfEmpty(db.owner, config) : undefined;
    if (demo) log.info(demo, `demo data loaded; demo users sign in with password "${DEMO_PASSWORD}"`);

    let engineUrl: string | undefined;
    if (!config.cluster) {
      const engineLog = log.child({ component: 'engine' });
      const engine = await runEngine({
        databaseUrl: db.url,
        port: config.engine.port,
        clockControl: config.engine.clockControl,
        ...(config.engine.basicAuth ? { basicAuth: config.engine.basicAuth } : {}),
        onError: (err) => engineLog.error({ err }, 'engine error'),
      });
      stops.push(() => engine.stop());
      engineUrl = engine.url;
      log.info({ engine: engine.url }, `engine REST API (Camunda 8.8 /v2) at ${engine.url}/v2`);
    } else {
      log.info(
        { cluster: config.cluster.restAddress },
        `using the Camunda 8.8 cluster at ${config.cluster.restAddress}`,
      );
    }
    const connection = engineConnection(config, engineUrl);

    const caughtMailDir = path.join(config.dataDir, 'mail');
    const notifications = await runNotifications({
      db: db.app,
      config: {
        smtpUrl: config.notifications.smtpUrl,
        mailFrom: config.notifications.mailFrom ?? DEFAULT_MAIL_FROM,
        sms: config.notifications.sms,
        caughtMailDir,
      },
      logger: log.child({ component: 'notify' }),
    });
    stops.push(() => notifications.stop());

    const client = createEngineClient(connection);
    const deployed = await deployResources(client, await projectResources(ROOT));
    log.info(
      deployed,
      `deployed ${deployed.processes.map((p) => `${p.id} v${p.version}`).join(', ') || 'no processes'}; forms: ${
        deployed.forms.map((f) => `${f.id} v${f.version}`).join(', ') || 'none'
      }`,
    );

    const workers = startProcessWorkers(client, db.app, config, log);
    stops.push(() => workers.stop());
    if (demo) await seedDemoComplaints(client, db.app, log);

    await ensureUiBuilt({ info: (message) => log.info(message) });
    const web = await listenWeb(
      createWebApp({
        db: db.app,
        client,
        log: log.child({ component: 'web' }),
        secureCookies: config.web.secureCookies,
        trustProxy: config.web.trustProxy,
        ...(notifications.catcher ? { caughtMailDir } : {}),
        attachmentStore: new LocalFileStore(path.join(config.dataDir, 'attachments')),
        // Kept in DATA_DIR so that a restart does not invalidate forms members have open.
        formTokenSecret: await readOrCreateSecret(path.join(config.dataDir, 'form-token.key'), 32),
      }),
      config.web.port,
      config.web.host,
    );
    stops.push(() => web.close());

    const mail = notifications.catcher ? `mail caught locally (npm run cli -- mails)` : 'mail via SMTP_URL';
    log.info(
      { web: web.url, database: db.description, engine: connection.restAddress, appEnv: config.appEnv },
      `system up — web: ${web.url}; database: ${db.description}; engine: ${connection.restAddress}; ${mail}. Press Ctrl-C to stop.`,
    );
    const signal = await stopped;
    log.info(`${signal} received, stopping`);
    return 0;
  } finally {
    for (const stop of stops.reverse()) await stop();
    log.info('stopped');
  }
}
