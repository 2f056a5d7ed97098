import { parseConfig, redact } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/core/errors.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { projectPath } from '../../../src/core/paths.js';

const file = projectPath('config/test.yaml');
const source = (extra: string) => `
  - id: ghent
    connector: { type: ldes, url: "http://127.0.0.1:1/x" }
    mapping: ../mappings/ghent-ldes.yml
    shapes: [../shapes/oslo-ce-object-2021.ttl]
${extra}`;

function problemsOf(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfig(text, file, { env, checkConnector: checkConnectorSettings });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('The configuration loader', () => {
  it('accepts a valid file and fills in defaults', () => {
    const config = parseConfig(`sources:${source('')}`, file, { env: {}, checkConnector: checkConnectorSettings });
    expect(config.sources[0]!.onViolation).toBe('reject');
    expect(config.hub.baseIri).toBe('http://localhost:3000/');
    expect(config.sources[0]!.schedule.onStart).toBe('if-never-run');
  });

  it('lists every problem by path, not just the first', () => {
    const problems = problemsOf(`
hub: { port: "eighty", colour: blue }
sources:
  - id: ok-source
    connector: { type: ldes, url: "http://127.0.0.1:1/x" }
    mapping: ../mappings/ghent-ldes.yml
    shapes: [../shapes/oslo-ce-object-2021.ttl]
  - id: Bad Id
    connector: { type: ldes }
    mapping: x.yml
    shapes: []
`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^hub\.port: /),
        expect.stringMatching(/^hub: Unrecognized key.*colour/),
        expect.stringMatching(/^sources\[1\]\.id: /),
        expect.stringMatching(/^sources\[1\]\.shapes: /),
      ]),
    );
  });

  it('names missing files and bad connector settings by path', () => {
    const problems = problemsOf(`sources:
  - id: a
    connector: { type: ldes, url: "not a url" }
    mapping: ../mappings/nope.yml
    shapes: [../shapes/oslo-ce-object-2021.ttl, ../shapes/nope.ttl]
  - id: b
    connector: { type: carrier-pigeon }
    mapping: ../mappings/ghent-ldes.yml
    shapes: [../shapes/oslo-ce-object-2021.ttl]
`);
    expect(problems).toContain('sources[0].mapping: file not found (../mappings/nope.yml)');
    expect(problems).toContain('sources[0].shapes[1]: file not found (../shapes/nope.ttl)');
    expect(problems.some((p) => p.startsWith('sources[0].connector.url: '))).toBe(true);
    expect(problems.some((p) => p.startsWith('sources[1].connector.type: unknown connector "carrier-pigeon"'))).toBe(true);
  });

  it('reads secrets from the environment and reports unset variables', () => {
    const text = `hub: { adminKey: "\${ADMIN}", port: "\${PORT:-3100}" }\nsources:${source('')}`;
    expect(parseConfig(text, file, { env: { ADMIN: 's3cret' } }).hub.adminKey).toBe('s3cret');
    expect(parseConfig(text, file, { env: { ADMIN: 'x' } }).hub.port).toBe(3100);
    expect(problemsOf(text, {})).toContain('hub.adminKey: environment variable ADMIN is not set');
  });

  it('refuses a duplicated source id', () => {
    expect(problemsOf(`sources:${source('')}${source('')}`)).toContain('sources[1].id: "ghent" is used twice');
  });

  describe('europeana.defaultRights (an organisation declares the rights of records that state none)', () => {
    const declaring = (rights: string) => `sources:${source(`    europeana: { defaultRights: "${rights}" }`)}`;

    it('is unset by default and accepts a statement Europeana accepts', () => {
      expect(parseConfig(`sources:${source('')}`, file, { env: {} }).sources[0]!.europeana.defaultRights).toBeUndefined();
      for (const ok of ['http://rightsstatements.org/vocab/CNE/1.0/', 'http://creativecommons.org/publicdomain/zero/1.0/', 'http://creativecommons.org/licenses/by-sa/4.0/']) {
        expect(parseConfig(declaring(ok), file, { env: {} }).sources[0]!.europeana.defaultRights).toBe(ok);
      }
    });

    it('refuses a statement Europeana does not accept, by path', () => {
      for (const bad of ['http://rightsstatements.org/vocab/NoC-US/1.0/', 'http://www.europeana.eu/rights/rr-f/', 'CC0', 'https://example.org/licence']) {
        expect(problemsOf(declaring(bad))).toEqual([expect.stringMatching(/^sources\[0\]\.europeana\.defaultRights: .* is not an edm:rights value Europeana accepts/)]);
      }
    });

    it('says how to write an accepted statement spelled another way (it is copied into records as is)', () => {
      expect(problemsOf(declaring('https://rightsstatements.org/page/CNE/1.0/?language=nl'))).toEqual([
        'sources[0].europeana.defaultRights: https://rightsstatements.org/page/CNE/1.0/?language=nl is not written the way Europeana accepts it; write http://rightsstatements.org/vocab/CNE/1.0/',
      ]);
    });

    it('refuses unknown keys under europeana', () => {
      expect(problemsOf(`sources:${source('    europeana: { defaultRight: x }')}`)).toEqual([expect.stringMatching(/^sources\[0\]\.europeana: Unrecognized key.*defaultRight/)]);
    });

    it('holds for the demo configuration, whose heritage sources each declare Copyright Not Evaluated', async () => {
      const { readFileSync } = await import('node:fs');
      const text = readFileSync(projectPath('config/demo.yaml'), 'utf8');
      // What `hub demo` sets: every variable without a default (fixture URLs, folder, credentials).
      const env = Object.fromEntries([...text.matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => [m[1], 'http://127.0.0.1:1/x']));
      const demo = parseConfig(text, projectPath('config/demo.yaml'), { env });
      const declared = Object.fromEntries(demo.sources.filter((s) => s.europeana.defaultRights).map((s) => [s.id, s.europeana.defaultRights]));
      expect(declared).toEqual(Object.fromEntries(['ghent-dmg', 'vkc-datahub', 'meemoo', 'files-collectie'].map((id) => [id, 'http://rightsstatements.org/vocab/CNE/1.0/'])));
    });
  });

  it('redacts secret-looking keys for logs', () => {
    expect(redact({ hub: { adminKey: 'k', port: 1 }, connector: { password: 'p', url: 'u' } })).toEqual({
      hub: { adminKey: '***', port: 1 },
      connector: { password: '***', url: 'u' },
    });
    // Request headers of a connector (API keys, bearer tokens).
    expect(redact({ headers: { authorization: 'Bearer t', 'x-api-key': 'k', accept: 'text/xml' } })).toEqual({
      headers: { authorization: '***', 'x-api-key': '***', accept: 'text/xml' },
    });
  });
});
