import { createCamundaClient, type CamundaClient } from '@camunda8/orchestration-cluster-api';

export interface EngineConnection {
  /** Base address of the Camunda 8.8 REST API (without /v2). */
  readonly restAddress: string;
  readonly auth:
    | { readonly strategy: 'NONE' }
    | { readonly strategy: 'BASIC'; readonly username: string; readonly password: string }
    | {
        readonly strategy: 'OAUTH';
        readonly clientId: string;
        readonly clientSecret: string;
        readonly oauthUrl: string;
        readonly audience?: string;
      };
}

function authConfig(auth: EngineConnection['auth']): Record<string, string> {
  switch (auth.strategy) {
    case 'BASIC':
      return {
        CAMUNDA_AUTH_STRATEGY: 'BASIC',
        CAMUNDA_BASIC_AUTH_USERNAME: auth.username,
        CAMUNDA_BASIC_AUTH_PASSWORD: auth.password,
      };
    case 'OAUTH':
      return {
        CAMUNDA_AUTH_STRATEGY: 'OAUTH',
        CAMUNDA_CLIENT_ID: auth.clientId,
        CAMUNDA_CLIENT_SECRET: auth.clientSecret,
        CAMUNDA_OAUTH_URL: auth.oauthUrl,
        ...(auth.audience ? { CAMUNDA_TOKEN_AUDIENCE: auth.audience } : {}),
      };
    case 'NONE':
      return { CAMUNDA_AUTH_STRATEGY: 'NONE' };
  }
}

/** The official client, for the embedded engine or a Camunda 8.8 cluster (basic auth or OAuth client credentials) alike. */
export function createEngineClient(connection: EngineConnection): CamundaClient {
  const auth = authConfig(connection.auth);
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
