/**
 * Open-access benchmark: entity GETs (dereferencing, Turtle and JSON-LD), REST collection pages
 * and a small SPARQL query mix, with autocannon on loopback against the hub's own app over an
 * embedded store filled with synthetic heritage objects and activities.
 *
 *   npm run bench:api [-- --entities 20000 --duration 10 --connections 10]
 *
 * Prints a Markdown table; bench/results-api.md holds the numbers of a run on the project machine.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createApp } from '../../src/api/app.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { entityIri } from '../../src/core/identifiers.js';
import { literal, namedNode, quad, type Quad } from '../../src/core/rdf.js';
import { Hub } from '../../src/pipeline/hub.js';
import { publishWrites } from '../../src/pipeline/record-publisher.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ENTITIES = arg('entities', 20000);
const DURATION = arg('duration', 10);
const CONNECTIONS = arg('connections', 10);
const BASE = 'http://localhost:3000/';
const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const DCT = 'http://purl.org/dc/terms/';

function object(i: number): Quad[] {
  const s = namedNode(entityIri(BASE, 'mensgemaaktobject', 'bench', `obj-${i}`));
  const p = (iri: string) => namedNode(iri);
  const prod = namedNode(`${s.value}#production`);
  return [
    quad(s, p('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), p(`${CRM}E22_Human-Made_Object`)),
    quad(s, p(`${CRM}P102_has_title`), literal(`Object ${i}: stoel in eik`, 'nl')),
    quad(s, p(`${DCT}description`), literal(`Beschrijving van object ${i}, met een langere tekst over herkomst en materiaal.`, 'nl')),
    quad(s, p(`${CRM}P108i_was_produced_by`), prod),
    quad(prod, p('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), p(`${CRM}E12_Production`)),
    quad(prod, p(`${CRM}P14_carried_out_by`), p(`https://example.org/agent/${i % 500}`)),
    quad(prod, p('http://data.europa.eu/m8g/startTime'), literal(`${1800 + (i % 200)}-01-01`, p('http://www.w3.org/2001/XMLSchema#date'))),
    quad(s, p(`${CRM}P45_consists_of`), p(`https://example.org/concept/material/${i % 40}`)),
    quad(s, p(`${CRM}P50_has_current_keeper`), p('https://example.org/agent/museum')),
  ];
}

async function load(hub: Hub): Promise<void> {
  const source = hub.config.sources[0]!;
  const ctx = { baseIri: BASE, source, runId: 'bench', mapping: { id: 'bench', version: '1' }, shapes: { id: 'bench', version: '1' } };
  for (let start = 0; start < ENTITIES; start += 1000) {
    const put = [];
    for (let i = start; i < Math.min(ENTITIES, start + 1000); i++) put.push(...publishWrites({ sourceId: 'bench', recordId: `obj-${i}`, mediaType: 'text/turtle', body: '' }, object(i), true, ctx, new Date().toISOString()));
    await hub.store.commit({ put });
  }
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function run(name: string, origin: string, requests: { path: string; headers?: Record<string, string>; method?: 'GET' | 'POST'; body?: string }[]): Promise<Row> {
  const result = await autocannon({ url: origin, connections: CONNECTIONS, duration: DURATION, requests: requests as never });
  const row = { name, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
  console.error(`${name}: ${row.rps} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, errors ${row.errors}, non-2xx ${row.non2xx}`);
  return row;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hub-bench-api-'));
  const config = ConfigSchema.parse({
    hub: { baseIri: BASE, dataDir: dir, sparql: { queryWorkers: 2 }, api: { anonymousPerMinute: 100_000_000 } },
    sources: [{ id: 'bench', entityType: 'mensgemaaktobject', mapping: 'x', shapes: ['x'], connector: { type: 'files' } }],
  });
  const hub = await Hub.open({ ...config, baseDir: dir });
  const t0 = Date.now();
  await load(hub);
  const health = await hub.store.health();
  console.error(`loaded ${ENTITIES} objects (${health.quads} quads) in ${Date.now() - t0} ms`);
  const server = createServer(createApp({ hub, log: () => undefined }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ids = Array.from({ length: 500 }, (_, k) => Math.floor((k * 7919) % ENTITIES));
  const entity = (accept: string) => ids.map((i) => ({ path: `/id/mensgemaaktobject/bench/obj-${i}`, headers: { accept } }));
  const rows: Row[] = [];
  rows.push(await run('entity GET /id/… (Turtle)', origin, entity('text/turtle')));
  rows.push(await run('entity GET /id/… (N-Triples)', origin, entity('application/n-triples')));
  rows.push(await run('entity GET /id/… (JSON-LD, OSLO context)', origin, entity('application/ld+json')));
  rows.push(await run('entity GET /id/… (HTML)', origin, entity('text/html')));
  rows.push(await run('REST /api/v1/heritage-objects/{id} (Turtle)', origin, ids.map((i) => ({ path: `/api/v1/heritage-objects/bench:obj-${i}`, headers: { accept: 'text/turtle' } }))));
  const cursor = (i: number) => Buffer.from(entityIri(BASE, 'mensgemaaktobject', 'bench', `obj-${i}`)).toString('base64url');
  const pages = ids.slice(0, 50).map((i) => ({ path: `/api/v1/heritage-objects?limit=50&cursor=${cursor(i)}`, headers: { accept: 'text/turtle' } }));
  rows.push(await run('REST collection page, 50 items (Turtle)', origin, pages));
  rows.push(await run('REST collection page, 50 items (JSON-LD)', origin, pages.map((p) => ({ ...p, headers: { accept: 'application/ld+json' } }))));
  rows.push(await run('REST collection page, 50 items, q= full text (Turtle)', origin, [{ path: '/api/v1/heritage-objects?limit=50&q=eik', headers: { accept: 'text/turtle' } }]));
  const sparql = [
    `SELECT ?title WHERE { <${entityIri(BASE, 'mensgemaaktobject', 'bench', 'obj-42')}> <${CRM}P102_has_title> ?title }`,
    `SELECT ?o ?t WHERE { ?o <${CRM}P50_has_current_keeper> <https://example.org/agent/museum> ; <${CRM}P102_has_title> ?t } LIMIT 100`,
    `SELECT ?m (COUNT(?o) AS ?n) WHERE { ?o <${CRM}P45_consists_of> ?m } GROUP BY ?m`,
  ].map((q) => ({ path: `/sparql?query=${encodeURIComponent(q)}`, headers: { accept: 'application/sparql-results+json' } }));
  rows.push(await run('SPARQL mix (lookup, LIMIT 100 join, GROUP BY count)', origin, sparql));
  console.log(`Entities: ${ENTITIES} objects, ${health.quads} quads; autocannon ${CONNECTIONS} connections × ${DURATION} s per row; Node ${process.version}.\n`);
  console.log('| scenario | req/s | p50 ms | p99 ms | errors | non-2xx |\n|---|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  server.closeAllConnections();
  server.close();
  await hub.close();
  await rm(dir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
