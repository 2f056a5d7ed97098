/**
 * Bounded report history (hub.reports): after more runs than keepDetailRuns the older runs keep
 * their summary (counts, conformance, per-organisation figures) but not their results, in the
 * store and in the report files; runs beyond keepSummaryRuns are gone; the pages and downloads
 * of a pruned run say so; and the report triples stay bounded however many runs a source has.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../../src/api/app.js';
import { parseConfig } from '../../../src/config/load.js';
import type { HubConfig } from '../../../src/config/schema.js';
import type { Connector, ConnectorMessage } from '../../../src/connectors/contract.js';
import { projectPath } from '../../../src/core/paths.js';
import { literal, namedNode, parseRdf, quad, type Quad } from '../../../src/core/rdf.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { runSource, type SourceRuntime } from '../../../src/pipeline/run-source.js';
import type { RunSummary } from '../../../src/reports/run-summary.js';
import { ShaclValidator } from '../../../src/validation/shacl-validator.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { storeYaml, testStores, type TestStore } from '../../helpers/test-stores.js';

const EX = 'http://example.org/';
const SH = 'http://www.w3.org/ns/shacl#';
const HUB = 'https://w3id.org/culture-lod-hub/ns#';
const SHAPES = `
@prefix sh: <${SH}> . @prefix dct: <http://purl.org/dc/terms/> . @prefix ex: <${EX}> .
ex:ObjectShape a sh:NodeShape ; sh:targetClass ex:Object ;
  sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:message "Title required"@en, "Titel verplicht"@nl ] .
`;

/** Two organisations, three records without a title (a Violation each) and two fine ones. */
const RECORDS = [
  { id: 'a1', org: 'Museum A', title: true },
  { id: 'a2', org: 'Museum A', title: false },
  { id: 'b1', org: 'Museum B', title: false },
  { id: 'b2', org: 'Museum B', title: false },
  { id: 'b3', org: 'Museum B', title: true },
];

const connector: Connector = {
  type: 'fake',
  check: async () => ({ ok: true, message: 'ok' }),
  async *read(): AsyncIterable<ConnectorMessage> {
    for (const r of RECORDS) yield { type: 'record', record: { sourceId: 'src', recordId: r.id, mediaType: 'application/json', body: JSON.stringify(r), meta: { organisation: r.org } } };
  },
};

const mapper = {
  id: 'test-mapping',
  version: '1',
  async map(record: { body: string }) {
    const r = JSON.parse(record.body) as (typeof RECORDS)[number];
    const s = namedNode(`${EX}object/${r.id}`);
    const quads: Quad[] = [quad(s, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${EX}Object`))];
    if (r.title) quads.push(quad(s, namedNode('http://purl.org/dc/terms/title'), literal(`Object ${r.id}`)));
    return { quads, origins: ['urn:rules#ObjectMap'] };
  },
};

interface Bench {
  hub: Hub;
  config: HubConfig;
  dir: { path: string; cleanup: () => Promise<void> };
  runOnce: () => Promise<RunSummary>;
}

async function open(store: TestStore, base: string, reports: string): Promise<Bench> {
  const dir = await tempDir('hub-retention-');
  const yaml = `
hub:
  baseIri: '${base}'
  dataDir: ${JSON.stringify(join(dir.path, 'data'))}
  ${storeYaml(store)}
  ${reports}
sources:
  - id: src
    organisation: Aggregator
    connector: { type: ldes, url: 'http://127.0.0.1:9/never-used' }
    mapping: ${JSON.stringify(projectPath('mappings/ghent-ldes.yml'))}
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.ttl'))}]
    onViolation: reject
`;
  const config = parseConfig(yaml, join(dir.path, 'hub.yaml'));
  const hub = await Hub.open(config);
  const rt: SourceRuntime = { source: config.sources[0]!, connector, connectorConfig: {}, mapper, validator: new ShaclValidator(parseRdf(SHAPES), { id: 'test-shapes', version: '1' }) };
  return { hub, config, dir, runOnce: () => runSource(config.hub, rt, hub.store, hub.states) };
}

/** sh:result count per run id of the source's report graphs (0 for a summary-only graph). */
async function resultsPerRun(hub: Hub, base: string): Promise<Map<string, number>> {
  const prefix = `${base}graph/reports/src/`;
  const rows = await hub.store.select(`SELECT ?g (COUNT(?r) AS ?n) WHERE { GRAPH ?g { ?run a <${HUB}HarvestRun> . OPTIONAL { ?rep <${SH}result> ?r } } FILTER(STRSTARTS(STR(?g), ${JSON.stringify(prefix)})) } GROUP BY ?g`);
  return new Map(rows.map((r) => [r.g!.value.slice(prefix.length), Number(r.n!.value)]));
}

async function reportTriples(hub: Hub, base: string): Promise<number> {
  const [row] = await hub.store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ${JSON.stringify(`${base}graph/reports/`)})) }`);
  return Number(row!.n!.value);
}

describe.each(testStores())('Bounded report history, on the %s store', (_name, store) => {
  describe('with the defaults (detail of 3 runs), after 5 runs', () => {
    const base = store.baseIri();
    let bench: Bench;
    let app: ReturnType<typeof createApp>;
    const runs: RunSummary[] = [];

    beforeAll(async () => {
      bench = await open(store, base, '');
      for (let i = 0; i < 5; i++) runs.push(await bench.runOnce());
      app = createApp({ ...hubPorts(bench.hub), log: () => undefined });
    });

    afterAll(async () => {
      await bench?.hub.close();
      await store.cleanup(base);
      await bench?.dir.cleanup();
    });

    it('keeps the results of the newest 3 runs and the summaries of all 5 in the store', async () => {
      const perRun = await resultsPerRun(bench.hub, base);
      expect([...perRun.keys()].sort()).toEqual(runs.map((r) => r.runId).sort());
      expect(runs.map((r) => perRun.get(r.runId))).toEqual([0, 0, 3, 3, 3]);
      const [old] = await bench.hub.store.select(`SELECT ?conforms ?pruned ?rows ?seen ?orgSeen WHERE { GRAPH <${base}graph/reports/src/${runs[0]!.runId}> {
        ?rep <${SH}conforms> ?conforms ; <${HUB}detailPruned> ?pruned ; <${HUB}prunedRows> ?rows ; <http://www.w3.org/ns/prov#wasGeneratedBy> ?run .
        ?run <${HUB}seen> ?seen ; <${HUB}organisationCounts> [ <${HUB}organisation> "Museum B" ; <${HUB}seen> ?orgSeen ] } }`);
      expect(old && Object.fromEntries(Object.entries(old).map(([k, v]) => [k, v.value]))).toMatchObject({ conforms: 'false', rows: '3', seen: '5', orgSeen: '3' });
    });

    it('keeps the same split in the report files and marks pruned runs in the state file', async () => {
      const files = (await readdir(join(bench.config.hub.dataDir, 'reports', 'src'))).sort();
      expect(files).toEqual(runs.map((r) => `${r.runId}.json`).sort());
      const kept = await bench.hub.states.read('src');
      expect(kept.runs.map((r) => Boolean(r.pruned))).toEqual([true, true, false, false, false]);
    });

    it("says on a pruned run's page that its detail was pruned, with its figures, not that it had no problems", async () => {
      for (const lang of ['en', 'nl']) {
        const page = await request(app).get(`/reports/src/${runs[0]!.runId}?lang=${lang}`);
        expect(page.status).toBe(200);
        expect(page.text).toContain('id="detail-pruned"');
        expect(page.text).not.toContain('id="no-problems"');
      }
      const json = await request(app).get(`/reports/src/${runs[0]!.runId}?format=json`);
      expect(json.body.run.pruned).toMatchObject({ conforms: false, rows: 3 });
      expect(json.body.summary).toMatchObject({ seen: 5, nonConforming: 3, violations: 3, conformance: 40 });
      expect(json.body.summary.top).toEqual([expect.objectContaining({ constraint: `${SH}MinCountConstraintComponent`, results: 3, records: 3 })]);
      expect(json.body.organisations.find((o: { name: string }) => o.name === 'Museum B').summary).toMatchObject({ seen: 3, nonConforming: 2, violations: 2 });
      const csv = await request(app).get(`/reports/src/${runs[0]!.runId}?format=csv`);
      expect(csv.headers['x-report-detail']).toMatch(/^pruned /);
      const ttl = await request(app).get(`/reports/src/${runs[0]!.runId}?format=ttl`);
      expect(ttl.text).toContain('detailPruned');
      expect(ttl.text).toMatch(/conforms false/);
    });

    it('shows the newest run with its results, and the history with every run', async () => {
      const latest = await request(app).get(`/reports/src/${runs[4]!.runId}?format=json`);
      expect(latest.body.run.pruned).toBeUndefined();
      expect(latest.body.rows).toHaveLength(3);
      const source = await request(app).get('/reports/src?format=json');
      expect(source.body.history).toHaveLength(5);
      const page = await request(app).get('/reports/src?lang=en');
      expect(page.text.match(/\(detail pruned\)/g)).toHaveLength(2);
      const org = await request(app).get('/reports/organisations/museum-b?format=json');
      expect(org.body.rows).toHaveLength(2);
    });
  });

  describe('with keepDetailRuns 2 and keepSummaryRuns 5, over 12 runs', () => {
    const base = store.baseIri();
    let bench: Bench;

    beforeAll(async () => {
      bench = await open(store, base, 'reports: { keepDetailRuns: 2, keepSummaryRuns: 5 }');
    });

    afterAll(async () => {
      await bench?.hub.close();
      await store.cleanup(base);
      await bench?.dir.cleanup();
    });

    it('keeps the report triples, files and summaries bounded', async () => {
      const triples: number[] = [];
      const runs: RunSummary[] = [];
      for (let i = 0; i < 12; i++) {
        runs.push(await bench.runOnce());
        triples.push(await reportTriples(bench.hub, base));
      }
      // Every run reports the same records, so once 5 runs are kept the total stops growing.
      expect(new Set(triples.slice(4)).size).toBe(1);
      // Two full reports and three summaries: less than five full reports (one run's is triples[0]).
      expect(triples[11]).toBeLessThan(5 * triples[0]!);
      expect(triples[11]).toBeGreaterThan(2 * triples[0]!);
      const perRun = await resultsPerRun(bench.hub, base);
      expect([...perRun.keys()].sort()).toEqual(runs.slice(-5).map((r) => r.runId).sort());
      expect(runs.slice(-5).map((r) => perRun.get(r.runId))).toEqual([0, 0, 0, 3, 3]);
      expect((await readdir(join(bench.config.hub.dataDir, 'reports', 'src'))).sort()).toEqual(runs.slice(-5).map((r) => `${r.runId}.json`).sort());
      expect((await bench.hub.states.read('src')).runs.map((r) => r.runId)).toEqual(runs.slice(-5).map((r) => r.runId));
    });
  });

  it('refuses keepSummaryRuns below keepDetailRuns', () => {
    expect(() => parseConfig('hub:\n  reports: { keepDetailRuns: 4, keepSummaryRuns: 2 }\n', '/tmp/hub.yaml')).toThrow(/keepSummaryRuns/);
  });
});
