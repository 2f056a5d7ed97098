/**
 * Every IRI the hub mints dereferences: a hub on the demo's sources (config/demo.yaml over the
 * demo's fixture servers, one record deleted at the files source and harvested again) is
 * crawled for hub IRIs in SPARQL results (subjects and objects), every page of every REST
 * collection, every LDES page (following tree:relation) and every EDM record of /oai; each is
 * dereferenced as RDF (Turtle) and as a browser asks (HTML first). None may be broken: 2xx (after a 303 at most), or 410 only
 * for the IRIs of deleted records.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Express } from 'express';
import N3 from 'n3';
import request from 'supertest';
import { createApp } from '../../../src/api/app.js';
import { parseConfig } from '../../../src/config/load.js';
import { entityIri } from '../../../src/core/identifiers.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { lidoId, lidoXml } from '../../../fixtures/files/folder.js';
import { startLdesFixture } from '../../../fixtures/ldes/server.js';
import { startOaiPmhFixture } from '../../../fixtures/oai-pmh/server.js';
import { startTicketmaticFixture } from '../../../fixtures/ticketmatic/server.js';
import { startUitdatabankFixture } from '../../../fixtures/uitdatabank/server.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BASE = 'http://hub.test/';
const HUB_NS = 'https://w3id.org/culture-lod-hub/ns#';
/** The demo's own sizes (fixtures/serve-all.ts) with HUB_CRAWL_FULL=1; a third of them otherwise. */
const FULL = process.env.HUB_CRAWL_FULL === '1';
const FILES = 15;
const DROPPED = 3;
/** What browsers send (Chromium's Accept for a page). */
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

let dir: { path: string; cleanup: () => Promise<void> };
let hub: Hub;
let app: Express;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = await tempDir('hub-crawl-');
  const folder = join(dir.path, 'files');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'collectie.xml'), lidoXml({ n: FILES }));
  const ldes = await startLdesFixture({ objects: FULL ? 60 : 20, pageSize: FULL ? 20 : 10 });
  const datahub = await startOaiPmhFixture({ profile: 'datahub', count: FULL ? 40 : 12 });
  const meemoo = await startOaiPmhFixture({ profile: 'meemoo', count: FULL ? 30 : 10, basicAuth: { username: 'harvester', password: 'secret' } });
  const uit = await startUitdatabankFixture({ count: FULL ? 40 : 10, clientIds: ['demo-client'] });
  const tm = await startTicketmaticFixture({ count: FULL ? 25 : 8, account: 'demo-cc', accessKey: 'a1b2c3d4e5f6', secretKey: 'test-secret-key' });
  closers.push(ldes.close, datahub.close, meemoo.close, uit.close, tm.close);
  const env = {
    HUB_BASE_IRI: BASE,
    HUB_DATA_DIR: join(dir.path, 'data'),
    DEMO_LDES_URL: ldes.url,
    DEMO_DATAHUB_OAI_URL: datahub.url,
    DEMO_MEEMOO_OAI_URL: meemoo.url,
    DEMO_MEEMOO_USER: 'harvester',
    DEMO_MEEMOO_PASSWORD: 'secret',
    DEMO_UIT_URL: uit.url,
    DEMO_UIT_CLIENT_ID: 'demo-client',
    DEMO_TM_BASE_URL: tm.url.replace(/\/[^/]+$/, ''),
    DEMO_TM_ACCOUNT: 'demo-cc',
    DEMO_TM_ACCESS_KEY: 'a1b2c3d4e5f6',
    DEMO_TM_SECRET_KEY: 'test-secret-key',
    DEMO_FILES_FOLDER: folder,
  };
  const file = projectPath('config/demo.yaml');
  // The crawl reads every REST page: lift the anonymous rate limit for it.
  const text = (await readFile(file, 'utf8')).replace(/^ {2}aggregator: (.*)$/m, '  aggregator: $1\n  api: { anonymousPerMinute: 1000000 }');
  const config = parseConfig(text, file, { env, checkConnector: checkConnectorSettings });
  hub = await Hub.open(config);
  app = createApp({ ...hubPorts(hub), log: () => undefined });
  for (const source of config.sources) await hub.harvest(source.id);
  // A record deleted at the source: the files source no longer lists it.
  await writeFile(join(folder, 'collectie.xml'), lidoXml({ n: FILES, dropped: [DROPPED] }));
  await hub.harvest('files-collectie');
}, 600_000);

afterAll(async () => {
  await hub?.close();
  for (const close of closers) await close();
  await dir?.cleanup();
});

const path = (iri: string) => iri.slice(BASE.length - 1);
/** Hub IRIs in a text of IRIs, without the query-string variants of API pages. */
const hubIris = (iris: Iterable<string>) => [...iris].filter((i) => i.startsWith(BASE) && !i.includes('?'));

async function get(url: string, accept: string) {
  return request(app).get(url).set('accept', accept).redirects(2);
}

function iriTerms(text: string, format: string): string[] {
  const out: string[] = [];
  for (const q of new N3.Parser({ format, baseIRI: BASE }).parse(text)) for (const t of [q.subject, q.object, q.graph]) if (t.termType === 'NamedNode') out.push(t.value);
  return out;
}

async function fromSparql(): Promise<string[]> {
  const out: string[] = [];
  const query = `SELECT DISTINCT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } FILTER(isIRI(?x) && STRSTARTS(STR(?x), "${BASE}")) }`;
  const r = await request(app).get('/sparql').query({ query }).set('accept', 'application/sparql-results+json');
  expect(r.status).toBe(200);
  expect(r.headers['x-result-truncated']).toBeUndefined();
  for (const b of JSON.parse(r.text).results.bindings) out.push(b.x.value);
  return out;
}

async function fromRest(): Promise<string[]> {
  const out: string[] = [];
  const index = JSON.parse((await get('/api/v1', 'application/json')).text);
  for (const c of index.collections as { href: string }[]) {
    let next: string | undefined = path(c.href);
    while (next) {
      const r = await get(next, 'application/n-triples');
      expect([next, r.status]).toEqual([next, 200]);
      out.push(...iriTerms(r.text, 'N-Triples'));
      const link = /<([^>]+)>; rel="next"/.exec(r.headers.link ?? '');
      next = link ? path(link[1]!) : undefined;
    }
  }
  return out;
}

async function fromLdes(): Promise<string[]> {
  const out: string[] = [];
  const streams = JSON.parse((await get('/ldes', 'application/json')).text).streams as { href: string }[];
  const seen = new Set<string>();
  const pending = streams.map((s) => s.href);
  while (pending.length > 0) {
    const url = pending.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const r = await get(path(url), 'application/n-triples');
    expect([url, r.status]).toEqual([url, 200]);
    const quads = new N3.Parser({ format: 'N-Triples' }).parse(r.text);
    for (const q of quads) for (const t of [q.subject, q.object]) if (t.termType === 'NamedNode') out.push(t.value);
    for (const q of quads) if (q.predicate.value === 'https://w3id.org/tree#node' || q.predicate.value === 'https://w3id.org/tree#view') pending.push(q.object.value);
  }
  expect(seen.size).toBeGreaterThan(streams.length);
  return out;
}

async function fromEdm(): Promise<string[]> {
  const out: string[] = [];
  let url: string | undefined = '/oai?verb=ListRecords&metadataPrefix=edm';
  let records = 0;
  while (url) {
    const r = await get(url, 'text/xml');
    expect([url, r.status]).toEqual([url, 200]);
    records += (r.text.match(/<record>/g) ?? []).length;
    for (const m of r.text.matchAll(/rdf:(?:about|resource)="([^"]+)"/g)) out.push(m[1]!.replace(/&amp;/g, '&'));
    const token = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(r.text)?.[1];
    url = token ? `/oai?verb=ListRecords&resumptionToken=${encodeURIComponent(token.replace(/&amp;/g, '&'))}` : undefined;
  }
  expect(records).toBeGreaterThan(0);
  return out;
}

/** IRIs the provenance says were deleted: tombstoned record graphs, their main entities and what they described. */
async function deletedIris(): Promise<Set<string>> {
  // A tombstone is invalidated by its run's deletion (docs/data-model.md, Provenance).
  const rows = await hub.store.select(
    `SELECT DISTINCT ?g ?x WHERE { GRAPH ?pg { ?g <http://www.w3.org/ns/prov#wasInvalidatedBy> ?by ; ?rel ?x . FILTER(?rel IN (<${HUB_NS}entity>, <${HUB_NS}describes>)) } }`,
  );
  return new Set(rows.flatMap((r) => [r.g!.value, r.x!.value]));
}

describe('Every hub IRI found in the published data', () => {
  it('dereferences, as RDF and as HTML, and DESCRIBE gives the same description (0 broken; 410 only for deleted records)', async () => {
    const found = new Map<string, string>();
    for (const [where, iris] of [
      ['SPARQL', await fromSparql()],
      ['REST', await fromRest()],
      ['LDES', await fromLdes()],
      ['EDM', await fromEdm()],
    ] as const) {
      for (const iri of hubIris(iris)) if (!found.has(iri)) found.set(iri, where);
    }
    const deleted = await deletedIris();
    // Hash IRIs name parts of a description: their document is the IRI before the hash.
    const documents = new Map<string, string>();
    for (const [iri, where] of found) documents.set(iri.split('#')[0]!, where);
    const minted = [...documents.keys()].filter((i) => i.startsWith(`${BASE}id/`));
    expect(minted.length).toBeGreaterThan(100);
    for (const type of ['agent', 'concept', 'locatie', 'organisatie', 'mensgemaaktobject', 'activiteit']) expect([type, minted.some((i) => i.startsWith(`${BASE}id/${type}/`))]).toEqual([type, true]);

    const broken: string[] = [];
    let crawled = 0;
    for (const [iri, where] of documents) {
      for (const accept of ['text/turtle', BROWSER]) {
        const r = await get(path(iri), accept);
        // A 410 after a 303 (an LDES version of a deleted entity) is judged by where it led.
        const final = r.redirects.length > 0 ? `${BASE}${new URL(r.redirects.at(-1)!).pathname.slice(1)}` : iri;
        const ok = (r.status >= 200 && r.status < 300) || (r.status === 410 && deleted.has(final));
        if (!ok) broken.push(`${r.status} ${accept} ${iri} (found in ${where})`);
        // No blank-node label is shown to a person on an entity's page. (Conformance reports still
        // name blank focus nodes by label until records carry hash IRIs instead of blank nodes.)
        if (iri.startsWith(`${BASE}id/`) && r.status === 200 && /^text\/html/.test(r.headers['content-type'] ?? '') && /_:[A-Za-z0-9]/.test(r.text)) broken.push(`blank-node label on the page of ${iri}`);
        crawled++;
      }
    }
    // DESCRIBE of each minted IRI returns the description its dereferencing serves.
    for (const iri of minted) {
      const deref = await get(path(iri), 'application/n-triples');
      if (deref.status !== 200) continue;
      const described = await request(app).get('/sparql').query({ query: `DESCRIBE <${iri}>` }).set('accept', 'application/n-triples');
      const count = (text: string) => new N3.Parser({ format: 'N-Triples' }).parse(text).length;
      if (described.status !== 200 || count(described.text) !== count(deref.text)) broken.push(`DESCRIBE <${iri}>: ${described.status}, ${count(described.text)} triples, dereferencing ${count(deref.text)}`);
    }
    expect(broken).toEqual([]);
    if (process.env.HUB_CRAWL_REPORT) process.stderr.write(`crawled ${documents.size} hub IRIs (${minted.length} under id/) from ${found.size} found, ${crawled} requests, ${deleted.size} deleted IRIs\n`);
  }, 900_000);

  it('answers 410 for the record deleted at its source, and 404 for an IRI never minted', async () => {
    const gone = entityIri(BASE, 'mensgemaaktobject', 'files-collectie', lidoId(DROPPED));
    expect((await get(path(gone), 'text/turtle')).status).toBe(410);
    expect((await get(path(gone), 'text/html')).status).toBe(410);
    expect((await get('/id/agent/x/y', 'text/turtle')).status).toBe(404);
    expect((await get('/id/agent/x/y', 'text/html')).status).toBe(404);
  });

  it('describes hub IRIs through DESCRIBE with more than the owl:sameAs link', async () => {
    const object = entityIri(BASE, 'mensgemaaktobject', 'files-collectie', lidoId(0));
    const r = await request(app).get('/sparql').query({ query: `DESCRIBE <${object}>` }).set('accept', 'application/n-triples');
    expect(r.status).toBe(200);
    const quads = new N3.Parser({ format: 'N-Triples' }).parse(r.text);
    expect(quads.length).toBeGreaterThan(3);
  });
});
