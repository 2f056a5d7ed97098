/**
 * Job ids across queues, on real Redis: a batch's process and publish jobs have ids of their own,
 * so a failed publish job is found and replayed by its id alone (`hub jobs retry ID`,
 * `POST /admin/jobs/ID/retry`); and where two queues hold the same id (jobs enqueued before ids
 * named their queue), retry replays the failed one.
 */
import { pino } from 'pino';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { listJobs, retryJob } from '../../../src/queue/jobs-admin.js';
import { batchJobId, QueueName, type PublishJobData } from '../../../src/queue/queues.js';
import { WorkerPool } from '../../../src/queue/worker-pool.js';
import { packChanges } from '../../../src/store/encoded-graphs.js';
import { RefusingStore } from '../../helpers/refusing-store.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { describeWith, redisNeed } from '../../helpers/services.js';
import { configYaml, testConfig, uniquePrefix, waitFor } from './helpers.js';

const describeRedis = describeWith([await redisNeed()]);

describeRedis('Job ids across queues', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let pool: WorkerPool | undefined;
  let set: HubQueueSet | undefined;
  const store = new RefusingStore();

  beforeAll(async () => {
    dir = await tempDir();
    const config = testConfig(configYaml({ ldesUrl: 'http://127.0.0.1:9/unused', dataDir: dir.path, redisUrl: 'redis://127.0.0.1:6379', prefix: uniquePrefix(), attempts: 2 }));
    set = new HubQueueSet(config);
    pool = await WorkerPool.start(config, { roles: ['process', 'publish'], store, log: pino({ level: 'silent' }) });
  });

  afterAll(async () => {
    await pool?.close();
    for (const q of Object.values(set?.queues ?? {})) await q.obliterate({ force: true }).catch(() => undefined);
    await set?.close();
    await dir?.cleanup();
  });

  it('retries a failed publish job by its id alone, while the process job of the same batch is completed', async () => {
    store.refusing = true;
    await set!.state.startRun('run-1', { sourceId: 'dmg', startedAt: new Date().toISOString(), full: false });
    const processId = batchJobId(QueueName.Process, 'dmg', 'run-1', 1);
    await set!.queues.process.add('process', { sourceId: 'dmg', runId: 'run-1', seq: 1, items: [{ type: 'delete', recordId: 'gone-1' }], checkpoint: { page: 1 } }, { jobId: processId });
    const failed = await waitFor('the publish job to fail', async () => (await listJobs(set!, { state: 'failed' })).find((j) => j.queue === 'publish'));
    expect(failed.id).toBe(batchJobId(QueueName.Publish, 'dmg', 'run-1', 1));
    expect(failed.id).not.toBe(processId);
    expect(await (await set!.queues.process.getJob(processId))!.getState()).toBe('completed');

    store.refusing = false;
    const retried = await retryJob(set!, failed.id);
    expect(retried).toMatchObject({ queue: 'publish', id: failed.id });
    await waitFor('the batch to be published', async () => ((await set!.state.position('dmg')).seq === 1 ? true : undefined));
    expect((await set!.state.position('dmg')).checkpoint).toEqual({ page: 1 });
  });

  it('retries the failed one of two jobs that share an id in different queues', async () => {
    store.refusing = true;
    const shared = 'dmg.run-2.1';
    await set!.state.startRun('run-2', { sourceId: 'dmg', startedAt: new Date().toISOString(), full: false });
    // A process job left waiting (delayed far ahead) and a publish job with the same id that fails.
    await set!.queues.process.add('process', { sourceId: 'dmg', runId: 'run-2', seq: 9, items: [], checkpoint: undefined }, { jobId: shared, delay: 3_600_000 });
    const data: PublishJobData = {
      sourceId: 'dmg',
      runId: 'run-2',
      seq: 2,
      changes: packChanges({ put: [{ graph: 'http://hub.test/graph/dmg/x', nquads: '<http://hub.test/x> <http://hub.test/p> "x" <http://hub.test/graph/dmg/x> .\n', quads: 1 }] }),
      counts: { seen: 1, published: 1, unchanged: 0, rejected: 0, deleted: 0, errors: 0, warnings: 0, nonConforming: 0, organisations: {} },
      problems: [],
    };
    await set!.queues.publish.add('publish', data, { jobId: shared });
    await waitFor('the shared-id publish job to fail', async () => ((await (await set!.queues.publish.getJob(shared))?.getState()) === 'failed' ? true : undefined));

    store.refusing = false;
    const retried = await retryJob(set!, shared);
    expect(retried.queue).toBe('publish');
    await waitFor('the publish job to complete', async () => ((await (await set!.queues.publish.getJob(shared))?.getState()) === 'completed' ? true : undefined));
    expect(await (await set!.queues.process.getJob(shared))!.getState()).toBe('delayed');
  });
});
