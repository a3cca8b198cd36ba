import path from 'node:path';
import { z } from 'zod';
import type { EngineConnection } from './camunda/client.js';

/** Thrown when the environment holds a value the system cannot run with; names each bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly { variable: string; message: string }[]) {
    super('Invalid configuration:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

const port = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

/** A port to listen on; 0 lets the system pick a free one. */
const listenPort = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z
  .string()
  .url('must be a URL such as postgres://user:password@host:5432/database')
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://');

/** Every environment variable the system reads, with its default; the README's table mirrors it. */
const schema = z.object({
  APP_ENV: z
    .enum(['development', 'test', 'production'], {
      message: 'must be development, test or production',
    })
    .default('development'),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1, 'must not be empty').default('.data'),
  EMBEDDED_PG_PORT: port.default(54329),
  SEED_DEMO_DATA: flag.optional(),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json'], { message: 'must be pretty or json' }).optional(),
  ENGINE_PORT: listenPort.default(8089),
  WEB_PORT: listenPort.default(8080),
  WEB_HOST: z.string().min(1, 'must be an address such as 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  WEB_TRUST_PROXY: z.coerce
    .number({ message: 'must be the number of reverse proxies in front of the app (0 to 5)' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 5')
    .max(5, 'must be between 0 and 5')
    .default(0),
  ENGINE_CLOCK_CONTROL: flag.optional(),
  ENGINE_BASIC_AUTH: z
    .string()
    .regex(/^[^:]+:.+$/, 'must be user:password')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'must be a URL such as smtp://user:password@mail.example.ir:587')
    .optional(),
  MAIL_FROM: z.string().min(3, 'must be an address such as "MCC" <no-reply@eccim.ir>').optional(),
  SMS_PROVIDER: z.enum(['log', 'kavenegar'], { message: 'must be log or kavenegar' }).default('log'),
  KAVENEGAR_API_KEY: z.string().min(1).optional(),
  KAVENEGAR_SENDER: z.string().min(1).optional(),
  PUBLIC_BASE_URL: z.string().url('must be a URL such as https://crm.eccim.ir').optional(),
  CAMUNDA_REST_ADDRESS: z.string().url('must be a URL such as http://localhost:8080').optional(),
  CAMUNDA_AUTH_STRATEGY: z
    .enum(['NONE', 'BASIC', 'OAUTH'], { message: 'must be NONE, BASIC or OAUTH' })
    .default('NONE'),
  CAMUNDA_BASIC_AUTH_USERNAME: z.string().min(1).optional(),
  CAMUNDA_BASIC_AUTH_PASSWORD: z.string().min(1).optional(),
  CAMUNDA_CLIENT_ID: z.string().min(1).optional(),
  CAMUNDA_CLIENT_SECRET: z.string().min(1).optional(),
  CAMUNDA_OAUTH_URL: z.string().url('must be the token URL of the identity provider').optional(),
  CAMUNDA_TOKEN_AUDIENCE: z.string().min(1).optional(),
});

export type AppEnv = z.infer<typeof schema>['APP_ENV'];

export interface Config {
  readonly appEnv: AppEnv;
  /** Set when an external PostgreSQL is used; otherwise the embedded one runs under `dataDir`. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly embeddedPgPort: number;
  /** Demo data is never loaded in production, whatever this says. */
  readonly seedDemoData: boolean;
  readonly logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  readonly logFormat: 'pretty' | 'json';
  readonly notifications: {
    /** Unset: an in-process SMTP catcher keeps the mail (development). */
    readonly smtpUrl: string | undefined;
    readonly mailFrom: string | undefined;
    readonly sms:
      | { readonly provider: 'log' }
      | { readonly provider: 'kavenegar'; readonly apiKey: string; readonly sender?: string };
  };
  /** Where members open personal links (satisfaction feedback, complaint status). */
  readonly publicBaseUrl: string;
  readonly web: {
    /** The staff web app listens here; 0.0.0.0 only behind a TLS-terminating proxy or in a container. */
    readonly host: string;
    readonly port: number;
    /** Session cookies are Secure (HTTPS only) in production. */
    readonly secureCookies: boolean;
    /**
     * Reverse proxies in front of the app whose X-Forwarded-For is believed: with 0 every visitor
     * behind a proxy would share the proxy's address, and so one rate limit.
     */
    readonly trustProxy: number;
  };
  readonly engine: {
    /** The embedded engine's REST API listens on 127.0.0.1 at this port. */
    readonly port: number;
    /** Enables PUT /v2/clock and POST /v2/clock/reset: for tests, never in production. */
    readonly clockControl: boolean;
    readonly basicAuth: { readonly username: string; readonly password: string } | undefined;
  };
  /** Set when a Camunda 8.8 cluster is used instead of the embedded engine (CAMUNDA_REST_ADDRESS). */
  readonly cluster: EngineConnection | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const blankAsUnset = Object.fromEntries(
    Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = schema.safeParse(blankAsUnset);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: issue.message,
      })),
    );
  }
  const v = parsed.data;
  const problems: { variable: string; message: string }[] = [];
  if (v.SMS_PROVIDER === 'kavenegar' && !v.KAVENEGAR_API_KEY) {
    problems.push({ variable: 'KAVENEGAR_API_KEY', message: 'is required when SMS_PROVIDER=kavenegar' });
  }
  if (v.CAMUNDA_REST_ADDRESS && v.CAMUNDA_AUTH_STRATEGY === 'BASIC') {
    for (const name of ['CAMUNDA_BASIC_AUTH_USERNAME', 'CAMUNDA_BASIC_AUTH_PASSWORD'] as const) {
      if (!v[name])
        problems.push({ variable: name, message: 'is required when CAMUNDA_AUTH_STRATEGY=BASIC' });
    }
  }
  if (v.CAMUNDA_REST_ADDRESS && v.CAMUNDA_AUTH_STRATEGY === 'OAUTH') {
    for (const name of ['CAMUNDA_CLIENT_ID', 'CAMUNDA_CLIENT_SECRET', 'CAMUNDA_OAUTH_URL'] as const) {
      if (!v[name])
        problems.push({ variable: name, message: 'is required when CAMUNDA_AUTH_STRATEGY=OAUTH' });
    }
  }
  if (v.APP_ENV === 'production') {
    if (!v.SMTP_URL) {
      problems.push({
        variable: 'SMTP_URL',
        message: 'is required in production (mail would otherwise only be caught locally)',
      });
    }
    if (v.ENGINE_CLOCK_CONTROL === true) {
      problems.push({
        variable: 'ENGINE_CLOCK_CONTROL',
        message: 'moving the engine clock is for tests, never production',
      });
    }
    if (v.SEED_DEMO_DATA === true) {
      problems.push({
        variable: 'SEED_DEMO_DATA',
        message: 'demo data (with its demo passwords) is never loaded in production',
      });
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    appEnv: v.APP_ENV,
    databaseUrl: v.DATABASE_URL,
    dataDir: path.resolve(cwd, v.DATA_DIR),
    embeddedPgPort: v.EMBEDDED_PG_PORT,
    seedDemoData: v.APP_ENV !== 'production' && (v.SEED_DEMO_DATA ?? true),
    logLevel: v.LOG_LEVEL,
    logFormat: v.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    notifications: {
      smtpUrl: v.SMTP_URL,
      mailFrom: v.MAIL_FROM,
      sms:
        v.SMS_PROVIDER === 'kavenegar'
          ? {
              provider: 'kavenegar',
              apiKey: v.KAVENEGAR_API_KEY!,
              ...(v.KAVENEGAR_SENDER ? { sender: v.KAVENEGAR_SENDER } : {}),
            }
          : { provider: 'log' },
    },
    publicBaseUrl: v.PUBLIC_BASE_URL ?? 'http://127.0.0.1:8080',
    cluster: v.CAMUNDA_REST_ADDRESS
      ? {
          restAddress: v.CAMUNDA_REST_ADDRESS,
          auth:
            v.CAMUNDA_AUTH_STRATEGY === 'BASIC'
              ? {
                  strategy: 'BASIC',
                  username: v.CAMUNDA_BASIC_AUTH_USERNAME!,
                  password: v.CAMUNDA_BASIC_AUTH_PASSWORD!,
                }
              : v.CAMUNDA_AUTH_STRATEGY === 'OAUTH'
                ? {
                    strategy: 'OAUTH',
                    clientId: v.CAMUNDA_CLIENT_ID!,
                    clientSecret: v.CAMUNDA_CLIENT_SECRET!,
                    oauthUrl: v.CAMUNDA_OAUTH_URL!,
                    ...(v.CAMUNDA_TOKEN_AUDIENCE ? { audience: v.CAMUNDA_TOKEN_AUDIENCE } : {}),
                  }
                : { strategy: 'NONE' },
        }
      : undefined,
    web: {
      host: v.WEB_HOST,
      port: v.WEB_PORT,
      secureCookies: v.APP_ENV === 'production',
      trustProxy: v.WEB_TRUST_PROXY,
    },
    engine: {
      port: v.ENGINE_PORT,
      clockControl: v.ENGINE_CLOCK_CONTROL ?? false,
      basicAuth: v.ENGINE_BASIC_AUTH
        ? {
            username: v.ENGINE_BASIC_AUTH.slice(0, v.ENGINE_BASIC_AUTH.indexOf(':')),
            password: v.ENGINE_BASIC_AUTH.slice(v.ENGINE_BASIC_AUTH.indexOf(':') + 1),
          }
        : undefined,
    },
  };
}
