/**
 * One run summary for both run modes: the same source harvested embedded (runSource) and
 * distributed (harvest → process → publish jobs on real Redis) counts the same, organisation
 * breakdown included, in Redis and in the state file the reports read; and the publish job's
 * close-run step prunes older reports to hub.reports as the embedded run does.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { startLdesFixture, type LdesFixture } from '../../../fixtures/ldes/server.js';
import { runSource } from '../../../src/pipeline/run-source.js';
import type { RunSummary } from '../../../src/reports/run-summary.js';
import { buildRuntime } from '../../../src/pipeline/source-runtime.js';
import { StateStore } from '../../../src/pipeline/state-store.js';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { enqueueHarvest } from '../../../src/queue/producers.js';
import { WorkerPool } from '../../../src/queue/worker-pool.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { describeWith, redisNeed } from '../../helpers/services.js';
import { configYaml, testConfig, uniquePrefix, waitFor } from './helpers.js';

const describeRedis = describeWith([await redisNeed()]);

const counts = (r: RunSummary) => ({ status: r.status, seen: r.seen, published: r.published, rejected: r.rejected, deleted: r.deleted, errors: r.errors, warnings: r.warnings, nonConforming: r.nonConforming, organisations: r.organisations });

describeRedis('One run summary for both modes', () => {
  let ldes: LdesFixture;
  const dirs: { path: string; cleanup: () => Promise<void> }[] = [];
  let pool: WorkerPool | undefined;
  let set: HubQueueSet | undefined;

  beforeAll(async () => {
    ldes = await startLdesFixture({ objects: 40, pageSize: 10 });
  });

  afterAll(async () => {
    await pool?.close();
    for (const q of Object.values(set?.queues ?? {})) await q.obliterate({ force: true }).catch(() => undefined);
    await set?.close();
    await ldes?.close();
    for (const d of dirs) await d.cleanup();
  });

  it('counts the same records, per organisation too', async () => {
    const embeddedDir = await tempDir();
    const distributedDir = await tempDir();
    dirs.push(embeddedDir, distributedDir);
    const yaml = (dataDir: string) => configYaml({ ldesUrl: ldes.url, dataDir, redisUrl: 'redis://127.0.0.1:6379', prefix: uniquePrefix() });

    const embeddedConfig = testConfig(yaml(embeddedDir.path));
    const rt = await buildRuntime(embeddedConfig, embeddedConfig.sources[0]!);
    const embedded = await runSource(embeddedConfig.hub, rt, new MemoryStore(), new StateStore(embeddedDir.path));

    const config = testConfig(yaml(distributedDir.path));
    set = new HubQueueSet(config);
    pool = await WorkerPool.start(config, { roles: ['harvest', 'process', 'publish'], store: new MemoryStore(), log: pino({ level: 'silent' }) });
    const { runId } = await enqueueHarvest(set, 'dmg', { trigger: 'cli' });
    const distributed = await waitFor('the distributed run', async () => (await set!.state.runs('dmg')).find((r) => r.runId === runId), 40000);

    expect(embedded.organisations!['Design Museum Gent']!.seen).toBe(40);
    expect(counts(distributed)).toEqual(counts(embedded));
    const kept = (await new StateStore(distributedDir.path).read('dmg')).runs.at(-1)!;
    expect(counts(kept)).toEqual(counts(embedded));
  });

  it('prunes older reports in distributed mode too (keepDetailRuns 1, keepSummaryRuns 2)', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const config = testConfig(configYaml({ ldesUrl: ldes.url, dataDir: dir.path, redisUrl: 'redis://127.0.0.1:6379', prefix: uniquePrefix(), store: '  reports: { keepDetailRuns: 1, keepSummaryRuns: 2 }\n' }));
    const store = new MemoryStore();
    const own = new HubQueueSet(config);
    const workers = await WorkerPool.start(config, { roles: ['harvest', 'process', 'publish'], store, log: pino({ level: 'silent' }) });
    try {
      const runIds: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { runId } = await enqueueHarvest(own, 'dmg', { trigger: 'cli', full: true });
        await waitFor(`distributed run ${i + 1}`, async () => (await own.state.runs('dmg')).find((r) => r.runId === runId), 40000);
        runIds.push(runId);
      }
      const results = async (runId: string) =>
        (await store.graph(`http://hub.test/graph/reports/dmg/${runId}`)).filter((q) => q.predicate.value === 'http://www.w3.org/ns/shacl#result').length;
      expect(await store.graph(`http://hub.test/graph/reports/dmg/${runIds[0]}`)).toEqual([]);
      expect(await results(runIds[1]!)).toBe(0);
      expect((await store.graph(`http://hub.test/graph/reports/dmg/${runIds[1]}`)).some((q) => q.predicate.value.endsWith('#detailPruned'))).toBe(true);
      expect(await results(runIds[2]!)).toBeGreaterThan(0);
      const kept = (await new StateStore(dir.path).read('dmg')).runs;
      expect(kept.map((r) => [r.runId, Boolean(r.pruned)])).toEqual([
        [runIds[1], true],
        [runIds[2], false],
      ]);
      expect(kept[0]!.pruned!.rows).toBeGreaterThan(0);
      expect((await readdir(join(dir.path, 'reports', 'dmg'))).sort()).toEqual([`${runIds[1]}.json`, `${runIds[2]}.json`]);
    } finally {
      await workers.close();
      for (const q of Object.values(own.queues)) await q.obliterate({ force: true }).catch(() => undefined);
      await own.close();
    }
  });
});
