/**
 * bench:formats: end-to-end records/s of `hub harvest <source> --full` per sector format (LIDO,
 * METS, oai_dc, Ghent JSON-LD, UiTdatabank, Ticketmatic), beside the bare parse of the same input.
 *
 *   npm run bench:formats -- [--records 20000,100000] [--formats lido,mets,…] [--page-size N]
 *                            [--cpu-prof DIR] [--out bench/results-formats.md]
 *
 * Each format and size runs in a fresh process (so its peak RSS is its own): the fixture server of
 * the format in a child process (fixture-process.ts; the LIDO export is a file the files connector
 * reads), generated from the real samples into a temp folder; a configuration with that one source
 * and the embedded store in the temp folder; `Hub.open(config)` and `hub.harvest(id, { full: true })`,
 * the calls `hub harvest --full` makes (connector → map → validate → publish, matching included).
 * Then the captured input is parsed bare (floor.ts). Results are written to --out only when given.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { projectPath } from '../../src/core/paths.js';
import { bareParse, filesIn } from './floor.js';
import { writeLidoExport } from './lido-export.js';
import { DEFAULT_PAGE_SIZES, FORMAT_LABELS, FORMAT_SYNTAX, FORMATS, sourceFor, type Format } from './sources.js';

export interface FormatResult {
  format: Format;
  records: number;
  pageSize: number;
  seen: number;
  published: number;
  rejected: number;
  errors: number;
  status: string;
  /** Harvest from start to the run's summary (store open and close excluded), ms. */
  harvestMs: number;
  closeMs: number;
  floor: { ms: number; bytes: number; files: number };
  /** Peak resident set of this process at the end of the harvest, MB. */
  peakRssMb: number;
}

const here = fileURLToPath(import.meta.url);

/** Starts the format's fixture server in its own process; resolves with its URL. */
async function startFixture(format: Format, records: number, pageSize: number, captureDir: string) {
  const child = spawn(process.execPath, [join(here, '..', 'fixture-process.js'), format, String(records), String(pageSize), captureDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = createInterface({ input: child.stdout! });
  const [first] = (await Promise.race([once(line, 'line'), once(child, 'exit').then(() => [undefined])])) as [string | undefined];
  if (!first) throw new Error(`the ${format} fixture server stopped before it was ready`);
  return { url: (JSON.parse(first) as { url: string }).url, close: () => child.stdin!.end() };
}

/** One format at one size, in this process. */
async function runOne(format: Format, records: number, pageSize: number): Promise<FormatResult> {
  const work = mkdtempSync(join(tmpdir(), `hub-bench-formats-${format}-`));
  const captureDir = join(work, 'input');
  mkdirSync(captureDir);
  let fixture: { url: string; close(): void } | undefined;
  try {
    let input = captureDir;
    if (format === 'lido') await writeLidoExport(join(captureDir, 'collectie-bench.xml'), records);
    else input = (fixture = await startFixture(format, records, pageSize, captureDir)).url;
    const source = sourceFor(format, input, pageSize);
    const root = projectPath();
    const resolved = { ...source, mapping: join(root, source.mapping as string), shapes: (source.shapes as string[]).map((s) => join(root, s)) };
    const configFile = join(work, 'hub.yaml');
    writeFileSync(configFile, stringify({ hub: { baseIri: 'http://localhost:3000/', dataDir: join(work, 'data') }, sources: [resolved] }));

    await import('../../src/connectors/index.js');
    const { loadConfig } = await import('../../src/config/load.js');
    const { Hub } = await import('../../src/pipeline/hub.js');
    const hub = await Hub.open(loadConfig(configFile));
    const started = performance.now();
    const run = await hub.harvest(source.id as string, { full: true });
    const harvestMs = performance.now() - started;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const closing = performance.now();
    await hub.close();
    const closeMs = performance.now() - closing;
    fixture?.close();
    fixture = undefined;

    const floor = bareParse(filesIn(captureDir), FORMAT_SYNTAX[format]);
    return {
      format, records, pageSize, seen: run.seen, published: run.published, rejected: run.rejected, errors: run.errors, status: run.status,
      harvestMs, closeMs, floor: { ms: floor.ms, bytes: floor.bytes, files: floor.files }, peakRssMb,
    };
  } finally {
    fixture?.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs one format at one size in a fresh node process (with --cpu-prof when asked). */
async function runChild(format: Format, records: number, pageSize: number, cpuProfDir?: string): Promise<FormatResult> {
  const flags = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir, '--cpu-prof-name', `${format}-${records}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...flags, here, '--one', format, '--records', String(records), '--page-size', String(pageSize)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  const line = out.trim().split('\n').at(-1);
  if (code !== 0 || !line) throw new Error(`${format} at ${records} records: the bench process exited ${code}`);
  return JSON.parse(line) as FormatResult;
}

const rate = (n: number, ms: number) => (ms > 0 ? n / (ms / 1000) : 0);

export function resultRows(results: FormatResult[]): string[] {
  const rows = [
    '| format | records | page | seen | published | rejected | errors | end-to-end s | records/s | floor s (bare parse) | floor records/s | ratio | peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    const e2e = rate(r.seen, r.harvestMs);
    const floor = rate(r.seen, r.floor.ms);
    rows.push(
      `| ${FORMAT_LABELS[r.format]} | ${r.records} | ${r.pageSize || '-'} | ${r.seen} | ${r.published} | ${r.rejected} | ${r.errors} | ${(r.harvestMs / 1000).toFixed(2)} | ${e2e.toFixed(0)} | ${(r.floor.ms / 1000).toFixed(3)} | ${floor.toFixed(0)} | ${(e2e / floor).toFixed(3)} | ${r.peakRssMb.toFixed(0)} |`,
    );
  }
  return rows;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      one: { type: 'string' },
      records: { type: 'string', default: '20000,100000' },
      formats: { type: 'string', default: FORMATS.join(',') },
      'page-size': { type: 'string' },
      'cpu-prof': { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.one) {
    const format = values.one as Format;
    process.stdout.write(`${JSON.stringify(await runOne(format, Number(values.records), Number(values['page-size'] ?? DEFAULT_PAGE_SIZES[format])))}\n`);
    return;
  }
  const formats = values.formats.split(',') as Format[];
  for (const f of formats) if (!FORMATS.includes(f)) throw new Error(`unknown format ${f} (known: ${FORMATS.join(', ')})`);
  const sizes = values.records.split(',').map(Number);
  const load = loadavg();
  const results: FormatResult[] = [];
  for (const records of sizes) {
    for (const format of formats) {
      const pageSize = values['page-size'] ? Number(values['page-size']) : DEFAULT_PAGE_SIZES[format];
      const r = await runChild(format, records, pageSize, values['cpu-prof']);
      process.stderr.write(`${format} ${records}: ${r.seen} seen in ${(r.harvestMs / 1000).toFixed(1)} s (${rate(r.seen, r.harvestMs).toFixed(0)} records/s), floor ${(r.floor.ms / 1000).toFixed(3)} s, ${r.status}\n`);
      results.push(r);
    }
  }
  const command = `npm run bench:formats -- ${process.argv.slice(2).join(' ')}`.trim();
  const header = [
    `Command: \`${command}\``,
    `Date: ${new Date().toISOString()}; load average at start ${load.map((l) => l.toFixed(2)).join(' ')}, at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}`,
  ];
  const text = [...header, '', ...resultRows(results), ''].join('\n');
  process.stdout.write(text);
  if (values.out) writeFileSync(values.out, text);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:formats: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
