/**
 * Fault: Redis restarts in the middle of a run. A private redis-server (append-only file in a
 * temporary folder, so its queues survive the restart, as production Redis must be configured)
 * is shut down and started again while `hub serve` and a `hub worker` run; they reconnect and
 * the run completes with every record published once.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { startLdesFixture, type LdesFixture } from '../../fixtures/ldes/server.js';
import { HubQueueSet } from '../../src/queue/hub-queues.js';
import { enqueueHarvest } from '../../src/queue/producers.js';
import { tempDir } from '../helpers/temp-dir.js';
import { configYaml, reachable, testConfig, uniquePrefix, waitFor } from '../integration/queue/helpers.js';
import { countRecordGraphs, startServe, startWorker, stop, writeConfig, type HubProcess } from './processes.js';
import { builtNeed, describeWith, redisServerNeed } from '../helpers/services.js';

const describeFault = describeWith([redisServerNeed(), builtNeed()]);

const OBJECTS = 60;
const BASE = 'http://hub.test/';
const PORT = 16380 + Math.floor(Math.random() * 1000);

function startRedis(dir: string): ChildProcess {
  return spawn('redis-server', ['--port', String(PORT), '--bind', '127.0.0.1', '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--dir', dir], { stdio: 'ignore' });
}

describeFault('Redis restarting during a run', () => {
  let ldes: LdesFixture;
  let dir: { path: string; cleanup: () => Promise<void> };
  let redis: ChildProcess | undefined;
  let set: HubQueueSet | undefined;
  const procs: HubProcess[] = [];

  afterAll(async () => {
    for (const p of procs) await stop(p, 'SIGKILL');
    await set?.close();
    if (redis && redis.exitCode === null) {
      redis.kill('SIGKILL');
      await once(redis, 'exit');
    }
    await ldes?.close();
    await dir?.cleanup();
  });

  it('reconnects and completes the run with nothing lost', async () => {
    dir = await tempDir();
    redis = startRedis(dir.path);
    await waitFor('redis-server', async () => reachable(PORT), 10000, 100);
    ldes = await startLdesFixture({ objects: OBJECTS, pageSize: 10 });
    const yaml = configYaml({ ldesUrl: ldes.url, dataDir: `${dir.path}/data`, redisUrl: `redis://127.0.0.1:${PORT}`, prefix: uniquePrefix(), lockMs: 4000, baseIri: BASE });
    const file = await writeConfig(dir.path, yaml);
    const serve = await startServe(file);
    procs.push(serve);
    procs.push(await startWorker(file));
    set = new HubQueueSet(testConfig(yaml), 'worker');
    const { runId } = await enqueueHarvest(set, 'dmg', { trigger: 'cli' });
    await waitFor('a published batch', async () => (await set!.state.position('dmg')).seq >= 2, 40000, 100);
    // SHUTDOWN writes the append-only file and stops; start it again on the same folder.
    spawnSync('redis-cli', ['-p', String(PORT), 'shutdown']);
    await once(redis, 'exit');
    const health = await fetch(`${serve.url}health`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { status: string }).status).toBe('degraded');
    await new Promise((r) => setTimeout(r, 1500));
    redis = startRedis(dir.path);
    await waitFor('redis-server again', async () => reachable(PORT), 10000, 100);
    const runs = await waitFor('the run to finish', async () => {
      const r = await set!.state.runs('dmg');
      return r[0]?.runId === runId ? r : undefined;
    }, 50000);
    expect(runs[0]!.status).toBe('completed');
    expect(runs[0]!.seen).toBe(OBJECTS);
    expect(await countRecordGraphs(serve.url, BASE)).toBe(OBJECTS);
    expect((await fetch(`${serve.url}health`)).status).toBe(200);
  }, 90000);
});
