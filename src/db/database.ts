import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { connect, type Knex } from './connection.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

export const EMBEDDED_DATABASE_NAME = 'eccim';

export interface Database {
  /** Where the database is, without its password: for the start-up banner and logs. */
  readonly description: string;
  readonly url: string;
  /** The owner role: migrations and seeds. */
  readonly owner: Knex;
  /** The application role: everything else. */
  readonly app: Knex;
  close(): Promise<void>;
}

function withoutPassword(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL under DATA_DIR when it is unset. */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const dir = path.join(config.dataDir, 'postgres');
    log.info({ dir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
    const pgLog = log.child({ component: 'postgres' });
    embedded = await startEmbeddedPostgres({
      dir,
      port: config.embeddedPgPort,
      onLog: (line) => pgLog.debug(line),
    });
    await embedded.ensureDatabase(EMBEDDED_DATABASE_NAME);
    url = embedded.urlFor(EMBEDDED_DATABASE_NAME);
  }
  const owner = connect(url, { as: 'owner', poolMax: 4 });
  const app = connect(url, { as: 'app' });
  return {
    description: embedded
      ? `embedded PostgreSQL ${withoutPassword(url)} (data in ${config.dataDir})`
      : withoutPassword(url),
    url,
    owner,
    app,
    async close() {
      await app.destroy();
      await owner.destroy();
      await embedded?.stop();
    },
  };
}
