/**
 * Source and organisation names as configured per language (issue 17, item 5): report pages,
 * their JSON, CSV and XLSX downloads, /sources and /api/v1/sources use the asker's language,
 * else the plain name; ids, keys and addresses stay as they are.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import request from 'supertest';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { createApp } from '../../../src/api/app.js';
import { parseConfig } from '../../../src/config/load.js';
import type { Connector, ConnectorMessage } from '../../../src/connectors/contract.js';
import { projectPath } from '../../../src/core/paths.js';
import { literal, namedNode, parseRdf, quad, type Quad } from '../../../src/core/rdf.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { runSource, type SourceRuntime } from '../../../src/pipeline/run-source.js';
import { ShaclValidator } from '../../../src/validation/shacl-validator.js';
import { tempDir } from '../../helpers/temp-dir.js';

const EX = 'http://example.org/';
const SHAPES = `
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix ex: <${EX}> .
ex:ObjectShape a sh:NodeShape ; sh:targetClass ex:Object ; sh:property [ sh:path dct:title ; sh:minCount 1 ] .
`;
const RECORDS = [
  { id: 'a1', org: 'Musea Brugge', title: false },
  { id: 'a2', org: undefined, title: false },
  { id: 'a3', org: undefined, title: true },
];
const connector: Connector = {
  type: 'fake',
  check: async () => ({ ok: true, message: 'ok' }),
  async *read(): AsyncIterable<ConnectorMessage> {
    for (const r of RECORDS) yield { type: 'record', record: { sourceId: 'kunst', recordId: r.id, mediaType: 'application/json', body: JSON.stringify(r), meta: { organisation: r.org } } };
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
    return { quads, origins: quads.map(() => 'urn:rules#ObjectMap') };
  },
};

describe('Names per language on the report pages, downloads, /sources and the API', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let hub: Hub;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    dir = await tempDir('hub-names-');
    const yaml = `
hub:
  baseIri: 'http://hub.test/'
  dataDir: ${JSON.stringify(join(dir.path, 'data'))}
  organisationNames:
    Musea Brugge: { nl: Musea Brugge, en: Bruges Museums }
sources:
  - id: kunst
    name: { nl: Kunstcollectie — objecten, en: Art collection — objects }
    organisation: { nl: Museum voor Schone Kunsten Gent, en: Museum of Fine Arts Ghent }
    connector: { type: ldes, url: 'http://127.0.0.1:9/never-used' }
    mapping: ${JSON.stringify(projectPath('mappings/ghent-ldes.yml'))}
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.ttl'))}]
    onViolation: warn
`;
    const config = parseConfig(yaml, join(dir.path, 'hub.yaml'));
    hub = await Hub.open(config);
    const rt: SourceRuntime = { source: config.sources[0]!, connector, connectorConfig: {}, mapper, validator: new ShaclValidator(parseRdf(SHAPES), { id: 'test-shapes', version: '1' }) };
    await runSource(config.hub, rt, hub.store, hub.states);
    app = createApp({ ...hubPorts(hub), log: () => undefined });
  });

  afterAll(async () => {
    await hub?.close();
    await dir?.cleanup();
  });

  const html = (path: string, lang: string) => request(app).get(path).set('Accept', 'text/html').set('Accept-Language', lang);

  it('shows the source and organisations in the page language on the index, the source page and the organisation page', async () => {
    const nl = (await html('/reports', 'nl-BE,nl;q=0.9')).text;
    expect(nl).toContain('Kunstcollectie — objecten');
    expect(nl).toContain('Museum voor Schone Kunsten Gent');
    expect(nl).not.toContain('Art collection');
    expect(nl).not.toContain('Museum of Fine Arts Ghent');
    const en = (await html('/reports', 'en')).text;
    expect(en).toContain('Art collection — objects');
    expect(en).toContain('Museum of Fine Arts Ghent');
    expect(en).toContain('Bruges Museums');
    expect(en).not.toContain('Kunstcollectie');
    // The address stays the organisation's key (the name its records carry).
    expect(en).toContain('href="/reports/organisations/museum-voor-schone-kunsten-gent?lang=en"');
    const source = (await html('/reports/kunst', 'en')).text;
    expect(source).toMatch(/<h1>Art collection — objects<\/h1>/);
    expect(source).toContain('Bruges Museums (1)');
    const org = (await html('/reports/organisations/museum-voor-schone-kunsten-gent', 'nl')).text;
    expect(org).toMatch(/<h1>[^<]*Museum voor Schone Kunsten Gent<\/h1>/);
    expect(org).toContain('Kunstcollectie — objecten');
    const orgEn = (await html('/reports/organisations/museum-voor-schone-kunsten-gent?lang=en', 'nl')).text;
    expect(orgEn).toMatch(/<h1>[^<]*Museum of Fine Arts Ghent<\/h1>/);
  });

  it('names them in the JSON, keeping the keys', async () => {
    const index = await request(app).get('/reports?format=json').set('Accept-Language', 'en');
    expect(index.body.sources[0]).toMatchObject({ id: 'kunst', name: 'Art collection — objects', organisation: 'Museum voor Schone Kunsten Gent', organisationName: 'Museum of Fine Arts Ghent' });
    expect(index.body.organisations.map((o: { name: string; label: string }) => [o.name, o.label])).toEqual([
      ['Museum voor Schone Kunsten Gent', 'Museum of Fine Arts Ghent'],
      ['Musea Brugge', 'Bruges Museums'],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!)));
    const source = await request(app).get('/reports/kunst?format=json&lang=nl');
    expect(source.body.source.name).toBe('Kunstcollectie — objecten');
  });

  it('writes the names of the download language into the CSV and XLSX', async () => {
    const csv = parseCsv((await request(app).get('/reports/kunst?format=csv&lang=en')).text, { columns: true }) as Record<string, string>[];
    const a1 = csv.find((r) => r.recordId === 'a1')!;
    expect([a1.source, a1.sourceName, a1.organisation]).toEqual(['kunst', 'Art collection — objects', 'Bruges Museums']);
    const causes = parseCsv((await request(app).get('/reports/kunst?format=csv&view=causes&lang=nl')).text, { columns: true }) as Record<string, string>[];
    expect(causes[0]).toMatchObject({ source: 'kunst', sourceName: 'Kunstcollectie — objecten' });
    const xlsx = await request(app).get('/reports/kunst?format=xlsx&lang=en').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(sheet.getRow(2).getCell(header.indexOf('sourceName') + 1).value).toBe('Art collection — objects');
  });

  it('names the source on /sources and in /api/v1/sources by Accept-Language', async () => {
    const nl = await request(app).get('/sources').set('Accept', 'application/json').set('Accept-Language', 'nl');
    expect(nl.body.sources[0]).toMatchObject({ name: 'Kunstcollectie — objecten', organisationName: 'Museum voor Schone Kunsten Gent', names: { nl: 'Kunstcollectie — objecten', en: 'Art collection — objects' } });
    const en = await request(app).get('/sources').set('Accept', 'text/html').set('Accept-Language', 'en');
    expect(en.text).toContain('Art collection — objects');
    const api = await request(app).get('/api/v1/sources/kunst').set('Accept', 'text/turtle');
    expect(api.text).toContain('"Art collection — objects"@en');
    const page = await request(app).get('/api/v1/sources').set('Accept', 'text/html').set('Accept-Language', 'en');
    expect(page.text).toContain('Art collection — objects');
  });
});
