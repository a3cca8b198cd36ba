import type { EngineConnection } from '../camunda/client.js';
import type { Config } from '../config.js';

/** The engine the workers and the deployment talk to: the configured cluster, else the embedded engine. */
export function engineConnection(
  config: Config,
  embeddedUrl = `http://127.0.0.1:${config.engine.port}`,
): EngineConnection {
  if (config.cluster) return config.cluster;
  return {
    restAddress: embeddedUrl,
    auth: config.engine.basicAuth ? { strategy: 'BASIC', ...config.engine.basicAuth } : { strategy: 'NONE' },
  };
}
