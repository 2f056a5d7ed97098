/**
 * Record mapping benchmark (not a test): each sector mapping in mappings/ on the real samples the
 * golden tests use, one record at a time as the pipeline maps them (RmlRecordMapper.map), so the
 * cost of a source's mapping per harvested record is visible. Writes bench/results-record-mapping.md.
 *
 *   npm run bench:record-mapping
 */
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RmlRecordMapper } from '../../src/mapping/rml/rml-record-mapper.js';
import { CASES } from './record-mapping-cases.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const WARM_UP = 20;
/** Each case is timed for at least this long (and at least 50 records); BENCH_MIN_MS shortens it for profiling. */
const MIN_MS = Number(process.env.BENCH_MIN_MS ?? 2000);

async function measure(c: (typeof CASES)[number]) {
  const mapper = await RmlRecordMapper.load(join(ROOT, c.mapping));
  const record = { sourceId: 'bench', recordId: 'r1', mediaType: c.mediaType, body: await readFile(join(ROOT, c.sample), 'utf8') };
  const context = { baseIri: 'http://localhost:3000/', sourceId: 'bench' };
  let quads = 0;
  for (let i = 0; i < WARM_UP; i++) quads = (await mapper.map(record, context)).quads.length;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let n = 0;
  while (n < 50 || performance.now() - t0 < MIN_MS) {
    await mapper.map(record, context);
    n++;
  }
  const msPerRecord = (performance.now() - t0) / n;
  // CPU time (user + system) is what a shared machine's other load disturbs least.
  const cpu = process.cpuUsage(cpu0);
  const cpuMsPerRecord = (cpu.user + cpu.system) / 1000 / n;
  return { ...c, quads, cpuMsPerRecord, triplesMaps: (await readFile(join(ROOT, c.mapping), 'utf8')).match(/^\s+sources:/gm)?.length ?? 0, msPerRecord, bytes: record.body.length };
}

const started = new Date().toISOString();
const load = loadavg().map((l) => l.toFixed(1)).join(' / ');
const rows = [];
// BENCH_ONLY=lido runs the cases whose mapping or sample name contains that text (for profiling).
const only = process.env.BENCH_ONLY;
for (const c of CASES) if (!only || c.mapping.includes(only) || c.sample.includes(only)) rows.push(await measure(c));
const lines = [
  '# Record mapping benchmark',
  '',
  `Produced by \`npm run bench:record-mapping\` (\`bench/rml/bench-record-mapping.ts\`), started ${started}, load average ${load} (1 / 5 / 15 min); ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}.`,
  `Each sector mapping on the sample its golden test uses, mapped as the pipeline maps one harvested record (\`RmlRecordMapper.map\`), ${WARM_UP} times to warm up, then for at least ${MIN_MS / 1000} s.`,
  '',
  '| mapping | sample | bytes | triples maps | quads | ms per record | CPU ms per record | records/s |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| \`${r.mapping}\` | \`${r.sample.split('/').pop()}\` | ${r.bytes.toLocaleString('en')} | ${r.triplesMaps} | ${r.quads} | ${r.msPerRecord.toFixed(2)} | ${r.cpuMsPerRecord.toFixed(2)} | ${Math.round(1000 / r.msPerRecord).toLocaleString('en')} |`),
  '',
];
// The prose sections after the table (## headings, e.g. "Where the time goes") are kept.
const file = join(ROOT, 'bench', 'results-record-mapping.md');
const previous = await readFile(file, 'utf8').catch(() => '');
const prose = previous.indexOf('\n## ');
// A partial run (BENCH_ONLY, a short BENCH_MIN_MS) is for profiling and leaves the results alone.
if (!only && !process.env.BENCH_MIN_MS) await writeFile(file, lines.join('\n') + (prose >= 0 ? previous.slice(prose) : ''));
console.log(lines.join('\n'));
