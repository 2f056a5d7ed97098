/**
 * Distributed mode from the command line and its schedules, on real Redis: a source's schedule
 * is a BullMQ job scheduler whose ticks run as ordinary harvests, and its on-start harvest follows
 * `onStart`; `hub jobs` lists, shows and replays a failed job; `hub worker` switches to
 * distributed mode on $REDIS_URL alone, takes --concurrency, refuses a bad value, and stops
 * cleanly on SIGTERM.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { startLdesFixture, type LdesFixture } from '../../../fixtures/ldes/server.js';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { enqueueHarvest, enqueueStartHarvests, runIdOf, scheduleSources } from '../../../src/queue/producers.js';
import { WorkerPool } from '../../../src/queue/worker-pool.js';
import { MAIN, startWorker, stop, writeConfig, type HubProcess } from '../../fault/processes.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { configYaml, REPO, testConfig, uniquePrefix, waitFor } from './helpers.js';
import { builtNeed, describeWith, redisNeed } from '../../helpers/services.js';

const describeRedis = describeWith([await redisNeed(), builtNeed()]);

const run = promisify(execFile);
/** Runs `hub …`; resolves with the exit code and output instead of throwing on a non-zero exit. */
async function hub(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [MAIN, ...args], { cwd: REPO, env: { ...process.env, REDIS_URL: '', LOG_LEVEL: 'warn', ...env }, timeout: 30000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describeRedis('Distributed mode from the command line', () => {
  let ldes: LdesFixture;
  let dir: { path: string; cleanup: () => Promise<void> };
  let set: HubQueueSet;
  let pool: WorkerPool | undefined;
  let file: string;
  let yaml: string;
  const procs: HubProcess[] = [];
  const store = new MemoryStore();

  beforeAll(async () => {
    ldes = await startLdesFixture({ objects: 10, pageSize: 5 });
    dir = await tempDir();
    const one = configYaml({ ldesUrl: ldes.url, dataDir: dir.path, redisUrl: 'redis://127.0.0.1:6379', prefix: uniquePrefix(), attempts: 5 });
    // Two sources: dmg harvested every 60 minutes, broken (its feed answers 404) at its LDES polling
    // interval (pollIntervalSeconds: 3600 in the test configuration).
    yaml = one
      .replace('schedule: { onStart: never }', 'schedule: { onStart: never, everyMinutes: 60 }')
      .replace(/sources:\n {2}- id: dmg([\s\S]*)$/, (m, rest: string) => `${m}  - id: broken${rest.replace(ldes.url, `${ldes.url}/missing`).replace(', everyMinutes: 60', '')}`);
    file = await writeConfig(dir.path, yaml);
    set = new HubQueueSet(testConfig(yaml));
  });

  afterAll(async () => {
    for (const p of procs) await stop(p, 'SIGKILL');
    await pool?.close();
    for (const q of Object.values(set?.queues ?? {})) await q.obliterate({ force: true }).catch(() => undefined);
    await set?.close();
    await ldes?.close();
    await dir?.cleanup();
  });

  it('registers a repeatable schedule per source, runs its tick as a harvest, and removes it when disabled', async () => {
    const config = testConfig(yaml);
    expect(config.sources.map((s) => [s.id, s.schedule.everyMinutes])).toEqual([['dmg', 60], ['broken', undefined]]);
    expect(await scheduleSources(set, config)).toEqual(['dmg', 'broken']);
    // Registering again (another `hub serve`, a restart) keeps one scheduler per source.
    await scheduleSources(set, config);
    const schedulers = await set.queues.harvest.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.every]).sort()).toEqual([['schedule-broken', 3_600_000], ['schedule-dmg', 3_600_000]]);
    // The next tick waits as a delayed job; bring dmg's forward and let a worker run it.
    const tick = (await set.queues.harvest.getDelayed()).find((j) => j.data.sourceId === 'dmg');
    expect(tick!.data).toMatchObject({ sourceId: 'dmg', trigger: 'schedule' });
    await tick!.promote();
    pool = await WorkerPool.start(config, { roles: ['harvest', 'process', 'publish'], store, log: pino({ level: 'silent' }) });
    const runs = await waitFor('the scheduled run', async () => ((await set.state.runs('dmg')).length ? set.state.runs('dmg') : undefined));
    expect(runs[0]).toMatchObject({ runId: runIdOf(tick!), status: 'completed', seen: 10, published: 10 });
    // On start: `if-never-run` leaves a source with a finished run alone, `always` harvests it again.
    const onStart = (when: string) => testConfig(yaml.replace('schedule: { onStart: never, everyMinutes: 60 }', `schedule: { onStart: ${when}, everyMinutes: 60 }`));
    expect(await enqueueStartHarvests(set, onStart('if-never-run'))).toEqual([]);
    expect(await enqueueStartHarvests(set, onStart('always'))).toEqual(['dmg']);
    const again = await waitFor('the run started on start', async () => ((await set.state.runs('dmg')).length === 2 ? set.state.runs('dmg') : undefined));
    expect(again[0]).toMatchObject({ status: 'completed' });
    // A source no longer enabled loses its scheduler.
    const disabled = testConfig(yaml.replaceAll('    schedule: {', '    enabled: false\n    schedule: {'));
    expect(disabled.sources.map((s) => s.enabled)).toEqual([false, false]);
    expect(await scheduleSources(set, disabled)).toEqual([]);
    expect(await set.queues.harvest.getJobSchedulers()).toEqual([]);
  });

  it('hub jobs lists, shows and replays a failed job', async () => {
    const { jobId } = await enqueueHarvest(set, 'broken', { trigger: 'cli' });
    await waitFor('the broken harvest to fail', async () => ((await set.queues.harvest.getJob(jobId))?.failedReason ? true : undefined));
    await pool!.close();
    pool = undefined;

    const listed = await hub(['--config', file, 'jobs', 'list', '--state', 'failed', '--json']);
    expect(listed.code).toBe(0);
    const jobs = JSON.parse(listed.stdout) as { id: string; queue: string; sourceId: string; attemptsMade: number; attempts: number; failedReason: string }[];
    expect(jobs).toEqual([expect.objectContaining({ id: jobId, queue: 'harvest', sourceId: 'broken', attemptsMade: 1, attempts: 5 })]);
    expect(jobs[0]!.failedReason).toMatch(/SourceContractError: .*HTTP 404/);

    const table = await hub(['--config', file, 'jobs']);
    expect(table.stdout.split('\n')[0]).toMatch(/^QUEUE\s+ID\s+SOURCE\s+RUN\s+SEQ\s+STATE\s+ATTEMPTS/);
    expect(table.stdout).toContain(`harvest  ${jobId}`);

    const shown = await hub(['--config', file, 'jobs', 'show', jobId, '--queue', 'harvest']);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: jobId, state: 'failed', sourceId: 'broken' });
    expect(JSON.parse(shown.stdout).stacktrace.length).toBeGreaterThan(0);

    const retried = await hub(['--config', file, 'jobs', 'retry', jobId]);
    expect(retried.code).toBe(0);
    expect(JSON.parse(retried.stdout)).toMatchObject({ id: jobId, state: 'waiting' });
    expect(await (await set.queues.harvest.getJob(jobId))!.getState()).toBe('waiting');

    const again = await hub(['--config', file, 'jobs', 'retry', jobId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is waiting, only failed jobs are retried/);
    expect((await hub(['--config', file, 'jobs', 'show', 'no-such-job'])).stderr).toMatch(/No job "no-such-job"/);
  }, 60_000);

  it('hub worker runs in distributed mode on $REDIS_URL alone, with --concurrency, and stops on SIGTERM', async () => {
    // The same configuration without hub.redisUrl.
    const local = await writeConfig(`${dir.path}`, yaml.replace(/^ {2}redisUrl: .*\n/m, ''));
    expect(testConfig(yaml.replace(/^ {2}redisUrl: .*\n/m, '')).hub.redisUrl).toBeUndefined();
    const refused = await hub(['--config', local, 'worker']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/hub\.redisUrl/);
    const zero = await hub(['--config', local, 'worker', '--concurrency', '0'], { REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(zero.code).toBe(1);
    expect(zero.stderr).toMatch(/--concurrency must be a positive integer/);

    const worker = await startWorker(local, ['--concurrency', '3'], { REDIS_URL: 'redis://127.0.0.1:6379' });
    procs.push(worker);
    expect(worker.output()).toMatch(/ready \(harvest, process; concurrency 3\)/);
    expect(worker.output()).toContain('"concurrency":3');
    // It works the queues of that Redis: the replayed job (waiting since the last test) fails there again.
    const [failed] = await waitFor('the replayed job to fail in the worker', async () => {
      const jobs = await set.queues.harvest.getJobs(['failed']);
      return jobs.length && jobs[0]!.attemptsMade === 1 ? jobs : undefined;
    });
    expect(failed!.data.sourceId).toBe('broken');
    expect(worker.output()).toContain('"sourceId":"broken"');
    worker.child.kill('SIGTERM');
    expect((await worker.exited).code).toBe(0);
    expect(worker.output()).toContain('worker stopped');
  });
});
