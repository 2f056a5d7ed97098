/**
 * SHACL speed benchmark (not a test): the hub's engine vs shacl-engine vs rdf-validate-shacl
 * on the repaired OSLO CE Object 2021 shapes over synthetic records built from real Ghent members.
 * Then the whole-graph rows (whole-graph.ts): one file of N objects validated at once by
 * `hub validate` and by shacl-engine, for each N of --whole.
 * Run: npm run bench:shacl [-- --records 100000 --small 10000 --rvs 5000 --whole 5000,20000,100000]
 * `--whole-only` re-measures only the whole-graph rows and keeps the per-record section of the file.
 * Writes bench/results-shacl.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseRdf } from '../../src/core/rdf.js';
import { projectPath } from '../../src/core/paths.js';
import { ShaclValidator } from '../../src/validation/shacl-validator.js';
import { hubEngine, rdfValidateShacl, shaclEngine, type Engine, type Outcome } from './engines.js';
import { fixUp, makeRecord, readTemplates, type Templates } from './generate-records.js';
import { WHOLE_GRAPH_SHAPES, wholeGraphRow, type WholeGraphRow } from './whole-graph.js';

const SHAPES = 'shapes/oslo-ce-object-2021.repaired.ttl';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

interface Timing {
  engine: string;
  records: number;
  /** CPU seconds (user + system) spent in validate calls: robust when other processes share the cores. */
  seconds: number;
  perSecond: number;
  /** Wall-clock seconds spent in validate calls. */
  wallSeconds: number;
  outcomes: Outcome[];
}

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

/**
 * Validates records 0..count-1, generated on the fly: holding 100k records (10M quads) in memory
 * would make every engine's garbage collections scan a huge heap and distort the comparison.
 * Only the validate calls are timed.
 */
async function time(engine: Engine, templates: Templates, count: number): Promise<Timing> {
  const outcomes: Outcome[] = new Array(count);
  let wall = 0n;
  let cpu = 0;
  for (let i = 0; i < count; i++) {
    const record = makeRecord(templates, i);
    const cpuStart = cpuMicros();
    const started = process.hrtime.bigint();
    outcomes[i] = await engine.validate(record);
    wall += process.hrtime.bigint() - started;
    cpu += cpuMicros() - cpuStart;
  }
  const seconds = cpu / 1e6;
  return { engine: engine.name, records: count, seconds, perSecond: count / seconds, wallSeconds: Number(wall) / 1e9, outcomes };
}

function compare(reference: Outcome[], other: Outcome[]): { sameConforming: boolean; sameResultCount: boolean; differing: number } {
  let differing = 0;
  let conformingDiff = 0;
  let resultsRef = 0;
  let resultsOther = 0;
  for (let i = 0; i < other.length; i++) {
    const a = reference[i] as Outcome;
    const b = other[i] as Outcome;
    if (a.conforms !== b.conforms) conformingDiff++;
    if (a.conforms !== b.conforms || a.results !== b.results) differing++;
    resultsRef += a.results;
    resultsOther += b.results;
  }
  return { sameConforming: conformingDiff === 0, sameResultCount: resultsRef === resultsOther, differing };
}

const WHOLE_HEADING = '## Whole-graph validation';

function loadAverage(): string {
  return os.loadavg().map((x) => x.toFixed(2)).join(', ');
}

/** The whole-graph section of the results file. */
async function wholeGraphSection(counts: number[]): Promise<string> {
  const loadBefore = loadAverage();
  const rows: WholeGraphRow[] = [];
  for (const n of counts) {
    console.log(`whole graph: ${n} objects…`);
    const row = await wholeGraphRow(n, os.tmpdir() + '/hub-bench-shacl');
    console.log(`  hub validate ${row.hubCli.wallSeconds.toFixed(2)} s, shacl-engine ${row.engineCli.wallSeconds.toFixed(2)} s, same results: ${row.sameResults}`);
    rows.push(row);
  }
  const loadAfter = loadAverage();
  const s = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(2));
  const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '–' : `${(b / a).toFixed(1)}×`);
  const table = rows
    .map(
      (r) =>
        `| ${r.objects} | ${r.quads} | ${s(r.hubCli.wallSeconds)} (${s(r.hubCli.cpuSeconds)}) | ${s(r.engineCli.wallSeconds)} (${s(r.engineCli.cpuSeconds)}) | **${ratio(r.hubCli.wallSeconds, r.engineCli.wallSeconds)}** (${ratio(r.hubCli.cpuSeconds, r.engineCli.cpuSeconds)}) | ${s(r.hubInProcess.cpuSeconds)} (parse ${s(r.hubInProcess.parseCpuSeconds)}) | ${s(r.engineInProcess.cpuSeconds)} | ${ratio(r.hubInProcess.cpuSeconds, r.engineInProcess.cpuSeconds)} | ${r.hubCli.results} | ${r.sameResults ? 'yes' : `NO: ${r.differences.join('; ')}`} |`,
    )
    .join('\n');
  const first = rows[0];
  const last = rows[rows.length - 1];
  const perObject = (r: WholeGraphRow) => (r.hubCli.cpuSeconds ?? r.hubCli.wallSeconds) / r.objects;
  return `${WHOLE_HEADING} (\`hub validate\`, \`POST /validate\`)

Command: \`npm run bench:shacl\` (whole-graph rows alone: \`node --max-old-space-size=8192 dist/bench/shacl/run-bench.js --whole-only --whole ${counts.join(',')}\`), ${new Date().toISOString().slice(0, 16)}Z.
Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, shared: **load average ${loadBefore} before, ${loadAfter} after** (1, 5, 15 min).

One N-Triples file of N synthetic OSLO CE objects (\`bench/shacl/generate-objects.ts\`: 8 quads per object, plus 50 shared
material concepts; every 10th object violates twice, a title without language and a material that is no skos:Concept, so N/5
results), validated as one graph against \`${WHOLE_GRAPH_SHAPES}\`. **Process** = the whole command as a user runs it, start-up and parse
included: \`node dist/src/cli/main.js validate --shapes S --data D --format csv\` for the hub, \`node dist/bench/shacl/shacl-engine-file.js S D\`
(n3 parse + shacl-engine) for shacl-engine; wall seconds, CPU seconds of the child in brackets. **In-process** = parse + validate
in this process (CPU seconds). Same results = the same count from both processes and in-process, and the same multiset of
(focus node, constraint component, value) from both engines. Profile and before/after: \`bench/shacl/PROFILE-whole-graph.md\`.

| objects | quads | hub validate, s (CPU) | shacl-engine process, s (CPU) | hub speed-up, wall (CPU) | hub in-process CPU s | shacl-engine in-process CPU s | in-process speed-up | results | same results |
|---|---|---|---|---|---|---|---|---|---|
${table}

- Linear: hub validate ${(perObject(first as WholeGraphRow) * 1e6).toFixed(0)} µs CPU per object at ${first?.objects}, ${(perObject(last as WholeGraphRow) * 1e6).toFixed(0)} µs at ${last?.objects} (start-up included, so the small file pays relatively more).
`;
}

async function main(): Promise<void> {
  const wholeCounts = (process.argv.includes('--whole') ? String(process.argv[process.argv.indexOf('--whole') + 1]) : '5000,20000,100000').split(',').map(Number);
  const resultsFile = projectPath('bench/results-shacl.md');
  if (process.argv.includes('--whole-only')) {
    const previous = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# SHACL validation benchmark\n';
    const at = previous.indexOf(WHOLE_HEADING);
    const kept = (at >= 0 ? previous.slice(0, at) : `${previous.trimEnd()}\n\n`);
    const md = `${kept}${await wholeGraphSection(wholeCounts)}`;
    writeFileSync(resultsFile, md);
    console.log(`\n${md}`);
    return;
  }
  // Whole-graph rows first, while this process's heap is small; written out at once.
  const whole = await wholeGraphSection(wholeCounts);
  writeFileSync(resultsFile, `# SHACL validation benchmark\n\n(per-record rows still running)\n\n${whole}`);
  const total = arg('records', 100_000);
  const small = arg('small', 10_000);
  const rvsCount = arg('rvs', 5_000);
  const shapes = parseRdf(readFileSync(projectPath(SHAPES), 'utf8'));
  const fixer = new ShaclValidator(shapes, { id: 'fixup', version: '0' });
  const original = await readTemplates(projectPath('bench/shacl/samples'));
  const templates: Templates = { original, conforming: original.map((t) => fixUp(t, fixer)) };

  let quadSum = 0;
  for (let i = 0; i < 1000; i++) quadSum += makeRecord(templates, i).length;
  const quadsPerRecord = quadSum / 1000;

  const engines = { hub: hubEngine(shapes), se: shaclEngine(shapes), rvs: rdfValidateShacl(shapes) };
  // Warm up each engine's JIT on records that are not measured.
  for (const e of Object.values(engines)) for (let i = 0; i < 500; i++) await e.validate(makeRecord(templates, total + i));

  const runs: Timing[] = [];
  for (const [e, n] of [[engines.hub, small], [engines.hub, total], [engines.se, small], [engines.se, total], [engines.rvs, rvsCount]] as const) {
    console.log(`${e.name}: ${n} records…`);
    const t = await time(e, templates, n);
    console.log(`  ${t.seconds.toFixed(2)} CPU s (${t.wallSeconds.toFixed(2)} s wall), ${t.perSecond.toFixed(0)} records/CPU s`);
    runs.push(t);
  }
  const hubFull = runs[1] as Timing;
  const seFull = runs[3] as Timing;
  const rvs = runs[4] as Timing;
  const conformingRecords = hubFull.outcomes.filter((o) => o.conforms).length;
  const totalResults = hubFull.outcomes.reduce((n, o) => n + o.results, 0);
  const seCmp = compare(hubFull.outcomes, seFull.outcomes);
  const rvsCmp = compare(hubFull.outcomes, rvs.outcomes);
  const line = (t: Timing) =>
    `| ${t.engine} | ${t.records} | ${t.seconds.toFixed(2)} | ${t.wallSeconds.toFixed(2)} | ${t.perSecond.toFixed(0)} | ${(t.records / t.wallSeconds).toFixed(0)} | ${(t.perSecond / seFull.perSecond).toFixed(1)}× |`;
  const md = `# SHACL validation benchmark

## Per-record validation (the pipeline)

Command: \`npm run bench:shacl\` (= \`node dist/bench/shacl/run-bench.js --records ${total} --small ${small} --rvs ${rvsCount}\`), one run, ${new Date().toISOString().slice(0, 16)}Z.
Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, shared: load average ${loadAverage()} when the per-record rows ended (1, 5, 15 min).

Shapes: \`${SHAPES}\` (OSLO CE Object 2021, repaired). Records: ${total} synthetic OSLO CE object records, ${quadsPerRecord.toFixed(0)} quads each on
average, built from the five real Ghent members in \`bench/shacl/samples/\` (objects also typed \`crm:E22_Man-Made_Object\`, as the hub's
mapping does, so that the 2021 \`MensgemaaktObjectShape\` applies; fresh IRIs and blank nodes per record); every 10th record
keeps the member's real violations, every 10th (offset 5) has its first title's language dropped (an \`rdf:langString\` violation). Each engine validates one record's
graph at a time (that is how the pipeline validates); shapes are compiled once per engine, outside the timings;
records are generated on the fly and only the validate calls are timed.

Times are the sum over the validate calls only: CPU time of the process (user + system, which includes the
garbage collector's threads) and wall-clock time. The machine is shared with other work, so CPU time is the
figure the ratios use; wall-clock is shown for completeness.

| engine | records | CPU s | wall s | records/CPU s | records/wall s | vs shacl-engine (CPU) |
|---|---|---|---|---|---|---|
${runs.map(line).join('\n')}

- **Speed-up over shacl-engine at ${total} records: ${(hubFull.perSecond / seFull.perSecond).toFixed(1)}×**; over rdf-validate-shacl: ${(hubFull.perSecond / rvs.perSecond).toFixed(0)}× (rdf-validate-shacl measured on the first ${rvsCount} records only, because at its speed ${total} records would take ${((total / rvs.perSecond) / 60).toFixed(0)} minutes; its records/s is that of the subset, not an extrapolated measurement of ${total}).
- Linear time: hub ${(runs[0] as Timing).perSecond.toFixed(0)} records/s at ${small} vs ${hubFull.perSecond.toFixed(0)} at ${total}; shacl-engine ${(runs[2] as Timing).perSecond.toFixed(0)} vs ${seFull.perSecond.toFixed(0)} (per-record validation keeps every engine linear).
- Same outcome (hub as reference, ${total} records: ${conformingRecords} conforming, ${totalResults} results): shacl-engine ${seCmp.sameConforming ? 'same conforming records' : 'DIFFERENT conforming records'}, ${seCmp.sameResultCount ? 'same number of results' : 'DIFFERENT number of results'} (${seCmp.differing} records differ); rdf-validate-shacl on its ${rvsCount} records: ${rvsCmp.sameConforming ? 'same conforming records' : 'DIFFERENT conforming records'}, ${rvsCmp.sameResultCount ? 'same number of results' : 'DIFFERENT number of results'} (${rvsCmp.differing} records differ).
`;
  const full = `${md}\n${whole}`;
  writeFileSync(resultsFile, full);
  console.log(`\n${full}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
