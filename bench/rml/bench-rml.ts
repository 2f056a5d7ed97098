/**
 * RML benchmark (not a test): the same YARRRML mapping over the same JSON, CSV and XML inputs
 * through this engine and through RocketRML, outputs compared as quad sets (the mapping makes no
 * blank nodes, so set equality is isomorphism), records/s for each and the ratio.
 *
 *   npm run bench:rml                  10k and 100k records
 *   npm run bench:rml -- --million     also 1M records (this engine in a 256 MB heap; RocketRML only with --rocket-million)
 *
 * Each run is a child process (fresh heap, peak RSS sampled); results go to bench/results-rml.md.
 */
import { loadRocketRml } from '../peers/rocketrml.js';
import { execFile } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import N3 from 'n3';
import { runMappingFile } from '../../src/mapping/run-mapping-file.js';
import { yarrrmlToRml } from '../../src/mapping/rml/load-mapping.js';
import { generate } from './generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(here, '..', '..', '..');
const OUT = join(ROOT, 'bench', 'out', 'rml');
const FORMATS = { json: "[people.json~jsonpath, '$.people[*]']", csv: '[people.csv~csv]', xml: "[people.xml~xpath, '/people/person']" } as const;
type Format = keyof typeof FORMATS;
type Engine = 'ours' | 'rocketrml';
const INPUT: Record<Format, string> = { json: 'people.json', csv: 'people.csv', xml: 'people.xml' };
const TIMEOUT_MS = 10 * 60_000;

interface RunResult {
  ok: boolean;
  ms?: number;
  quads?: number;
  peakRssMb?: number;
  error?: string;
}

async function mappingText(format: Format): Promise<string> {
  return (await readFile(join(ROOT, 'bench', 'rml', 'mapping.yml'), 'utf8')).replace(/- SOURCE$/m, () => `- ${FORMATS[format]}`);
}

function sampleRss(): () => number {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, process.memoryUsage().rss) / 1048576);
  };
}

/** Child process: one engine, one format, one folder of data. Prints a RunResult as JSON. */
async function worker(engine: Engine, format: Format, dir: string): Promise<void> {
  const outFile = join(dir, `out-${engine}-${format}.nq`);
  const stop = sampleRss();
  const t0 = performance.now();
  let quads = 0;
  if (engine === 'ours') {
    const file = join(dir, `mapping-${format}.yml`);
    await writeFile(file, await mappingText(format));
    const out = createWriteStream(outFile);
    const result = await runMappingFile(file, { out });
    await new Promise<void>((done) => out.end(done));
    quads = result.quads;
  } else {
    const rocket = loadRocketRml(ROOT);
    const writer = new N3.Writer({ format: 'Turtle' });
    writer.addQuads(yarrrmlToRml(await mappingText(format)));
    const ttl = await new Promise<string>((ok, ko) => writer.end((e, r) => (e ? ko(e) : ok(r))));
    const input = await readFile(join(dir, INPUT[format]), 'utf8');
    const nq = await rocket.parseFileLive(ttl, { [INPUT[format]]: input }, { toRDF: true, verbose: false });
    await writeFile(outFile, nq);
    quads = nq.split('\n').filter(Boolean).length;
  }
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ ok: true, ms, quads, peakRssMb: stop() } satisfies RunResult));
}

function spawnRun(engine: Engine, format: Format, dir: string, heapMb?: number): Promise<RunResult> {
  const args = [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), fileURLToPath(import.meta.url), '--worker', engine, format, dir];
  return new Promise((done) => {
    execFile(process.execPath, args, { timeout: TIMEOUT_MS, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (!error && line.startsWith('{')) return done(JSON.parse(line) as RunResult);
      const reason = error?.killed ? `timed out after ${TIMEOUT_MS / 60000} min` : (stderr.trim().split('\n').find((l) => /Error|heap/i.test(l)) ?? error?.message ?? 'failed');
      done({ ok: false, error: reason.slice(0, 160) });
    });
  });
}

async function quadSet(file: string): Promise<Set<string>> {
  const writer = new N3.Writer({ format: 'N-Quads' });
  const set = new Set<string>();
  const parser = new N3.Parser({ format: 'N-Quads' });
  for (const q of parser.parse(await readFile(file, 'utf8'))) set.add(writer.quadToString(q.subject, q.predicate, q.object, q.graph));
  return set;
}

async function sameOutput(dir: string, format: Format): Promise<string> {
  const a = await quadSet(join(dir, `out-ours-${format}.nq`));
  const b = await quadSet(join(dir, `out-rocketrml-${format}.nq`));
  let missing = 0;
  for (const q of b) if (!a.has(q)) missing++;
  let extra = 0;
  for (const q of a) if (!b.has(q)) extra++;
  return missing === 0 && extra === 0 ? `yes (${a.size} quads)` : `NO: ${missing} only in RocketRML, ${extra} only in ours`;
}

const rate = (n: number, r: RunResult) => (r.ok && r.ms ? Math.round((n * 1000) / r.ms) : undefined);
const fmt = (x: number | undefined) => (x === undefined ? '–' : x.toLocaleString('en-US'));

async function main(): Promise<void> {
  const million = process.argv.includes('--million');
  const sizes = [10_000, 100_000, ...(million ? [1_000_000] : [])];
  const rows: string[] = [];
  for (const n of sizes) {
    const dir = join(OUT, `n${n}`);
    await mkdir(dir, { recursive: true });
    if (!existsSync(join(dir, 'people.xml'))) await generate(dir, n);
    for (const format of Object.keys(FORMATS) as Format[]) {
      // At 1M records this engine runs in a 256 MB heap to show that memory stays bounded.
      const ours = await spawnRun('ours', format, dir, n >= 1_000_000 ? 256 : undefined);
      // RocketRML is not run at 1M by default: at 100k it already needs minutes and GBs (see the table).
      const rocket: RunResult = n >= 1_000_000 && !process.argv.includes('--rocket-million') ? { ok: false, error: 'not run at 1M (use --rocket-million)' } : await spawnRun('rocketrml', format, dir);
      const same = ours.ok && rocket.ok ? await sameOutput(dir, format) : '–';
      const ro = rate(n, ours);
      const rr = rate(n, rocket);
      const ratio = ro && rr ? `${(ro / rr).toFixed(1)}×` : '–';
      const row = `| ${format.toUpperCase()} | ${fmt(n)} | ${fmt(ro)} | ${ours.peakRssMb ?? '–'} | ${rocket.ok ? fmt(rr) : `failed: ${rocket.error}`} | ${rocket.peakRssMb ?? '–'} | ${ratio} | ${same} |`;
      console.log(row);
      rows.push(row);
    }
  }
  const report = [
    '# RML engine benchmark',
    '',
    `Command: \`npm run bench:rml${million ? ' -- --million' : ''}\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB).`,
    '',
    'Same YARRRML mapping (`bench/rml/mapping.yml`: one subject, 7 predicate-object maps, IRI templates, a language tag) over the same',
    'synthetic people records as JSON (`$.people[*]`), CSV and XML (`/people/person`), each run in a fresh child process.',
    'Time covers loading the mapping, reading the input and writing N-Quads (RocketRML: `parseFileLive` with `toRDF`).',
    'records/s = records ÷ wall time; RSS = peak resident set size of the run. "Same output" compares the two outputs as quad sets.',
    'The mapping avoids a `mailto:` IRI template: RocketRML 2.1.2 turns `mailto:$(email)~iri` into a blank node (this engine writes the IRI).',
    `Load average at the end of the run: ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (other processes share the machine; absolute numbers vary with it, the ratio less).`,
    '',
    '| format | records | ours records/s | ours peak RSS (MB) | RocketRML records/s | RocketRML peak RSS (MB) | ratio | same output |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  await writeFile(join(ROOT, 'bench', 'results-rml.md'), report);
  console.log('\nwritten to bench/results-rml.md');
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3] as Engine, process.argv[4] as Format, process.argv[5]);
} else {
  await main();
}
