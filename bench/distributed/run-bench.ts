/**
 * Distributed-mode benchmark: the same LDES harvest (fixture server, N objects) run
 *   - embedded: `hub harvest` in one process (connector → map → validate → store),
 *   - distributed with 1 and with 2 `hub worker` processes (plus `hub serve` owning the store).
 * Records/s come from each run's own summary (startedAt → finishedAt), so process start-up is
 * not counted. Needs Redis on 127.0.0.1:6379 (or $BENCH_REDIS_URL) and a build (npm run build).
 *
 *   npm run bench:distributed -- [objects=1000] [pageSize=50]
 * Writes bench/results-distributed.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLdesFixture } from '../../fixtures/ldes/server.js';
import { loadConfig } from '../../src/config/load.js';
import { HubQueueSet } from '../../src/queue/hub-queues.js';
import { enqueueHarvest } from '../../src/queue/producers.js';
import type { RunSummary } from '../../src/reports/run-summary.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const main = join(repo, 'dist/src/cli/main.js');
const objects = Number(process.argv[2] ?? 1000);
const pageSize = Number(process.argv[3] ?? 50);
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

function yaml(ldesUrl: string, dataDir: string, prefix?: string): string {
  return `hub:
  baseIri: http://bench.test/
  dataDir: ${dataDir}
  port: 0
${prefix ? `  redisUrl: ${redisUrl}\n  queue: { prefix: ${prefix} }\n` : ''}sources:
  - id: dmg
    connector: { type: ldes, url: "${ldesUrl}" }
    mapping: ${join(repo, 'mappings/ghent-ldes.yml')}
    shapes: [${join(repo, 'shapes/oslo-ce-object-2021.ttl')}]
    entityType: mensgemaaktobject
    onViolation: warn
    schedule: { onStart: never }
`;
}

function run(args: string[], config: string): { child: ChildProcess; out: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [main, '--config', config, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  return { child, out: () => out, exit: new Promise((r) => child.once('exit', (code) => r(code))) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rate = (r: RunSummary) => r.seen / ((Date.parse(r.finishedAt!) - Date.parse(r.startedAt)) / 1000);

async function embedded(ldesUrl: string): Promise<RunSummary> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-emb-'));
  await writeFile(join(dir, 'hub.yaml'), yaml(ldesUrl, join(dir, 'data')));
  const p = run(['harvest', 'dmg'], join(dir, 'hub.yaml'));
  if ((await p.exit) !== 0) throw new Error(`hub harvest failed:\n${p.out()}`);
  const state = JSON.parse(await readFile(join(dir, 'data/state/dmg.json'), 'utf8')) as { runs: RunSummary[] };
  await rm(dir, { recursive: true, force: true });
  return state.runs.at(-1)!;
}

async function distributed(ldesUrl: string, workers: number): Promise<RunSummary> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-dist-'));
  const prefix = `bench${randomUUID().slice(0, 6)}`;
  const file = join(dir, 'hub.yaml');
  await writeFile(file, yaml(ldesUrl, join(dir, 'data'), prefix));
  const procs = [run(['serve'], file), ...Array.from({ length: workers }, () => run(['worker'], file))];
  const set = new HubQueueSet(loadConfig(file));
  try {
    for (const p of procs) while (!/listening on|ready \(/.test(p.out())) await sleep(100);
    const { runId } = await enqueueHarvest(set, 'dmg', { trigger: 'cli' });
    for (;;) {
      const last = (await set.state.runs('dmg'))[0];
      if (last?.runId === runId) return last;
      await sleep(250);
    }
  } finally {
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.all(procs.map((p) => p.exit));
    for (const q of Object.values(set.queues)) await q.obliterate({ force: true }).catch(() => undefined);
    await set.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const ldes = await startLdesFixture({ objects, pageSize });
const rows: [string, RunSummary][] = [];
try {
  rows.push(['embedded (hub harvest, 1 process)', await embedded(ldes.url)]);
  rows.push(['distributed, 1 worker (+ serve publishing)', await distributed(ldes.url, 1)]);
  rows.push(['distributed, 2 workers (+ serve publishing)', await distributed(ldes.url, 2)]);
} finally {
  await ldes.close();
}
const base = rate(rows[0]![1]);
const one = rate(rows[1]![1]);
const lines = [
  '# Distributed-mode benchmark',
  '',
  `LDES fixture (fixtures/ldes/server.ts), ${objects} objects, ${pageSize} per page; Ghent mapping + OSLO CE 2021 shapes (onViolation: warn); embedded Oxigraph store.`,
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; Redis at ${redisUrl.replace(/\/\/[^@]*@/, '//***@')}. Other work was running on the machine.`,
  '',
  'Command: `npm run build && node dist/bench/distributed/run-bench.js ' + `${objects} ${pageSize}\` (or \`npm run bench:distributed -- ${objects} ${pageSize}\`)`,
  '',
  '| setup | records | seconds | records/s | vs embedded | vs 1 worker |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map(([name, r]) => {
    const s = (Date.parse(r.finishedAt!) - Date.parse(r.startedAt)) / 1000;
    return `| ${name} | ${r.seen} | ${s.toFixed(1)} | ${rate(r).toFixed(1)} | ${(rate(r) / base).toFixed(2)} | ${(rate(r) / one).toFixed(2)} |`;
  }),
  '',
  'Times are each run\'s own summary (harvest start → run closed), so process start-up is excluded; every run published all records (checked: `seen` = objects, status completed).',
  '',
];
for (const [name, r] of rows) if (r.status !== 'completed' || r.seen !== objects) lines.push(`WARNING: ${name} ended ${r.status} with ${r.seen} records`);
await writeFile(join(repo, 'bench/results-distributed.md'), lines.join('\n'));
process.stdout.write(lines.join('\n'));
