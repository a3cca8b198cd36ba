import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { loadDemoDataIfEmpty } from '../../src/db/seeds/demo-data.js';
import { DEMO_PASSWORD, DEMO_STAFF } from '../../src/db/seeds/demo-organisation.js';
import { candidateGroupsOf } from '../../src/domain/staff-groups.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The cluster path, checked statically (no Docker engine here): docker-compose.yml, the Camunda
 * configuration it mounts (docker/camunda/application.yaml), .env.example and the app's Dockerfile.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

interface Healthcheck {
  test?: string | string[];
  disable?: boolean;
}
interface Service {
  image?: string;
  build?: string | { context: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { published?: string | number; target: number; host_ip?: string })[];
  healthcheck?: Healthcheck;
  depends_on?: string[] | Record<string, { condition?: string }>;
  configs?: (string | { source: string; target?: string })[];
  volumes?: (string | { type: string; source?: string; target: string })[];
  user?: string;
}
interface Compose {
  services: Record<string, Service>;
  configs?: Record<string, { file?: string; content?: string }>;
  volumes?: Record<string, unknown>;
}

// --- Compose variable interpolation (${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err}, $VAR, $$) ---

const REFERENCE = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

interface VariableUse {
  readonly name: string;
  readonly default: string | undefined;
}

function variablesIn(value: string): VariableUse[] {
  return [...value.matchAll(REFERENCE)]
    .filter((m) => m[0] !== '$$')
    .map((m) => ({
      name: (m[1] ?? m[4])!,
      default: m[2] === ':-' || m[2] === '-' ? (m[3] ?? '') : undefined,
    }));
}

function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(REFERENCE, (whole, braced?: string, op?: string, arg?: string, bare?: string) => {
    if (whole === '$$') return '$';
    const name = (braced ?? bare)!;
    const set = env[name];
    if (op === ':-') return set ? set : (arg ?? '');
    if (op === '-') return set ?? arg ?? '';
    return set ?? '';
  });
}

/** Every string in a parsed YAML tree, with interpolation applied as `docker compose` does it. */
function mapStrings(node: unknown, fn: (s: string) => string): unknown {
  if (typeof node === 'string') return fn(node);
  if (Array.isArray(node)) return node.map((n) => mapStrings(n, fn));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, mapStrings(v, fn)]));
  }
  return node;
}

function collectStrings(node: unknown, into: string[] = []): string[] {
  mapStrings(node, (s) => {
    into.push(s);
    return s;
  });
  return into;
}

const raw = parse(read('docker-compose.yml')) as Compose;
/** The file as `docker compose` sees it without a .env file: every variable at its default. */
const compose = mapStrings(raw, (s) => interpolate(s, {})) as Compose;
const services = compose.services;
const variableUses = collectStrings(raw).flatMap(variablesIn);

function envExample(): Map<string, string> {
  const entries = read('.env.example')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)] as const;
    });
  return new Map(entries);
}

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((e) => {
        const at = e.indexOf('=');
        return at < 0 ? [e, ''] : [e.slice(0, at), e.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function dependenciesOf(service: Service): Record<string, { condition?: string }> {
  const deps = service.depends_on ?? {};
  return Array.isArray(deps) ? Object.fromEntries(deps.map((d) => [d, {}])) : deps;
}

/** Host ip, host port and container port of each published port ("ip:host:container", "host:container"). */
function publishedPorts(service: Service): { hostIp: string; host: string; container: string }[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'object') {
      return { hostIp: p.host_ip ?? '', host: String(p.published ?? ''), container: String(p.target) };
    }
    const parts = String(p)
      .replace(/\/(tcp|udp)$/, '')
      .split(':');
    const container = parts.pop()!;
    const host = parts.pop() ?? '';
    return { hostIp: parts.join(':'), host, container };
  });
}

// --- The orchestration cluster's configuration (Spring application.yaml) ---

interface CamundaUser {
  username: string;
  password: string;
  name?: string;
  email?: string;
}
interface CamundaGroup {
  groupId: string;
  name: string;
  users?: string[];
}
interface CamundaConfig {
  camunda: {
    security: {
      authentication: { method: string; unprotectedApi: boolean };
      authorizations: { enabled: boolean };
      'id-validation-pattern': string;
      initialization: {
        users: CamundaUser[];
        groups: CamundaGroup[];
        defaultRoles: Record<string, { users?: string[] }>;
      };
    };
    data: { 'secondary-storage': { type: string; elasticsearch: { url: string } } };
  };
}

const CAMUNDA_CONFIG_TARGET = '/usr/local/camunda/config/application.yaml';

function camundaConfigFile(): string {
  const mounted = (services.orchestration?.configs ?? []).find(
    (c): c is { source: string; target: string } =>
      typeof c === 'object' && c.target === CAMUNDA_CONFIG_TARGET,
  );
  if (!mounted) throw new Error(`orchestration mounts nothing at ${CAMUNDA_CONFIG_TARGET}`);
  const file = compose.configs?.[mounted.source]?.file;
  if (!file) throw new Error(`configs.${mounted.source} names no file`);
  return file;
}

const camunda = parse(read(camundaConfigFile())) as CamundaConfig;
const security = camunda.camunda.security;
const API_USER = '${MCC_API_USERNAME:demo}';

/** A Spring placeholder ${NAME:default} at its default, or NAME from the given environment. */
function springValue(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{([A-Za-z0-9_.-]+)(?::([^}]*))?\}/g, (_, name: string, fallback?: string) =>
    name in env ? env[name]! : (fallback ?? ''),
  );
}

const sorted = (values: Iterable<string>): string[] => [...values].sort();

describe('docker-compose.yml: Camunda 8.8, Elasticsearch, PostgreSQL, Mailpit and the app', () => {
  it('parses, and runs exactly the orchestration cluster, Elasticsearch, PostgreSQL, Mailpit and the app', () => {
    expect(sorted(Object.keys(services))).toEqual([
      'app',
      'elasticsearch',
      'mailpit',
      'orchestration',
      'postgres',
    ]);
  });

  it('pins every image to an explicit version tag, never latest, and builds the app from the Dockerfile', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, hasImageOrBuild: Boolean(service.image ?? service.build) }).toEqual({
        name,
        hasImageOrBuild: true,
      });
      if (!service.image) continue;
      const tag = /^[^@]+:([^:/@]+)$/.exec(service.image)?.[1];
      expect({ name, tag }).toEqual({ name, tag: expect.stringMatching(/^v?\d+(\.\d+)*(-[a-z0-9.]+)?$/) });
      expect(tag).not.toBe('latest');
    }
    expect(services.orchestration?.image).toMatch(/^camunda\/camunda:8\.8\.\d+$/);
    expect(services.elasticsearch?.image).toMatch(
      /^docker\.elastic\.co\/elasticsearch\/elasticsearch:8\.\d+\.\d+$/,
    );
    expect(services.postgres?.image).toMatch(/^postgres:17(\.\d+)?(-[a-z0-9.]+)?$/);
    expect(services.mailpit?.image).toMatch(/^axllent\/mailpit:v\d+\.\d+(\.\d+)?$/);
    const build = services.app?.build;
    expect(typeof build === 'string' ? build : build?.context).toBe('.');
    expect(typeof build === 'object' ? (build.dockerfile ?? 'Dockerfile') : 'Dockerfile').toBe('Dockerfile');
  });

  it('gives every service a health check: cluster health, actuator readiness, pg_isready, Mailpit readyz', () => {
    const tests = Object.fromEntries(
      Object.entries(services).map(([name, s]) => {
        const test = s.healthcheck?.test;
        expect({ name, disabled: s.healthcheck?.disable ?? false }).toEqual({ name, disabled: false });
        expect({ name, test: Array.isArray(test) ? test[0] : test }).toEqual({
          name,
          test: expect.stringMatching(/^(CMD|CMD-SHELL)$/),
        });
        return [name, (test as string[]).join(' ')];
      }),
    );
    expect(tests.elasticsearch).toMatch(/localhost:9200\/_(cat|cluster)\/health/);
    expect(tests.orchestration).toMatch(/\/dev\/tcp\/127\.0\.0\.1\/9600/);
    expect(tests.orchestration).toMatch(/GET \/actuator\/health\/readiness /);
    expect(tests.orchestration).toMatch(/grep -q ' 200'/);
    expect(tests.postgres).toMatch(/pg_isready/);
    expect(tests.mailpit).toMatch(/\/mailpit readyz/);
    expect(tests.app).toMatch(/docker\/app-healthcheck\.ts/);
    expect(existsSync(path.join(ROOT, 'docker/app-healthcheck.ts'))).toBe(true);
  });

  it('starts a service only once every service it depends on is healthy, in the order ES → Camunda → app', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [target, dep] of Object.entries(dependenciesOf(service))) {
        expect({ name, target, exists: target in services, condition: dep.condition }).toEqual({
          name,
          target,
          exists: true,
          condition: 'service_healthy',
        });
      }
    }
    expect(sorted(Object.keys(dependenciesOf(services.orchestration!)))).toEqual(['elasticsearch']);
    expect(sorted(Object.keys(dependenciesOf(services.app!)))).toEqual([
      'mailpit',
      'orchestration',
      'postgres',
    ]);

    // No cycle: every service can be started after its dependencies.
    const started = new Set<string>();
    while (started.size < Object.keys(services).length) {
      const ready = Object.entries(services).filter(
        ([name, s]) => !started.has(name) && Object.keys(dependenciesOf(s)).every((d) => started.has(d)),
      );
      expect(ready.length).toBeGreaterThan(0);
      for (const [name] of ready) started.add(name);
    }
  });

  it('publishes each host port once, and only what a person opens: Camunda web/REST, Mailpit UI, the app', () => {
    const published = Object.entries(services).flatMap(([name, s]) =>
      publishedPorts(s).map((p) => ({ name, ...p })),
    );
    const hostPorts = published.map((p) => `${p.hostIp}:${p.host}`);
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
    expect(published.map((p) => p.host).every((h) => /^\d+$/.test(h))).toBe(true);
    expect(published.map((p) => `${p.name} ${p.host}->${p.container}`).sort()).toEqual([
      'app 3000->8080',
      'mailpit 8025->8025',
      'orchestration 8088->8080',
    ]);
  });

  it('reads only variables that have a default, and .env.example lists each of them with that default', () => {
    const example = envExample();
    for (const use of variableUses) {
      expect({ name: use.name, known: use.default !== undefined || example.has(use.name) }).toEqual({
        name: use.name,
        known: true,
      });
    }
    const defaults = new Map(variableUses.map((u) => [u.name, u.default ?? '']));
    expect(sorted(example.keys())).toEqual(sorted(defaults.keys()));
    for (const [name, value] of example) expect({ name, value }).toEqual({ name, value: defaults.get(name) });
    // Each variable has one default wherever it is used.
    for (const use of variableUses)
      expect({ name: use.name, default: use.default }).toEqual({
        name: use.name,
        default: defaults.get(use.name),
      });
  });

  it('keeps every stateful service on a named volume', () => {
    const named = (s: Service) =>
      (s.volumes ?? [])
        .map((v) => (typeof v === 'string' ? v.split(':')[0]! : (v.source ?? '')))
        .filter((source) => source in (compose.volumes ?? {}));
    expect(named(services.orchestration!)).toEqual(['camunda-data']);
    expect(named(services.elasticsearch!)).toEqual(['elastic-data']);
    expect(named(services.postgres!)).toEqual(['postgres-data']);
  });
});

describe('the app service: npm start on the cluster, PostgreSQL and Mailpit', () => {
  const appEnv = environmentOf(services.app!);
  const CLUSTER_VARIABLES = [
    'CAMUNDA_REST_ADDRESS',
    'CAMUNDA_AUTH_STRATEGY',
    'CAMUNDA_BASIC_AUTH_USERNAME',
    'CAMUNDA_BASIC_AUTH_PASSWORD',
    'CAMUNDA_CLIENT_ID',
    'CAMUNDA_CLIENT_SECRET',
    'CAMUNDA_OAUTH_URL',
    'CAMUNDA_TOKEN_AUDIENCE',
  ];

  it('sets only variables that src/config.ts reads', () => {
    const source = read('src/config.ts');
    const schema = /const schema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1];
    expect(schema).toBeDefined();
    const known = new Set([...schema!.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!));
    expect(known.has('DATABASE_URL')).toBe(true);
    for (const name of CLUSTER_VARIABLES) known.add(name);
    expect(Object.keys(appEnv).filter((name) => !known.has(name))).toEqual([]);
  });

  it('passes the configuration check and selects the cluster with basic auth, PostgreSQL, Mailpit and demo data', () => {
    const config = loadConfig(appEnv, '/app');
    expect(config.appEnv).toBe('development');
    expect(config.seedDemoData).toBe(true);
    expect(config.cluster).toEqual({
      restAddress: 'http://orchestration:8080',
      auth: { strategy: 'BASIC', username: 'demo', password: 'demo' },
    });
    expect(new URL(config.databaseUrl!).host).toBe('postgres:5432');
    expect(config.notifications.smtpUrl).toBe('smtp://mailpit:1025');
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
  });

  it('signs in to Camunda as the user the orchestration cluster creates, whatever .env sets', () => {
    const env = { CAMUNDA_BASIC_AUTH_USERNAME: 'mcc-app', CAMUNDA_BASIC_AUTH_PASSWORD: 's3cret' };
    const withEnv = mapStrings(raw, (s) => interpolate(s, env)) as Compose;
    const app = environmentOf(withEnv.services.app!);
    const orchestration = environmentOf(withEnv.services.orchestration!);
    const apiUser = security.initialization.users.find((u) => u.username === API_USER);
    expect(apiUser).toBeDefined();
    expect(springValue(apiUser!.username, orchestration)).toBe(app.CAMUNDA_BASIC_AUTH_USERNAME);
    expect(springValue(apiUser!.password, orchestration)).toBe(app.CAMUNDA_BASIC_AUTH_PASSWORD);
    expect(app.CAMUNDA_BASIC_AUTH_USERNAME).toBe('mcc-app');
  });
});

describe('docker/camunda/application.yaml: the orchestration cluster and its Tasklist users', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemoDataIfEmpty(db.owner, { appEnv: 'development' });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('uses Elasticsearch as secondary storage, basic sign-in, and an API that needs credentials', () => {
    expect(camunda.camunda.data['secondary-storage'].type).toBe('elasticsearch');
    expect(camunda.camunda.data['secondary-storage'].elasticsearch.url).toBe('http://elasticsearch:9200');
    expect(security.authentication).toEqual({ method: 'basic', unprotectedApi: false });
  });

  it('creates every demo staff member as a Camunda user with the same username, name and demo password', () => {
    const users = security.initialization.users.filter((u) => u.username !== API_USER);
    expect(sorted(users.map((u) => u.username))).toEqual(sorted(DEMO_STAFF.map((s) => s.username)));
    for (const staff of DEMO_STAFF) {
      const user = users.find((u) => u.username === staff.username)!;
      expect(user).toEqual({
        username: staff.username,
        password: DEMO_PASSWORD,
        name: staff.fullNameFa,
        email: staff.email,
      });
    }
  });

  it("puts each staff member in exactly the candidate groups the app's inbox gives them", async () => {
    const camundaGroupsOf = (username: string) =>
      sorted(security.initialization.groups.filter((g) => g.users?.includes(username)).map((g) => g.groupId));
    for (const staff of DEMO_STAFF) {
      const expected = sorted(await candidateGroupsOf(db.app, staff.username));
      expect({ username: staff.username, groups: camundaGroupsOf(staff.username) }).toEqual({
        username: staff.username,
        groups: expected,
      });
    }
    // No empty group and no member that is not a user.
    const usernames = new Set(security.initialization.users.map((u) => u.username));
    for (const group of security.initialization.groups) {
      expect(group.users?.length).toBeGreaterThan(0);
      for (const user of group.users ?? []) expect(usernames.has(user)).toBe(true);
    }
    expect(security.initialization.groups.map((g) => g.groupId)).toContain('unit-manager:legal');
  });

  it("accepts the unit-manager:<unit> ids through its id-validation-pattern, which Camunda's default refuses", () => {
    const pattern = new RegExp(security['id-validation-pattern']);
    const defaultPattern = /^[a-zA-Z0-9_@.+-]+$/; // camunda.security.id-validation-pattern, 8.8 docs
    const ids = [
      ...security.initialization.groups.map((g) => g.groupId),
      ...security.initialization.users.map((u) => u.username).filter((u) => u !== API_USER),
    ];
    expect(ids.filter((id) => !pattern.test(id))).toEqual([]);
    expect(defaultPattern.test('unit-manager:legal')).toBe(false);
    expect(pattern.test('*')).toBe(false); // reserved by Camunda: the pattern must refuse it
    // Nothing else widened: the pattern is the default plus ':'.
    expect(['a b', 'x/y', 'é', 'a#b'].filter((id) => pattern.test(id))).toEqual([]);
  });

  it('has a group for every static candidate group the BPMN processes name', () => {
    const groupIds = new Set(security.initialization.groups.map((g) => g.groupId));
    const dir = path.join(ROOT, 'processes');
    const named = readdirSync(dir)
      .filter((f) => f.endsWith('.bpmn'))
      .flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/candidateGroups="([^"]*)"/g)])
      .map((m) => m[1]!.trim())
      .filter((value) => value && !value.startsWith('='))
      .flatMap((value) => value.split(',').map((g) => g.trim()));
    expect(named.length).toBeGreaterThan(0);
    expect(sorted(new Set(named.filter((g) => !groupIds.has(g))))).toEqual([]);
  });

  it('gives the admin role to the API user and the administrator, and keeps Tasklist in V1 mode by default', () => {
    expect(sorted(security.initialization.defaultRoles.admin?.users ?? [])).toEqual(
      sorted([API_USER, 'admin']),
    );
    expect(DEMO_STAFF.find((s) => s.username === 'admin')?.roles).toContain('administrator');
    expect(environmentOf(services.orchestration!).CAMUNDA_TASKLIST_V2_MODE_ENABLED).toBe('false');
  });
});

describe('Dockerfile: the app image', () => {
  const lines = read('Dockerfile')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const instructions = (keyword: string) =>
    lines
      .filter((line) => line.toUpperCase().startsWith(`${keyword} `))
      .map((line) => line.slice(keyword.length + 1).trim());

  it('builds on Node 20 (Debian bookworm, slim)', () => {
    const from = instructions('FROM');
    expect(from.at(-1)).toMatch(/^node:20(\.\d+)*-bookworm-slim(\s|$)/);
  });

  it('installs with npm ci and runs npm start as a user other than root', () => {
    expect(instructions('RUN').some((run) => /\bnpm ci\b/.test(run))).toBe(true);
    const user = instructions('USER').at(-1);
    expect(user).toBeDefined();
    expect(['root', '0', '0:0', 'root:root']).not.toContain(user);
    expect(services.app?.user ?? user).not.toMatch(/^(root|0)(:|$)/);
    expect(instructions('CMD').at(-1)).toBe('["npm", "start"]');
  });

  it('copies what npm start reads, and the health check the compose file runs', () => {
    const sources = instructions('COPY').flatMap((copy) => copy.split(/\s+/).slice(0, -1));
    for (const needed of ['package.json', 'package-lock.json', 'src', 'workers', 'processes', 'forms']) {
      expect(sources).toContain(needed);
    }
    expect(sources).toContain('docker/app-healthcheck.ts');
    for (const source of sources)
      expect({ source, exists: existsSync(path.join(ROOT, source)) }).toEqual({ source, exists: true });
  });

  it('keeps node_modules, local data, coverage, git and .env out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of ['node_modules', '.data', 'coverage', '.git', '.env'])
      expect(ignored).toContain(entry);
    const copied = instructions('COPY').flatMap((copy) => copy.split(/\s+/).slice(0, -1));
    expect(copied.filter((source) => ignored.includes(source))).toEqual([]);
  });
});
