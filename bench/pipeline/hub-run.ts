/**
 * Scenario "hub": the embedded pipeline end to end on N synthetic events. The real `uitdatabank`
 * connector harvests the bench Search API fixture over loopback HTTP, the hub's RML engine maps
 * each event with event-mapping.yml, the compiled SHACL engine validates it against OSLO
 * Cultuurparticipatie 2024, and runSource publishes record + provenance graphs into the embedded
 * Oxigraph store (journal fdatasync'ed per commit; one replica worker, so each commit is loaded
 * into Oxigraph once, as a hub configured with `hub.sparql.queryWorkers: 1` does).
 */
import { resolve } from 'node:path';
import '../../src/connectors/index.js';
import { UitdatabankConfigSchema } from '../../src/connectors/uitdatabank/config.js';
import { UitdatabankConnector } from '../../src/connectors/uitdatabank/uitdatabank-connector.js';
import { SourceSchema } from '../../src/config/schema.js';
import { loadRecordMapper } from '../../src/mapping/load-mapper.js';
import { runSource, type SourceRuntime } from '../../src/pipeline/run-source.js';
import { StateStore } from '../../src/pipeline/state-store.js';
import { OxigraphStore } from '../../src/store/oxigraph-store.js';
import { ShaclValidator } from '../../src/validation/shacl-validator.js';
import { startSearchFixtureProcess } from './search-fixture.js';

export const BENCH_BASE_IRI = 'http://localhost:3000/';
export const BENCH_SHAPES = 'shapes/oslo-cultuurparticipatie-2024.ttl';
export const BENCH_MAPPING = 'bench/pipeline/event-mapping.yml';

export async function benchRuntime(root: string, fixtureUrl: string): Promise<SourceRuntime> {
  const source = SourceSchema.parse({
    id: 'bench-events',
    name: 'Synthetic UiTdatabank events (benchmark)',
    connector: { type: 'uitdatabank' },
    mapping: BENCH_MAPPING,
    shapes: [BENCH_SHAPES],
    entityType: 'activiteit',
  });
  const connectorConfig = UitdatabankConfigSchema.parse({ baseUrl: fixtureUrl, clientId: 'bench', entities: ['events'], pageSize: 2000 });
  return {
    source,
    connector: new UitdatabankConnector(),
    connectorConfig,
    mapper: await loadRecordMapper(resolve(root, BENCH_MAPPING)),
    validator: ShaclValidator.fromFiles([resolve(root, BENCH_SHAPES)]),
  };
}

export interface HubRunResult {
  records: number;
  published: number;
  rejected: number;
  errors: number;
  quads: number;
  /** Harvest → store, ms (store open and close excluded). */
  ms: number;
  /** Closing the store (writes the snapshot), ms. */
  closeMs: number;
}

/** @param replicas The store's replica workers (`hub.sparql.queryWorkers`; each loads every commit). */
export async function hubRun(root: string, count: number, dataDir: string, batchSize: number, replicas = 1): Promise<HubRunResult> {
  const fixture = await startSearchFixtureProcess(count);
  const store = new OxigraphStore({ dataDir, queryWorkers: replicas });
  await store.open();
  try {
    const rt = await benchRuntime(root, fixture.url);
    const t0 = performance.now();
    const run = await runSource({ baseIri: BENCH_BASE_IRI, dataDir }, rt, store, new StateStore(dataDir), { batchSize });
    const ms = performance.now() - t0;
    if (run.status !== 'completed') throw new Error(`bench run ${run.status}: ${run.failure}`);
    const quads = await store.quadCount();
    const c0 = performance.now();
    await store.close();
    return { records: run.seen, published: run.published, rejected: run.rejected, errors: run.errors, quads, ms, closeMs: performance.now() - c0 };
  } finally {
    await store.close();
    await fixture.close();
  }
}

/** Opens a closed store again (snapshot + journal into its one replica), ms. */
export async function restartStore(dataDir: string): Promise<{ ms: number; quads: number }> {
  const t0 = performance.now();
  const store = new OxigraphStore({ dataDir, queryWorkers: 1 });
  await store.open();
  const ms = performance.now() - t0;
  const quads = await store.quadCount();
  await store.close();
  return { ms, quads };
}
