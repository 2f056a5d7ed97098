/**
 * The search read model's rows of bench:api (issue 20 item 5): at `entities` records (half
 * activities, half heritage objects: search-data.ts), autocannon with `connections` clients
 * against the hub's own app, each row for `duration` seconds:
 *   - the current list endpoint (a collection page, no search parameters), for each kind;
 *   - a faceted, sorted, geo-filtered activities query: publiq's parameters, coordinates of one
 *     of twelve towns + distance=25km + this weekend's dates + sort[distance]=asc +
 *     facets[]=types&facets[]=themes (towns and weekends rotate, so the answers differ);
 *   - a full-text heritage query: text=<word> + facets[]=organisations (words rotate).
 * Before the rows, each query is asked once and its answer checked (200, members, the facets
 * asked for), and the first answer's time is noted: that request builds the read model (or the
 * list index) after start.
 *
 *   npm run bench:api -- --search --entities 20000 [--duration 10 --connections 10]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { closeApp, createApp } from '../../src/api/app.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { Hub } from '../../src/pipeline/hub.js';
import { hubPorts } from '../../src/pipeline/hub-ports.js';
import { measure, table, timeSequential, type BenchRequest, type Row } from './load-runner.js';
import { EVENTS_SOURCE, HERITAGE_SOURCE, SEARCH_NS, TOWNS, writeSearchDataset } from './search-data.js';

export interface SearchBenchOptions {
  entities: number;
  duration: number;
  connections: number;
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ');
const seconds = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);
const JSONLD = { accept: 'application/ld+json' };
const TURTLE = { accept: 'text/turtle' };

/** Eight weekends of the synthetic season (Saturday and Sunday, UTC). */
const WEEKENDS = Array.from({ length: 8 }, (_, k) => {
  const saturday = new Date(Date.parse('2026-10-03T00:00:00Z') + k * 14 * 86_400_000);
  const sunday = new Date(saturday.getTime() + 86_400_000);
  return { from: `${saturday.toISOString().slice(0, 10)}T00:00:00Z`, to: `${sunday.toISOString().slice(0, 10)}T23:59:59Z` };
});
const WORDS = ['landschap', 'portret vrouw', 'stilleven bloemen', 'Johannes', 'zeegezicht', 'winterlandschap', 'gent', 'marktplein', 'eikenhout', 'brons'];

const params = (p: Record<string, string | string[]>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) for (const x of [v].flat()) search.append(k, x);
  return search.toString();
};

export const geoQueries = (): BenchRequest[] =>
  TOWNS.flatMap((town, t) =>
    [0, 1].map((j) => {
      const weekend = WEEKENDS[(t * 2 + j) % WEEKENDS.length]!;
      return { path: `/api/v1/activities?${params({ coordinates: `${town.lat},${town.lon}`, distance: '25km', dateFrom: weekend.from, dateTo: weekend.to, 'sort[distance]': 'asc', 'facets[]': ['types', 'themes'], limit: '20' })}`, headers: JSONLD };
    }),
  );

export const textQueries = (): BenchRequest[] => WORDS.map((word) => ({ path: `/api/v1/heritage-objects?${params({ text: word, 'facets[]': 'organisations', limit: '20' })}`, headers: JSONLD }));

/** One answer, checked: 200, a page with members, and the facets asked for. */
async function check(origin: string, request: BenchRequest, facets: string[]): Promise<{ ms: number; members: number; total?: number }> {
  const { latencies, errors } = await timeSequential(origin + request.path, request.headers ?? {}, 0, 1);
  if (errors) throw new Error(`${request.path} did not answer 200`);
  const body = (await (await fetch(origin + request.path, { headers: request.headers })).json()) as Record<string, unknown> & { '@graph'?: Record<string, unknown>[] };
  const page = body['@graph']?.find((n) => 'hydra:member' in n) ?? body;
  // The page's member list (the search API's top-level "member"), else hydra:member (one member compacts to an object).
  const members = Array.isArray(body.member) ? body.member.length : [page['hydra:member'] ?? []].flat().length;
  const found = (body.facets ?? page.facets) as Record<string, unknown> | undefined;
  for (const f of facets) if (!found || !(f in found)) throw new Error(`${request.path}: no facet ${f} in the answer`);
  const total = Number(body.totalItems ?? page.totalItems ?? page['hydra:totalItems']);
  return { ms: latencies[0]!, members, total: Number.isFinite(total) ? total : undefined };
}

export async function searchBench(dir: string, options: SearchBenchOptions): Promise<void> {
  if (!Number.isInteger(options.entities) || options.entities < 2) throw new Error(`--entities: a whole number of records, at least 2, not ${options.entities}`);
  const notes: string[] = [`Load average (1/5/15 min) at start: ${load()}.`];
  const base = { mapping: 'x', shapes: ['x'], connector: { type: 'files' } };
  const config = ConfigSchema.parse({
    hub: { baseIri: SEARCH_NS, dataDir: dir, sparql: { queryWorkers: 2, timeoutMs: 60_000 }, api: { anonymousPerMinute: 100_000_000, maxPageSize: 100 } },
    sources: [
      { id: EVENTS_SOURCE, entityType: 'activiteit', organisation: 'Cultuurcentrum (bench)', ...base },
      { id: HERITAGE_SOURCE, entityType: 'mensgemaaktobject', ...base },
    ],
  });
  await mkdir(join(dir, 'store'), { recursive: true });
  let t0 = Date.now();
  const size = await writeSearchDataset(options.entities, { events: config.sources[0]!, heritage: config.sources[1]! }, join(dir, 'store', 'snapshot.nq'));
  notes.push(`Data: ${size.activities} activities and ${size.heritageObjects} heritage objects (bench/api/search-data.ts) published as the pipeline publishes records (record graph + provenance graph each): ${size.quads} quads; written in ${seconds(t0)} s.`);
  console.error(notes.at(-1));
  t0 = Date.now();
  const hub = await Hub.open({ ...config, baseDir: dir });
  notes.push(`Hub: embedded store (Oxigraph WASM, 2 query-worker replicas) loaded from the snapshot in ${seconds(t0)} s.`);
  console.error(notes.at(-1));

  const app = createApp({ ...hubPorts(hub), log: () => undefined });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const lists = { activities: { path: '/api/v1/activities?limit=20', headers: JSONLD }, heritage: { path: '/api/v1/heritage-objects?limit=20', headers: JSONLD } };
    const geo = geoQueries();
    const text = textQueries();
    // First answers after start: they build the list index and the search read model.
    for (const [name, request, facets] of [
      ['activities list page', lists.activities, []],
      ['heritage-objects list page', lists.heritage, []],
      ['geo + dates + sort + facets activities query', geo[0]!, ['types', 'themes']],
      ['full-text heritage query', text[0]!, ['organisations']],
    ] as const) {
      const first = await check(origin, request, [...facets]);
      notes.push(`First ${name} after start: ${(first.ms / 1000).toFixed(2)} s (${first.members} members${first.total !== undefined ? ` of ${first.total}` : ''}).`);
      console.error(notes.at(-1));
    }
    // Every query of the rotation answers with the facets (and most with members: the data has events near every town most weekends).
    const answers = await Promise.all([...geo.map((r) => check(origin, r, ['types', 'themes'])), ...text.map((r) => check(origin, r, ['organisations']))]);
    const members = answers.map((a) => a.members);
    notes.push(`Members per page over the ${geo.length} geo queries: ${members.slice(0, geo.length).join(', ')}; over the ${text.length} text queries: ${members.slice(geo.length).join(', ')}.`);
    console.error(notes.at(-1));

    notes.push(`Load average before the HTTP runs: ${load()}.`);
    const opts = { connections: options.connections, duration: options.duration, timeout: 60 };
    const rows: Row[] = [];
    rows.push(await measure('activities: list page, 20 items (current list endpoint, JSON-LD)', origin, [lists.activities], opts));
    rows.push(await measure('activities: coordinates + distance=25km + weekend dateFrom/dateTo + sort[distance] + facets types, themes; 20 items (JSON-LD)', origin, geo, opts));
    // The same queries as Turtle, and with limit=0 (total and facets, no members): what the read model costs without the page's JSON-LD.
    rows.push(await measure('activities: the same geo query, 20 items (Turtle)', origin, geo.map((r) => ({ ...r, headers: TURTLE })), opts));
    rows.push(await measure('activities: the same geo query, limit=0 (total and facets only)', origin, geo.map((r) => ({ ...r, path: r.path.replace('limit=20', 'limit=0') })), opts));
    rows.push(await measure('heritage-objects: list page, 20 items (current list endpoint, JSON-LD)', origin, [lists.heritage], opts));
    rows.push(await measure('heritage-objects: text= full text + facets organisations; 20 items (JSON-LD)', origin, text, opts));
    rows.push(await measure('heritage-objects: the same text query, limit=0 (total and facets only)', origin, text.map((r) => ({ ...r, path: r.path.replace('limit=20', 'limit=0') })), opts));
    notes.push(`Load average at the end: ${load()}.`);

    console.log(`Node ${process.version}; autocannon on loopback; ${options.connections} connections × ${options.duration} s per row; ${options.entities} entities.\n`);
    for (const n of notes) console.log(`- ${n}`);
    console.log(`\n### Search read model vs the list endpoint (${options.entities} entities)\n\n${table(rows)}`);
  } finally {
    server.closeAllConnections();
    server.close();
    closeApp(app);
  }
  // No hub.close(): it would write a snapshot of the whole dataset, which the benchmark throws away.
}
