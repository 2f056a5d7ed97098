/**
 * docker/compose.yaml against the configuration reference: the variables it gives the hub are
 * ones the hub reads (its config file's ${VAR}s or process.env), the mounted config file parses
 * with the configuration schema, and its URLs point at services the compose file defines.
 * Docker itself does not run here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseConfig } from '../../../src/config/load.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';

const root = new URL('../../../', import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const compose = parse(read('docker/compose.yaml'), { merge: true }) as {
  services: Record<string, { image?: string; command?: string[]; entrypoint?: string[]; profiles?: string[]; environment?: Record<string, string>; ports?: string[]; depends_on?: Record<string, unknown> }>;
};
const dockerfile = read('docker/Dockerfile');
const hubServices = ['api', 'worker', 'demo-api', 'demo-worker'];

/** Compose's own interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error}, from `env`. */
function composeValue(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    if (env[name] !== undefined) return env[name];
    if (op === ':-') return arg ?? '';
    throw new Error(`compose would stop: ${name} is not set (${arg ?? ''})`);
  });
}

/** Every NAME the hub's source reads as process.env.NAME. */
function variablesReadBySource(dir = join(root, 'src')): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) variablesReadBySource(path).forEach((n) => names.add(n));
    else if (path.endsWith('.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/process\.env(?:\.([A-Z_][A-Z0-9_]*)|\[['"]([A-Z_][A-Z0-9_]*)['"]\])/g)) names.add(m[1] ?? m[2]);
  }
  return names;
}

/** The ${VAR}s of the configuration's values (the loader interpolates values, not comments). */
function configVariablesOf(value: unknown): { name: string; hasDefault: boolean }[] {
  if (typeof value === 'string') return [...value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?\}/g)].map((m) => ({ name: m[1], hasDefault: m[2] !== undefined }));
  if (value && typeof value === 'object') return Object.values(value).flatMap(configVariablesOf);
  return [];
}
const configVariables = configVariablesOf(parse(read('docker/hub.compose.yaml')));
const hostEnv = { HUB_ADMIN_KEY: 'compose-test-key' };

describe('docker/compose.yaml', () => {
  it('runs the API, workers, Redis and a SPARQL store, the hub in a live and a demo profile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'demo-api', 'demo-worker', 'redis', 'virtuoso', 'worker']);
    for (const [api, worker, profile] of [['api', 'worker', 'live'], ['demo-api', 'demo-worker', 'demo']] as const) {
      expect(compose.services[api].command?.[0]).toBe('serve');
      expect(compose.services[worker].command?.[0]).toBe('worker');
      expect([compose.services[api].profiles, compose.services[worker].profiles]).toEqual([[profile], [profile]]);
    }
    expect(compose.services.virtuoso.image).toMatch(/^openlink\/virtuoso-opensource-7:/);
    for (const name of hubServices) expect(Object.keys(compose.services[name].depends_on ?? {}).sort()).toEqual(['redis', 'virtuoso']);
  });

  it('pins every image it pulls to a release (x.y.z tag, optionally a digest), none floating', () => {
    const pulled = Object.entries(compose.services).filter(([name]) => !hubServices.includes(name));
    expect(pulled.map(([name]) => name).sort()).toEqual(['redis', 'virtuoso']);
    for (const [name, service] of pulled) expect({ name, image: service.image }).toEqual({ name, image: expect.stringMatching(/^[\w./-]+:\d+\.\d+\.\d+(-[a-z0-9.]+)?(@sha256:[0-9a-f]{64})?$/) });
  });

  it('gives the demo profile the demo’s sources, served inside each container, with no URL off the machine', () => {
    const demoConfig = 'docker/hub.demo.compose.yaml';
    for (const name of ['demo-api', 'demo-worker']) {
      expect(compose.services[name].entrypoint).toEqual(['/app/docker/with-fixtures.sh']);
      expect(compose.services[name].environment?.HUB_CONFIG).toBe(`/app/${demoConfig}`);
    }
    expect(statSync(join(root, 'docker/with-fixtures.sh')).mode & 0o111).not.toBe(0);
    expect(read('docker/with-fixtures.sh')).toMatch(/^hub fixtures --port .* > "\$vars" &$/m);
    // The sources are config/demo.yaml's, so the demo is the same in and out of Docker.
    const sources = (file: string) => (parse(read(file)) as { sources: unknown[] }).sources;
    expect(sources(demoConfig)).toEqual(sources('config/demo.yaml'));
    // With the variables `hub fixtures` prints, every source URL is on the container's loopback.
    const fixtureEnv = Object.fromEntries(
      ['DEMO_LDES_URL', 'DEMO_DATAHUB_OAI_URL', 'DEMO_MEEMOO_OAI_URL', 'DEMO_UIT_URL', 'DEMO_TM_BASE_URL'].map((v, i) => [v, `http://127.0.0.1:${4100 + i}/x`]),
    );
    const env = {
      ...Object.fromEntries(Object.entries(compose.services['demo-api'].environment ?? {}).map(([k, v]) => [k, composeValue(String(v), hostEnv)])),
      ...fixtureEnv,
      ...Object.fromEntries(['DEMO_MEEMOO_USER', 'DEMO_MEEMOO_PASSWORD', 'DEMO_UIT_CLIENT_ID', 'DEMO_TM_ACCOUNT', 'DEMO_TM_ACCESS_KEY', 'DEMO_TM_SECRET_KEY'].map((v) => [v, 'x'])),
      DEMO_FILES_FOLDER: '/data/demo-files',
    };
    const config = parseConfig(read(demoConfig), join(root, demoConfig), { env, checkConnector: checkConnectorSettings });
    expect(config.hub.store.type).toBe('sparql');
    const urls = config.sources.flatMap((s) => ['url', 'baseUrl'].map((k) => (s.connector as Record<string, unknown>)[k]).filter((u): u is string => typeof u === 'string'));
    // Six networked sources on five fixture servers: UiTdatabank's events and places share one.
    expect(urls).toHaveLength(6);
    expect(new Set(urls).size).toBe(5);
    for (const url of urls) expect(new URL(url).hostname).toBe('127.0.0.1');
  });

  it('gives the hub only variables the configuration reference knows', () => {
    const known = new Set([...configVariables.map((v) => v.name), ...variablesReadBySource()]);
    for (const name of hubServices) {
      const unknown = Object.keys(compose.services[name].environment ?? {}).filter((v) => !known.has(v));
      expect({ service: name, unknown }).toEqual({ service: name, unknown: [] });
    }
  });

  it('sets every variable the mounted configuration needs', () => {
    for (const name of hubServices) {
      const env = compose.services[name].environment ?? {};
      const missing = configVariables.filter((v) => !v.hasDefault && !(v.name in env)).map((v) => v.name);
      expect({ service: name, missing }).toEqual({ service: name, missing: [] });
    }
  });

  it('mounts a configuration file that the image holds and the schema accepts', () => {
    const env = Object.fromEntries(Object.entries(compose.services.api.environment ?? {}).map(([k, v]) => [k, composeValue(String(v), hostEnv)]));
    const workdir = /^WORKDIR\s+(\S+)/m.exec(dockerfile)?.[1];
    expect(env.HUB_CONFIG.startsWith(`${workdir}/`)).toBe(true);
    const inRepo = env.HUB_CONFIG.slice(`${workdir}/`.length);
    expect(existsSync(join(root, inRepo))).toBe(true);

    const config = parseConfig(read(inRepo), join(root, inRepo), { env, checkConnector: checkConnectorSettings });
    expect(config.hub.store.type).toBe('sparql');
    expect(config.hub.adminKey).toBe('compose-test-key');
    expect(config.hub.dataDir).toBe('/data');
    expect(config.sources.length).toBeGreaterThan(0);
    // Sources validate with the repaired 2021 shapes, never the published copies with generator bugs.
    for (const source of config.sources) expect(source.shapes.filter((f) => /oslo-ce-(object|event)-2021\.ttl$/.test(f))).toEqual([]);

    // Its URLs name services of this compose file, on the ports those services listen on.
    const store = new URL(config.hub.store.queryUrl!);
    expect(store.hostname).toBe('virtuoso');
    expect(store.port).toBe('8890');
    expect(new URL(config.hub.store.updateUrl!).hostname).toBe('virtuoso');
    const redis = new URL(config.hub.redisUrl!);
    expect(redis.protocol).toBe('redis:');
    expect(Object.keys(compose.services)).toContain(redis.hostname);
    expect(compose.services.api.ports?.some((p) => composeValue(p, hostEnv).endsWith(`:${config.hub.port}`))).toBe(true);
  });

  it('gives the hub exactly the variables docs/docker.md lists, each feeding the configuration key it names', () => {
    const table = read('docs/docker.md').split('What the hub containers receive')[1]!.split('\n\n')[1]!;
    const rows = table.split('\n').slice(2).map((line) => line.split('|').slice(1, -1).map((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)));
    const documented = rows.flatMap(([vars]) => vars!);
    for (const name of hubServices) expect(Object.keys(compose.services[name].environment ?? {}).sort()).toEqual([...documented].sort());
    const hubConfig = parse(read('docker/hub.compose.yaml')) as Record<string, unknown>;
    const at = (path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], hubConfig);
    let pairs = 0;
    for (const [vars, , keys] of rows) {
      const configKeys = keys!.filter((k) => k.startsWith('hub.'));
      if (!configKeys.length) continue;
      expect(configKeys).toHaveLength(vars!.length);
      configKeys.forEach((key, i) => expect({ key, value: at(key) }).toEqual({ key, value: expect.stringContaining(`\${${vars![i]}`) }));
      pairs += configKeys.length;
    }
    expect(pairs).toBe(8);
  });

  it('refuses to start without an admin key', () => {
    expect(() => composeValue(String(compose.services.api.environment?.HUB_ADMIN_KEY), {})).toThrow(/HUB_ADMIN_KEY/);
  });
});

describe('the image build', () => {
  const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

  it('reads its ignore file at the root of the context, where every builder looks, not only BuildKit', () => {
    expect(existsSync(join(root, 'docker/Dockerfile.dockerignore'))).toBe(false);
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', 'test', 'bench', '.git', '.env']));
  });

  it('ships no tests or benches: the image stage copies the compiled hub and its data, not the whole build', () => {
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages).toHaveLength(2);
    const image = stages[1]!;
    const copied = [...image.matchAll(/^COPY (?:--from=build )?(.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/)).map((p) => p.replace(/^\/app\//, ''));
    expect(copied.sort()).toEqual(['config', 'dist/fixtures', 'dist/src', 'docker', 'fixtures', 'mappings', 'node_modules', 'ontologies', 'package-lock.json', 'package.json', 'shapes'].sort());
    expect(image).not.toMatch(/COPY --from=build \/app \/app/);
    // The build stage compiles only what the image runs.
    expect(stages[0]).not.toMatch(/^COPY (\. |.*\b(test|bench)\b)/m);
  });
});

describe('docker/Dockerfile', () => {
  it('builds on a pinned Node 24 image, the major of .nvmrc, and runs the package’s `hub` command', () => {
    const bases = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]!).filter((b) => b.startsWith('node:'));
    expect(bases.length).toBeGreaterThan(0);
    const nvmrc = read('.nvmrc').trim();
    for (const base of bases) expect(base).toMatch(new RegExp(`^node:${nvmrc}\\.\\d+\\.\\d+-[a-z]+-slim(@sha256:[0-9a-f]{64})?$`));
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/tsc -p tsconfig\.build\.json/);
    const bin = (JSON.parse(read('package.json')) as { bin: Record<string, string> }).bin.hub;
    expect(dockerfile).toContain(`ln -s /app/${bin} /usr/local/bin/hub`);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["hub"\]$/m);
  });
});
