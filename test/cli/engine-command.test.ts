import { describe, expect, it } from '@jest/globals';
import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

describe('npm run engine', () => {
  it('--ephemeral --clock-control serves the REST API on a throw-away database, takes npm run deploy, and stops cleanly on SIGTERM', async () => {
    const before = new Set((await fs.readdir(os.tmpdir())).filter((f) => f.startsWith('eccim-engine-')));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'engine', '--port', '0', '--ephemeral', '--clock-control'],
      {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: '', LOG_FORMAT: 'json' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /engine ready (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      void exited.then(() => reject(new Error(`engine exited before it was ready:\n${out}`)));
    });
    const client = createCamundaClient({
      config: {
        CAMUNDA_REST_ADDRESS: url,
        CAMUNDA_AUTH_STRATEGY: 'NONE',
        CAMUNDA_SDK_VALIDATION: 'strict',
      } as never,
    });
    expect((await client.getTopology()).brokers?.[0]?.partitions[0]?.role).toBe('leader');
    await client.pinClock({ timestamp: 1_000 } as never);
    await client.resetClock();
    const ephemeral = (await fs.readdir(os.tmpdir())).filter(
      (f) => f.startsWith('eccim-engine-') && !before.has(f),
    );
    expect(ephemeral).toHaveLength(1);

    // npm run deploy: every process and form of the project, to the engine that runs.
    const port = new URL(url).port;
    const deploy = () =>
      new Promise<string>((resolve) => {
        const run = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'deploy'], {
          cwd: root,
          env: { ...process.env, NODE_OPTIONS: '', ENGINE_PORT: port, LOG_FORMAT: 'json' },
        });
        let out = '';
        run.stdout.on('data', (c: Buffer) => (out += c.toString()));
        run.on('exit', () => resolve(out));
      });
    const first = await deploy();
    expect(first).toMatch(/^process complaint-handling version 1 \(key \d+\)$/m);
    expect(first).toMatch(/^form {4}complaint-review version 1 /m);
    expect(await deploy()).toBe(first); // unchanged files keep their versions

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fs.access(path.join(os.tmpdir(), ephemeral[0]!))).rejects.toThrow();
    await expect(fetch(`${url}/v2/topology`)).rejects.toThrow();
  });
});
