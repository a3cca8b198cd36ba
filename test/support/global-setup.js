// Plain JavaScript: jest loads global set-up outside its transform, so the TypeScript it needs is
// loaded through tsx.
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** One throw-away PostgreSQL for the whole run; each test file makes its own database in it. */
export default async function globalSetup() {
  // The browser tests serve the built pages; build them once here when their sources changed.
  const { ensureUiBuilt } = await tsImport('../../src/web/ui-build.ts', import.meta.url);
  await ensureUiBuilt();
  if (process.env.TEST_DATABASE_ADMIN_URL) return; // an outer runner already provides one
  const { startEmbeddedPostgres } = await tsImport('../../src/db/embedded-postgres.ts', import.meta.url);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'eccim-test-pg-'));
  await fs.chmod(dir, 0o755);
  const server = await startEmbeddedPostgres({ dir, port: await freePort(), fast: true });
  process.env.TEST_DATABASE_ADMIN_URL = server.adminUrl;
  globalThis.__EMBEDDED_PG__ = { server, dir };
}
