/**
 * Distributed mode in one process against real Redis (127.0.0.1:6379): a harvest job cut into
 * process and publish jobs publishes every record of the LDES fixture once, saves the checkpoint,
 * and a second run publishes nothing new; a batch published twice leaves the same graphs.
 */
import { pino } from 'pino';
import { startLdesFixture, type LdesFixture } from '../../../fixtures/ldes/server.js';
import { spoilers } from '../../../fixtures/oai-pmh/http-faults.js';
import { recordGraphIri } from '../../../src/core/identifiers.js';
import { WorkerPool } from '../../../src/queue/worker-pool.js';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { enqueueHarvest } from '../../../src/queue/producers.js';
import { unpackChanges } from '../../../src/store/encoded-graphs.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { configYaml, RECORD_GRAPHS, testConfig, uniquePrefix, waitFor } from './helpers.js';
import { describeWith, redisNeed } from '../../helpers/services.js';

const describeRedis = describeWith([await redisNeed()]);

describeRedis('Distributed harvest (BullMQ on Redis)', () => {
  let ldes: LdesFixture;
  let dir: { path: string; cleanup: () => Promise<void> };
  let pool: WorkerPool;
  let set: HubQueueSet;
  const store = new MemoryStore();
  const log = pino({ level: 'silent' });

  beforeAll(async () => {
    ldes = await startLdesFixture({ objects: 120, pageSize: 20 });
    dir = await tempDir();
    const config = testConfig(configYaml({ ldesUrl: ldes.url, dataDir: dir.path, redisUrl: 'redis://127.0.0.1:6379', prefix: uniquePrefix() }));
    pool = await WorkerPool.start(config, { roles: ['harvest', 'process', 'publish'], concurrency: 2, store, log });
    set = new HubQueueSet(config);
  });

  afterAll(async () => {
    await pool?.close();
    for (const q of Object.values(set?.queues ?? {})) await q.obliterate({ force: true }).catch(() => undefined);
    await set?.close();
    await ldes?.close();
    await dir?.cleanup();
  });

  const count = async () => Number((await store.select(RECORD_GRAPHS('http://hub.test/')))[0]!.n!.value);
  const finished = (n: number) => waitFor(`${n} finished run(s)`, async () => ((await set.state.runs('dmg')).length >= n ? set.state.runs('dmg') : undefined), 40000);

  it('publishes every record once and records the run', async () => {
    const { runId, created } = await enqueueHarvest(set, 'dmg', { trigger: 'cli' });
    expect(created).toBe(true);
    const [run] = await finished(1);
    expect(run!.runId).toBe(runId);
    expect(run!.status).toBe('completed');
    expect(run!.seen).toBe(120);
    expect(run!.published).toBe(120);
    expect(await count()).toBe(120);
    // The publish jobs (encoded in Redis) say which graphs are record graphs: the store merges those into the entities graph.
    const writes = (await set.queues.publish.getJobs(['completed'], 0, 200)).filter((j) => j.data.sourceId === 'dmg').flatMap((j) => unpackChanges(j.data.changes).put ?? []);
    expect(writes.filter((w) => w.entity === true)).toHaveLength(120);
    // Only record graphs ({base}graph/{source}/{record}) are entity data; provenance, matching and publication-node graphs are not.
    const isRecordGraph = (g: string) => /^http:\/\/hub\.test\/graph\/[^/]+\/[^/]+$/.test(g);
    for (const w of writes) expect([w.graph, w.entity === true]).toEqual([w.graph, isRecordGraph(w.graph)]);
    const position = await set.state.position('dmg');
    expect(position.seq).toBeGreaterThan(1);
    expect(position.checkpoint).toBeDefined();
    expect(await set.state.lockHolder('dmg')).toBeNull();
  });

  it('resumes from the checkpoint: the next run reads only what changed', async () => {
    ldes.addVersion('530000005', { title: 'Een nieuwe titel' });
    await enqueueHarvest(set, 'dmg', { trigger: 'cli' });
    const runs = await finished(2);
    expect(runs[0]!.seen).toBeLessThan(120);
    expect(runs[0]!.seen).toBeGreaterThanOrEqual(1);
    expect(await count()).toBe(120);
    const quads = await store.graph(recordGraphIri('http://hub.test/', 'dmg', (await findRecordId(store, '530000005'))!));
    expect(quads.some((q) => q.object.value === 'Een nieuwe titel')).toBe(true);
  });

  it('publishing the same batch twice yields the same graphs', async () => {
    const before = await store.select('SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "http://hub.test/graph/dmg/") && !STRENDS(STR(?g), "/provenance")) }');
    const position = await set.state.position('dmg');
    // Replay the publish job of the last applied batch as if a worker had died after its commit.
    const last = (await set.queues.publish.getJobs(['completed'], 0, 200)).filter((j) => j.data.sourceId === 'dmg' && j.data.changes.graphs.length > 0).sort((a, b) => b.data.seq - a.data.seq)[0]!;
    await store.commit({ put: unpackChanges(last.data.changes).put!.map((w) => ({ graph: w.graph, quads: [] })) });
    const { parseRdf } = await import('../../../src/core/rdf.js');
    await store.commit({ put: unpackChanges(last.data.changes).put!.map((w) => ({ graph: w.graph, quads: parseRdf(w.nquads, { format: 'application/n-quads' }) })) });
    await store.commit({ put: unpackChanges(last.data.changes).put!.map((w) => ({ graph: w.graph, quads: parseRdf(w.nquads, { format: 'application/n-quads' }) })) });
    const after = await store.select('SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "http://hub.test/graph/dmg/") && !STRENDS(STR(?g), "/provenance")) }');
    expect(after.length).toBe(before.length);
    // and the replayed job itself is a no-op for the counters: its seq is already applied.
    expect(last.data.seq).toBeLessThanOrEqual(position.seq);
  });

  it('keeps a bad member local and removes characters XML cannot carry, as the embedded run does', async () => {
    ldes.spoil(ldes.addVersion('530000007', { title: 'diep' }), spoilers.deepJson());
    ldes.spoil(ldes.addVersion('530000008', { title: 'Titel met escape' }), spoilers.jsonControls('Titel met escape'));
    const { runId } = await enqueueHarvest(set, 'dmg', { trigger: 'cli' });
    const runs = await finished(3);
    expect(runs[0]).toMatchObject({ runId, status: 'completed', errors: 1 });
    const problems = (await set.state.run(runId))?.problems ?? [];
    expect(problems.find((p) => p.stage === 'harvest')?.message).toMatch(/nested more than 100 levels deep \(maxRecordDepth\)$/);
    expect(problems.find((p) => p.recordId === '530000008' && !p.rejected)?.message).toMatch(/U\+001B, U\+0000 in <[^>]+>/);
    const quads = await store.graph(recordGraphIri('http://hub.test/', 'dmg', (await findRecordId(store, '530000008'))!));
    expect(quads.some((q) => q.object.value === 'Titel met escape')).toBe(true);
  });
});

async function findRecordId(store: MemoryStore, objectId: string): Promise<string | undefined> {
  const rows = await store.select(`SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), "${objectId}") && !STRENDS(STR(?g), "/provenance") && !STRENDS(STR(?g), "/matching")) } LIMIT 1`);
  const g = rows[0]?.g?.value;
  return g ? decodeURIComponent(g.slice('http://hub.test/graph/dmg/'.length)) : undefined;
}
