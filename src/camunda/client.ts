import { createCamundaClient, type CamundaClient } from '@camunda8/orchestration-cluster-api';

export interface EngineConnection {
  /** Base address of the Camunda 8.8 REST API (without /v2). */
  readonly restAddress: string;
  readonly auth:
    | { readonly strategy: 'NONE' }
    | { readonly strategy: 'BASIC'; readonly username: string; readonly password: string };
}

/** The official client, for the embedded engine or a Camunda 8.8 cluster alike. */
export function createEngineClient(connection: EngineConnection): CamundaClient {
  const auth =
    connection.auth.strategy === 'BASIC'
      ? {
          CAMUNDA_AUTH_STRATEGY: 'BASIC',
          CAMUNDA_BASIC_AUTH_USERNAME: connection.auth.username,
          CAMUNDA_BASIC_AUTH_PASSWORD: connection.auth.password,
        }
      : { CAMUNDA_AUTH_STRATEGY: 'NONE' };
  return createCamundaClient({
    config: {
      CAMUNDA_REST_ADDRESS: connection.restAddress,
      ...auth,
      CAMUNDA_SDK_LOG_LEVEL: 'error',
      // The default profile allows 16 calls at once per client; every worker holds a long poll, so
      // the other calls would wait behind them. LEGACY only observes back-pressure.
      CAMUNDA_SDK_BACKPRESSURE_PROFILE: 'LEGACY',
    } as never,
  });
}
