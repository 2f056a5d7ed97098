/**
 * How long the search read model takes to build over the store: `--entities N` records of the
 * search benchmark's data (bench/api/search-data.ts, half activities, half heritage objects) in
 * the embedded store as bench:api opens it (2 query-worker replicas), then the REST list index it
 * takes its rows from, then the search read model, each timed; then one record changed and the
 * first query after that commit timed (the patch and any sorted order the query needs again).
 *
 *   npm run build --silent && node dist/bench/search/build-bench.js --entities 20000
 *   NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof-sb" node dist/bench/search/build-bench.js --entities 5000
 */
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigSchema } from '../../src/config/schema.js';
import { Hub } from '../../src/pipeline/hub.js';
import { ListIndex } from '../../src/publication/indexes/list-index.js';
import { publishWrites } from '../../src/pipeline/record-publisher.js';
import { StoreSearchReadModel } from '../../src/publication/search/search-read-model.js';
import type { SearchQuery } from '../../src/publication/search/search-contract.js';
import { EVENTS_SOURCE, HERITAGE_SOURCE, SEARCH_NS, TOWNS, eventQuads, writeSearchDataset } from '../api/search-data.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ENTITIES = arg('--entities', 5000);
const load = () => loadavg().map((n) => n.toFixed(2)).join(' / ');
const since = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);
const heapMb = () => (process.memoryUsage().heapUsed / 1e6).toFixed(0);

const dir = await mkdtemp(join(tmpdir(), 'search-build-'));
const base = { mapping: 'x', shapes: ['x'], connector: { type: 'files' } };
const config = ConfigSchema.parse({
  hub: { baseIri: SEARCH_NS, dataDir: dir, sparql: { queryWorkers: 2, timeoutMs: 600_000 } },
  sources: [
    { id: EVENTS_SOURCE, entityType: 'activiteit', organisation: 'Cultuurcentrum (bench)', ...base },
    { id: HERITAGE_SOURCE, entityType: 'mensgemaaktobject', ...base },
  ],
});
console.log(`load average at start: ${load()}`);
await mkdir(join(dir, 'store'), { recursive: true });
const size = await writeSearchDataset(ENTITIES, { events: config.sources[0]!, heritage: config.sources[1]! }, join(dir, 'store', 'snapshot.nq'));
const hub = await Hub.open({ ...config, baseDir: dir });
const list = new ListIndex(hub.store);
let t0 = performance.now();
await list.current();
console.log(`list index: ${since(t0)} s (${size.activities} activities, ${size.heritageObjects} heritage objects, ${size.quads} quads)`);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const model = new StoreSearchReadModel(hub.store, SEARCH_NS, { list });
t0 = performance.now();
// CPU time of the whole process (main thread and the store's replica threads): steadier than wall time on a shared machine.
const cpu0 = process.cpuUsage();
const sizes = await model.size();
const cpu = process.cpuUsage(cpu0);
console.log(`search read model build: ${since(t0)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (${sizes.activities} activities, ${sizes['heritage-objects']} heritage objects); load ${load()}`);
gc?.();
if (gc) console.log(`heap held by the read model: ${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(0)} MB, ${((process.memoryUsage().heapUsed - heapBefore) / (sizes.activities + sizes['heritage-objects'])).toFixed(0)} B per document (heap ${heapMb()} MB)`);

const town = TOWNS[0]!;
const query: SearchQuery = {
  kind: 'activities',
  filter: { and: [{ field: 'location', near: { lat: town.lat, lon: town.lon, km: 25 } }, { field: 'occurrence', from: '2026-10-03T00:00:00Z', to: '2026-10-04T23:59:59Z' }] },
  sort: [{ key: 'start', order: 'asc' }],
  facets: ['type', 'theme'],
  limit: 20,
};
const sorted: SearchQuery = { kind: 'activities', sort: [{ key: 'modified', order: 'desc' }], facets: ['type'], limit: 20 };
for (const q of [query, sorted]) {
  t0 = performance.now();
  await model.search(q);
  console.log(`first ${q === query ? 'geo + dates + facets' : 'sort modified desc + facet'} query: ${(performance.now() - t0).toFixed(1)} ms`);
}
// One record changed: the patch and the first sorted query after it.
const ctx = { baseIri: SEARCH_NS, source: config.sources[0]!, runId: 'bench-2', mapping: { id: 'bench', version: '1' }, shapes: { id: 'bench', version: '1' } };
const writes = publishWrites({ sourceId: EVENTS_SOURCE, recordId: 'ev-0', mediaType: 'application/json', body: 'changed' }, eventQuads(1), true, ctx, new Date().toISOString());
await hub.store.commit({ put: writes });
// The list index follows the commit first (its own patch, shared with the list endpoint), then the read model.
t0 = performance.now();
await list.current();
console.log(`list index patch after a one-record commit: ${(performance.now() - t0).toFixed(1)} ms`);
t0 = performance.now();
await model.search(sorted);
console.log(`then the first sort modified desc query (read model patch + query): ${(performance.now() - t0).toFixed(1)} ms`);
t0 = performance.now();
await model.search(sorted);
console.log(`the same query again: ${(performance.now() - t0).toFixed(1)} ms`);
model.close();
list.close();
await hub.store.close?.();
await rm(dir, { recursive: true, force: true });
process.exit(0);
