/**
 * The whole pipeline publishing into Virtuoso (hub.store.type: sparql): the LDES fixture
 * harvested once into Virtuoso and once into the embedded store gives the same record graphs,
 * and a re-harvest with a delete drops the graph. Runs when Virtuoso answers on 127.0.0.1:8890
 * or HUB_TEST_VIRTUOSO=1 (as virtuoso-store.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { isomorphic } from 'rdf-isomorphic';
import { startLdesFixture, type LdesFixture } from '../../../fixtures/ldes/server.js';
import { parseConfig } from '../../../src/config/load.js';
import { recordGraphIri } from '../../../src/core/identifiers.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { SparqlStore } from '../../../src/store/sparql-store.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { describeWith } from '../../helpers/services.js';

const ENDPOINT = process.env.HUB_TEST_VIRTUOSO_URL ?? 'http://127.0.0.1:8890/sparql';
const required = process.env.HUB_TEST_VIRTUOSO === '1';
const available = await new SparqlStore({ queryUrl: ENDPOINT }).health().then((h) => h.ok);

function hubConfig(base: string, dataDir: string, fixtureUrl: string, store: string) {
  const yaml = `
hub:
  baseIri: ${base}
  dataDir: ${dataDir}
  ${store}
sources:
  - id: ghent-dmg
    organisation: Design Museum Gent
    connector: { type: ldes, url: "${fixtureUrl}", maxAttempts: 4, backoffMs: 10, timeoutMs: 2000 }
    mapping: ${projectPath('mappings/ghent-ldes.yml')}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
    entityType: mensgemaaktobject
`;
  return parseConfig(yaml, projectPath('config/test.yaml'), { env: {}, checkConnector: checkConnectorSettings });
}

describeWith([{ ok: available, what: `Virtuoso at ${ENDPOINT} (scripts/ci/start-virtuoso.sh)` }], { required })('The pipeline publishing into Virtuoso', () => {
  let fixture: LdesFixture;
  const base = `http://hub-${randomUUID().slice(0, 8)}.test/`;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    fixture = await startLdesFixture({ objects: 12, pageSize: 5 });
  });

  afterAll(async () => {
    // Everything this run wrote to the shared Virtuoso lives under its own base IRI.
    const store = new SparqlStore({ queryUrl: ENDPOINT });
    const graphs = await store.select(`SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${base}")) }`);
    await store.commit({ drop: graphs.map((r) => r.g.value) });
    for (const cleanup of cleanups.reverse()) await cleanup();
    await fixture?.close();
  });

  async function open(store: string): Promise<Hub> {
    const dir = await tempDir();
    const hub = await Hub.open(hubConfig(base, dir.path, fixture.url, store));
    cleanups.push(async () => {
      await hub.close();
      await dir.cleanup();
    });
    return hub;
  }

  it('publishes the same record graphs as the embedded store, and drops deleted records', async () => {
    const remote = await open(`store: { type: sparql, queryUrl: "${ENDPOINT}" }`);
    const embedded = await open('store: { type: oxigraph }');
    expect(remote.store).toBeInstanceOf(SparqlStore);
    expect(await remote.harvest('ghent-dmg')).toMatchObject({ status: 'completed', seen: 12, published: 12, errors: 0 });
    expect(await embedded.harvest('ghent-dmg')).toMatchObject({ status: 'completed', published: 12 });

    const countQuery = `PREFIX hub: <https://w3id.org/culture-lod-hub/ns#> SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { ?g <http://www.w3.org/ns/prov#wasGeneratedBy> ?by . ?by a hub:Publication FILTER(STRSTARTS(STR(?g), "${base}")) }`;
    expect(Number((await remote.store.select(countQuery))[0].n.value)).toBe(12);
    const graphs = await embedded.store.select(`PREFIX hub: <https://w3id.org/culture-lod-hub/ns#> SELECT DISTINCT ?g WHERE { ?g <http://www.w3.org/ns/prov#wasGeneratedBy> ?by . ?by a hub:Publication } ORDER BY ?g`);
    expect(graphs).toHaveLength(12);
    for (const g of graphs.map((r) => r.g.value)) {
      const [a, b] = [await remote.store.graph(g), await embedded.store.graph(g)];
      expect(a.length).toBeGreaterThan(0);
      expect(a).toHaveLength(b.length);
      expect(isomorphic(a, b)).toBe(true);
    }

    fixture.deleteObject('530000007');
    expect(await remote.harvest('ghent-dmg')).toMatchObject({ status: 'completed', deleted: 1 });
    expect(await remote.store.graph(recordGraphIri(base, 'ghent-dmg', '530000007'))).toEqual([]);
    expect(Number((await remote.store.select(countQuery))[0].n.value)).toBe(11);
  });
});
