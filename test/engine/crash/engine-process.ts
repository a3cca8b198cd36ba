import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

/** `npm run engine` as a child process of its own, on a given database: what a crash test can kill. */
export interface EngineProcess {
  readonly url: string;
  readonly pid: number;
  /** Everything it wrote, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown code runs, open transactions are lost mid-flight. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
}

export async function startEngineProcess(databaseUrl: string, port: number): Promise<EngineProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli.ts', 'engine', '--port', String(port)],
    {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: databaseUrl, LOG_FORMAT: 'json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`engine not ready within 30 s:\n${out}`)), 30_000);
    const check = () => {
      const m = /engine ready (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout?.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`engine exited before it was ready:\n${out}`));
    });
  });
  const url = await ready.catch(async (error: unknown) => {
    if (alive()) child.kill('SIGKILL');
    await exited;
    throw error;
  });
  return {
    url,
    pid: child.pid!,
    output: () => out,
    async kill() {
      if (alive()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (alive()) child.kill('SIGTERM');
      await exited;
    },
  };
}
