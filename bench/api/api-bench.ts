/**
 * Open-access benchmark, autocannon on loopback against the hub's own app over an embedded store
 * of synthetic heritage objects (bench-data.ts), ≥ 5M quads by default:
 *   1. entity GETs (dereferencing: Turtle, N-Triples, JSON-LD, HTML; REST single resource);
 *   2. REST collection pages (cursor pages, full-text filter);
 *   3. a SPARQL query mix against the hub and against Virtuoso loaded with the same quads
 *      (sparql-mix.ts), with the per-query p50 ratio;
 *   4. small-request latency while a runaway query runs (runaway.ts).
 *
 *   npm run bench:api [-- --quads 5000000 --duration 10 --connections 10 --mix-duration 10 --runaway-timeout 20]
 *   npm run bench:api -- --quads 200000 --no-virtuoso      (quick: parts 1, 2 and 4 only)
 *   npm run bench:api -- --rest-only                        (part 2 only, without Virtuoso)
 *   npm run bench:api -- --search --entities 200000         (the search read model's rows only: search-bench.ts)
 *
 * Virtuoso: the benchmark starts a private instance with scripts/ci/start-virtuoso.sh (the CI
 * settings; needs virtuoso-opensource-7-bin) in a temporary directory on ports --virtuoso-http
 * (8891) and --virtuoso-isql (1112), and shuts it down at the end (virtuoso.ts says why not a
 * shared one).
 * Prints Markdown; bench/results-api.md holds the numbers of a run on the project machine.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubPorts } from '../../src/pipeline/hub-ports.js';
import { createApp } from '../../src/api/app.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { Hub } from '../../src/pipeline/hub.js';
import { literal, quad } from '../../src/core/rdf.js';
import { publishWrites } from '../../src/pipeline/record-publisher.js';
import { entitiesGraphIri } from '../../src/core/identifiers.js';
import { NS, objectIri, objectQuads, SOURCE_ID, writeDataset } from './bench-data.js';
import { measure, measureSequential, table, timeSequential, type Row } from './load-runner.js';
import { runawayLatency } from './runaway.js';
import { searchBench } from './search-bench.js';
import { mixTable, runMix } from './sparql-mix.js';
import { countQuads, loadNQuads, privateVirtuoso, startVirtuoso, stopVirtuoso, type VirtuosoAccess } from './virtuoso.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const QUADS = arg('quads', 5_000_000);
const DURATION = arg('duration', 10);
const CONNECTIONS = arg('connections', 10);
const MIX_DURATION = arg('mix-duration', 10);
const RUNAWAY_TIMEOUT = arg('runaway-timeout', 20);
const REST_ONLY = process.argv.includes('--rest-only');
/** The search read model's rows (issue 20) at --entities records, instead of parts 1–4. */
const SEARCH = process.argv.includes('--search');
const ENTITIES = arg('entities', 200_000);
const WITH_VIRTUOSO = !process.argv.includes('--no-virtuoso') && !REST_ONLY && !SEARCH;
const VIRTUOSO_HTTP = arg('virtuoso-http', 8891);
const VIRTUOSO_ISQL = arg('virtuoso-isql', 1112);

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
const seconds = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hub-bench-api-'));
  const virtuoso = privateVirtuoso(join(dir, 'virtuoso'), VIRTUOSO_HTTP, VIRTUOSO_ISQL);
  await mkdir(join(dir, 'store'), { recursive: true });
  await mkdir(virtuoso.dir, { recursive: true });
  try {
    if (SEARCH) await searchBench(join(dir, 'search'), { entities: ENTITIES, duration: DURATION, connections: CONNECTIONS });
    else await bench(dir, virtuoso);
  } finally {
    if (WITH_VIRTUOSO) await stopVirtuoso(virtuoso);
    await rm(dir, { recursive: true, force: true });
  }
}

async function bench(dir: string, virtuoso: VirtuosoAccess): Promise<void> {
  const notes: string[] = [`Load average (1/5/15 min) at start: ${load()}.`];
  const config = ConfigSchema.parse({
    hub: { baseIri: NS, dataDir: dir, sparql: { queryWorkers: 2, timeoutMs: 60_000, maxResults: 1_000_000 }, api: { anonymousPerMinute: 100_000_000 } },
    sources: [{ id: SOURCE_ID, entityType: 'mensgemaaktobject', mapping: 'x', shapes: ['x'], connector: { type: 'files' } }],
  });
  let t0 = Date.now();
  const size = await writeDataset(QUADS, config.sources[0]!, join(virtuoso.dir, 'data.nq'), join(dir, 'store', 'snapshot.nq'));
  notes.push(`Data: ${size.records} heritage objects published as the pipeline publishes records (record graph + provenance graph each): ${size.quads} quads, ${size.dataQuads} of them in record graphs; written in ${seconds(t0)} s.`);
  console.error(notes.at(-1));

  t0 = Date.now();
  const hubOpened = Hub.open({ ...config, baseDir: dir }).then((hub) => {
    notes.push(`Hub: embedded store (Oxigraph WASM, 2 replica workers) loaded from the snapshot in ${seconds(t0)} s.`);
    console.error(notes.at(-1));
    return hub;
  });
  const virtuosoLoaded = WITH_VIRTUOSO
    ? (async () => {
        const t1 = Date.now();
        await startVirtuoso(virtuoso);
        await loadNQuads(virtuoso, 'data.nq', `${NS}default`);
        const n = await countQuads(virtuoso, NS);
        notes.push(`Virtuoso: private instance (scripts/ci/start-virtuoso.sh settings) started and bulk-loaded (ld_dir + rdf_loader_run + checkpoint) in ${seconds(t1)} s: ${n} quads in graphs under ${NS}.`);
        console.error(notes.at(-1));
        if (n !== size.quads) throw new Error(`Virtuoso holds ${n} benchmark quads, the hub ${size.quads}`);
      })()
    : Promise.resolve();
  const [hub] = await Promise.all([hubOpened, virtuosoLoaded]);
  const health = await hub.store.health();
  // The store built the entities graph at open (the snapshot predates it): each record-data triple once more.
  const [merged] = await hub.store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${entitiesGraphIri(NS)}> { ?s ?p ?o } }`);
  const entityTriples = Number(merged?.n?.value ?? 0);
  notes.push(`Entities graph (the public SPARQL default graph, built at open from the record graphs): ${entityTriples} distinct triples of the ${size.dataQuads} record-graph quads.`);
  console.error(notes.at(-1));
  if (health.quads !== size.quads + entityTriples) throw new Error(`the hub holds ${health.quads} quads, the file ${size.quads} and the entities graph ${entityTriples}`);

  const server = createServer(createApp({ ...hubPorts(hub), log: () => undefined }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const opts = { connections: CONNECTIONS, duration: DURATION, timeout: 60 };
  const ids = Array.from({ length: 500 }, (_, k) => Math.floor((k * 7919) % size.records));
  const entity = (accept: string) => ids.map((i) => ({ path: new URL(objectIri(i)).pathname, headers: { accept } }));
  const rows: Row[] = [];
  notes.push(`Load average before the HTTP runs: ${load()}.`);
  if (!REST_ONLY) {
    rows.push(await measure('entity GET /id/… (Turtle)', origin, entity('text/turtle'), opts));
    rows.push(await measure('entity GET /id/… (N-Triples)', origin, entity('application/n-triples'), opts));
    rows.push(await measure('entity GET /id/… (JSON-LD, OSLO context)', origin, entity('application/ld+json'), opts));
    rows.push(await measure('entity GET /id/… (HTML)', origin, entity('text/html'), opts));
    rows.push(await measure('REST /api/v1/heritage-objects/{id} (Turtle)', origin, ids.map((i) => ({ path: `/api/v1/heritage-objects/${SOURCE_ID}:obj-${i}`, headers: { accept: 'text/turtle' } })), opts));
  }
  // The first collection page after a store change builds the list index (every published entity, read from the provenance graphs).
  const first = await timeSequential(`${origin}/api/v1/heritage-objects?limit=50`, { accept: 'text/turtle' }, 0, 1);
  notes.push(`First REST collection page after start (builds the in-memory list index of all ${size.records} entities): ${(first.latencies[0]! / 1000).toFixed(1)} s; the collection rows below run after it.`);
  console.error(notes.at(-1));
  const cursor = (i: number) => Buffer.from(objectIri(i)).toString('base64url');
  const pages = ids.slice(0, 50).map((i) => ({ path: `/api/v1/heritage-objects?limit=50&cursor=${cursor(i)}`, headers: { accept: 'text/turtle' } }));
  rows.push(await measure('REST collection page, 50 items (Turtle)', origin, pages, opts));
  rows.push(await measure('REST collection page, 50 items (JSON-LD)', origin, pages.map((p) => ({ ...p, headers: { accept: 'application/ld+json' } })), opts));
  // The first q= page after start builds the text index (where there is one).
  const firstQ = await timeSequential(`${origin}/api/v1/heritage-objects?limit=50&q=eik`, { accept: 'text/turtle' }, 0, 1);
  notes.push(`First REST q= page after start (q=eik; builds the text index where there is one): ${(firstQ.latencies[0]! / 1000).toFixed(1)} s.`);
  console.error(notes.at(-1));
  // One request after another: each such page scans every title and description, longer than an autocannon run.
  rows.push(await measureSequential('REST collection page, 50 items, q= full text (Turtle), one request at a time', origin, { path: '/api/v1/heritage-objects?limit=50&q=eik', headers: { accept: 'text/turtle' } }, DURATION, 3));
  // A rare match (object numbers ending in 4242: about one in 10,000) makes a q= page look at every entity.
  rows.push(await measureSequential('REST collection page, q= rare words (Turtle), one request at a time', origin, { path: '/api/v1/heritage-objects?limit=50&q=object%204242%3A', headers: { accept: 'text/turtle' } }, DURATION, 3));

  // q= with a filter on record content (type): SPARQL, over the text index's candidates where there is one.
  rows.push(await measureSequential('REST collection page, 50 items, q= full text + type (Turtle), one request at a time', origin, { path: `/api/v1/heritage-objects?limit=50&q=eik&type=${encodeURIComponent('http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object')}`, headers: { accept: 'text/turtle' } }, DURATION, 3));

  // A harvest commits: the first page after each commit (the hub before the commit feed rebuilt the list index here).
  const ctx = { baseIri: NS, source: config.sources[0]!, runId: 'bench-commit', mapping: { id: 'bench', version: '1' }, shapes: { id: 'bench', version: '1' } };
  const afterCommit = async (k: number, path: string) => {
    const i = ids[k]!;
    const quads = objectQuads(i).map((q) => (q.object.termType === 'Literal' && q.object.value.includes('stoel') ? quad(q.subject, q.predicate, literal(`Object ${i}: kast in beuk (${k})`, 'nl')) : q));
    await hub.store.commit({ put: publishWrites({ sourceId: SOURCE_ID, recordId: `obj-${i}`, mediaType: 'text/turtle', body: '' }, quads, true, ctx, new Date().toISOString()) });
    return (await timeSequential(`${origin}${path}`, { accept: 'text/turtle' }, 0, 1)).latencies[0]!;
  };
  const pageAfter: number[] = [];
  const qAfter: number[] = [];
  for (let k = 0; k < 3; k++) pageAfter.push(await afterCommit(k, '/api/v1/heritage-objects?limit=50'));
  for (let k = 3; k < 6; k++) qAfter.push(await afterCommit(k, '/api/v1/heritage-objects?limit=50&q=kast%20beuk'));
  const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' / ');
  notes.push(`First REST collection page (50 items, Turtle) after a commit that republishes one record, three times: ${ms(pageAfter)} ms.`);
  notes.push(`First REST q= page (q=kast beuk, which only the republished records match) after such a commit, three times: ${ms(qAfter)} ms.`);
  console.error(notes.at(-2), notes.at(-1));

  let mix = '';
  if (WITH_VIRTUOSO) {
    notes.push(`Load average before the SPARQL mix: ${load()}.`);
    const v = new URL(virtuoso.endpoint);
    mix = mixTable(await runMix({ origin, path: '/sparql' }, { origin: v.origin, path: v.pathname }, size.records, MIX_DURATION));
  }

  if (REST_ONLY) {
    notes.push(`Load average at the end: ${load()}.`);
    console.log(`Node ${process.version}; autocannon on loopback; ${CONNECTIONS} connections × ${DURATION} s per HTTP row.\n`);
    for (const n of notes) console.log(`- ${n}`);
    console.log(`\n### Collection pages (hub)\n\n${table(rows)}`);
    server.closeAllConnections();
    server.close();
    return;
  }
  notes.push(`Load average before the runaway-query run: ${load()}.`);
  const small = [...entity('text/turtle').slice(0, 100), ...ids.slice(0, 100).map((i) => ({ path: `/sparql?query=${encodeURIComponent(`SELECT ?t WHERE { <${objectIri(i)}> <http://www.cidoc-crm.org/cidoc-crm/P102_has_title> ?t }`)}`, headers: { accept: 'application/sparql-results+json' } }))];
  const runaway = await runawayLatency(origin, 'small requests (entity GET Turtle + one-entity SPARQL lookup, alternating)', small, { connections: 4, duration: Math.min(DURATION, RUNAWAY_TIMEOUT - 5) }, RUNAWAY_TIMEOUT);
  notes.push(`Runaway query (three-way cross product of all titles, timeout=${runaway.timeoutSeconds} s): answered HTTP ${runaway.runawayStatus} after ${runaway.runawaySeconds.toFixed(1)} s. Load average at the end: ${load()}.`);

  console.log(`Node ${process.version}; autocannon on loopback; ${CONNECTIONS} connections × ${DURATION} s per HTTP row; SPARQL mix: each query sent one at a time for ${MIX_DURATION} s (at least 5 times) per endpoint, after one untimed run whose answers are compared.\n`);
  for (const n of notes) console.log(`- ${n}`);
  console.log(`\n### Entity GETs and collection pages (hub)\n\n${table(rows)}`);
  if (mix) console.log(`\n### SPARQL query mix, hub vs Virtuoso (same quads)\n\n${mix}`);
  console.log(`\n### Small requests while a runaway query runs (4 connections)\n\n${table([runaway.baseline, runaway.during])}`);

  server.closeAllConnections();
  server.close();
  // No hub.close(): it would write a snapshot of the whole dataset, which the benchmark throws away.
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
