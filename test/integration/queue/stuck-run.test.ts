/**
 * A run stuck behind a failed publish job, on real Redis: /sources shows the source's run as
 * going and stuck (which job, why, how to retry), /health says degraded with that reason; once
 * the job is retried and published, both are back to normal.
 */
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../../../src/api/app.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { queuePorts } from '../../../src/queue/app-ports.js';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { retryJob } from '../../../src/queue/jobs-admin.js';
import { batchJobId, QueueName } from '../../../src/queue/queues.js';
import { WorkerPool } from '../../../src/queue/worker-pool.js';
import { RefusingStore } from '../../helpers/refusing-store.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { describeWith, redisNeed } from '../../helpers/services.js';
import { configYaml, testConfig, uniquePrefix, waitFor } from './helpers.js';

const describeRedis = describeWith([await redisNeed()]);

describeRedis('A run stuck behind a failed publish job', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let pool: WorkerPool | undefined;
  let set: HubQueueSet | undefined;
  let hub: Hub | undefined;
  const store = new RefusingStore();

  afterAll(async () => {
    await pool?.close();
    for (const q of Object.values(set?.queues ?? {})) await q.obliterate({ force: true }).catch(() => undefined);
    await set?.close();
    await hub?.close();
    await dir?.cleanup();
  });

  it('shows on /sources and degrades /health until the job is retried', async () => {
    dir = await tempDir();
    const config = testConfig(configYaml({ ldesUrl: 'http://127.0.0.1:9/unused', dataDir: dir.path, redisUrl: 'redis://127.0.0.1:6379', prefix: uniquePrefix(), attempts: 2 }));
    set = new HubQueueSet(config);
    hub = await Hub.open(config, { store });
    pool = await WorkerPool.start(config, { roles: ['process', 'publish'], store, log: pino({ level: 'silent' }) });
    const app = createApp({ ...hubPorts(hub), ...queuePorts(set), log: () => undefined });

    // A run of dmg as the harvest job starts it: the run lock, then its first batch.
    expect(await set.state.lock('dmg', 'run-1', 60_000)).toBe(true);
    await set.state.startRun('run-1', { sourceId: 'dmg', startedAt: new Date().toISOString(), full: false });
    await set.queues.process.add('process', { sourceId: 'dmg', runId: 'run-1', seq: 1, items: [{ type: 'delete', recordId: 'gone-1' }], checkpoint: { page: 1 } }, { jobId: batchJobId(QueueName.Process, 'dmg', 'run-1', 1) });
    const publishId = batchJobId(QueueName.Publish, 'dmg', 'run-1', 1);
    await waitFor('the publish job to fail', async () => ((await (await set!.queues.publish.getJob(publishId))?.getState()) === 'failed' ? true : undefined));

    const sources = await request(app).get('/sources').set('accept', 'application/json').expect(200);
    const dmg = (sources.body.sources as { id: string; running: boolean; currentRun?: string; stuck?: string }[]).find((s) => s.id === 'dmg')!;
    expect(dmg).toMatchObject({ running: true, currentRun: 'run-1' });
    expect(dmg.stuck).toContain(`waits on failed publish job ${publishId} (batch 1)`);
    expect(dmg.stuck).toContain('the store refused the update');
    const html = await request(app).get('/sources').set('accept', 'text/html').expect(200);
    expect(html.text).toContain(`stuck: run run-1 of dmg waits on failed publish job ${publishId}`);
    const health = await request(app).get('/health').expect(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.runs.stuck).toEqual([dmg.stuck]);

    store.refusing = false;
    await retryJob(set, publishId);
    await waitFor('the batch to be published', async () => ((await set!.state.position('dmg')).seq === 1 ? true : undefined));
    const after = await request(app).get('/health').expect(200);
    expect(after.body.status).toBe('ok');
    expect(after.body.runs).toBeUndefined();
    const again = await request(app).get('/sources').set('accept', 'application/json').expect(200);
    expect((again.body.sources as { id: string; stuck?: string }[]).find((s) => s.id === 'dmg')!.stuck).toBeUndefined();
  });
});
