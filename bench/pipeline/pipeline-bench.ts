/**
 * Pipeline benchmark (not a test): end-to-end records/s of the embedded pipeline on synthetic
 * UiTdatabank events, beside the bare Oxigraph bulk load of the very quads it stored and beside
 * a naive RocketRML → rdf-validate-shacl → Oxigraph `add` pipeline, in the same run. Also the
 * restart time of the store it filled and the peak RSS of each process.
 *
 *   node dist/bench/pipeline/pipeline-bench.js [--sizes 100000,1000000] [--naive 2000] [--capacity 10000000] [--force]
 *     [--remote 100000,1000000] [--out bench/results-pipeline.md]
 *
 * A size whose quads cannot fit in one embedded store (the capacity scenario finds the limit)
 * is reported as not run unless --force.
 *
 * --remote: the same pipeline into the remote SPARQL store (SparqlStore) on a private Virtuoso 7
 * (ports 8895/1115, under bench/out/pipeline/), beside Virtuoso's own bulk load of the same quads
 * (a fresh private instance) and the bare Oxigraph bulk load of them in chunks (hub-remote-run.ts).
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
import { answers, countQuadsIsql, loadNQuads, privateVirtuoso, startVirtuoso, stopVirtuoso, virtuosoPeakRssMb, type VirtuosoAccess } from '../api/virtuoso.js';
import { hubRemoteRun, type RemoteWrite } from './hub-remote-run.js';
import { BENCH_BASE_IRI, hubRun, restartStore } from './hub-run.js';
import { naiveRun } from './naive-run.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '..', '..', '..');
const OUT = join(ROOT, 'bench', 'out', 'pipeline');
const TIMEOUT_MS = 90 * 60_000;
/** Records per store commit in the hub run (runSource's batchSize; the connector pages 2000). */
const BATCH = 2000;
/**
 * The private Virtuoso of the remote scenario: its own ports (never 8890/8891, where other
 * Virtuosos of the project may hold data) and a buffer pool of 340,000 pages ≈ 2.6 GB (Virtuoso's
 * guidance for a 4 GB server; the CI script's 20,000 pages would send a store of millions of quads
 * to disk at every step). Both instances (the hub's and the bulk load's) get the same settings.
 */
const VIRTUOSO_HTTP = 8895;
const VIRTUOSO_ISQL = 1115;
const VIRTUOSO_BUFFERS = { number: 340_000, maxDirty: 250_000 };
/** Quads per fresh Oxigraph store in the chunked bulk load (one store stops at ~8M). */
const OXIGRAPH_CHUNK = 4_000_000;

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
 * Bare Oxigraph bulk load of an N-Quads file too large for one embedded store: consecutive chunks
 * of `chunkQuads` lines, each read from disk (outside the timing) and loaded with one `load`
 * (lenient, no_transaction) into a fresh `oxigraph.Store`, which is freed before the next. The
 * time is the sum of the `load` calls. Smaller stores load faster than one store of all the quads
 * would (if one could hold them), so this is the bulk rate of stores of that size.
 */
function chunkedBulkLoad(file: string, chunkQuads: number): Json {
  const fd = openSync(file, 'r');
  let ms = 0;
  let quads = 0;
  let chunks = 0;
  let pending: Buffer[] = [];
  let lines = 0;
  const loadPending = () => {
    if (!pending.length) return;
    const store = new oxigraph.Store();
    const t0 = performance.now();
    store.load(pending, { format: 'application/n-quads', no_transaction: true, lenient: true });
    ms += performance.now() - t0;
    quads += store.size;
    chunks++;
    // Not in the typings; wasm-bindgen objects free their WASM memory for the next store.
    (store as unknown as { free(): void }).free();
    pending = [];
    lines = 0;
    console.error(`[bulk-chunks] ${chunks} chunks, ${quads} quads, ${(ms / 1000).toFixed(1)} s, peak RSS ${peakRssMb()} MB`);
  };
  try {
    for (let pos = 0; ; ) {
      const data = Buffer.allocUnsafe(16 << 20);
      const n = readSync(fd, data, 0, data.length, pos);
      if (n === 0) break;
      pos += n;
      // Cut at the newline that ends the chunk's last line; a line may span two reads.
      for (let start = 0; ; ) {
        let i = start;
        while (lines < chunkQuads) {
          const nl = data.indexOf(10, i);
          if (nl < 0 || nl >= n) break;
          lines++;
          i = nl + 1;
        }
        if (lines < chunkQuads) {
          pending.push(data.subarray(start, n));
          break;
        }
        pending.push(data.subarray(start, i));
        loadPending();
        start = i;
      }
    }
    loadPending();
    return { ms, quads, chunks, chunkQuads };
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
  else if (mode === 'remote') result = { ...(await hubRemoteRun(ROOT, Number(args[0]), args[1]!, BATCH, args[2]!, args[3]!, args[4] as RemoteWrite)) };
  else if (mode === 'bulk-chunks') result = chunkedBulkLoad(args[0]!, Number(args[1]));
  else throw new Error(`unknown mode ${mode}`);
  console.log(JSON.stringify({ ok: true, ...result, peakRssMb: peakRssMb() }));
  process.exit(0);
}

/** Load average now (1 / 5 / 15 min), as every row reports it. */
const loadNow = () => loadavg().map((l) => l.toFixed(1)).join(' / ');

function spawnChild(mode: string, args: string[], heapMb = 8192, timeoutMs = TIMEOUT_MS): Promise<Outcome> {
  const load = loadNow();
  const argv = [`--max-old-space-size=${heapMb}`, fileURLToPath(import.meta.url), '--child', mode, ...args];
  console.error(`[bench] ${mode} ${args.join(' ')} (load ${load})`);
  return new Promise((done) => {
    execFile(process.execPath, argv, { timeout: timeoutMs, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (!error && line.startsWith('{')) return done({ ...(JSON.parse(line) as Outcome), load });
      const reason = error?.killed ? `timed out after ${Math.round(timeoutMs / 60000)} min` : (stderr.trim().split('\n').reverse().find((l) => /Error|heap|memory|unreachable/i.test(l)) ?? error?.message ?? 'failed');
      done({ ok: false, error: reason.slice(0, 240), load });
    });
  });
}

const VIA: Record<RemoteWrite, string> = {
  load: 'bulk load (`hub.store.bulkLoad`: SPARQL `LOAD` of TriG the hub serves), first harvest (fresh graphs, not cleared)',
  update: 'SPARQL Update (`INSERT DATA`), first harvest (fresh graphs, not cleared)',
};

/** What the remote scenarios give bench/run-all.ts's goal lines, per size. */
interface RemoteSummary {
  hub?: number;
  virtuosoBulk?: number;
  oxigraphBulk?: number;
  peakRssMb?: number;
  virtuosoPeakRssMb?: number;
  quads?: number;
  seconds?: number;
  error?: string;
}

/** Starts a private Virtuoso in `dir` on the bench's ports, refusing to touch one that is already there. */
async function startPrivateVirtuoso(dir: string): Promise<VirtuosoAccess> {
  const v = privateVirtuoso(dir, VIRTUOSO_HTTP, VIRTUOSO_ISQL, VIRTUOSO_BUFFERS);
  // start-virtuoso.sh would adopt a server already answering there: never write to one not started here.
  if (await answers(v.endpoint)) throw new Error(`something already answers at ${v.endpoint}; the bench starts its own Virtuoso there`);
  await mkdir(dir, { recursive: true });
  running = v;
  await startVirtuoso(v);
  return v;
}

async function stopPrivateVirtuoso(v: VirtuosoAccess): Promise<void> {
  await stopVirtuoso(v);
  running = undefined;
  // The database files (GBs at 1M records) go with the instance; its log stays.
  for (const f of ['virtuoso.db', 'virtuoso-temp.db', 'virtuoso.trx', 'virtuoso-temp.trx']) await rm(join(v.dir, f), { force: true });
}

/** The private Virtuoso running now, shut down if the bench is interrupted. */
let running: VirtuosoAccess | undefined;
function stopVirtuosoOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      const v = running;
      console.error(`[bench] ${signal}${v ? `: shutting down the private Virtuoso at ${v.endpoint}` : ''}`);
      void (v ? stopVirtuoso(v, 120_000) : Promise.resolve()).finally(() => process.exit(130));
    });
  }
}

/**
 * The remote scenario at `n` records, then its two peers on the quads it published: Virtuoso's
 * bulk load into a fresh private instance, and the chunked Oxigraph bulk load.
 */
async function remoteScenario(n: number, via: RemoteWrite, rows: string[], notes: string[], naiveRate: number | undefined): Promise<RemoteSummary> {
  const dir = join(OUT, `remote-${via}-n${n}`);
  const scenario = `hub pipeline → remote SPARQL store, ${VIA[via]}`;
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'run'), { recursive: true });
  // The published quads are written straight into the bulk instance's directory (Virtuoso loads only from DirsAllowed).
  const bulkDir = join(dir, 'virtuoso-bulk');
  const nquads = join(bulkDir, 'published.nq');
  await mkdir(bulkDir, { recursive: true });
  // ≥ 2000 quads/s into the store, else it is reported as timed out.
  const timeoutMs = Math.max(TIMEOUT_MS, ((n * 36) / 2000) * 1000);

  let hub: Outcome;
  let stored: number | undefined;
  let virtuosoRss: number | undefined;
  const t0 = performance.now();
  const v = await startPrivateVirtuoso(join(dir, 'virtuoso-hub'));
  const startS = (performance.now() - t0) / 1000;
  try {
    hub = await spawnChild('remote', [String(n), join(dir, 'run'), v.endpoint, nquads, via], 8192, timeoutMs);
    if (hub.ok) stored = await countQuadsIsql(v, BENCH_BASE_IRI);
    virtuosoRss = virtuosoPeakRssMb(v);
  } finally {
    await stopPrivateVirtuoso(v);
  }
  if (!hub.ok) {
    rows.push(`| ${fmt(n)} | ${scenario} | failed: ${hub.error} | | | | | ${hub.load} |`);
    await rm(nquads, { force: true });
    return { error: hub.error };
  }
  const records = hub.records as number;
  const quads = hub.teeQuads as number;
  const quadsPerRecord = quads / records;
  const hubRate = perSecond(records, hub.ms);

  // Virtuoso's own bulk load of the same quads, into a fresh instance (deleting millions of quads crashed Virtuoso 7.2 once).
  let vbulk: Outcome;
  const vload = loadNow();
  const b = await startPrivateVirtuoso(bulkDir);
  try {
    console.error(`[bench] virtuoso bulk load of ${quads} quads (load ${vload})`);
    const { loadMs, checkpointMs } = await loadNQuads(b, 'published.nq', `${BENCH_BASE_IRI}default`, timeoutMs);
    vbulk = { ok: true, ms: loadMs + checkpointMs, loadMs, checkpointMs, quads: await countQuadsIsql(b, BENCH_BASE_IRI), peakRssMb: virtuosoPeakRssMb(b), load: vload };
  } catch (error) {
    vbulk = { ok: false, error: (error as Error).message.slice(0, 240), load: vload };
  } finally {
    await stopPrivateVirtuoso(b);
  }
  const vbulkRate = vbulk.ok ? perSecond(quads, vbulk.ms)! / quadsPerRecord : undefined;

  const obulk = await spawnChild('bulk-chunks', [nquads, String(OXIGRAPH_CHUNK)]);
  await rm(nquads, { force: true });
  const obulkRate = obulk.ok ? perSecond(obulk.quads, obulk.ms)! / quadsPerRecord : undefined;

  const ratios = [vbulkRate && hubRate ? `**${(hubRate / vbulkRate).toFixed(2)}×** Virtuoso bulk` : undefined, obulkRate && hubRate ? `**${(hubRate / obulkRate).toFixed(2)}×** Oxigraph bulk (chunked)` : undefined, naiveRate && hubRate ? `${(hubRate / naiveRate).toFixed(1)}× naive` : undefined];
  rows.push(
    `| ${fmt(n)} | ${scenario} (\`SparqlStore\` as \`store.type: sparql\` builds it, private Virtuoso 7.2) | ${fmt((hub.ms as number) / 1000, 1)} | **${fmt(hubRate)}** | ${fmt(perSecond(quads, hub.ms))} | ${hub.peakRssMb} hub + ${virtuosoRss ?? '–'} Virtuoso | ${ratios.filter(Boolean).join(', ') || '–'} | ${hub.load} |`,
    vbulk.ok
      ? `| ${fmt(n)} | bare Virtuoso bulk load of the same ${fmt(quads)} quads (fresh instance, \`ld_dir\` + one \`rdf_loader_run\` + \`checkpoint\`) | ${fmt((vbulk.ms as number) / 1000, 1)} | ${fmt(vbulkRate)} | ${fmt(perSecond(quads, vbulk.ms))} | ${vbulk.peakRssMb ?? '–'} Virtuoso | 1× | ${vbulk.load} |`
      : `| ${fmt(n)} | bare Virtuoso bulk load | failed: ${vbulk.error} | | | | | ${vbulk.load} |`,
    obulk.ok
      ? `| ${fmt(n)} | bare Oxigraph bulk load of the same quads, **chunked**: ${obulk.chunks} fresh \`oxigraph.Store\`${obulk.chunks === 1 ? '' : 's'} of ≤ ${fmt(OXIGRAPH_CHUNK)} quads, one \`load\` each (lenient, no_transaction), each discarded before the next | ${fmt((obulk.ms as number) / 1000, 1)} | ${fmt(obulkRate)} | ${fmt(perSecond(obulk.quads, obulk.ms))} | ${obulk.peakRssMb} | 1× | ${obulk.load} |`
      : `| ${fmt(n)} | bare Oxigraph bulk load (chunked) | failed: ${obulk.error} | | | | | ${obulk.load} |`,
  );
  const exact = [stored, vbulk.ok ? vbulk.quads : quads, obulk.ok ? obulk.quads : quads].every((c) => c === quads);
  notes.push(
    `${fmt(n)} records into the remote store (${via === 'load' ? 'bulk load' : 'SPARQL Update'}): ${hub.published} published, ${hub.rejected} rejected, ${hub.errors} errors; ${fmt(quads)} quads put (${quadsPerRecord.toFixed(1)} per record) in ${fmt(hub.graphs as number)} graphs, ${hub.commits} commits, ${fmt(hub.requests as number)} HTTP requests (${fmt((hub.ms as number) / (hub.requests as number))} ms each on average); counted afterwards in the store ${fmt(stored)}, after Virtuoso's bulk load ${fmt(vbulk.quads as number | undefined)}, by the chunked Oxigraph load ${fmt(obulk.quads as number | undefined)}${exact ? ' (the same)' : ' (NOT the same: see above)'}. Writing the N-Quads copy for the peers took ${fmt((hub.teeMs as number) / 1000, 1)} s of the timed run. Starting Virtuoso (not timed) took ${fmt(startS, 1)} s${vbulk.ok ? `; the bulk load was ${fmt((vbulk.loadMs as number) / 1000, 1)} s loader + ${fmt((vbulk.checkpointMs as number) / 1000, 1)} s checkpoint` : ''}.`,
  );
  return { hub: hubRate, virtuosoBulk: vbulkRate, oxigraphBulk: obulkRate, peakRssMb: hub.peakRssMb, virtuosoPeakRssMb: virtuosoRss, quads, seconds: (hub.ms as number) / 1000 };
}

const fmt = (x: number | undefined, digits = 0) => (x === undefined || !Number.isFinite(x) ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const perSecond = (n: unknown, ms: unknown) => (typeof n === 'number' && typeof ms === 'number' && ms > 0 ? (n * 1000) / ms : undefined);

async function main(): Promise<void> {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1]! : fallback;
  };
  const sizes = arg('--sizes', '100000,1000000').split(',').filter(Boolean).map(Number);
  const naiveCount = Number(arg('--naive', '2000'));
  const outFile = resolve(ROOT, arg('--out', 'bench/results-pipeline.md'));
  const remoteSizes = arg('--remote', '').split(',').filter(Boolean).map(Number);
  const remoteUpdateSizes = arg('--remote-update', '').split(',').filter(Boolean).map(Number);
  const command = `node dist/bench/pipeline/pipeline-bench.js --sizes ${sizes.join(',')} --naive ${naiveCount} --capacity ${arg('--capacity', '10000000')}${process.argv.includes('--force') ? ' --force' : ''}${remoteSizes.length ? ` --remote ${remoteSizes.join(',')}` : ''}${remoteUpdateSizes.length ? ` --remote-update ${remoteUpdateSizes.join(',')}` : ''}`;
  stopVirtuosoOnSignals();
  const started = new Date().toISOString();
  const startLoad = loadNow();
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
      const remote = remoteSizes.includes(n) ? `the **remote** row of ${fmt(n)} records below is the same pipeline into the remote SPARQL store` : `\`--remote ${n}\` runs it into the remote SPARQL store`;
      rows.push(`| ${fmt(n)} | hub pipeline (embedded store) | not run: needs ~${fmt(expectedQuads)} quads in one embedded store, which stopped at ${fmt(capacityQuads)} (capacity row; \`--force\` runs it into that wall); ${remote} | | | | | |`);
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
    // The hub's default configuration keeps two replicas (hub.sparql.queryWorkers: 2), each loading every commit: once, at the first size.
    const defaultDir = join(OUT, `n${n}-2replicas`);
    let twoReplicas: Outcome | undefined;
    if (n === sizes[0]) {
      await rm(defaultDir, { recursive: true, force: true });
      await mkdir(defaultDir, { recursive: true });
      twoReplicas = await spawnChild('hub', [String(n), defaultDir, '2']);
      await rm(defaultDir, { recursive: true, force: true });
    }
    const twoRate = twoReplicas?.ok ? perSecond(twoReplicas.records, twoReplicas.ms) : undefined;
    summary[n] = { hub: hubRate, bulk: bulkRecordRate, peakRssMb: hub.peakRssMb, restartS: restart.ok ? (restart.ms as number) / 1000 : undefined, quads: hub.quads as number };
    rows.push(
      `| ${fmt(n)} | hub pipeline (harvest → map → validate → publish, journal + 1 replica worker: \`hub.sparql.queryWorkers: 1\`) | ${fmt((hub.ms as number) / 1000, 1)} | **${fmt(hubRate)}** | ${fmt(perSecond(hub.quads, hub.ms))} | ${hub.peakRssMb} | ${bulkRecordRate && hubRate ? `**${(hubRate / bulkRecordRate).toFixed(2)}×** bulk` : '–'}${naiveRate && hubRate ? `, ${(hubRate / naiveRate).toFixed(1)}× naive` : ''} | ${hub.load} |`,
      ...(twoReplicas === undefined
        ? []
        : [
            twoReplicas.ok
              ? `| ${fmt(n)} | hub pipeline as configured by default (2 replica workers, each loading every commit) | ${fmt((twoReplicas.ms as number) / 1000, 1)} | ${fmt(twoRate)} | ${fmt(perSecond(twoReplicas.quads, twoReplicas.ms))} | ${twoReplicas.peakRssMb} | ${bulkRecordRate && twoRate ? `${(twoRate / bulkRecordRate).toFixed(2)}× bulk` : '–'} | ${twoReplicas.load} |`
              : `| ${fmt(n)} | hub pipeline, 2 replica workers | failed: ${twoReplicas.error} | | | | | ${twoReplicas.load} |`,
          ]),
      bulk.ok
        ? `| ${fmt(n)} | bare Oxigraph bulk load of the same ${fmt(bulk.quads as number)} quads (\`store.load\`, lenient, no_transaction${bulk.streamed ? ', streamed from disk' : ''}) | ${fmt((bulk.ms as number) / 1000, 1)} | ${fmt(bulkRecordRate)} | ${fmt(bulkQuadRate)} | ${bulk.peakRssMb} | 1× | ${bulk.load} |`
        : `| ${fmt(n)} | bare Oxigraph bulk load | failed: ${bulk.error} | | | | | ${bulk.load} |`,
      restart.ok
        ? `| ${fmt(n)} | restart: open the filled store (snapshot + journal into its replica) | ${fmt((restart.ms as number) / 1000, 1)} | | | ${restart.peakRssMb} | ${fmt(restart.quads as number)} quads | ${restart.load} |`
        : `| ${fmt(n)} | restart | failed: ${restart.error} | | | | | ${restart.load} |`,
    );
    notes.push(`${fmt(n)} records: ${fmt(hub.quads as number)} quads stored (${quadsPerRecord.toFixed(1)} per record: the record graph and its provenance graph), ${hub.published} published, ${hub.rejected} rejected, ${hub.errors} errors; closing the store (snapshot) took ${fmt((hub.closeMs as number) / 1000, 1)} s.`);
  }
  const remote: Record<string, RemoteSummary> = {};
  const remoteUpdate: Record<string, RemoteSummary> = {};
  for (const [sizesOf, via, into] of [[remoteSizes, 'load', remote], [remoteUpdateSizes, 'update', remoteUpdate]] as const) {
    for (const n of sizesOf) {
      try {
        into[n] = await remoteScenario(n, via, rows, notes, naiveRate);
      } catch (error) {
        into[n] = { error: (error as Error).message };
        rows.push(`| ${fmt(n)} | hub pipeline → remote SPARQL store, ${VIA[via]} | failed: ${(error as Error).message.slice(0, 240)} | | | | | |`);
      }
    }
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

Source: synthetic UiTdatabank events (\`bench/pipeline/synthetic-events.ts\`, shape of \`fixtures/uitdatabank/samples/event-read-example2.json\`, deterministic) served by a Search API look-alike on loopback in a process of its own, as a real source is (\`bench/pipeline/search-fixture.ts\`; until 2026-12-03 15:15 UTC it ran inside the measured process) and harvested by the hub's own \`uitdatabank\` connector (pages of 2000, keyset paging by modified); mapped by \`bench/pipeline/event-mapping.yml\` (YARRRML, 20 triples per event) through the hub's RML engine; validated with \`shapes/oslo-cultuurparticipatie-2024.ttl\` by the compiled SHACL engine; published with \`runSource\` (batchSize ${BATCH}: one commit per page) into the embedded Oxigraph store (journal entry fdatasync'ed per commit, one commit in flight while the next page is mapped; one replica worker thread loading every commit, as with \`hub.sparql.queryWorkers: 1\`; the hub's default of 2 replicas is measured once, at the first size).
${remoteSizes.length + remoteUpdateSizes.length ? `\nRemote rows: the same source, mapping, validation and \`runSource\` (\`bench/pipeline/hub-remote-run.ts\`) publishing into the remote SPARQL store, \`SparqlStore\` exactly as \`hub.store.type: sparql\` builds it (createStore from parsed settings; commits one at a time, one in flight while the next page is mapped). Two ways to write: **bulk load** (\`hub.store.bulkLoad: {}\`, \`--remote\`): per commit \`LOAD <url>\` of a TriG document of ≤ 16 MB that the hub serves on loopback; **SPARQL Update** (no bulkLoad, \`--remote-update\`): requests of ≤ 1 MB, one \`INSERT DATA\` each, Virtuoso dialect. Each run is the source's first harvest into an empty store, so its commits call the record graphs fresh and the store does not clear them first (\`src/pipeline/first-harvest.ts\`; before 2026-12-04 every commit first cleared its graphs, ~0.8 s per 4000 graphs); a re-harvest into graphs that exist clears them, at Virtuoso's delete rate (bench/pipeline/README.md). On a private Virtuoso 7.2 (\`scripts/ci/start-virtuoso.sh\` settings with ${fmt(VIRTUOSO_BUFFERS.number)} buffers ≈ ${fmt((VIRTUOSO_BUFFERS.number * 8) / 1024 / 1024, 1)} GB, ports ${VIRTUOSO_HTTP}/${VIRTUOSO_ISQL}, data under \`bench/out/pipeline/\`, started before and shut down after each scenario; starting it and the store's first request are not timed). The scenario also writes every quad it puts to an N-Quads file (a tee around the store, timed with the run); that file is what the two peers load: Virtuoso's bulk loader into a fresh private instance with the same settings, and Oxigraph in chunks of ${fmt(OXIGRAPH_CHUNK)} quads, each into a fresh store, because one embedded store cannot hold them (capacity row). Peak RSS of the remote row: the hub's process and the Virtuoso server, separately.\n` : ''}
| records | scenario | seconds | records/s | quads/s | peak RSS MB | ratio to peer | load avg at start |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}

${notes.map((n) => `- ${n}`).join('\n')}
- The bulk figure is the same quads (the hub store's own snapshot file) loaded into a fresh store in one \`load\` call, read from disk before the timing when under 1.5 GB. Records/s for the bulk load = its quads/s ÷ the hub's quads per record.
`;
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, text);
  await mkdir(OUT, { recursive: true });
  await writeFile(join(OUT, 'summary.json'), JSON.stringify({ command, started, startLoad, sizes: summary, remote, remoteUpdate, naive: naive.ok ? perSecond(naive.records, naive.ms) : undefined, capacityQuads }, null, 1));
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
