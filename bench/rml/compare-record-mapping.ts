/**
 * Before/after comparison for bench:record-mapping on a shared machine: the cases of
 * bench-record-mapping.ts mapped by this build and by a baseline build of the hub (another
 * checkout's dist/), in alternating short rounds in one process, so both see the same load.
 * Reports CPU ms per record (median of the rounds) for each. Not a test.
 *
 *   npm run build && node dist/bench/rml/compare-record-mapping.js /path/to/baseline/dist [rounds]
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RmlRecordMapper } from '../../src/mapping/rml/rml-record-mapper.js';
import { CASES } from './record-mapping-cases.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const [baselineDist, roundsArg] = process.argv.slice(2);
if (!baselineDist) throw new Error('usage: compare-record-mapping <baseline dist folder> [rounds]');
const ROUNDS = Number(roundsArg ?? 9);
const ROUND_MS = 250;
const Baseline = ((await import(pathToFileURL(join(resolve(baselineDist), 'src/mapping/rml/rml-record-mapper.js')).href)) as { RmlRecordMapper: typeof RmlRecordMapper }).RmlRecordMapper;

type Mapper = Pick<RmlRecordMapper, 'map'>;
const context = { baseIri: 'http://localhost:3000/', sourceId: 'bench' };

/** CPU ms per record over one round of about ROUND_MS. */
async function round(mapper: Mapper, record: Parameters<Mapper['map']>[0]): Promise<number> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let n = 0;
  while (n < 5 || performance.now() - t0 < ROUND_MS) {
    await mapper.map(record, context);
    n++;
  }
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / 1000 / n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadBefore = loadavg()[0].toFixed(1);
console.log('| mapping | sample | baseline CPU ms/record | this build CPU ms/record | speed-up |');
console.log('|---|---|---|---|---|');
for (const c of CASES) {
  const record = { sourceId: 'bench', recordId: 'r1', mediaType: c.mediaType, body: await readFile(join(ROOT, c.sample), 'utf8') };
  const mappers: Mapper[] = [await Baseline.load(join(ROOT, c.mapping)), await RmlRecordMapper.load(join(ROOT, c.mapping))];
  const base: number[] = [];
  const mine: number[] = [];
  for (const m of mappers) for (let i = 0; i < 20; i++) await m.map(record, context);
  for (let r = 0; r < ROUNDS; r++) {
    base.push(await round(mappers[0], record));
    mine.push(await round(mappers[1], record));
  }
  const b = median(base);
  const a = median(mine);
  console.log(`| \`${c.mapping}\` | \`${c.sample.split('/').pop()}\` | ${b.toFixed(3)} | ${a.toFixed(3)} | ${(b / a).toFixed(1)}× |`);
}
console.log(`\nload average (1 min) ${loadBefore} at the start, ${loadavg()[0].toFixed(1)} at the end; ${ROUNDS} alternating rounds of ${ROUND_MS} ms per build and case, medians.`);
