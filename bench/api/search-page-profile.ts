/**
 * One search page's request loop, for `node --cpu-prof`: a store with a few thousand synthetic
 * records (search-data.ts), the hub's own app, and one geo + weekend + sort + facets activities
 * query (search-bench.ts) sent `--requests` times, one after another, as JSON-LD (or `--accept`).
 * The first request builds the read model and is not counted in the printed mean.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/api/search-page-profile.js --entities 4000 --requests 200
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeApp, createApp } from '../../src/api/app.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { Hub } from '../../src/pipeline/hub.js';
import { hubPorts } from '../../src/pipeline/hub-ports.js';
import { geoQueries } from './search-bench.js';
import { EVENTS_SOURCE, HERITAGE_SOURCE, SEARCH_NS, writeSearchDataset } from './search-data.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const entities = Number(arg('entities', '4000'));
const requests = Number(arg('requests', '200'));
const accept = arg('accept', 'application/ld+json');

const dir = await mkdtemp(join(tmpdir(), 'search-page-profile-'));
const base = { mapping: 'x', shapes: ['x'], connector: { type: 'files' } };
const config = ConfigSchema.parse({
  hub: { baseIri: SEARCH_NS, dataDir: dir, sparql: { queryWorkers: 1, timeoutMs: 60_000 }, api: { anonymousPerMinute: 100_000_000, maxPageSize: 100 } },
  sources: [
    { id: EVENTS_SOURCE, entityType: 'activiteit', organisation: 'Cultuurcentrum (bench)', ...base },
    { id: HERITAGE_SOURCE, entityType: 'mensgemaaktobject', ...base },
  ],
});
await mkdir(join(dir, 'store'), { recursive: true });
await writeSearchDataset(entities, { events: config.sources[0]!, heritage: config.sources[1]! }, join(dir, 'store', 'snapshot.nq'));
const hub = await Hub.open({ ...config, baseDir: dir });
const app = createApp({ ...hubPorts(hub), log: () => undefined });
const server = createServer(app);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
try {
  const queries = geoQueries();
  const first = await fetch(origin + queries[0]!.path, { headers: { accept } });
  if (first.status !== 200) throw new Error(`first request answered ${first.status}`);
  await first.text();
  // Every query once, so each page's entities are in the entity cache before timing.
  for (const q of queries) await (await fetch(origin + q.path, { headers: { accept } })).text();
  const t0 = performance.now();
  for (let i = 0; i < requests; i++) {
    const res = await fetch(origin + queries[i % queries.length]!.path, { headers: { accept } });
    if (res.status !== 200) throw new Error(`answered ${res.status}`);
    await res.text();
  }
  console.log(`${requests} requests (${accept}), ${entities} entities: ${((performance.now() - t0) / requests).toFixed(2)} ms each, one at a time`);
} finally {
  server.closeAllConnections();
  server.close();
  closeApp(app);
  await rm(dir, { recursive: true, force: true });
}
// The store's query workers keep the process alive; exiting writes the --cpu-prof profile.
process.exit(0);
