/**
 * Distributed-mode benchmark on the CPU-bound LIDO workload: the OAI-PMH fixture serving N LIDO
 * records (deterministic variants of the real MSK Gent and Groeningemuseum samples in
 * fixtures/oai-pmh/samples), mapped by mappings/lido-object.yml and validated against the OSLO
 * object and event shapes, as the demo's Datahub source is. Run distributed with 1 and with 2
 * `hub worker` processes (harvest + process), `hub serve` publishing into the embedded store;
 * optionally embedded (`hub harvest`, one process) for reference.
 * Records/s come from each run's own summary (startedAt → finishedAt), so process start-up is not
 * counted; per-stage seconds (harvest: waiting on the source, map, validate, publish: store
 * commits) are summed over every process from their /metrics (hub_stage_seconds_total).
 * Needs Redis on 127.0.0.1:6379 (or $BENCH_REDIS_URL).
 *
 *   npm run bench:distributed -- [records=10000] [pageSize=100] [--embedded]
 * Also measures the floors the ratio is bound by: the workers' mapping alone in 1 and 2 processes
 * (parallel-floor.ts) and the store's bare bulk load of the run's quads (publishFloor).
 * Writes bench/results-distributed.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOaiPmhFixture } from '../../fixtures/oai-pmh/server.js';
import { loadConfig } from '../../src/config/load.js';
import type { RunSummary } from '../../src/reports/run-summary.js';
import type { Store } from '../../src/store/store.js';
import { HubQueueSet } from '../../src/queue/hub-queues.js';
import { OxigraphStore } from '../../src/store/oxigraph-store.js';
import { graphsToNQuadsBytes } from '../../src/store/oxigraph/nquads.js';
import oxigraph from 'oxigraph';
import { parallelFloor } from './parallel-floor.js';
import { enqueueHarvest } from '../../src/queue/producers.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const main = join(repo, 'dist/src/cli/main.js');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const records = Number(args[0] ?? 10000);
const pageSize = Number(args[1] ?? 100);
const withEmbedded = process.argv.includes('--embedded');
/** `--query-workers=N`: the store's replicas in `hub serve` (hub.sparql.queryWorkers; default: the configuration's default, 2). */
const queryWorkers = Number(process.argv.find((a) => a.startsWith('--query-workers='))?.split('=')[1] ?? 0) || undefined;
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const STAGES = ['harvest', 'map', 'validate', 'publish'] as const;
type Stages = Record<(typeof STAGES)[number], number>;

function yaml(oaiUrl: string, dataDir: string, distributed?: { prefix: string; port: number }): string {
  return `hub:
  baseIri: http://bench.test/
  dataDir: ${dataDir}
  port: ${distributed?.port ?? 0}
${queryWorkers ? `  sparql: { queryWorkers: ${queryWorkers} }\n` : ''}${distributed ? `  redisUrl: ${redisUrl}\n  queue: { prefix: ${distributed.prefix} }\n` : ''}sources:
  - id: datahub
    organisation: Museum voor Schone Kunsten Gent
    connector: { type: oai-pmh, baseUrl: "${oaiUrl}", metadataPrefix: oai_lido }
    mapping: ${join(repo, 'mappings/lido-object.yml')}
    shapes: [${['oslo-ce-object-2021.repaired.ttl', 'oslo-ce-event-2021.repaired.ttl', 'oslo-ce-2021-class-hierarchy.ttl'].map((f) => join(repo, 'shapes', f)).join(', ')}]
    entityType: mensgemaaktobject
    onViolation: warn
    schedule: { onStart: never }
`;
}

function run(cmd: string[], config: string, env: NodeJS.ProcessEnv = {}): { child: ChildProcess; out: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [main, '--config', config, ...cmd], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d));
  child.stderr!.on('data', (d: Buffer) => (out += d));
  return { child, out: () => out, exit: new Promise((r) => child.once('exit', (code) => r(code))) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (r: RunSummary) => (Date.parse(r.finishedAt!) - Date.parse(r.startedAt)) / 1000;
const rate = (r: RunSummary) => r.seen / seconds(r);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** hub_stage_seconds_total of one process, by stage, and the CPU seconds the process has used (all its threads). */
async function stagesOf(port: number): Promise<Stages & { cpu: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const out = Object.fromEntries(STAGES.map((s) => [s, 0])) as Stages;
  for (const m of text.matchAll(/^hub_stage_seconds_total\{stage="(\w+)"\} ([\d.e+-]+)$/gm)) if (m[1]! in out) out[m[1] as keyof Stages] += Number(m[2]);
  return { ...out, cpu: Number(/^(?:hub_process_)*process_cpu_seconds_total ([\d.e+-]+)$/m.exec(text)?.[1] ?? NaN) };
}

/** CPU seconds of this process (the OAI-PMH fixture, the source) since `from`. */
const ownCpu = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};

interface Row {
  name: string;
  run: RunSummary;
  stages?: Stages;
  /** CPU seconds during the run: the workers together, `hub serve`, the source (fixture). */
  cpu?: { workers: number; serve: number; source: number };
  load: string;
  /** The publishing floor: every quad the run left in the store, bulk-loaded once into a bare Oxigraph store. */
  floor?: PublishFloor;
}

async function embedded(oaiUrl: string): Promise<Row> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-emb-'));
  await writeFile(join(dir, 'hub.yaml'), yaml(oaiUrl, join(dir, 'data')));
  const load = loadavg()[0]!.toFixed(2);
  const p = run(['harvest', 'datahub'], join(dir, 'hub.yaml'));
  if ((await p.exit) === null) throw new Error(`hub harvest failed:\n${p.out()}`);
  const state = JSON.parse(await readFile(join(dir, 'data/state/datahub.json'), 'utf8')) as { runs: RunSummary[] };
  await rm(dir, { recursive: true, force: true });
  return { name: 'embedded (hub harvest, 1 process)', run: state.runs.at(-1)!, load };
}

interface PublishFloor {
  quads: number;
  graphs: number;
  /** CPU seconds of one bare `load` (N-Quads, lenient, no transaction) of those quads. */
  seconds: number;
}

/**
 * The least CPU any publishing side can spend on the run: the quads the store holds after it (the
 * record and provenance graphs, the entities graph, the links and run graphs), loaded once into a
 * bare Oxigraph store by its bulk loader: no journal, no second replica, nothing checked.
 */
async function publishFloor(dataDir: string): Promise<PublishFloor> {
  const store = new OxigraphStore({ dataDir, readOnly: true, queryWorkers: 1, baseIri: 'http://bench.test/' });
  await store.open();
  const puts: { graph: string; quads: Awaited<ReturnType<Store['graph']>> }[] = [];
  try {
    for (const graph of await store.graphNames()) puts.push({ graph, quads: await store.graph(graph) });
  } finally {
    await store.close();
  }
  const bytes = graphsToNQuadsBytes(puts, 0);
  const bare = new oxigraph.Store();
  const before = process.cpuUsage();
  bare.load(bytes.toString('utf8'), { format: 'application/n-quads', lenient: true, no_transaction: true });
  return { quads: bare.size, graphs: puts.length, seconds: ownCpu(before) };
}

async function distributed(oaiUrl: string, workers: number): Promise<Row> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-dist-'));
  const prefix = `bench${randomUUID().slice(0, 6)}`;
  const file = join(dir, 'hub.yaml');
  const servePort = await freePort();
  await writeFile(file, yaml(oaiUrl, join(dir, 'data'), { prefix, port: servePort }));
  const workerPorts = await Promise.all(Array.from({ length: workers }, freePort));
  const procs = [run(['serve'], file), ...workerPorts.map((port) => run(['worker', '--metrics-port', String(port)], file))];
  const set = new HubQueueSet(loadConfig(file));
  try {
    for (const p of procs) while (!/listening on|ready \(/.test(p.out())) await sleep(100);
    await sleep(1000);
    const load = loadavg()[0]!.toFixed(2);
    const before = await Promise.all([servePort, ...workerPorts].map(stagesOf));
    const ownBefore = process.cpuUsage();
    const { runId } = await enqueueHarvest(set, 'datahub', { trigger: 'cli' });
    for (;;) {
      const last = (await set.state.runs('datahub'))[0];
      if (last?.runId === runId) {
        const source = ownCpu(ownBefore);
        const after = await Promise.all([servePort, ...workerPorts].map(stagesOf));
        const stages = after.reduce((a, b) => Object.fromEntries(STAGES.map((s) => [s, a[s] + b[s]])) as Stages, Object.fromEntries(STAGES.map((s) => [s, 0])) as Stages);
        const cpu = after.map((a, i) => a.cpu - before[i]!.cpu);
        for (const p of procs) p.child.kill('SIGTERM');
        await Promise.all(procs.map((p) => p.exit));
        const floor = workers === 1 ? await publishFloor(join(dir, 'data')) : undefined;
        return { floor, name: `distributed, ${workers} worker${workers > 1 ? 's' : ''} (+ serve publishing)`, run: last, stages, cpu: { serve: cpu[0]!, workers: cpu.slice(1).reduce((a, b) => a + b, 0), source }, load };
      }
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

// The source answers from a warmed response cache, so its own rendering (on another machine in
// a real deployment) stays out of both runs' CPU; its hits and misses are printed below.
const oai = await startOaiPmhFixture({ count: records, pageSize, memoize: true });
for (const verb of ['ListRecords', 'ListIdentifiers']) {
  let next = `${oai.url}?verb=${verb}&metadataPrefix=oai_lido`;
  for (;;) {
    const token = /<resumptionToken[^>]*>([^<]+)</.exec(await (await fetch(next)).text())?.[1];
    if (!token) break;
    next = `${oai.url}?verb=${verb}&resumptionToken=${encodeURIComponent(token)}`;
  }
}
const warmed = { ...oai.memoStats };
// The workers' own work (the LIDO mapping) in 1 and in 2 processes with nothing shared: the machine's part of the ratio.
const machine = await parallelFloor(Math.min(records, 2000));
const rows: Row[] = [];
try {
  if (withEmbedded) rows.push(await embedded(oai.url));
  rows.push(await distributed(oai.url, 1));
  rows.push(await distributed(oai.url, 2));
} finally {
  await oai.close();
}
const one = rate(rows.find((r) => r.name.includes('1 worker'))!.run);
const two = rate(rows.find((r) => r.name.includes('2 workers'))!.run);
const fmt = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(1));
const lines = [
  '# Distributed-mode benchmark',
  '',
  `Workload: the OAI-PMH fixture (fixtures/oai-pmh/server.ts, Datahub profile) serving ${records} LIDO records, ${pageSize} per page, deterministic variants of the four real LIDO samples (MSK Gent, Groeningemuseum); \`mappings/lido-object.yml\` (YARRRML → OSLO), shapes \`oslo-ce-object-2021.repaired.ttl\`, \`oslo-ce-event-2021.repaired.ttl\`, \`oslo-ce-2021-class-hierarchy.ttl\` (onViolation: warn), as the demo's Datahub source; embedded Oxigraph store owned by \`hub serve\` (publish worker), each \`hub worker\` running harvest and process at concurrency 1.`,
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; Redis at ${redisUrl.replace(/\/\/[^@]*@/, '//***@')}. Shared with other engineers' work: the 1-minute load average before each run is in the table.`,
  '',
  `Command: \`npm run bench:distributed -- ${records} ${pageSize}${withEmbedded ? ' --embedded' : ''}${queryWorkers ? ` --query-workers=${queryWorkers}` : ''}\` (run on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
  '',
  '| setup | records | seconds | records/s | vs 1 worker | load before | harvest s | map s | validate s | publish s |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.name} | ${r.run.seen} | ${seconds(r.run).toFixed(1)} | ${rate(r.run).toFixed(1)} | ${(rate(r.run) / one).toFixed(2)} | ${r.load} | ${fmt(r.stages?.harvest)} | ${fmt(r.stages?.map)} | ${fmt(r.stages?.validate)} | ${fmt(r.stages?.publish)} |`),
  '',
  `**2 workers / 1 worker: ${(two / one).toFixed(2)}×.**`,
  '',
  'CPU seconds used during each run (all threads: main, store replicas, GC helpers), from each process\'s `hub_process_process_cpu_seconds_total` and the bench process\'s own `process.cpuUsage()` (the OAI-PMH source):',
  '',
  '| setup | workers CPU s | serve CPU s | source CPU s | total CPU s | CPU ms per record | cores busy |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.filter((r) => r.cpu).map((r) => {
    const total = r.cpu!.workers + r.cpu!.serve + r.cpu!.source;
    return `| ${r.name} | ${fmt(r.cpu!.workers)} | ${fmt(r.cpu!.serve)} | ${fmt(r.cpu!.source)} | ${fmt(total)} | ${((total / r.run.seen) * 1000).toFixed(2)} | ${(total / seconds(r.run)).toFixed(2)} |`;
  }),
  '',
  ...(() => {
    const r1 = rows.find((r) => r.name.includes('1 worker'))!;
    if (!r1.cpu) return [];
    const total = r1.cpu.workers + r1.cpu.serve + r1.cpu.source;
    // All the 1-worker run's CPU spread over both cores: the most two workers can gain here.
    const lines = [`Ceiling on ${cpus().length} cores from the 1-worker run's CPU (${cpus().length} × ${seconds(r1.run).toFixed(1)} s / ${total.toFixed(1)} CPU s): **${((cpus().length * seconds(r1.run)) / total).toFixed(2)}×**.`, ''];
    if (r1.floor) {
      // Two workers at best split the workers' CPU over both cores while the publishing side takes its share of them.
      const floorCeiling = (2 * r1.cpu.workers) / (r1.cpu.workers + r1.floor.seconds + r1.cpu.source);
      lines.push(
        `Publishing floor: the ${r1.floor.quads.toLocaleString('en')} quads (${r1.floor.graphs.toLocaleString('en')} graphs) the 1-worker run left in the store, bulk-loaded once into a bare Oxigraph store (\`load\`, N-Quads, lenient, no transaction) in this process: **${r1.floor.seconds.toFixed(1)} CPU s** (\`hub serve\` used ${r1.cpu.serve.toFixed(1)}). With a publishing side that cost only that, and workers that lost nothing to sharing the cores, 2 workers could reach at most 2 × ${r1.cpu.workers.toFixed(1)} / (${r1.cpu.workers.toFixed(1)} + ${r1.floor.seconds.toFixed(1)} + ${r1.cpu.source.toFixed(1)}) = **${floorCeiling.toFixed(2)}×** on 2 cores.`,
        '',
      );
    }
    return lines;
  })(),
  `Parallel floor (bench/distributed/parallel-floor.ts): the LIDO mapping alone, ${machine.records} records per process, no Redis, store or source: one process ${machine.alone.toFixed(1)} s (${machine.cpuAlone.toFixed(1)} CPU s), two at once ${machine.pair.toFixed(1)} s (${machine.cpuPair.toFixed(1)} CPU s together): **${machine.speedup.toFixed(2)}×** the records per second of one. That is the most two workers can gain on this machine for this work, before any publishing.`,
  '',
  `Source response cache: warmed with ${warmed.misses} requests; during the runs ${oai.memoStats.hits - warmed.hits} answered from it, ${oai.memoStats.misses - warmed.misses} rendered afresh.`,
  '',
  'Seconds are each run\'s own summary (harvest start → run closed), so process start-up is excluded. Stage seconds are time spent in each step summed over all processes (harvest: waiting on the source; publish: store commits in `hub serve`), from each process\'s `hub_stage_seconds_total`.',
  '',
];
for (const r of rows) if (r.run.status !== 'completed' || r.run.seen !== records) lines.push(`WARNING: ${r.name} ended ${r.run.status} with ${r.run.seen} records`);
await writeFile(join(repo, 'bench/results-distributed.md'), lines.join('\n'));
process.stdout.write(lines.join('\n'));
