// Audit trail throughput: events appended per second through the hash chain, serially and with
// concurrent writers (they serialise on the chain head), and the time to verify the chain.
// Prints figures; not a test. Run: npm run bench:audit
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { appendAuditEvent, verifyAuditTrail } from '../src/audit/audit-trail.js';
import { connect } from '../src/db/connection.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { migrateUp } from '../src/db/migrate.js';

const EVENTS = 2000;

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'eccim-bench-'));
await fs.chmod(dir, 0o755);
// Durable settings (fsync on), as in production.
const server = await startEmbeddedPostgres({ dir, port: 54000 + Math.floor(Math.random() * 1000) });
await server.ensureDatabase('bench');
const owner = connect(server.urlFor('bench'), { as: 'owner' });
const app = connect(server.urlFor('bench'), { as: 'app', poolMax: 16 });
const out = (line: string) => process.stdout.write(line + '\n');

try {
  await migrateUp(owner);
  const event = (i: number) => ({
    actor: 'system:bench' as const,
    action: 'complaint.stage-recorded',
    entityType: 'complaint',
    entityId: i,
    after: { stage: 'reviewed', note: 'بررسی و تکمیل شد', i },
    documentCode: 'ME-FR-01-01-01' as const,
  });

  for (const writers of [1, 8]) {
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (next < EVENTS) await appendAuditEvent(app, event(next++));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    out(`append, ${writers} writer(s): ${Math.round(EVENTS / seconds)} events/s (${EVENTS} events)`);
  }
  const started = performance.now();
  const result = await verifyAuditTrail(owner);
  const seconds = (performance.now() - started) / 1000;
  out(
    `verify: ${result.events} events in ${seconds.toFixed(2)} s (${Math.round(result.events / seconds)} events/s), ok=${result.ok}`,
  );
} finally {
  await app.destroy();
  await owner.destroy();
  await server.stop();
  await fs.rm(dir, { recursive: true, force: true });
}
