/**
 * Fault: a worker killed with SIGKILL in the middle of a harvest. Real Redis, real processes:
 * `hub serve` owns the embedded store and publishes; `hub worker` children harvest and map. After
 * the kill a fresh worker picks up the dead one's jobs (once their locks expire) and the run
 * completes with every record published exactly once (one record graph per object, no other).
 */
import { startLdesFixture, type LdesFixture } from '../../fixtures/ldes/server.js';
import { HubQueueSet } from '../../src/queue/hub-queues.js';
import { tempDir } from '../helpers/temp-dir.js';
import { configYaml, testConfig, uniquePrefix, waitFor } from '../integration/queue/helpers.js';
import { countRecordGraphs, startServe, startWorker, stop, writeConfig, type HubProcess } from './processes.js';
import { builtNeed, describeWith, redisNeed } from '../helpers/services.js';

const describeFault = describeWith([await redisNeed(), builtNeed()]);

const OBJECTS = 80;
const SECRET = 'pa55-w0rd-that-must-not-leak';
process.env.HUB_ADMIN_KEY = 'admin-key-that-must-not-leak';
const BASE = 'http://hub.test/';

describeFault('Workers stopped mid-harvest (SIGKILL, SIGTERM)', () => {
  let ldes: LdesFixture;
  let dir: { path: string; cleanup: () => Promise<void> };
  let set: HubQueueSet;
  const procs: HubProcess[] = [];

  afterAll(async () => {
    for (const p of procs) await stop(p, 'SIGKILL');
    for (const q of Object.values(set?.queues ?? {})) await q.obliterate({ force: true }).catch(() => undefined);
    await set?.close();
    await ldes?.close();
    await dir?.cleanup();
  });

  it('loses no record and duplicates none after a restart', async () => {
    ldes = await startLdesFixture({ objects: OBJECTS, pageSize: 10 });
    dir = await tempDir();
    process.env.HUB_STORE_PASSWORD = SECRET;
    const yaml = configYaml({
      ldesUrl: ldes.url,
      dataDir: `${dir.path}/data`,
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: uniquePrefix(),
      lockMs: 4000,
      baseIri: BASE,
      adminKey: '${HUB_ADMIN_KEY}',
      store: '  store: { password: "${HUB_STORE_PASSWORD}" }\n',
    });
    const file = await writeConfig(dir.path, yaml);
    set = new HubQueueSet(testConfig(yaml));
    const serve = await startServe(file);
    procs.push(serve);
    const doomed = await startWorker(file);
    procs.push(doomed);
    const res = await fetch(`${serve.url}admin/sources/dmg/harvest`, { method: 'POST' });
    expect(res.status).toBe(401);
    const { enqueueHarvest } = await import('../../src/queue/producers.js');
    const { runId } = await enqueueHarvest(set, 'dmg', { trigger: 'cli' });
    // Kill it once some batches are published and more are still to come.
    await waitFor('a few published batches', async () => (await set.state.position('dmg')).seq >= 3, 40000, 100);
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    const before = (await set.state.position('dmg')).seq;
    procs.push(await startWorker(file));
    const [run] = await waitFor('the run to finish', async () => {
      const runs = await set.state.runs('dmg');
      return runs.length > 0 ? runs : undefined;
    }, 50000);
    expect(before).toBeLessThan(OBJECTS / 10);
    expect(run!.runId).toBe(runId);
    expect(run!.status).toBe('completed');
    expect(await countRecordGraphs(serve.url, BASE)).toBe(OBJECTS);
    // Each batch counted once: the run saw every object once although some were read twice.
    expect(run!.seen).toBe(OBJECTS);
    expect(run!.published).toBe(OBJECTS);
    // Structured logs name source and run; secrets never appear in them.
    const logs = procs.map((p) => p.output()).join('\n');
    expect(logs).toContain(`"runId":"${runId}"`);
    expect(logs).toContain('"sourceId":"dmg"');
    expect(logs).toContain('"password":"***"');
    expect(logs).not.toContain(SECRET);
    expect(logs).not.toContain(process.env.HUB_ADMIN_KEY);
  }, 90000);

  it('SIGTERM hands the harvest back; another worker completes the run', async () => {
    const file = `${dir.path}/hub.yaml`;
    for (const p of procs.slice(1)) await stop(p, 'SIGKILL');
    const serve = procs[0] as HubProcess & { url: string };
    const polite = await startWorker(file, [], { HUB_TEST_SECRET: 'x' });
    procs.push(polite);
    const { enqueueHarvest } = await import('../../src/queue/producers.js');
    const start = (await set.state.position('dmg')).seq;
    // Pages after the third answer slowly, so the SIGTERM finds the harvest in the middle of its read
    // (with batches of this run already published), not after it has read everything.
    ldes.failNext(5, { delayMs: 2000 }, { after: 3 });
    const { runId } = await enqueueHarvest(set, 'dmg', { trigger: 'cli', full: true });
    await waitFor('the full run to publish a batch', async () => (await set.state.position('dmg')).seq >= start + 2, 40000, 100);
    expect(await set.queues.harvest.getActiveCount()).toBe(1);
    polite.child.kill('SIGTERM');
    const exit = await polite.exited;
    expect(exit.code).toBe(0);
    expect(polite.output()).toContain('worker stopped');
    procs.push(await startWorker(file));
    const runs = await waitFor('the full run to finish', async () => {
      const r = await set.state.runs('dmg');
      return r[0]?.runId === runId ? r : undefined;
    }, 50000);
    expect(runs[0]!.status).toBe('completed');
    expect(runs[0]!.full).toBe(true);
    expect(runs[0]!.seen).toBe(OBJECTS);
    expect(await countRecordGraphs(serve.url, BASE)).toBe(OBJECTS);
  }, 90000);
});
