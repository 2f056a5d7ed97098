/**
 * The operations surface of distributed mode, in one process on real Redis: a permanent error
 * (the source answers 404) fails the harvest once, without retries, and closes the run as
 * failed; the admin API lists, shows and replays it behind x-admin-key; /health reports Redis;
 * /metrics carries the per-source counters and queue depths.
 */
import { pino } from 'pino';
import request from 'supertest';
import { startLdesFixture, type LdesFixture } from '../../../fixtures/ldes/server.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { queuePorts } from '../../../src/queue/app-ports.js';
import { createApp } from '../../../src/api/app.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { WorkerPool } from '../../../src/queue/worker-pool.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { configYaml, reachable, testConfig, uniquePrefix, waitFor } from './helpers.js';

const redisUp = await reachable(6379);
if (!redisUp) console.warn('Skipping admin API queue tests: Redis is not reachable on 127.0.0.1:6379');
const describeRedis = redisUp ? describe : describe.skip;
const KEY = 'k3y-for-tests';

describeRedis('The admin API and operations in distributed mode', () => {
  let ldes: LdesFixture;
  let dir: { path: string; cleanup: () => Promise<void> };
  let pool: WorkerPool;
  let set: HubQueueSet;
  let hub: Hub;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    ldes = await startLdesFixture({ objects: 30, pageSize: 10 });
    dir = await tempDir();
    const yaml = configYaml({ ldesUrl: ldes.url, dataDir: dir.path, redisUrl: 'redis://127.0.0.1:6379', prefix: uniquePrefix(), adminKey: KEY, attempts: 5 });
    const broken = yaml.replace(/sources:\n {2}- id: dmg([\s\S]*)$/, (m, rest: string) => `${m}  - id: broken${rest.replace(ldes.url, `${ldes.url}/missing`)}`);
    const config = testConfig(broken);
    const store = new MemoryStore();
    hub = await Hub.open(config, { store });
    set = new HubQueueSet(config);
    pool = await WorkerPool.start(config, { roles: ['harvest', 'process', 'publish'], store, log: pino({ level: 'silent' }) });
    app = createApp({ ...hubPorts(hub), ...queuePorts(set), log: () => undefined });
  });

  afterAll(async () => {
    await pool?.close();
    for (const q of Object.values(set?.queues ?? {})) await q.obliterate({ force: true }).catch(() => undefined);
    await set?.close();
    await hub?.close();
    await ldes?.close();
    await dir?.cleanup();
  });

  it('refuses admin routes without the right key', async () => {
    await request(app).get('/admin/jobs').expect(401);
    await request(app).get('/admin/jobs').set('x-admin-key', 'wrong').expect(401);
    await request(app).post('/admin/sources/dmg/harvest').expect(401);
  });

  it('enqueues a harvest through the API and publishes it', async () => {
    const res = await request(app).post('/admin/sources/dmg/harvest').set('x-admin-key', KEY).expect(202);
    expect(res.body.runId).toBeTruthy();
    const runs = await waitFor('the dmg run', async () => ((await set.state.runs('dmg')).length ? set.state.runs('dmg') : undefined));
    expect(runs[0]).toMatchObject({ runId: res.body.runId, status: 'completed', published: 30 });
    await request(app).post('/admin/sources/nope/harvest').set('x-admin-key', KEY).expect(404);
  });

  it('sends a permanent error to the failed set without retrying, and closes the run as failed', async () => {
    await request(app).post('/admin/sources/broken/harvest').set('x-admin-key', KEY).expect(202);
    const failed = await waitFor('a failed job', async () => {
      const r = await request(app).get('/admin/jobs?state=failed').set('x-admin-key', KEY);
      return r.body.length ? (r.body as { id: string; attemptsMade: number; attempts: number; failedReason: string; sourceId: string }[]) : undefined;
    });
    expect(failed[0]!.sourceId).toBe('broken');
    expect(failed[0]!.attemptsMade).toBe(1);
    expect(failed[0]!.attempts).toBe(5);
    expect(failed[0]!.failedReason).toMatch(/SourceContractError: .*HTTP 404/);
    const runs = await waitFor('the failed run', async () => ((await set.state.runs('broken')).length ? set.state.runs('broken') : undefined));
    expect(runs[0]!.status).toBe('failed');
    const shown = await request(app).get(`/admin/jobs/${failed[0]!.id}?queue=harvest`).set('x-admin-key', KEY).expect(200);
    expect(shown.body.state).toBe('failed');
    expect(shown.body.stacktrace.length).toBeGreaterThan(0);
    // Replay: it fails again the same way (the source still answers 404), once more without retries.
    await request(app).post(`/admin/jobs/${failed[0]!.id}/retry?queue=harvest`).set('x-admin-key', KEY).expect(200);
    await waitFor('the replay to fail', async () => {
      const r = await request(app).get(`/admin/jobs/${failed[0]!.id}?queue=harvest`).set('x-admin-key', KEY);
      return r.body.state === 'failed' && r.body.attemptsMade === 1 && r.body.stacktrace.length >= 1 ? r.body : undefined;
    });
    await request(app).post(`/admin/jobs/${failed[0]!.id}/retry?queue=publish`).set('x-admin-key', KEY).expect(404);
    await request(app).get('/admin/jobs?state=bogus').set('x-admin-key', KEY).expect(400);
  });

  it('reports Redis in /health and counters and queue depths in /metrics', async () => {
    const health = await request(app).get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', queue: { ok: true } });
    await request(app).get('/ready').expect(200);
    const metrics = await request(app).get('/metrics').expect(200);
    expect(metrics.text).toMatch(/hub_records_published_total\{source="dmg"\} 30/);
    expect(metrics.text).toMatch(/hub_records_harvested_total\{source="dmg"\} 30/);
    expect(metrics.text).toMatch(/hub_records_mapped_total\{source="dmg"\} 30/);
    expect(metrics.text).toMatch(/hub_queue_jobs\{queue="harvest",state="failed"\} 1/);
    expect(metrics.text).toMatch(/hub_job_duration_seconds_count\{queue="publish",outcome="completed"\} \d+/);
    expect(metrics.text).toMatch(/hub_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} 1/);
  });
});
