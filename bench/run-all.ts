/**
 * `npm run bench`: the whole benchmark suite (never part of `npm test`). Runs the pipeline
 * benchmark (bench/pipeline/pipeline-bench.ts), optionally re-runs the other benchmarks
 * (`--others`: each `bench:*` npm script), and writes bench/results.md: the pipeline figures
 * with the goal lines of issue 9, then every other bench/results-*.md with the command that
 * produced it. Arguments after `--` other than --others go to the pipeline benchmark; unless
 * they say `--remote <sizes>` or `--no-remote`, it also runs the remote-store scenario (a private
 * Virtuoso, see bench/pipeline/README.md) by bulk load at 100k and 1M records and by SPARQL Update
 * at 100k (`--remote 100000,1000000 --remote-update 100000`; 1M by SPARQL Update would take hours).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bench = (...p: string[]) => join(ROOT, 'bench', ...p);

/** The npm script behind each results file the other benchmarks write. */
const PRODUCERS: Record<string, string> = {
  'results-shacl.md': 'npm run bench:shacl',
  'results-rml.md': 'npm run bench:rml',
  'results-record-mapping.md': 'npm run bench:record-mapping',
  'results-connectors.md': 'npm run bench:connectors',
  'results-oai.md': 'npm run bench:oai',
  'results-store.md': 'npm run bench:store',
  'results-api.md': 'npm run bench:api',
  'results-distributed.md': 'npm run bench:distributed',
};

function run(command: string, args: string[]): number {
  console.error(`[bench] ${command} ${args.join(' ')}`);
  return spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' }).status ?? 1;
}

const args = process.argv.slice(2);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
const started = new Date().toISOString();
const startLoad = load();

if (args.includes('--others')) {
  const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
  for (const script of scripts.filter((s) => s.startsWith('bench:'))) run('npm', ['run', script]);
}
/** The remote-store scenarios unless the arguments choose otherwise. */
const DEFAULT_REMOTE = ['--remote', '100000,1000000', '--remote-update', '100000'];
const pipelineArgs = args.filter((a) => a !== '--others' && a !== '--no-remote');
if (!args.includes('--remote') && !args.includes('--remote-update') && !args.includes('--no-remote')) pipelineArgs.push(...DEFAULT_REMOTE);
const status = run(process.execPath, ['--max-old-space-size=8192', join(ROOT, 'dist', 'bench', 'pipeline', 'pipeline-bench.js'), ...pipelineArgs]);

const pipeline = existsSync(bench('results-pipeline.md')) ? readFileSync(bench('results-pipeline.md'), 'utf8') : `Pipeline benchmark failed (exit ${status}).\n`;
const summaryFile = bench('out', 'pipeline', 'summary.json');
type Remote = { hub?: number; virtuosoBulk?: number; oxigraphBulk?: number; peakRssMb?: number; virtuosoPeakRssMb?: number; quads?: number; seconds?: number; error?: string };
type Summary = {
  sizes: Record<string, { hub?: number; bulk?: number; peakRssMb?: number; restartS?: number; quads?: number }>;
  remote?: Record<string, Remote>;
  remoteUpdate?: Record<string, Remote>;
  naive?: number;
  capacityQuads?: number;
};
const summary = existsSync(summaryFile) ? (JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary) : undefined;
const n0 = (x: number | undefined) => (x === undefined ? '–' : Math.round(x).toLocaleString('en-US'));

const goals: string[] = [];
for (const [size, s] of Object.entries(summary?.sizes ?? {})) {
  if (s.hub === undefined) {
    const fits = summary?.capacityQuads === undefined || Number(size) * 36 <= summary.capacityQuads;
    const why = fits ? '' : ` in the embedded store: ~${n0(Number(size) * 36)} quads do not fit in one (it stopped at ${n0(summary?.capacityQuads)}, capacity row)`;
    const remote = summary?.remote?.[size] ? '; the remote-store line below is the same pipeline at this size' : fits ? '' : `; \`--remote ${size}\` runs it into the remote SPARQL store`;
    goals.push(`- ${Number(size).toLocaleString('en-US')} records: not measured end to end${why}${remote} (see the pipeline table).`);
    continue;
  }
  const ratio = s.bulk ? s.hub / s.bulk : undefined;
  goals.push(
    `- ${Number(size).toLocaleString('en-US')} records: **${n0(s.hub)} records/s** end to end (goal ≥ 10,000: ${s.hub >= 10000 ? 'met' : 'NOT met'}); **${ratio?.toFixed(2) ?? '–'}×** the bare bulk load of the same quads in the same run (goal ≥ 0.5×: ${ratio !== undefined && ratio >= 0.5 ? 'met' : 'NOT met'}); peak RSS ${s.peakRssMb ?? '–'} MB; ${n0(s.quads)} quads; restart ${s.restartS?.toFixed(1) ?? '–'} s.`,
  );
}
const remoteRuns = [
  ...Object.entries(summary?.remote ?? {}).map(([size, r]) => [size, r, 'by bulk load (`hub.store.bulkLoad`)'] as const),
  ...Object.entries(summary?.remoteUpdate ?? {}).map(([size, r]) => [size, r, 'by SPARQL Update'] as const),
];
for (const [size, r, via] of remoteRuns) {
  const records = Number(size).toLocaleString('en-US');
  if (r.hub === undefined) {
    goals.push(`- ${records} records into the remote SPARQL store ${via}: failed (${r.error ?? 'see the pipeline table'}).`);
    continue;
  }
  const ox = r.oxigraphBulk ? r.hub / r.oxigraphBulk : undefined;
  const vb = r.virtuosoBulk ? r.hub / r.virtuosoBulk : undefined;
  const met = (x: number | undefined) => (x !== undefined && x >= 0.5 ? 'met' : 'NOT met');
  goals.push(
    `- ${records} records into the **remote SPARQL store** ${via} (\`SparqlStore\` on a private Virtuoso 7.2): **${n0(r.hub)} records/s** end to end in ${r.seconds !== undefined ? `${(r.seconds / 60).toFixed(1)} min` : '–'} (goal ≥ 10,000: ${r.hub >= 10000 ? 'met' : 'NOT met'}); **${ox?.toFixed(2) ?? '–'}×** the bare Oxigraph bulk load of the same quads in the same run, loaded in chunks because one embedded store cannot hold them (goal ≥ 0.5×: ${met(ox)}); **${vb?.toFixed(2) ?? '–'}×** Virtuoso's own bulk load of the same quads (goal ≥ 0.5×: ${met(vb)}); peak RSS ${r.peakRssMb ?? '–'} MB (hub process) + ${r.virtuosoPeakRssMb ?? '–'} MB (Virtuoso); ${n0(r.quads)} quads.`,
  );
}
if (summary?.capacityQuads) goals.push(`- 10M triples in the embedded store: NOT possible; one embedded Oxigraph (WASM) store stopped at ${n0(summary.capacityQuads)} quads (see the capacity row).`);

const others = readdirSync(bench())
  .filter((f) => /^results-.+\.md$/.test(f) && f !== 'results-pipeline.md')
  .sort()
  .map((f) => {
    const when = statSync(bench(f)).mtime.toISOString();
    const body = readFileSync(bench(f), 'utf8').replace(/^# /m, '### ');
    return `## ${f}\n\nProduced by \`${PRODUCERS[f] ?? 'its benchmark script'}\` (file written ${when}${args.includes('--others') ? ', re-run in this suite run' : ', included as last written'}).\n\n${body}`;
  });

const text = `# Benchmark results

Written by \`npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}\`, started ${started}; load average at start ${startLoad}, at end ${load()} (1 / 5 / 15 min).
Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}. The machine is shared with other engineers' builds and tests: absolute figures are depressed by that load; ratios are measured within one run.

## Issue 9 goals

${goals.join('\n') || '- no pipeline figures (the pipeline benchmark failed)'}

${pipeline.replace(/^# /m, '## ')}
${others.join('\n')}`;
writeFileSync(bench('results.md'), text);
console.log(`wrote ${bench('results.md')}`);
process.exit(status);
