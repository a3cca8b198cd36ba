// The app container's health check (docker-compose.yml): healthy once `npm start` has deployed the
// complaint process to the engine it is configured for, read with the app's own configuration and
// client (basic auth or OAuth alike). Exit 0: healthy; 1: not (yet).
import { createEngineClient } from '../src/camunda/client.js';
import { engineConnection } from '../src/commands/engine-connection.js';
import { loadConfig } from '../src/config.js';

const PROCESS_ID = 'complaint-handling';

try {
  const client = createEngineClient(engineConnection(loadConfig()));
  const found = await client.searchProcessDefinitions(
    { filter: { processDefinitionId: PROCESS_ID } },
    { consistency: { waitUpToMs: 0 } },
  );
  if (!found.items?.length) {
    process.stderr.write(`${PROCESS_ID} is not deployed yet\n`);
    process.exit(1);
  }
  process.exit(0);
} catch (err) {
  process.stderr.write(`engine not reachable: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
