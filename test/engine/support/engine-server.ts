import { createCamundaClient, type CamundaClient } from '@camunda8/orchestration-cluster-api';
import pg from 'pg';
import { createEngineApp, listen } from '../../../src/engine/api/server.js';
import { Engine } from '../../../src/engine/engine.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

export interface EngineUnderTest {
  readonly url: string;
  readonly engine: Engine;
  readonly pool: pg.Pool;
  /** The official Camunda 8.8 client, validating requests and responses against the official schemas. */
  readonly client: CamundaClient;
  close(): Promise<void>;
}

/** The embedded engine behind its REST API on a free port, on a database of its own. */
export async function startEngineUnderTest(
  options: { clockControl?: boolean } = {},
): Promise<EngineUnderTest> {
  const db: TestDatabase = await createTestDatabase({ migrate: false });
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  const engine = await Engine.open(pool);
  const unexpected: unknown[] = [];
  const api = await listen(
    createEngineApp(engine, {
      clockControl: options.clockControl ?? true,
      onUnexpectedError: (e) => unexpected.push(e),
    }),
    0,
  );
  const client = createCamundaClient({
    config: {
      CAMUNDA_REST_ADDRESS: api.url,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_SDK_VALIDATION: 'strict',
      CAMUNDA_SDK_LOG_LEVEL: 'silent',
    } as never,
  });
  return {
    url: api.url,
    engine,
    pool,
    client,
    async close() {
      await api.close();
      await pool.end();
      await db.drop();
      if (unexpected.length)
        throw new Error(`the API hit unexpected errors: ${unexpected.map(String).join('; ')}`);
    },
  };
}

/** Deploys BPMN or form sources through the REST API under the given file names. */
export async function deploy(client: CamundaClient, resources: Record<string, string>) {
  return client.createDeployment({
    resources: Object.entries(resources).map(
      ([name, content]) =>
        new File([content], name, { type: name.endsWith('.form') ? 'application/json' : 'application/xml' }),
    ),
  } as never);
}
