/** POST /validate: RDF in several syntaxes or a source file plus a mapping, against a named profile. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from 'express';
import jsonld from 'jsonld';
import { parse as parseCsv } from 'csv-parse/sync';
import request from 'supertest';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { createApp } from '../../../src/api/app.js';
import { errorHandler } from '../../../src/api/http-errors.js';
import { createValidateRouter } from '../../../src/api/routes/validate.js';
import { parseConfig } from '../../../src/config/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { tempDir } from '../../helpers/temp-dir.js';

const SH = 'http://www.w3.org/ns/shacl#';
const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
/** A human-made object with nothing else: the OSLO CE object profile wants more of it. */
const BARE_OBJECT_TTL = `@prefix crm: <${CRM}> .\n<http://example.org/object/1> a crm:E22_Man-Made_Object .\n`;
const BARE_OBJECT_NT = `<http://example.org/object/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${CRM}E22_Man-Made_Object> .\n`;
const BARE_OBJECT_RDFXML = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:crm="${CRM}">
  <crm:E22_Man-Made_Object rdf:about="http://example.org/object/1"/>
</rdf:RDF>`;
const UNRELATED_TTL = '<http://example.org/a> <http://example.org/p> "nothing the profile targets" .\n';

describe('POST /validate', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let hub: Hub;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    dir = await tempDir('hub-validate-');
    hub = await Hub.open(parseConfig(`hub:\n  baseIri: http://hub.test/\n  dataDir: ${JSON.stringify(join(dir.path, 'data'))}\n`, join(dir.path, 'hub.yaml')));
    app = createApp({ ...hubPorts(hub), log: () => undefined });
  });
  afterAll(async () => {
    await hub?.close();
    await dir?.cleanup();
  });

  const violations = (doc: Record<string, unknown>) => ((doc['sh:result'] as Record<string, unknown>[]) ?? []).filter((r) => (r['sh:resultSeverity'] as { '@id': string })['@id'] === `${SH}Violation`);

  it('validates Turtle in a multipart upload and answers JSON-LD by default', async () => {
    const res = await request(app).post('/validate').field('profile', 'oslo-ce-object-2021').attach('file', Buffer.from(BARE_OBJECT_TTL), 'object.ttl');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/ld+json');
    expect(res.headers['x-conforms']).toBe('false');
    const doc = JSON.parse(res.text);
    expect(doc['@type']).toBe('sh:ValidationReport');
    expect(doc['sh:conforms']).toBe(false);
    expect(doc['hub:profile']).toBe('oslo-ce-object-2021');
    expect(violations(doc).length).toBeGreaterThan(0);
    expect(violations(doc).every((r) => (r['sh:focusNode'] as { '@id': string })['@id'] === 'http://example.org/object/1')).toBe(true);
    // The document is valid JSON-LD that reads back as a report graph.
    const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads' })) as unknown as string;
    expect(nquads).toContain(`<${SH}conforms> "false"^^<http://www.w3.org/2001/XMLSchema#boolean>`);
  });

  it('gives the same results for the same data in Turtle, N-Triples, RDF/XML and JSON-LD', async () => {
    const count = async (body: string, type: string) => {
      const res = await request(app).post('/validate?profile=oslo-ce-object-2021&format=json').set('Content-Type', type).send(body);
      expect([res.status, res.body.detail]).toEqual([200, undefined]);
      return res.body.results.length as number;
    };
    const expected = await count(BARE_OBJECT_TTL, 'text/turtle');
    expect(expected).toBeGreaterThan(0);
    expect(await count(BARE_OBJECT_NT, 'application/n-triples')).toBe(expected);
    expect(await count(BARE_OBJECT_RDFXML, 'application/rdf+xml')).toBe(expected);
    const asJsonLd = JSON.stringify({ '@id': 'http://example.org/object/1', '@type': `${CRM}E22_Man-Made_Object` });
    expect(await count(asJsonLd, 'application/ld+json')).toBe(expected);
  });

  it('says the data conforms when it does', async () => {
    const res = await request(app).post('/validate?profile=oslo-ce-object-2021').set('Content-Type', 'text/turtle').set('Accept', 'text/html').send(UNRELATED_TTL);
    expect(res.status).toBe(200);
    expect(res.headers['x-conforms']).toBe('true');
    expect(res.text).toContain('id="verdict"');
    expect(res.text).toContain('class="ok"');
  });

  it('maps a source file with a named mapping and names the mapping rule of each result', async () => {
    // publiq's example event without its name: the profile wants a name on every activity.
    const sample = JSON.parse(readFileSync(projectPath('fixtures/uitdatabank/samples/event-read-example.json'), 'utf8')) as Record<string, unknown>;
    delete sample.name;
    const event = Buffer.from(JSON.stringify(sample));
    const res = await request(app).post('/validate').field('profile', 'oslo-cultuurparticipatie-2024').field('mapping', 'uitdatabank-event').field('format', 'csv').attach('file', event, 'event.json');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv');
    const json = await request(app).post('/validate').field('profile', 'oslo-cultuurparticipatie-2024').field('mapping', 'uitdatabank-event').field('format', 'json').attach('file', event, 'event.json');
    expect(json.body.triples).toBeGreaterThan(10);
    const rows = parseCsv(res.text, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(json.body.results.length);
    expect(rows.some((r) => r.constraint === 'sh:MinCountConstraintComponent')).toBe(true);
    // Every result of a mapped record points at a rule of that mapping.
    for (const r of rows) expect(r.mappingRule).toMatch(/uitdatabank-event\.yml#[a-z]+$/);
  });

  it('answers Turtle and an HTML page with the results', async () => {
    const ttl = await request(app).post('/validate?profile=oslo-ce-object-2021&format=ttl').set('Content-Type', 'text/turtle').send(BARE_OBJECT_TTL);
    expect(ttl.type).toBe('text/turtle');
    expect(ttl.text).toContain('sh:ValidationReport');
    const html = await request(app).post('/validate').set('Accept', 'text/html').field('profile', 'oslo-ce-object-2021').field('data', BARE_OBJECT_TTL).field('lang', 'nl');
    expect(html.type).toBe('text/html');
    expect(html.text).toContain('<html lang="nl">');
    expect(html.text).toContain('id="results"');
    expect(html.text).toContain('http://example.org/object/1');
  });

  it('refuses bad requests with problem+json', async () => {
    const unknownProfile = await request(app).post('/validate?profile=nope').set('Content-Type', 'text/turtle').send(BARE_OBJECT_TTL);
    expect(unknownProfile.status).toBe(400);
    expect(unknownProfile.type).toBe('application/problem+json');
    expect(unknownProfile.body.detail).toContain('oslo-ce-object-2021');
    expect((await request(app).post('/validate').set('Content-Type', 'text/turtle').send(BARE_OBJECT_TTL)).status).toBe(400);
    expect((await request(app).post('/validate?profile=oslo-ce-object-2021').set('Content-Type', 'text/turtle').send('<a> <b> ')).status).toBe(400);
    const remote = await request(app).post('/validate?profile=oslo-ce-object-2021').set('Content-Type', 'application/ld+json').send(JSON.stringify({ '@context': 'https://evil.example/context.jsonld', '@id': 'http://x' }));
    expect(remote.status).toBe(400);
    expect(remote.body.detail).toContain('not available locally');
    expect((await request(app).post('/validate?profile=oslo-ce-object-2021&mapping=nope').set('Content-Type', 'application/json').send('{}')).status).toBe(400);
    expect((await request(app).post('/validate?profile=oslo-ce-object-2021&format=pdf').set('Content-Type', 'text/turtle').send(BARE_OBJECT_TTL)).status).toBe(400);
  });

  it('answers 413 with problem+json for an upload above the limit', async () => {
    const small = express();
    small.use(createValidateRouter(hubPorts(hub), { maxBytes: 1000 }));
    small.use(errorHandler(() => undefined));
    const big = `${'# padding\n'.repeat(200)}${BARE_OBJECT_TTL}`;
    const raw = await request(small).post('/validate?profile=oslo-ce-object-2021').set('Content-Type', 'text/turtle').send(big);
    expect(raw.status).toBe(413);
    expect(raw.type).toBe('application/problem+json');
    expect(raw.body.detail).toContain('1000 bytes');
    const multipart = await request(small).post('/validate').field('profile', 'oslo-ce-object-2021').attach('file', Buffer.from(big), 'big.ttl');
    expect(multipart.status).toBe(413);
    expect(multipart.body.detail).toContain('1000 bytes');
    expect((await request(small).post('/validate?profile=oslo-ce-object-2021').set('Content-Type', 'text/turtle').send(BARE_OBJECT_TTL)).status).toBe(200);
  });

  it('serves the form, listing the profiles and mappings', async () => {
    const res = await request(app).get('/validate').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.text).toContain('enctype="multipart/form-data"');
    expect(res.text).toContain('value="oslo-cultuurparticipatie-2024"');
    expect(res.text).toContain('value="uitdatabank-event"');
    const json = await request(app).get('/validate').set('Accept', 'application/json');
    expect(json.body.profiles.map((p: { id: string }) => p.id)).toContain('oslo-ce-object-2021');
  });
});
