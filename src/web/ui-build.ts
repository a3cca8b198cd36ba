import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Where the built pages are served from. */
export const UI_DIR = path.join(ROOT, 'dist/ui');

/** What the pages are built from: a change in any of these makes the built pages stale. */
const SOURCES = [
  'src/web/ui',
  'src/web/inbox/inbox-types.ts',
  'src/forms',
  'src/domain',
  'src/calendar',
  'src/engine/feel',
  'package-lock.json',
];
const STAMP = '.sources-sha256';

async function filesOf(entry: string): Promise<string[]> {
  const stat = await fs.stat(entry);
  if (!stat.isDirectory()) return [entry];
  const names = (await fs.readdir(entry)).sort();
  return (await Promise.all(names.map((n) => filesOf(path.join(entry, n))))).flat();
}

async function sourcesDigest(): Promise<string> {
  const hash = createHash('sha256');
  for (const source of SOURCES)
    for (const file of await filesOf(path.join(ROOT, source))) {
      hash
        .update(path.relative(ROOT, file))
        .update('\0')
        .update(await fs.readFile(file))
        .update('\0');
    }
  return hash.digest('hex');
}

/**
 * Builds the pages with Vite when they are missing or older than their sources (a digest of the
 * sources is kept beside them), so `npm start` and the tests always serve what the sources say.
 */
export async function ensureUiBuilt(
  log: { info(message: string): void } = { info: () => undefined },
): Promise<'built' | 'fresh'> {
  const digest = await sourcesDigest();
  const stamp = await fs.readFile(path.join(UI_DIR, STAMP), 'utf8').catch(() => null);
  if (stamp === digest) return 'fresh';
  log.info('building the web pages (vite)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'src/web/ui/vite.config.ts'), logLevel: 'error' });
  await fs.writeFile(path.join(UI_DIR, STAMP), digest);
  return 'built';
}
