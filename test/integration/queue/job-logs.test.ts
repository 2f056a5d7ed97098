/**
 * The JSON logs of distributed mode, written by the hub's own logger (pino with its redaction
 * rules): a record kept out of the store is logged with its source id, run id and record id.
 */
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLdesFixture, type LdesFixture } from '../../../fixtures/ldes/server.js';
import { createLogger } from '../../../src/core/logger.js';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { enqueueHarvest } from '../../../src/queue/producers.js';
import { WorkerPool } from '../../../src/queue/worker-pool.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { configYaml, REPO, testConfig, uniquePrefix, waitFor } from './helpers.js';
import { describeWith, redisNeed } from '../../helpers/services.js';

const describeRedis = describeWith([await redisNeed()]);

describeRedis('Job logs in distributed mode', () => {
  let ldes: LdesFixture;
  let dir: { path: string; cleanup: () => Promise<void> };
  let pool: WorkerPool | undefined;
  let set: HubQueueSet | undefined;

  afterAll(async () => {
    await pool?.close();
    for (const q of Object.values(set?.queues ?? {})) await q.obliterate({ force: true }).catch(() => undefined);
    await set?.close();
    await ldes?.close();
    await dir?.cleanup();
  });

  it('carry source id, run id and record id for a record kept out of the store', async () => {
    ldes = await startLdesFixture({ objects: 3, pageSize: 5 });
    ldes.addVersion('untitled-1', { withoutTitle: true });
    dir = await tempDir();
    const yaml = configYaml({ ldesUrl: ldes.url, dataDir: dir.path, redisUrl: 'redis://127.0.0.1:6379', prefix: uniquePrefix(), shapes: join(REPO, 'test/fixtures/shapes/title-required.ttl') }).replace(
      'onViolation: warn',
      'onViolation: reject',
    );
    const config = testConfig(yaml);
    const logFile = join(dir.path, 'worker.log');
    const log = createLogger({ level: 'info', destination: openSync(logFile, 'w') });
    pool = await WorkerPool.start(config, { roles: ['harvest', 'process', 'publish'], store: new MemoryStore(), log });
    set = new HubQueueSet(config);
    const { runId } = await enqueueHarvest(set, 'dmg', { trigger: 'cli' });
    const [run] = await waitFor('the run', async () => ((await set!.state.runs('dmg')).length ? set!.state.runs('dmg') : undefined));
    expect(run).toMatchObject({ runId, status: 'completed', seen: 4, published: 3, rejected: 1 });
    const lines = await waitFor('the rejected record in the log', async () => {
      log.flush();
      const parsed = readFileSync(logFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      return parsed.some((l) => l.msg === 'record rejected') ? parsed : undefined;
    });
    expect(lines.filter((l) => l.msg === 'record rejected')).toEqual([expect.objectContaining({ sourceId: 'dmg', runId, recordId: 'untitled-1', stage: 'validation', service: 'culture-lod-hub' })]);
    expect(lines.find((l) => l.msg === 'harvest started')).toMatchObject({ sourceId: 'dmg', runId });
  });
});
