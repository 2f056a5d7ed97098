/**
 * How far this machine lets the workers' own work scale, with nothing shared between them: the
 * LIDO mapping (mappings/lido-object.yml on the real MSK Gent and Groeningemuseum samples, one
 * record at a time as a worker maps them) in one process alone, then in two processes at once,
 * each mapping the same number of records. No Redis, no store, no source: the speed-up of two
 * processes over one is the most two `hub worker`s could gain on this workload, whatever the
 * publishing side costs. run-bench.ts reports it beside the distributed runs.
 *
 *   node dist/bench/distributed/parallel-floor.js [records=2000]          → one JSON line
 *   node dist/bench/distributed/parallel-floor.js --child <records>       → (one mapping process)
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RmlRecordMapper } from '../../src/mapping/rml/rml-record-mapper.js';

const here = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(here), '..', '..', '..');
const SAMPLES = ['fixtures/lido/samples/groeningemuseum-0000_GRO1561_I-LIDO.xml', 'fixtures/lido/samples/mskgent-310000001-LIDO.xml'];

export interface ParallelFloor {
  records: number;
  /** Wall seconds of one process mapping `records`. */
  alone: number;
  /** Wall seconds until both of two concurrent processes, each mapping `records`, were done. */
  pair: number;
  /** CPU seconds: the lone process, and the two together. */
  cpuAlone: number;
  cpuPair: number;
  /** Records per second of two processes over one: 2 × alone / pair. */
  speedup: number;
}

async function child(records: number): Promise<void> {
  const mapper = await RmlRecordMapper.load(join(ROOT, 'mappings/lido-object.yml'));
  const bodies = await Promise.all(SAMPLES.map((s) => readFile(join(ROOT, s), 'utf8')));
  const context = { baseIri: 'http://bench.test/', sourceId: 'bench' };
  // Warm up (compile the mapping's paths, JIT) before the clock starts, as a running worker is.
  for (let i = 0; i < 20; i++) await mapper.map({ sourceId: 'bench', recordId: `w${i}`, mediaType: 'application/xml', body: bodies[i % bodies.length]! }, context);
  process.stdout.write('ready\n');
  await new Promise((r) => process.stdin.once('data', r));
  process.stdin.pause();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < records; i++) await mapper.map({ sourceId: 'bench', recordId: `r${i}`, mediaType: 'application/xml', body: bodies[i % bodies.length]! }, context);
  const used = process.cpuUsage(cpu);
  process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - t0) / 1000, cpu: (used.user + used.system) / 1e6 })}\n`);
}

/** Starts `n` mapping processes, lets them go at once once all are warm; their wall and CPU seconds. */
async function race(n: number, records: number): Promise<{ wall: number; cpu: number }> {
  const procs = Array.from({ length: n }, () => spawn(process.execPath, [here, '--child', String(records)], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const lines = procs.map((p) => {
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d));
    return () => out;
  });
  while (!lines.every((l) => l().includes('ready'))) await new Promise((r) => setTimeout(r, 50));
  const t0 = performance.now();
  for (const p of procs) p.stdin.end('go\n');
  await Promise.all(procs.map((p) => new Promise((r) => p.once('exit', r))));
  const wall = (performance.now() - t0) / 1000;
  const cpu = lines.map((l) => (JSON.parse(l().split('\n').find((x) => x.startsWith('{'))!) as { cpu: number }).cpu).reduce((a, b) => a + b, 0);
  return { wall, cpu };
}

export async function parallelFloor(records: number): Promise<ParallelFloor> {
  const alone = await race(1, records);
  const pair = await race(2, records);
  return { records, alone: alone.wall, pair: pair.wall, cpuAlone: alone.cpu, cpuPair: pair.cpu, speedup: (2 * alone.wall) / pair.wall };
}

if (process.argv[1] === here) {
  if (process.argv[2] === '--child') await child(Number(process.argv[3]));
  else process.stdout.write(`${JSON.stringify(await parallelFloor(Number(process.argv[2] ?? 2000)))}\n`);
}
