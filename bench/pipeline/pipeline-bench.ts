/**
 * Pipeline benchmark (not a test): end-to-end records/s of the embedded pipeline on synthetic
 * UiTdatabank events, beside the bare Oxigraph bulk load of the very quads it stored and beside
 * a naive RocketRML → rdf-validate-shacl → Oxigraph `add` pipeline, in the same run. Also the
 * restart time of the store it filled and the peak RSS of each process.
 *
 *   node dist/bench/pipeline/pipeline-bench.js [--sizes 100000,1000000] [--naive 2000] [--capacity 10000000] [--force] [--out bench/results-pipeline.md]
 *
 * A size whose quads cannot fit in one embedded store (the capacity scenario finds the limit)
 * is reported as not run unless --force.
 *
 * Every scenario is a child process (fresh heap; peak RSS = the kernel's VmHWM of that process).
 */
import { execFile } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import oxigraph from 'oxigraph';
import { hubRun, restartStore } from './hub-run.js';
import { naiveRun } from './naive-run.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '..', '..', '..');
const OUT = join(ROOT, 'bench', 'out', 'pipeline');
const TIMEOUT_MS = 90 * 60_000;
/** Records per store commit in the hub run (runSource's batchSize; the connector pages 2000). */
const BATCH = 2000;

type Json = Record<string, unknown>;
interface Outcome {
  ok: boolean;
  error?: string;
  peakRssMb?: number;
  load?: string;
  [key: string]: unknown;
}

/** Peak resident set of this process so far (Linux VmHWM), MB. */
function peakRssMb(): number | undefined {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : undefined;
}

/** Bare bulk load: the N-Quads file (a store snapshot) into a fresh Oxigraph store, lenient and without transaction, as the store's replicas load. */
function bulkLoad(file: string): Json {
  const fd = openSync(file, 'r');
  const chunks: Buffer[] = [];
  try {
    // Read first (outside the timing) when it fits in memory comfortably; stream it otherwise.
    const size = statSync(file).size;
    if (size < 1.5 * 2 ** 30) {
      for (let pos = 0; pos < size; ) {
        const b = Buffer.allocUnsafe(Math.min(16 << 20, size - pos));
        pos += readSync(fd, b, 0, b.length, pos);
        chunks.push(b);
      }
    }
    const store = new oxigraph.Store();
    const t0 = performance.now();
    store.load(
      chunks.length
        ? chunks
        : (function* () {
            for (let pos = 0; ; ) {
              const b = Buffer.allocUnsafe(16 << 20);
              const n = readSync(fd, b, 0, b.length, pos);
              if (n === 0) return;
              pos += n;
              yield b.subarray(0, n);
            }
          })(),
      { format: 'application/n-quads', no_transaction: true, lenient: true },
    );
    return { ms: performance.now() - t0, quads: store.size, streamed: chunks.length === 0 };
  } finally {
    closeSync(fd);
  }
}

/**
 * How many quads one embedded (WASM) Oxigraph store takes: quads shaped like the bench's
 * (same IRI lengths, 18 per graph) loaded in steps of 500k up to `target`; reports the last
 * size reached and how it stopped. wasm32 memory ends at 4 GiB.
 */
function capacity(target: number): Json {
  const store = new oxigraph.Store();
  const step = 500_000;
  const t0 = performance.now();
  let reached = 0;
  try {
    for (let b = 0; b < target; b += step) {
      let text = '';
      for (let i = b; i < b + step; i++) {
        text += `<http://localhost:3000/id/activiteit/bench-events/${i >> 4}-4e54-a4e2-dcdd6d4cee4d> <http://purl.org/dc/terms/title${i & 15}> "Tentoonstelling ${i} in Gent"@nl <http://localhost:3000/graph/record/bench-events/e495951c-ec2e-4e54-a4e2-${i >> 4}> .\n`;
      }
      store.load(text, { format: 'application/n-quads', no_transaction: true, lenient: true });
      reached = store.size;
      console.error(`[capacity] ${reached} quads, peak RSS ${peakRssMb()} MB`);
    }
    return { reached, target, ms: performance.now() - t0, stopped: 'reached the target' };
  } catch (error) {
    return { reached, target, ms: performance.now() - t0, stopped: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

async function child(mode: string, args: string[]): Promise<void> {
  let result: Json;
  if (mode === 'hub') result = { ...(await hubRun(ROOT, Number(args[0]), args[1]!, BATCH, args[2] ? Number(args[2]) : 1)) };
  else if (mode === 'bulk') result = bulkLoad(args[0]!);
  else if (mode === 'restart') result = await restartStore(args[0]!);
  else if (mode === 'naive') result = { ...(await naiveRun(ROOT, Number(args[0]))) };
  else if (mode === 'capacity') result = capacity(Number(args[0]));
  else throw new Error(`unknown mode ${mode}`);
  console.log(JSON.stringify({ ok: true, ...result, peakRssMb: peakRssMb() }));
  process.exit(0);
}

function spawnChild(mode: string, args: string[], heapMb = 8192): Promise<Outcome> {
  const load = loadavg().map((l) => l.toFixed(1)).join(' / ');
  const argv = [`--max-old-space-size=${heapMb}`, fileURLToPath(import.meta.url), '--child', mode, ...args];
  console.error(`[bench] ${mode} ${args.join(' ')} (load ${load})`);
  return new Promise((done) => {
    execFile(process.execPath, argv, { timeout: TIMEOUT_MS, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (!error && line.startsWith('{')) return done({ ...(JSON.parse(line) as Outcome), load });
      const reason = error?.killed ? `timed out after ${TIMEOUT_MS / 60000} min` : (stderr.trim().split('\n').reverse().find((l) => /Error|heap|memory|unreachable/i.test(l)) ?? error?.message ?? 'failed');
      done({ ok: false, error: reason.slice(0, 240), load });
    });
  });
}

const fmt = (x: number | undefined, digits = 0) => (x === undefined || !Number.isFinite(x) ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const perSecond = (n: unknown, ms: unknown) => (typeof n === 'number' && typeof ms === 'number' && ms > 0 ? (n * 1000) / ms : undefined);

async function main(): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1]! : fallback;
  };
  const sizes = arg('--sizes', '100000,1000000').split(',').map(Number);
  const naiveCount = Number(arg('--naive', '2000'));
  const outFile = resolve(ROOT, arg('--out', 'bench/results-pipeline.md'));
  const command = `node dist/bench/pipeline/pipeline-bench.js --sizes ${sizes.join(',')} --naive ${naiveCount} --capacity ${arg('--capacity', '10000000')}${process.argv.includes('--force') ? ' --force' : ''}`;
  const started = new Date().toISOString();
  const startLoad = loadavg().map((l) => l.toFixed(1)).join(' / ');
  const rows: string[] = [];
  const notes: string[] = [];
  /** Per size: the hub's and the bulk load's records/s, for bench/run-all.ts's goal lines. */
  const summary: Record<string, { hub?: number; bulk?: number; peakRssMb?: number; restartS?: number; quads?: number }> = {};

  const capacityTarget = Number(arg('--capacity', '10000000'));
  const force = process.argv.includes('--force');
  const cap = await spawnChild('capacity', [String(capacityTarget)]);
  const capacityQuads = cap.ok && cap.reached !== cap.target ? (cap.reached as number) : undefined;
  const naive = await spawnChild('naive', [String(naiveCount)]);
  const naiveRate = perSecond(naive.records, naive.ms);

  for (const n of sizes) {
    const dir = join(OUT, `n${n}`);
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    summary[n] = {};
    // 20 mapped triples + 16 provenance quads per record (measured: see the notes).
    const expectedQuads = n * 36;
    if (capacityQuads !== undefined && expectedQuads > capacityQuads && !force) {
      rows.push(`| ${fmt(n)} | hub pipeline | not run: needs ~${fmt(expectedQuads)} quads in one store; the embedded store stopped at ${fmt(capacityQuads)} (capacity row; \`--force\` runs it into that wall) | | | | | |`);
      continue;
    }
    const hub = await spawnChild('hub', [String(n), dir]);
    const hubRate = perSecond(hub.records, hub.ms);
    if (!hub.ok) {
      rows.push(`| ${fmt(n)} | hub pipeline | failed: ${hub.error} | | | | | ${hub.load} |`);
      continue;
    }
    const quadsPerRecord = (hub.quads as number) / (hub.records as number);
    const bulk = await spawnChild('bulk', [join(dir, 'store', 'snapshot.nq')]);
    const bulkQuadRate = perSecond(bulk.quads, bulk.ms);
    const bulkRecordRate = bulkQuadRate && bulkQuadRate / quadsPerRecord;
    const restart = await spawnChild('restart', [dir]);
    summary[n] = { hub: hubRate, bulk: bulkRecordRate, peakRssMb: hub.peakRssMb, restartS: restart.ok ? (restart.ms as number) / 1000 : undefined, quads: hub.quads as number };
    rows.push(
      `| ${fmt(n)} | hub pipeline (harvest → map → validate → publish, journal + 1 query worker) | ${fmt((hub.ms as number) / 1000, 1)} | **${fmt(hubRate)}** | ${fmt(perSecond(hub.quads, hub.ms))} | ${hub.peakRssMb} | ${bulkRecordRate && hubRate ? `**${(hubRate / bulkRecordRate).toFixed(2)}×** bulk` : '–'}${naiveRate && hubRate ? `, ${(hubRate / naiveRate).toFixed(1)}× naive` : ''} | ${hub.load} |`,
      bulk.ok
        ? `| ${fmt(n)} | bare Oxigraph bulk load of the same ${fmt(bulk.quads as number)} quads (\`store.load\`, lenient, no_transaction${bulk.streamed ? ', streamed from disk' : ''}) | ${fmt((bulk.ms as number) / 1000, 1)} | ${fmt(bulkRecordRate)} | ${fmt(bulkQuadRate)} | ${bulk.peakRssMb} | 1× | ${bulk.load} |`
        : `| ${fmt(n)} | bare Oxigraph bulk load | failed: ${bulk.error} | | | | | ${bulk.load} |`,
      restart.ok
        ? `| ${fmt(n)} | restart: open the filled store (snapshot into primary + query worker) | ${fmt((restart.ms as number) / 1000, 1)} | | | ${restart.peakRssMb} | ${fmt(restart.quads as number)} quads | ${restart.load} |`
        : `| ${fmt(n)} | restart | failed: ${restart.error} | | | | | ${restart.load} |`,
    );
    notes.push(`${fmt(n)} records: ${fmt(hub.quads as number)} quads stored (${quadsPerRecord.toFixed(1)} per record: the record graph and its provenance graph), ${hub.published} published, ${hub.rejected} rejected, ${hub.errors} errors; closing the store (snapshot) took ${fmt((hub.closeMs as number) / 1000, 1)} s.`);
  }
  rows.push(
    naive.ok
      ? `| ${fmt(naiveCount)} | naive pipeline (RocketRML → rdf-validate-shacl → Oxigraph \`add\` per quad; no provenance) | ${fmt((naive.ms as number) / 1000, 1)} | ${fmt(naiveRate)} | ${fmt(perSecond(naive.quads, naive.ms))} | ${naive.peakRssMb} | 1× | ${naive.load} |`
      : `| ${fmt(naiveCount)} | naive pipeline | failed: ${naive.error} | | | | | ${naive.load} |`,
  );
  if (naive.ok) notes.push(`Naive pipeline on the first ${fmt(naiveCount)} records only (a subset: at its speed the full sizes would take hours); its records/s is that of the subset. ${naive.conforming} of ${naive.records} conformed by rdf-validate-shacl.`);
  if (cap.ok) {
    rows.push(`| ${fmt(capacityTarget)} | capacity: quads of the bench's shape loaded into one embedded Oxigraph store, 500k per \`load\` | ${fmt((cap.ms as number) / 1000, 1)} | | ${fmt(perSecond(cap.reached, cap.ms))} | ${cap.peakRssMb} | reached ${fmt(cap.reached as number)} quads: ${String(cap.stopped)} | ${cap.load} |`);
    if (capacityQuads !== undefined) notes.push(`Capacity: one embedded Oxigraph store (WASM, wasm32: at most 4 GiB of linear memory, ~600 bytes per quad here) stopped at ${fmt(capacityQuads)} quads with "${String(cap.stopped)}". 10M triples do not fit in one embedded store, so no restart time at 10M can be measured; the restart row above is the largest store the run filled.`);
  } else {
    rows.push(`| ${fmt(capacityTarget)} | capacity | failed: ${cap.error} | | | | | ${cap.load} |`);
  }

  const text = `# Pipeline benchmark (end to end)

Command: \`${command}\` (part of \`npm run bench\`), started ${started}, load average at start ${startLoad} (1 / 5 / 15 min; the machine is shared, every figure below is depressed by the other work running; compare ratios measured in the same run).
Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}.

Source: synthetic UiTdatabank events (\`bench/pipeline/synthetic-events.ts\`, shape of \`fixtures/uitdatabank/samples/event-read-example2.json\`, deterministic) served by a Search API look-alike on loopback (\`bench/pipeline/search-fixture.ts\`) and harvested by the hub's own \`uitdatabank\` connector (pages of 2000, keyset paging by modified); mapped by \`bench/pipeline/event-mapping.yml\` (YARRRML, 20 triples per event) through the hub's RML engine; validated with \`shapes/oslo-cultuurparticipatie-2024.ttl\` by the compiled SHACL engine; published with \`runSource\` (batchSize ${BATCH}: one commit per page) into the embedded Oxigraph store (journal entry fdatasync'ed per commit, one commit in flight while the next page is mapped; the primary replica and 1 query worker replica, each a worker thread loading every commit).

| records | scenario | seconds | records/s | quads/s | peak RSS MB | ratio to peer | load avg at start |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

${notes.map((n) => `- ${n}`).join('\n')}
- The bulk figure is the same quads (the hub store's own snapshot file) loaded into a fresh store in one \`load\` call, read from disk before the timing when under 1.5 GB. Records/s for the bulk load = its quads/s ÷ the hub's quads per record.
`;
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, text);
  await mkdir(OUT, { recursive: true });
  await writeFile(join(OUT, 'summary.json'), JSON.stringify({ command, started, startLoad, sizes: summary, naive: naive.ok ? perSecond(naive.records, naive.ms) : undefined, capacityQuads }, null, 1));
  console.log(text);
}

if (process.argv[2] === '--child') {
  child(process.argv[3]!, process.argv.slice(4)).catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
} else {
  main().catch((error: Error) => {
    console.error(error);
    process.exit(1);
  });
}
