/**
 * One source carrying several organisations (as OAI-PMH sets or UiTdatabank organizers do):
 * each organisation finds its own report, counts are kept per organisation, shapes' tagged
 * messages show in the page's language, and the JSON-LD is exactly the stored report graph.
 */
import { join } from 'node:path';
import jsonld from 'jsonld';
import { parse as parseCsv } from 'csv-parse/sync';
import { isomorphic } from 'rdf-isomorphic';
import request from 'supertest';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { createApp } from '../../../src/api/app.js';
import { pickLang } from '../../../src/api/i18n/lang.js';
import { parseConfig } from '../../../src/config/load.js';
import type { Connector, ConnectorMessage } from '../../../src/connectors/contract.js';
import { projectPath } from '../../../src/core/paths.js';
import { literal, namedNode, parseRdf, quad, type Quad } from '../../../src/core/rdf.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { runReportQuads } from '../../../src/reports/run-report.js';
import { runSource, type SourceRuntime } from '../../../src/pipeline/run-source.js';
import type { RunSummary } from '../../../src/reports/run-summary.js';
import { ShaclValidator } from '../../../src/validation/shacl-validator.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { storeYaml, testStores } from '../../helpers/test-stores.js';

const EX = 'http://example.org/';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const SHAPES = `
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix ex: <${EX}> .
ex:ObjectShape a sh:NodeShape ; sh:targetClass ex:Object ;
  sh:property [ sh:path dct:title ; sh:minCount 1 ; sh:message "Title required"@en, "Titel verplicht"@nl ] ;
  sh:property [ sh:path ex:year ; sh:datatype <http://www.w3.org/2001/XMLSchema#gYear> ] .
`;

/** Records as the connector gives them: id, organisation (meta) and whether they have a title. */
const RECORDS = [
  { id: 'a1', org: 'Museum A', title: true },
  { id: 'a2', org: 'Museum A', title: false },
  { id: 'b1', org: 'Museum B', title: false },
  { id: 'b2', org: 'Museum B', title: false, badYear: true },
  { id: 'b3', org: 'Museum B', title: true },
  { id: 'x1', org: undefined, title: false },
];

const connector: Connector = {
  type: 'fake',
  check: async () => ({ ok: true, message: 'ok' }),
  async *read(): AsyncIterable<ConnectorMessage> {
    for (const r of RECORDS) {
      yield { type: 'record', record: { sourceId: 'multi', recordId: r.id, mediaType: 'application/json', body: JSON.stringify(r), link: `https://example.org/records/${r.id}`, meta: { organisation: r.org } } };
    }
  },
};

/** Maps a record to an ex:Object; each triple remembers its "triples map". */
const mapper = {
  id: 'test-mapping',
  version: '1',
  async map(record: { body: string }) {
    const r = JSON.parse(record.body) as (typeof RECORDS)[number];
    const s = namedNode(`${EX}object/${r.id}`);
    const quads: Quad[] = [quad(s, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${EX}Object`))];
    const origins = ['urn:rules#ObjectMap'];
    if (r.title) {
      quads.push(quad(s, namedNode('http://purl.org/dc/terms/title'), literal(`Object ${r.id}`)));
      origins.push('urn:rules#TitleMap');
    }
    if (r.badYear) {
      quads.push(quad(s, namedNode(`${EX}year`), literal('around 1900')));
      origins.push('urn:rules#YearMap');
    }
    return { quads, origins };
  },
};

describe.each(testStores())('A source with several organisations, in its reports, on the %s store', (_name, store) => {
  const base = store.baseIri();
  let dir: { path: string; cleanup: () => Promise<void> };
  let hub: Hub;
  let app: ReturnType<typeof createApp>;
  let run: RunSummary;

  beforeAll(async () => {
    dir = await tempDir('hub-orgs-');
    const yaml = `
hub:
  baseIri: '${base}'
  dataDir: ${JSON.stringify(join(dir.path, 'data'))}
  ${storeYaml(store)}
sources:
  - id: multi
    name: Aggregated collections
    organisation: Aggregator
    connector: { type: ldes, url: 'http://127.0.0.1:9/never-used' }
    mapping: ${JSON.stringify(projectPath('mappings/ghent-ldes.yml'))}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.ttl'))}]
    onViolation: reject
`;
    const config = parseConfig(yaml, join(dir.path, 'hub.yaml'));
    hub = await Hub.open(config);
    const rt: SourceRuntime = { source: config.sources[0]!, connector, connectorConfig: {}, mapper, validator: new ShaclValidator(parseRdf(SHAPES), { id: 'test-shapes', version: '1' }) };
    run = await runSource(config.hub, rt, hub.store, hub.states);
    app = createApp({ ...hubPorts(hub), log: () => undefined });
  });

  afterAll(async () => {
    await hub?.close();
    await store.cleanup(base);
    await dir?.cleanup();
  });

  it('counts records per organisation, the source organisation standing in for records without one', () => {
    expect(run.organisations).toEqual({
      'Museum A': { seen: 2, published: 1, rejected: 1, nonConforming: 1, errors: 0 },
      'Museum B': { seen: 3, published: 1, rejected: 2, nonConforming: 2, errors: 0 },
      Aggregator: { seen: 1, published: 0, rejected: 1, nonConforming: 1, errors: 0 },
    });
    expect(run.problems.map((p) => [p.recordId, p.organisation])).toEqual([
      ['a2', 'Museum A'],
      ['b1', 'Museum B'],
      ['b2', 'Museum B'],
      ['x1', 'Aggregator'],
    ]);
  });

  it('gives each organisation only its own records', async () => {
    const a = await request(app).get('/reports/organisations/museum-a?format=json');
    expect(a.status).toBe(200);
    expect(a.body.summary).toMatchObject({ seen: 2, rejected: 1, nonConforming: 1, conformance: 50 });
    expect(a.body.rows.map((r: { recordId: string }) => r.recordId)).toEqual(['a2']);
    const b = await request(app).get('/reports/organisations/museum-b?format=csv');
    const rows = parseCsv(b.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.recordId, r.constraint, r.mappingRule])).toEqual([
      ['b1', 'sh:MinCountConstraintComponent', 'urn:rules#ObjectMap'],
      ['b2', 'sh:MinCountConstraintComponent', 'urn:rules#ObjectMap'],
      ['b2', 'sh:DatatypeConstraintComponent', 'urn:rules#YearMap'],
    ]);
    expect(rows.every((r) => r.organisation === 'Museum B' && r.recordLink === `https://example.org/records/${r.recordId}`)).toBe(true);
  });

  it('lists the organisations on the index and on the run page', async () => {
    const index = await request(app).get('/reports?format=json');
    expect(index.body.organisations.map((o: { name: string; seen: number }) => [o.name, o.seen])).toEqual([
      ['Aggregator', 1],
      ['Museum A', 2],
      ['Museum B', 3],
    ]);
    const page = await request(app).get(`/reports/multi/${run.runId}`).set('Accept', 'text/html');
    expect(page.text).toContain('id="run-organisations"');
    expect(page.text).toContain('href="/reports/organisations/museum-b?lang=en"');
  });

  it("shows the shapes' message in the page's language", async () => {
    const en = await request(app).get(`/reports/multi/${run.runId}?lang=en`).set('Accept', 'text/html');
    expect(en.text).toContain('Title required');
    expect(en.text).not.toContain('Titel verplicht');
    const nl = await request(app).get(`/reports/multi/${run.runId}`).set('Accept', 'text/html').set('Accept-Language', 'nl');
    expect(nl.text).toContain('Titel verplicht');
    expect(nl.text).not.toContain('Title required');
  });

  it('serves JSON-LD that is exactly the report graph the store holds', async () => {
    const res = await request(app).get(`/reports/multi/${run.runId}?format=jsonld`);
    const fromJsonLd = parseRdf((await jsonld.toRDF(JSON.parse(res.text), { format: 'application/n-quads' })) as unknown as string, { format: 'N-Quads' });
    const graph = `${base}graph/reports/multi/${run.runId}`;
    const stored = await hub.store.construct(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${graph}> { ?s ?p ?o } }`);
    const expected = runReportQuads(base, run).map((q) => quad(q.subject, q.predicate, q.object));
    expect(fromJsonLd.length).toBe(expected.length);
    expect(isomorphic(fromJsonLd, expected)).toBe(true);
    // The store writes xsd:dateTime in canonical form (".960Z" as ".96Z"): compare values.
    const canonical = (qs: Quad[]) =>
      qs.map((q) => (q.object.termType === 'Literal' && q.object.datatype.value === `${XSD}dateTime` ? quad(q.subject, q.predicate, literal(new Date(q.object.value).toISOString(), namedNode(`${XSD}dateTime`))) : quad(q.subject, q.predicate, q.object)));
    expect(isomorphic(canonical(fromJsonLd), canonical(stored))).toBe(true);
  });

  it('serves an organisation report as JSON-LD linking each source run narrowed to it', async () => {
    const res = await request(app).get('/reports/organisations/museum-a').set('Accept', 'application/ld+json');
    const doc = JSON.parse(res.text);
    expect(doc['@type']).toBe('hub:OrganisationReport');
    expect(doc['hub:organisation']).toBe('Museum A');
    const part = doc['dct:hasPart'];
    expect(part['@type']).toBe('sh:ValidationReport');
    expect(part['sh:conforms']).toBe(false);
    expect(part['sh:result']['hub:recordId']).toBe('a2');
  });

  it('picks the page language from ?lang, then Accept-Language', () => {
    expect(pickLang('nl', 'en')).toBe('nl');
    expect(pickLang(undefined, 'fr, nl-BE;q=0.8, en;q=0.5')).toBe('nl');
    expect(pickLang(undefined, 'nl;q=0.2, en-GB')).toBe('en');
    expect(pickLang('de', undefined)).toBe('en');
  });
});
