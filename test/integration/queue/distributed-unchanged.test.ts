/**
 * Unchanged records in distributed mode, on real Redis: the publish job (the same publish step as
 * the embedded run) leaves a record whose stored provenance says the same out of its commit and
 * adds it to the run's `unchanged` count; a changed record is written. The batches are what a
 * process job hands on: the record's publish writes (record-publisher.ts), encoded.
 */
import { pino } from 'pino';
import { SourceSchema } from '../../../src/config/schema.js';
import { provenanceGraphIri } from '../../../src/core/identifiers.js';
import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import { PROV } from '../../../src/core/vocab.js';
import { publishWrites } from '../../../src/pipeline/record-publisher.js';
import { encodeBatch } from '../../../src/pipeline/steps/publish.js';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { batchJobId, QueueName, type PublishJobData } from '../../../src/queue/queues.js';
import { WorkerPool } from '../../../src/queue/worker-pool.js';
import { packChanges } from '../../../src/store/encoded-graphs.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { configYaml, testConfig, uniquePrefix, waitFor } from './helpers.js';
import { describeWith, redisNeed } from '../../helpers/services.js';

const describeRedis = describeWith([await redisNeed()]);
const BASE = 'http://hub.test/';
const source = SourceSchema.parse({ id: 'dmg', mapping: 'm.yml', shapes: ['s.ttl'], entityType: 'mensgemaaktobject', connector: { type: 'files' } });
const ctx = { baseIri: BASE, source, runId: 'run-1', mapping: { id: 'm.yml', version: 'v1' }, shapes: { id: 's.ttl', version: 'v1' } };

/** A process job's batch of one record, with title `title`, published at `now`. */
function batch(seq: number, title: string, now: string): PublishJobData {
  const s = namedNode(`${BASE}id/mensgemaaktobject/dmg/1`);
  const quads = [quad(s, namedNode('http://www.cidoc-crm.org/cidoc-crm/P102_has_title'), literal(title)), quad(s, namedNode('http://example.org/made'), namedNode(`${s.value}#productie`))];
  const encoded = encodeBatch({ put: publishWrites({ sourceId: 'dmg', recordId: '1', mediaType: 'application/json', body: '{}' }, quads, true, ctx, now), drop: [] });
  return {
    sourceId: 'dmg',
    runId: 'run-1',
    seq,
    changes: packChanges(encoded),
    checkpoint: { page: seq },
    counts: { seen: 1, published: 1, unchanged: 0, rejected: 0, deleted: 0, errors: 0, warnings: 0, nonConforming: 0, organisations: {} },
    problems: [],
  };
}

describeRedis('Unchanged records in distributed mode', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let pool: WorkerPool | undefined;
  let set: HubQueueSet | undefined;
  const store = new MemoryStore();

  afterAll(async () => {
    await pool?.close();
    for (const q of Object.values(set?.queues ?? {})) await q.obliterate({ force: true }).catch(() => undefined);
    await set?.close();
    await dir?.cleanup();
  });

  it('are left out of the publish job commit and counted; a changed record is written', async () => {
    dir = await tempDir();
    const config = testConfig(configYaml({ ldesUrl: 'http://127.0.0.1:9/unused', dataDir: dir.path, redisUrl: 'redis://127.0.0.1:6379', prefix: uniquePrefix() }));
    set = new HubQueueSet(config);
    pool = await WorkerPool.start(config, { roles: ['publish'], store, log: pino({ level: 'silent' }) });
    await set.state.startRun('run-1', { sourceId: 'dmg', startedAt: new Date().toISOString(), full: true });
    // When record 1 was last published: the time on the publication node its provenance points at.
    const published = async () => {
      const node = (await store.graph(provenanceGraphIri(BASE, 'dmg', '1'))).find((q) => q.predicate.value === PROV('wasGeneratedBy'))?.object.value;
      return node === undefined ? undefined : (await store.graph(node)).find((q) => q.predicate.value === PROV('endedAtTime'))?.object.value;
    };
    const apply = async (data: PublishJobData) => {
      await set!.queues.publish.add('publish', data, { jobId: batchJobId(QueueName.Publish, 'dmg', 'run-1', data.seq) });
      await waitFor(`seq ${data.seq} applied`, async () => ((await set!.state.position('dmg')).seq === data.seq ? true : undefined));
    };

    await apply(batch(1, 'Stoel', '2026-11-01T10:00:00Z'));
    expect(await published()).toBe('2026-11-01T10:00:00Z');
    // The same record again, later: nothing written, counted unchanged.
    await apply(batch(2, 'Stoel', '2026-11-02T10:00:00Z'));
    expect(await published()).toBe('2026-11-01T10:00:00Z');
    expect(await set.state.run('run-1')).toMatchObject({ published: 2, unchanged: 1 });
    // Changed: written, with its new time.
    await apply(batch(3, 'Tafel', '2026-11-03T10:00:00Z'));
    expect(await published()).toBe('2026-11-03T10:00:00Z');
    expect(await set.state.run('run-1')).toMatchObject({ published: 3, unchanged: 1 });
  });
});
