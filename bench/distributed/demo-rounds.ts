/**
 * Fixed overheads of distributed mode: the demo's seven sources (config/demo.yaml on the bundled
 * fixture servers) harvested `--full`, all seven at once, round after round: embedded (one Hub in
 * this process) and distributed (`hub serve` publishing + one `hub worker`). A round is timed from
 * enqueueing to the last of the seven runs closed. Needs Redis on 127.0.0.1:6379 (or $BENCH_REDIS_URL).
 *
 *   npm run build && node dist/bench/distributed/demo-rounds.js [rounds=4]
 * Prints a table (the first round of each mode warms up: runtimes built, fixtures read once).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureServers } from '../../src/cli/fixture-servers.js';
import { loadConfig } from '../../src/config/load.js';
import { Hub } from '../../src/pipeline/hub.js';
import { checkConnectorSettings } from '../../src/pipeline/source-runtime.js';
import { HubQueueSet } from '../../src/queue/hub-queues.js';
import { enqueueHarvest } from '../../src/queue/producers.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const main = join(repo, 'dist/src/cli/main.js');
const rounds = Number(process.argv[2] ?? 4);
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const dir = await mkdtemp(join(tmpdir(), 'bench-demo-rounds-'));
const fixtures = await startFixtureServers({ port: await freePort(), dataDir: join(dir, 'fixture-data') });
Object.assign(process.env, fixtures.env);
const demo = (await readFile(join(repo, 'config/demo.yaml'), 'utf8')).replaceAll('../', `${repo}/`);
const prefix = `rounds${randomUUID().slice(0, 6)}`;
const embeddedFile = join(dir, 'embedded.yaml');
const distributedFile = join(dir, 'distributed.yaml');
const port = await freePort();
await writeFile(embeddedFile, demo.replace('${HUB_DATA_DIR:-./data/demo}', join(dir, 'embedded')).replace('${PORT:-3000}', String(port)));
await writeFile(distributedFile, demo.replace('${HUB_DATA_DIR:-./data/demo}', join(dir, 'distributed')).replace('${PORT:-3000}', String(port)).replace('  aggregator:', `  redisUrl: ${redisUrl}\n  queue: { prefix: ${prefix} }\n  aggregator:`));

const times: Record<string, number[]> = { embedded: [], distributed: [] };
const ids = loadConfig(embeddedFile, { checkConnector: checkConnectorSettings }).sources.filter((s) => s.enabled).map((s) => s.id);

const hub = await Hub.open(loadConfig(embeddedFile, { checkConnector: checkConnectorSettings }));
try {
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const runs = await Promise.all(ids.map((id) => hub.harvest(id, { full: true })));
    times.embedded!.push((performance.now() - t0) / 1000);
    for (const r of runs) if (r.status !== 'completed') process.stderr.write(`embedded ${r.sourceId}: ${r.status} ${r.failure ?? ''}\n`);
  }
} finally {
  await hub.close();
}

const spawnHub = (args: string[]): { child: ChildProcess; out: () => string; exit: Promise<unknown> } => {
  const child = spawn(process.execPath, [main, '--config', distributedFile, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  return { child, out: () => out, exit: new Promise((r) => child.once('exit', r)) };
};
const procs = [spawnHub(['serve']), spawnHub(['worker'])];
const set = new HubQueueSet(loadConfig(distributedFile, { checkConnector: checkConnectorSettings }));
try {
  for (const p of procs) while (!/listening on|ready \(/.test(p.out())) await sleep(100);
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const started = await Promise.all(ids.map((id) => enqueueHarvest(set, id, { full: true, trigger: 'cli' })));
    for (const [k, id] of ids.entries()) {
      while (!(await set.state.runs(id)).some((r) => r.runId === started[k]!.runId)) await sleep(20);
    }
    times.distributed!.push((performance.now() - t0) / 1000);
  }
} finally {
  for (const p of procs) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exit));
  for (const q of Object.values(set.queues)) await q.obliterate({ force: true }).catch(() => undefined);
  await set.close();
  await fixtures.close();
  await rm(dir, { recursive: true, force: true });
}
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
process.stdout.write(`Seven demo sources, --full, all seven at once; seconds per round (first round warms up); load ${loadavg()[0]!.toFixed(2)}\n`);
process.stdout.write(`| mode | rounds (s) |\n|---|---|\n| embedded | ${fmt(times.embedded!)} |\n| distributed (serve + 1 worker) | ${fmt(times.distributed!)} |\n`);
process.exit(0);
