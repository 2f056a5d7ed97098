/**
 * The issue's "done when": a harvest with bad records shows, on the report page, each bad record
 * with its source id and the mapping rule, and the same report is fetchable as JSON-LD and CSV.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { parse as parseCsv } from 'csv-parse/sync';
import request from 'supertest';
import { startLdesFixture, type LdesFixture } from '../../../fixtures/ldes/server.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { createApp } from '../../../src/api/app.js';
import { parseConfig } from '../../../src/config/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import type { RunSummary } from '../../../src/reports/run-summary.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { storeYaml, testStores } from '../../helpers/test-stores.js';

const SH = 'http://www.w3.org/ns/shacl#';
const HUB = 'https://w3id.org/culture-lod-hub/ns#';

describe.each(testStores())('A harvest with bad records, in its conformance report, on the %s store', (_name, store) => {
  const base = store.baseIri();
  let fixture: LdesFixture;
  let dir: { path: string; cleanup: () => Promise<void> };
  let hub: Hub;
  let app: ReturnType<typeof createApp>;
  let first: RunSummary;
  let second: RunSummary;
  let warned: RunSummary;

  beforeAll(async () => {
    fixture = await startLdesFixture({ objects: 3, pageSize: 5 });
    fixture.addVersion('untitled-1', { withoutTitle: true });
    fixture.addVersion('productions-1', { extraProductions: 2 });
    dir = await tempDir('hub-reports-');
    mkdirSync(join(dir.path, 'data'));
    const yaml = `
hub:
  baseIri: ${base}
  ${storeYaml(store)}
  dataDir: ${JSON.stringify(join(dir.path, 'data'))}
sources:
  - id: ghent-dmg
    name: Design Museum Gent
    organisation: Design Museum Gent
    connector: { type: ldes, url: ${JSON.stringify(fixture.url)}, backoffMs: 0 }
    mapping: ${JSON.stringify(projectPath('mappings/ghent-ldes.yml'))}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.ttl'))}]
    entityType: mensgemaaktobject
    onViolation: reject
  - id: ghent-dmg-warn
    name: Design Museum Gent (published with warnings)
    organisation: Design Museum Gent
    connector: { type: ldes, url: ${JSON.stringify(fixture.url)}, backoffMs: 0 }
    mapping: ${JSON.stringify(projectPath('mappings/ghent-ldes.yml'))}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.ttl'))}]
    entityType: mensgemaaktobject
    onViolation: warn
`;
    hub = await Hub.open(parseConfig(yaml, join(dir.path, 'hub.yaml')));
    first = await hub.harvest('ghent-dmg');
    fixture.addVersion('untitled-2', { withoutTitle: true });
    second = await hub.harvest('ghent-dmg');
    warned = await hub.harvest('ghent-dmg-warn');
    app = createApp({ ...hubPorts(hub), log: () => undefined });
  }, 60_000);

  afterAll(async () => {
    await hub?.close();
    await store.cleanup(base);
    await fixture?.close();
    await dir?.cleanup();
  });

  const badRecords = (run: RunSummary) => run.problems.filter((p) => p.stage === 'validation').map((p) => p.recordId);

  it('rejects the records that violate the shapes and records why', () => {
    expect(first.status).toBe('completed');
    expect(first.seen).toBe(5);
    expect(badRecords(first)).toEqual(expect.arrayContaining(['untitled-1', 'productions-1']));
    expect(first.rejected).toBe(badRecords(first).length);
    expect(first.organisations?.['Design Museum Gent']?.seen).toBe(5);
    expect(second.seen).toBe(1);
  });

  it('shows each bad record on the run page with its source id and the mapping rule', async () => {
    const res = await request(app).get(`/reports/ghent-dmg/${first.runId}`).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    for (const problem of first.problems.filter((p) => p.stage === 'validation')) {
      expect(res.text).toContain(`data-record="${problem.recordId}"`);
      for (const r of problem.results ?? []) expect(res.text.replace(/<wbr>/g, '')).toContain(r.rule!);
    }
    expect(res.text.replace(/<wbr>/g, '')).toContain('mappings/ghent-ldes.yml#jsonld');
    expect(res.text).toContain('sh:MinCountConstraintComponent');
  });

  it('links the report from the sources overview, and keeps the run history with a trend', async () => {
    const sources = await request(app).get('/sources').set('Accept', 'text/html');
    expect(sources.text).toContain('href="/reports/ghent-dmg"');
    const page = await request(app).get('/reports/ghent-dmg').set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<svg id="trend-chart"');
    expect((page.text.match(/class="trend-point"/g) ?? []).length).toBe(2);
    expect(page.text).toContain(first.runId);
    expect(page.text).toContain(second.runId);
    // The latest run is shown: only untitled-2 was harvested in it, the findings of the records it
    // did not read again are carried from the first run (reports/carry-forward.ts), and it says so.
    expect(page.text).toContain('data-record="untitled-2"');
    expect(page.text).toContain('data-record="untitled-1"');
    expect(page.text).toContain('id="carried"');
  });

  it('serves the same report as JSON-LD: a sh:ValidationReport with run metadata, as in the store', async () => {
    const res = await request(app).get(`/reports/ghent-dmg/${first.runId}`).set('Accept', 'application/ld+json');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/ld+json');
    const doc = JSON.parse(res.text);
    expect(doc['@type']).toBe('sh:ValidationReport');
    expect(doc['prov:wasGeneratedBy']['hub:seen']).toBe(5);
    const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads' })) as unknown as string;
    const results = nquads.split('\n').filter((l) => l.includes(`<${SH}resultSeverity>`)).length;
    expect(results).toBe(first.problems.flatMap((p) => p.results ?? []).length);
    expect(nquads).toContain(`<${HUB}recordId> "untitled-1"`);
    expect(nquads).toMatch(new RegExp(`<${HUB}mappingRule> "mappings/ghent-ldes\\.yml#jsonld(/[^"]+)?"`));
    // The store holds the same report graph, queryable with SPARQL.
    const stored = await request(app)
      .post('/sparql')
      .type('application/sparql-query')
      .set('Accept', 'application/sparql-results+json')
      .send(`SELECT (COUNT(?r) AS ?n) WHERE { GRAPH <${base}graph/reports/ghent-dmg/${first.runId}> { ?report <${SH}result> ?r } }`);
    expect(Number(stored.body.results.bindings[0].n.value)).toBe(results);
  });

  it('serves the same report as CSV, one row per result', async () => {
    const res = await request(app).get(`/reports/ghent-dmg/${first.runId}?format=csv`);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv');
    const rows = parseCsv(res.text, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(first.problems.flatMap((p) => p.results ?? []).length);
    const untitled = rows.filter((r) => r.recordId === 'untitled-1');
    expect(untitled.length).toBeGreaterThan(0);
    expect(untitled.every((r) => r.source === 'ghent-dmg' && /^mappings\/ghent-ldes\.yml#jsonld(\/.+)?$/.test(r.mappingRule ?? '') && r.organisation === 'Design Museum Gent')).toBe(true);
    expect(untitled.some((r) => r.constraint === 'sh:MinCountConstraintComponent')).toBe(true);
  });

  it('filters by constraint on the server', async () => {
    const res = await request(app).get(`/reports/ghent-dmg/${first.runId}?format=csv&constraint=sh:MinCountConstraintComponent`);
    const rows = parseCsv(res.text, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.constraint === 'sh:MinCountConstraintComponent')).toBe(true);
    expect(rows.map((r) => r.recordId)).toContain('untitled-1');
  });

  it('gives the organisation its own report across sources, with its EDM conformance', async () => {
    expect(warned.published).toBe(6);
    expect(warned.nonConforming).toBe(6);
    const index = await request(app).get('/reports').set('Accept', 'text/html');
    expect(index.text).toContain('href="/reports/organisations/design-museum-gent?lang=en"');
    const res = await request(app).get('/reports/organisations/design-museum-gent?format=json');
    expect(res.status).toBe(200);
    expect(res.body.organisation).toBe('Design Museum Gent');
    expect(res.body.sources.map((s: { id: string }) => s.id)).toEqual(['ghent-dmg', 'ghent-dmg-warn']);
    // The latest run of each source: one record in ghent-dmg's second run, six in ghent-dmg-warn's.
    expect(res.body.summary).toMatchObject({ seen: 7, published: 6, rejected: 1, nonConforming: 7 });
    const records = new Set(res.body.rows.map((r: { sourceId: string; recordId: string }) => `${r.sourceId}/${r.recordId}`));
    // ghent-dmg's latest run read only untitled-2 and carries the other records' findings.
    const ids = ['530000000', '530000001', '530000002', 'untitled-1', 'productions-1', 'untitled-2'];
    expect(records).toEqual(new Set([...ids.map((id) => `ghent-dmg/${id}`), ...ids.map((id) => `ghent-dmg-warn/${id}`)]));
    // Published records go to the EDM feed unless they break its rules: no source here declares rights,
    // so every published record is withheld (rights:missing); the rejected ones were never published.
    expect('issues' in res.body.edm).toBe(true);
    const withheld = res.body.edm.issues as { sourceId: string; recordId: string; rule: string }[];
    expect(withheld.every((i) => i.sourceId === 'ghent-dmg-warn')).toBe(true);
    expect(new Set(withheld.filter((i) => i.rule === 'rights:missing').map((i) => i.recordId)).size).toBe(6);
    const html = await request(app).get('/reports/organisations/design-museum-gent').set('Accept', 'text/html');
    expect(html.text).toContain('id="edm"');
    for (const i of withheld) expect(html.text).toContain(i.rule);
  });

  it('speaks Dutch when asked', async () => {
    const nl = await request(app).get(`/reports/ghent-dmg/${first.runId}`).set('Accept', 'text/html').set('Accept-Language', 'nl-BE,nl;q=0.9,en;q=0.5');
    expect(nl.text).toContain('<html lang="nl">');
    expect(nl.text).toContain('Geweigerd');
    const en = await request(app).get(`/reports/ghent-dmg/${first.runId}?lang=en`).set('Accept', 'text/html').set('Accept-Language', 'nl');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Rejected');
  });

  it('answers 404 for an unknown run and 406 for an unknown media type', async () => {
    expect((await request(app).get('/reports/ghent-dmg/nope-123')).status).toBe(404);
    expect((await request(app).get('/reports/ghent-dmg/..%2f..%2fsecret')).status).toBe(404);
    expect((await request(app).get('/reports/nope')).status).toBe(404);
    expect((await request(app).get(`/reports/ghent-dmg/${first.runId}`).set('Accept', 'image/png')).status).toBe(406);
    expect((await request(app).get(`/reports/ghent-dmg/${first.runId}?format=pdf`)).status).toBe(400);
  });
});
