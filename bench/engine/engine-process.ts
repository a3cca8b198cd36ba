import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../src/free-port.js';

const root = path.resolve(import.meta.dirname, '../..');

export interface EngineProcess {
  readonly url: string;
  readonly pid: number;
  /** The last lines it wrote, for error messages. */
  tail(): string;
  /** SIGTERM, then SIGKILL when it has not exited after 5 s. */
  stop(): Promise<void>;
}

/**
 * `npm run engine` in a process of its own (node itself, no npm or shell in between, so that its pid
 * is the engine's), on the given database, listening on loopback only.
 */
export async function startEngineProcess(databaseUrl: string): Promise<EngineProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'engine', '--port', String(port)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATABASE_URL: databaseUrl,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      ENGINE_BASIC_AUTH: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').trimEnd().split('\n'));
    if (lines.length > 40) lines.splice(0, lines.length - 40);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!alive()) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the engine was not ready within 30 s')), 30_000);
      child.stdout.on('data', () => {
        const m = /engine ready (http:\/\/\S+)/.exec(lines.join('\n'));
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error('the engine exited while starting'));
      });
    });
    return { url, pid: child.pid!, tail: () => lines.join('\n'), stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}:\n${lines.join('\n')}`, { cause: error });
  }
}
