import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from './command.js';
import { openDatabase, type Database } from '../db/database.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded-postgres.js';
import { runEngine } from '../engine/run-engine.js';
import { untilStopped } from './until-stopped.js';
import { freePort } from '../free-port.js';

interface EngineArgs {
  port: number | undefined;
  ephemeral: boolean;
  clockControl: boolean;
}

function parseArgs(args: readonly string[]): EngineArgs | string {
  const parsed: EngineArgs = { port: undefined, ephemeral: false, clockControl: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--ephemeral') parsed.ephemeral = true;
    else if (arg === '--clock-control') parsed.clockControl = true;
    else if (arg === '--port') {
      const port = Number(args[++i]);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        return `--port takes a port number, not "${args[i]}"`;
      parsed.port = port;
    } else return `unknown option ${arg} (engine takes --port N, --ephemeral, --clock-control)`;
  }
  return parsed;
}

/**
 * Engine-only mode for operators and tests: the engine's REST API and nothing else. With
 * --ephemeral it keeps its state in a fresh PostgreSQL in a temporary directory, removed on exit.
 */
export async function engineCommand({ config, log, args }: CommandContext): Promise<number> {
  const options = parseArgs(args);
  if (typeof options === 'string') {
    log.error(options);
    return 2;
  }
  if (options.clockControl && config.appEnv === 'production') {
    log.error('--clock-control is for tests, never production');
    return 2;
  }
  const stopped = untilStopped();
  let ephemeral: { server: EmbeddedPostgres; dir: string } | undefined;
  let db: Database | undefined;
  let databaseUrl: string;
  if (options.ephemeral) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'eccim-engine-'));
    await fs.chmod(dir, 0o755);
    const server = await startEmbeddedPostgres({ dir, port: await freePort() });
    ephemeral = { server, dir };
    await server.ensureDatabase('engine');
    databaseUrl = server.urlFor('engine');
  } else {
    db = await openDatabase(config, log);
    databaseUrl = db.url;
  }
  try {
    const engine = await runEngine({
      databaseUrl,
      port: options.port ?? config.engine.port,
      clockControl: options.clockControl || config.engine.clockControl,
      ...(config.engine.basicAuth ? { basicAuth: config.engine.basicAuth } : {}),
      onError: (err) => log.error({ err }, 'engine error'),
    });
    process.stdout.write(`engine ready ${engine.url}\n`);
    const signal = await stopped;
    log.info(`${signal} received, stopping`);
    await engine.stop();
    return 0;
  } finally {
    await db?.close();
    if (ephemeral) {
      await ephemeral.server.stop();
      await fs.rm(ephemeral.dir, { recursive: true, force: true });
    }
  }
}
