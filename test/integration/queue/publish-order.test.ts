/**
 * Per-source order in distributed mode, on real Redis: publish jobs of a source apply strictly in
 * sequence order whatever order they arrive in, so an older version of a record never overwrites
 * a newer one; a batch that arrives before its predecessor waits without using up its attempts,
 * and a batch applied before is a no-op.
 */
import { pino } from 'pino';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { batchJobId, QueueName, type PublishJobData } from '../../../src/queue/queues.js';
import { WorkerPool } from '../../../src/queue/worker-pool.js';
import { packChanges } from '../../../src/store/encoded-graphs.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { configYaml, testConfig, uniquePrefix, waitFor } from './helpers.js';
import { describeWith, redisNeed } from '../../helpers/services.js';

const describeRedis = describeWith([await redisNeed()]);

const GRAPH = 'http://hub.test/graph/dmg/530000001';
const version = (title: string) => `<http://hub.test/id/o/1> <http://www.cidoc-crm.org/cidoc-crm/P102_has_title> "${title}" <${GRAPH}> .\n`;
const batch = (seq: number, title: string): PublishJobData => ({
  sourceId: 'dmg',
  runId: 'run-1',
  seq,
  changes: packChanges({ put: [{ graph: GRAPH, nquads: version(title), quads: 1 }] }),
  checkpoint: { page: seq },
  counts: { seen: 1, published: 1, unchanged: 0, rejected: 0, deleted: 0, errors: 0, warnings: 0, nonConforming: 0, organisations: {} },
  problems: [],
});

describeRedis('Publish order per source', () => {
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

  it('applies a later batch only after its predecessor, and a replayed batch not again', async () => {
    dir = await tempDir();
    const config = testConfig(configYaml({ ldesUrl: 'http://127.0.0.1:9/unused', dataDir: dir.path, redisUrl: 'redis://127.0.0.1:6379', prefix: uniquePrefix(), attempts: 2 }));
    set = new HubQueueSet(config);
    pool = await WorkerPool.start(config, { roles: ['publish'], store, log: pino({ level: 'silent' }) });
    const title = async () => (await store.graph(GRAPH)).map((q) => q.object.value);
    await set.state.startRun('run-1', { sourceId: 'dmg', startedAt: new Date().toISOString(), full: false });

    // The newer version's batch (seq 2) arrives first: it is tried, and handed back while seq 1 is missing.
    const second = await set.queues.publish.add('publish', batch(2, 'new'), { jobId: batchJobId(QueueName.Publish, 'dmg', 'run-1', 2) });
    await waitFor('seq 2 to be tried and handed back', async () => ((await set!.queues.publish.getJob(second.id!))?.processedOn ? await second.getState() === 'delayed' || undefined : undefined));
    expect((await set.state.position('dmg')).seq).toBe(0);
    expect(await title()).toEqual([]);

    await set.queues.publish.add('publish', batch(1, 'old'), { jobId: batchJobId(QueueName.Publish, 'dmg', 'run-1', 1) });
    await waitFor('both batches applied', async () => ((await set!.state.position('dmg')).seq === 2 ? true : undefined));
    expect(await title()).toEqual(['new']);
    expect((await set.state.position('dmg')).checkpoint).toEqual({ page: 2 });
    await waitFor('seq 2 completed', async () => ((await second.getState()) === 'completed' ? true : undefined));
    // Waiting for its turn used none of its two attempts: it never failed.
    expect((await set.queues.publish.getJob(second.id!))!.failedReason).toBeFalsy();

    // The old batch once more (a replay after a crash): a no-op, the newer version stays, counted once.
    const replay = await set.queues.publish.add('publish', batch(1, 'old'), { jobId: 'replay-of-1' });
    const result = await waitFor('the replay', async () => ((await replay.getState()) === 'completed' ? (await set!.queues.publish.getJob(replay.id!))!.returnvalue : undefined));
    expect(result).toEqual({ applied: false });
    expect(await title()).toEqual(['new']);
    expect((await set.state.run('run-1'))?.published).toBe(2);
  });
});
