import pg from 'pg';
import { createEngineApp, listen } from './api/server.js';
import { Engine } from './engine.js';
import { Scheduler } from './scheduler/scheduler.js';

export interface RunEngineOptions {
  /** PostgreSQL the engine keeps its state in (schema `engine`). */
  readonly databaseUrl: string;
  readonly port: number;
  readonly host?: string;
  readonly clockControl?: boolean;
  readonly basicAuth?: { readonly username: string; readonly password: string };
  readonly onError?: (error: unknown) => void;
}

export interface RunningEngine {
  readonly url: string;
  readonly engine: Engine;
  stop(): Promise<void>;
}

/** The engine with its scheduler behind its REST API: what `npm run engine` and `npm start` run. */
export async function runEngine(options: RunEngineOptions): Promise<RunningEngine> {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: 20,
    application_name: 'eccim-engine',
  });
  pool.on('error', (error) => options.onError?.(error));
  const engine = await Engine.open(pool);
  const scheduler = new Scheduler(engine, 100, options.onError);
  scheduler.start();
  const api = await listen(
    createEngineApp(engine, {
      clockControl: options.clockControl ?? false,
      ...(options.basicAuth ? { basicAuth: options.basicAuth } : {}),
      ...(options.onError ? { onUnexpectedError: options.onError } : {}),
    }),
    options.port,
    options.host ?? '127.0.0.1',
  );
  return {
    url: api.url,
    engine,
    async stop() {
      await api.close();
      await scheduler.stop();
      await pool.end();
    },
  };
}
