import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../src/config.js';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env, '/srv/app');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('has working defaults: embedded PostgreSQL under .data, demo data in development', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe('/srv/app/.data');
    expect(c.appEnv).toBe('development');
    expect(c.seedDemoData).toBe(true);
  });

  it('names every bad variable', () => {
    expect(
      problems({ EMBEDDED_PG_PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }).sort(),
    ).toEqual(['DATABASE_URL', 'EMBEDDED_PG_PORT', 'LOG_LEVEL']);
    expect(problems({ EMBEDDED_PG_PORT: '70000' })).toEqual(['EMBEDDED_PG_PORT']);
    expect(() => loadConfig({ APP_ENV: 'prod' })).toThrow(/APP_ENV: must be development, test or production/);
  });

  it('believes X-Forwarded-For only from as many proxies as WEB_TRUST_PROXY says (R-X-03 rate limits per member, not per proxy)', () => {
    expect(loadConfig({}).web.trustProxy).toBe(0);
    expect(loadConfig({ WEB_TRUST_PROXY: '1' }).web.trustProxy).toBe(1);
    expect(problems({ WEB_TRUST_PROXY: 'yes' })).toEqual(['WEB_TRUST_PROXY']);
    expect(problems({ WEB_TRUST_PROXY: '9' })).toEqual(['WEB_TRUST_PROXY']);
  });

  it('never loads demo data in production', () => {
    expect(loadConfig({ APP_ENV: 'production', SMTP_URL: 'smtp://mail.eccim.ir:587' }).seedDemoData).toBe(
      false,
    );
    expect(problems({ APP_ENV: 'production', SMTP_URL: 'smtp://m:25', SEED_DEMO_DATA: 'true' })).toEqual([
      'SEED_DEMO_DATA',
    ]);
  });

  it('in production requires real mail and refuses test switches, naming each variable', () => {
    expect(problems({ APP_ENV: 'production', ENGINE_CLOCK_CONTROL: 'true' }).sort()).toEqual([
      'ENGINE_CLOCK_CONTROL',
      'SMTP_URL',
    ]);
    expect(problems({ SMS_PROVIDER: 'kavenegar' })).toEqual(['KAVENEGAR_API_KEY']);
  });

  it('selects a Camunda 8.8 cluster by configuration only, with the auth settings it needs', () => {
    expect(loadConfig({}).cluster).toBeUndefined();
    expect(loadConfig({ CAMUNDA_REST_ADDRESS: 'http://localhost:8080' }).cluster).toEqual({
      restAddress: 'http://localhost:8080',
      auth: { strategy: 'NONE' },
    });
    expect(
      loadConfig({
        CAMUNDA_REST_ADDRESS: 'https://bru-2.zeebe.camunda.io/abc',
        CAMUNDA_AUTH_STRATEGY: 'OAUTH',
        CAMUNDA_CLIENT_ID: 'id',
        CAMUNDA_CLIENT_SECRET: 'secret',
        CAMUNDA_OAUTH_URL: 'https://login.cloud.camunda.io/oauth/token',
      }).cluster?.auth,
    ).toMatchObject({ strategy: 'OAUTH', clientId: 'id' });
    expect(
      problems({ CAMUNDA_REST_ADDRESS: 'http://c:8080', CAMUNDA_AUTH_STRATEGY: 'BASIC' }).sort(),
    ).toEqual(['CAMUNDA_BASIC_AUTH_PASSWORD', 'CAMUNDA_BASIC_AUTH_USERNAME']);
    expect(problems({ CAMUNDA_REST_ADDRESS: 'not a url' })).toEqual(['CAMUNDA_REST_ADDRESS']);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', EMBEDDED_PG_PORT: '' }).embeddedPgPort).toBe(54329);
  });
});
