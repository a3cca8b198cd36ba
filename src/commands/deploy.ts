import path from 'node:path';
import type { CommandContext } from './command.js';
import { createEngineClient } from '../camunda/client.js';
import { deployResources, projectResources } from '../camunda/deploy-resources.js';
import { engineConnection } from './engine-connection.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Deploys every process and form to the configured engine (a cluster, or the embedded engine of
 * a running `npm start` / `npm run engine`) in one deployment, and prints what it got.
 */
export async function deployCommand({ config, log }: CommandContext): Promise<number> {
  const connection = engineConnection(config);
  const resources = await projectResources(ROOT);
  try {
    const deployed = await deployResources(createEngineClient(connection), resources);
    for (const p of deployed.processes)
      process.stdout.write(`process ${p.id} version ${p.version} (key ${p.key})\n`);
    for (const f of deployed.forms)
      process.stdout.write(`form    ${f.id} version ${f.version} (key ${f.key})\n`);
    return 0;
  } catch (error) {
    const e = error as { status?: number; detail?: string; message?: string; cause?: { code?: string } };
    if (e.cause?.code === 'ECONNREFUSED' || /fetch failed|ECONNREFUSED/.test(e.message ?? '')) {
      log.error(
        `no engine answers at ${connection.restAddress}: start it with npm start or npm run engine, or set CAMUNDA_REST_ADDRESS`,
      );
    } else log.error(e.detail ?? e.message ?? String(error));
    return 1;
  }
}
