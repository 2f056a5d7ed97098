/**
 * `hub store migrate --to sparql` against Virtuoso: a source harvested into the embedded store is
 * copied into Virtuoso (SPARQL Update batches, and Virtuoso's bulk loader over isql when the
 * instance's folder is on this machine), verified by counts, the configuration file switched
 * (backup kept, comments kept), and the next harvest on Virtuoso is incremental: the checkpoint
 * carried over. Runs when Virtuoso answers on 127.0.0.1:8890 or HUB_TEST_VIRTUOSO=1 requires it
 * (scripts/ci/start-virtuoso.sh starts it), as the other Virtuoso suites do.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startLdesFixture, type LdesFixture } from '../../fixtures/ldes/server.js';
import { loadConfig } from '../../src/config/load.js';
import { recordGraphIri } from '../../src/core/identifiers.js';
import { literal, namedNode, quad } from '../../src/core/rdf.js';
import { projectPath } from '../../src/core/paths.js';
import { migrateCommand } from '../../src/cli/store-migrate.js';
import { Hub } from '../../src/pipeline/hub.js';
import { checkConnectorSettings } from '../../src/pipeline/source-runtime.js';
import { SparqlStore } from '../../src/store/sparql-store.js';
import { describeWith } from '../helpers/services.js';
import { tempDir } from '../helpers/temp-dir.js';
import { VIRTUOSO_URL, virtuosoEnabled } from '../helpers/test-stores.js';

const required = process.env.HUB_TEST_VIRTUOSO === '1';
/** The instance's folder (in its DirsAllowed) and isql port, as scripts/ci/start-virtuoso.sh sets them. */
const VIRTUOSO_DIR = process.env.VIRTUOSO_DIR ?? '/tmp/hub-virtuoso';
const ISQL = `127.0.0.1:${process.env.VIRTUOSO_ISQL_PORT ?? '1111'}`;
const isqlAvailable = (() => {
  if (!existsSync(join(VIRTUOSO_DIR, 'virtuoso.ini'))) return false;
  try {
    execFileSync('isql-vt', [ISQL, 'dba', process.env.VIRTUOSO_DBA_PASSWORD ?? 'dba', 'exec=SELECT 1;'], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
})();

class Collect {
  text = '';
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

function configYaml(base: string, dataDir: string, fixtureUrl: string): string {
  return `# A hub moving to Virtuoso (this comment survives the switch)
hub:
  baseIri: ${base}
  dataDir: ${dataDir}
  store:
    type: oxigraph
    queryUrl: ${VIRTUOSO_URL}
sources:
  - id: ghent-dmg
    organisation: Design Museum Gent
    connector: { type: ldes, url: "${fixtureUrl}", maxAttempts: 4, backoffMs: 10, timeoutMs: 2000 }
    mapping: ${projectPath('mappings/ghent-ldes.yml')}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
    entityType: mensgemaaktobject
`;
}

const countUnder = async (store: SparqlStore | Hub['store'], base: string) =>
  Number((await store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${base}")) }`))[0]!.n!.value);

describeWith([{ ok: virtuosoEnabled, what: `Virtuoso at ${VIRTUOSO_URL} (scripts/ci/start-virtuoso.sh)` }], { required })('hub store migrate --to sparql on Virtuoso', () => {
  let fixture: LdesFixture;
  const bases: string[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  const remote = new SparqlStore({ queryUrl: VIRTUOSO_URL });

  beforeAll(async () => {
    fixture = await startLdesFixture({ objects: 12, pageSize: 5 });
  });

  afterAll(async () => {
    for (const base of bases) {
      const graphs = await remote.select(`SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${base}")) }`);
      if (graphs.length) await remote.commit({ drop: graphs.map((r) => r.g!.value) });
    }
    await remote.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
    await fixture?.close();
  });

  /** A configuration file over a fresh data folder, its source harvested into the embedded store; returns the file and the embedded quad count. */
  async function harvestedEmbedded(): Promise<{ file: string; base: string; dataDir: string; quads: number }> {
    const dir = await tempDir();
    cleanups.push(dir.cleanup);
    const base = `http://hub-${randomUUID().slice(0, 8)}.test/`;
    bases.push(base);
    const file = join(dir.path, 'hub.yaml');
    await writeFile(file, configYaml(base, join(dir.path, 'data'), fixture.url));
    const hub = await Hub.open(loadConfig(file, { checkConnector: checkConnectorSettings }), { matching: null });
    try {
      // 12 objects, and the version the first test adds to one of them (the fixture is shared).
      const run = await hub.harvest('ghent-dmg');
      expect(run.status).toBe('completed');
      expect(run.published).toBeGreaterThanOrEqual(12);
      return { file, base, dataDir: join(dir.path, 'data'), quads: await countUnder(hub.store, base) };
    } finally {
      await hub.close();
    }
  }

  it('copies the store by SPARQL Update, verifies by counts, switches the configuration, and the next harvest is incremental', async () => {
    const { file, base, dataDir, quads } = await harvestedEmbedded();
    const dry = new Collect();
    expect(await migrateCommand(loadConfig(file), { to: 'sparql', dryRun: true }, dry)).toBe(0);
    expect(dry.text).toMatch(/Dry run: nothing written/);
    expect(await countUnder(remote, base)).toBe(0);

    const out = new Collect();
    expect(await migrateCommand(loadConfig(file), { to: 'sparql' }, out)).toBe(0);
    expect(out.text).toMatch(/Verified: every graph holds as many quads on both sides/);
    expect(out.text).toMatch(/the next harvest of ghent-dmg continues from its checkpoint/);
    // The embedded store holds the entities graph too; Virtuoso built its own, with as many quads.
    expect(await countUnder(remote, base)).toBe(quads);

    const switched = await readFile(file, 'utf8');
    expect(switched).toMatch(/type: sparql/);
    expect(switched).toMatch(/# A hub moving to Virtuoso/);
    const backups = (await readdir(join(file, '..'))).filter((f) => f.startsWith('hub.yaml.before-migrate-'));
    expect(backups).toHaveLength(1);
    expect(await readFile(join(file, '..', backups[0]!), 'utf8')).toMatch(/type: oxigraph/);
    expect(existsSync(join(dataDir, 'store-migrate.json'))).toBe(false);

    // On Virtuoso now: one changed object is all the next harvest reads.
    fixture.addVersion('530000003', { title: 'Na de migratie' });
    const config = loadConfig(file, { checkConnector: checkConnectorSettings });
    expect(config.hub.store.type).toBe('sparql');
    const hub = await Hub.open(config, { matching: null });
    try {
      expect(hub.store).toBeInstanceOf(SparqlStore);
      expect(await hub.harvest('ghent-dmg')).toMatchObject({ status: 'completed', seen: 1, published: 1 });
      const titles = (await hub.store.graph(recordGraphIri(base, 'ghent-dmg', '530000003'))).map((q) => q.object.value);
      expect(titles).toContain('Na de migratie');
    } finally {
      await hub.close();
    }
  });

  it('refuses to copy into a store that already holds the hub\'s graphs, and --replace overwrites them', async () => {
    const { file, base, quads } = await harvestedEmbedded();
    await remote.commit({ put: [{ graph: `${base}graph/leftover/x`, quads: [quad(namedNode('urn:a'), namedNode('urn:b'), literal('c'))] }] });
    const out = new Collect();
    await expect(migrateCommand(loadConfig(file), { to: 'sparql' }, out)).rejects.toThrow(new RegExp(`checking that it is empty on the SPARQL store at ${VIRTUOSO_URL.replace(/[.?]/g, '\\$&')} failed: it already holds 1 quads`));
    expect(await readFile(file, 'utf8')).toMatch(/type: oxigraph/);

    expect(await migrateCommand(loadConfig(file), { to: 'sparql', replace: true }, out)).toBe(0);
    expect(await countUnder(remote, base)).toBe(quads);
  });

  (isqlAvailable ? it : it.skip)(`copies by Virtuoso's bulk loader over isql (${ISQL}, files in ${VIRTUOSO_DIR})`, async () => {
    const { file, base, quads } = await harvestedEmbedded();
    const out = new Collect();
    expect(await migrateCommand(loadConfig(file), { to: 'sparql', isql: ISQL, loadDir: VIRTUOSO_DIR }, out)).toBe(0);
    expect(out.text).toMatch(/Verified/);
    expect(await countUnder(remote, base)).toBe(quads);
    expect((await readdir(VIRTUOSO_DIR)).filter((f) => f.startsWith('hub-migrate-'))).toEqual([]);
  });
});
