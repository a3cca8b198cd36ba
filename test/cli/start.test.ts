import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase } from '../support/database.js';
import { freePort } from '../../src/free-port.js';
import { DEMO_PASSWORD } from '../../src/db/seeds/demo-organisation.js';

const root = path.resolve(import.meta.dirname, '../..');

interface Run {
  readonly lines: { msg?: string; level?: number }[];
  readonly exitCode: number | null;
  /** What the running web app answered a demo expert signing in and opening the inbox. */
  readonly web: { signIn: number; inbox: number; tasks: number } | undefined;
}

/** Signs in as a demo MCC expert on the running system and opens the inbox. */
async function probeWeb(url: string): Promise<NonNullable<Run['web']>> {
  const signIn = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'mcc.expert1', password: DEMO_PASSWORD }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const inbox = await fetch(`${url}/api/inbox`, { headers: { cookie } });
  const body = (await inbox.json().catch(() => ({}))) as { tasks?: unknown[] };
  return { signIn: signIn.status, inbox: inbox.status, tasks: body.tasks?.length ?? -1 };
}

/** Runs `npm start`'s command, waits until it is up, then stops it with SIGINT as Ctrl-C would. */
function startAndStop(env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', LOG_FORMAT: 'json', ENGINE_PORT: '0', WEB_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: Run['lines'] = [];
    let web: Run['web'];
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "system up" within 90 s:\n${buffer}\n${stderr}`));
    }, 90_000);
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const parsed = JSON.parse(line) as { msg?: string; web?: string };
        lines.push(parsed);
        if (parsed.msg?.startsWith('system up')) {
          void probeWeb(parsed.web!)
            .then((result) => (web = result))
            .finally(() => child.kill('SIGINT'));
        }
      }
    });
    child.on('exit', (exitCode) => {
      clearTimeout(timer);
      resolve({ lines, exitCode, web });
    });
  });
}

/** Runs a one-shot CLI command to its end. */
function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', LOG_FORMAT: 'json', ...env },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm start', () => {
  let dataDir: string;
  let port: number;
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'eccim-start-'));
    await fs.chmod(dataDir, 0o755); // as a clone's directory is
    port = await freePort();
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('brings up embedded PostgreSQL, migrates, loads demo data once, stops cleanly on Ctrl-C and restarts on the same data', async () => {
    // A data directory that does not exist yet, as on a fresh clone.
    const env = { DATA_DIR: path.join(dataDir, 'data'), EMBEDDED_PG_PORT: String(port) };
    const first = await startAndStop(env);
    const messages = first.lines.map((l) => l.msg ?? '');
    expect(first.exitCode).toBe(0);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^applied 12 migrations/),
        expect.stringMatching(/^demo data loaded/),
        expect.stringMatching(/^demo complaints started through the engine at 8 different stages/),
        expect.stringMatching(/^deployed complaint-handling v1, corrective-action v1/),
        expect.stringMatching(/^system up — web: http:\/\/127\.0\.0\.1:\d+; database: embedded PostgreSQL/),
        'stopped',
      ]),
    );
    // The web app served the demo data: an expert signs in and sees the demo complaints' tasks.
    expect(first.web).toEqual({ signIn: 201, inbox: 200, tasks: expect.any(Number) });
    expect(first.web!.tasks).toBeGreaterThan(0);
    // PostgreSQL stopped with the system: nothing answers on its port.
    const probe = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'x',
      database: 'x',
      connectionTimeoutMillis: 2000,
    });
    await expect(probe.connect()).rejects.toThrow(/ECONNREFUSED/);

    const second = await startAndStop(env);
    const again = second.lines.map((l) => l.msg ?? '');
    expect(second.exitCode).toBe(0);
    expect(again).toEqual(expect.arrayContaining([expect.stringMatching(/^system up/)]));
    expect(again.some((m) => /^demo data loaded|^applied/.test(m))).toBe(false);
  });

  it('refuses a bad configuration, naming the variable', async () => {
    const run = await runCli(['start'], { EMBEDDED_PG_PORT: 'eighty' });
    expect(run.code).toBe(2);
    expect(run.out).toMatch(/EMBEDDED_PG_PORT: must be a port number/);
  });

  it('R-X-02 audit-verify checks the chain of the running database from the command line', async () => {
    const env = { DATA_DIR: path.join(dataDir, 'data'), EMBEDDED_PG_PORT: String(port) };
    const run = await runCli(['audit-verify'], env);
    // The demo data and the demo complaints moved through the engine left a chain of events.
    expect(run.out).toMatch(/audit trail intact: [1-9][0-9]+ events/);
    expect(run.code).toBe(0);
  });

  it('uses DATABASE_URL instead of the embedded PostgreSQL when it is set', async () => {
    const db = await createTestDatabase({ migrate: false });
    try {
      const run = await startAndStop({ DATABASE_URL: db.url, DATA_DIR: path.join(dataDir, 'unused') });
      expect(run.exitCode).toBe(0);
      const messages = run.lines.map((l) => l.msg ?? '');
      expect(messages).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^system up — web: .*; database: postgres:\/\/postgres:\*\*\*@127\.0\.0\.1/),
        ]),
      );
      expect(
        Number(((await db.owner('members').count({ n: '*' }).first()) as { n: string }).n),
      ).toBeGreaterThanOrEqual(300);
      // No embedded PostgreSQL was made; DATA_DIR keeps only the app's own files (the form-token key).
      await expect(fs.access(path.join(dataDir, 'unused', 'postgres'))).rejects.toThrow();
    } finally {
      await db.drop();
    }
  });
});
