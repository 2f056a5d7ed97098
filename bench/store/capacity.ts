/**
 * bench:capacity: how many UiTdatabank-shaped events one embedded store holds. Synthetic events
 * (bench/pipeline/synthetic-events.ts) are mapped with the pipeline bench's event mapping (~20
 * data triples), turned into store writes by the pipeline's own publishWrites (record graph,
 * entities-graph copy, provenance graph) and committed in batches into an OxigraphStore with a
 * base IRI (so the entities graph is kept, as in the hub) and maxQuads raised out of the way,
 * until N events or the store fails. The default matcher's match features go into each provenance
 * graph, as `hub harvest` publishes (a source with `matching: false`: --no-matching). Prints quads
 * per record (data, provenance, entities copy), the store's total, RSS, and whether it held.
 *
 *   npm run bench:capacity -- [--records 300000] [--batch 500] [--every 25000] [--max-quads 100000000] [--no-matching]
 *
 * Validation is left out (it adds no quads); mapping runs for every event, so its ids and
 * values are those the pipeline would store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigSchema, SourceSchema } from '../../src/config/schema.js';
import { defaultMatching } from '../../src/pipeline/matching/default-matching.js';
import { projectPath } from '../../src/core/paths.js';
import { loadRecordMapper } from '../../src/mapping/load-mapper.js';
import { publishWrites, type PublishContext } from '../../src/pipeline/record-publisher.js';
import { OxigraphStore } from '../../src/store/oxigraph-store.js';
import type { GraphWrite } from '../../src/store/store.js';
import { BASE_MODIFIED_MS, eventUuid, syntheticEvent, uitIso } from '../pipeline/synthetic-events.js';

const BASE = 'http://localhost:3000/';
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '300000' },
      batch: { type: 'string', default: '500' },
      every: { type: 'string', default: '25000' },
      'max-quads': { type: 'string', default: '100000000' },
      'no-matching': { type: 'boolean', default: false },
    },
  });
  const records = Number(values.records);
  const batchSize = Number(values.batch);
  const every = Number(values.every);
  const maxQuads = Number(values['max-quads']);
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-capacity-'));
  const source = SourceSchema.parse({ id: 'uit-events', connector: { type: 'uitdatabank' }, mapping: 'bench/pipeline/event-mapping.yml', shapes: ['shapes/oslo-cultuurparticipatie-2024.ttl'], entityType: 'activiteit', organisation: 'publiq' });
  const mapper = await loadRecordMapper(resolve(projectPath(), 'bench/pipeline/event-mapping.yml'));
  // As `hub harvest` publishes: with the default matcher, whose match features go into each provenance graph.
  const hubConfig = { ...ConfigSchema.parse({ hub: { baseIri: BASE } }), baseDir: projectPath() };
  const matcher = values['no-matching'] ? undefined : defaultMatching(hubConfig).matcher;
  const ctx: PublishContext = { baseIri: BASE, source, runId: 'capacity-run', mapping: { id: mapper.id, version: mapper.version }, shapes: { id: 'shapes/oslo-cultuurparticipatie-2024.ttl', version: 'bench' }, ...(matcher ? { matcher } : {}) };
  const store = new OxigraphStore({ dataDir: join(dir, 'data'), queryWorkers: 1, maxQuads, baseIri: BASE });
  await store.open();

  const perRecord = { data: 0, provenance: 0 };
  let held = 0;
  let failure: string | undefined;
  const started = performance.now();
  console.log(`bench:capacity: ${records} events, ${batchSize} per commit, maxQuads ${maxQuads}, ${matcher ? 'with' : 'without'} the default matcher's features (node ${process.version})`);
  console.log(`started ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
  console.log('events   store quads  quads/event  rss MB  heap MB  elapsed s');
  const report = async () => {
    const quads = await store.quadCount();
    const m = process.memoryUsage();
    console.log(`${String(held).padStart(7)} ${String(quads).padStart(12)} ${(quads / Math.max(1, held)).toFixed(1).padStart(12)} ${mb(m.rss).padStart(7)} ${mb(m.heapUsed).padStart(8)} ${((performance.now() - started) / 1000).toFixed(0).padStart(10)}`);
  };
  try {
    for (let first = 0; first < records; first += batchSize) {
      const put: GraphWrite[] = [];
      const now = new Date().toISOString();
      for (let i = first; i < Math.min(records, first + batchSize); i++) {
        const record = { sourceId: source.id, recordId: eventUuid(i), mediaType: 'application/ld+json', body: JSON.stringify(syntheticEvent(i)), modified: uitIso(BASE_MODIFIED_MS + i * 1000) };
        const mapped = await mapper.map(record, { baseIri: BASE, sourceId: source.id });
        const writes = publishWrites(record, mapped.quads, true, ctx, now);
        if (i === 0) {
          perRecord.data = writes[0]!.quads.length;
          perRecord.provenance = writes[1]!.quads.length;
        }
        put.push(...writes);
      }
      await store.commit({ put, fresh: put.map((w) => w.graph) });
      const before = held;
      held = Math.min(records, first + batchSize);
      if (Math.floor(held / every) > Math.floor(before / every) || held === records) await report();
    }
  } catch (error) {
    failure = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  const total = await store.quadCount().catch(() => NaN);
  console.log('');
  const entities = await store
    .select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${BASE}graph/entities> { ?s ?p ?o } }`, { timeoutMs: 30_000 })
    .then((rows) => Number(rows[0]?.n?.value))
    .catch(() => NaN);
  console.log(`per event: ${perRecord.data} data quads (record graph) + ${perRecord.provenance} provenance quads; entities graph ${entities} quads = ${(entities / Math.max(1, held)).toFixed(1)} per event (each triple of the record graphs once)`);
  console.log(`held: ${held} of ${records} events, ${total} quads in the store; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  console.log(failure ? `FAILED after ${held} events: ${failure}` : `HOLDS: ${records} events committed`);
  console.log(`ended ${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  await store.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
