/**
 * The whole-graph half of `bench:shacl`: one data file of N synthetic objects
 * (generate-objects.ts) validated at once, as `hub validate --shapes S --data D` and
 * `POST /validate` do, by the hub and by shacl-engine on the same file in the same run.
 * Each is timed twice: as a whole process (the CLI a user runs, including start-up and parse;
 * shacl-engine through shacl-engine-file.ts) and in-process (parse + validate, no start-up).
 * Results must agree: the same number, and the same (focus node, component, value) multiset.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../src/core/paths.js';
import { readDataFile } from '../../src/validation/read-data.js';
import { ShaclValidator } from '../../src/validation/shacl-validator.js';
import type { ShaclResult } from '../../src/validation/shacl/engine.js';
import { termKey } from '../../src/validation/shacl/term-keys.js';
import { writeObjects } from './generate-objects.js';
import { engineResultKey, validateWithShaclEngine } from './shacl-engine-file.js';

export const WHOLE_GRAPH_SHAPES = 'shapes/oslo-ce-object-2021.repaired.ttl';

export interface ProcessTiming {
  wallSeconds: number;
  /** CPU seconds of the child (user + system), from /proc/self/stat's cutime + cstime; undefined off Linux. */
  cpuSeconds?: number;
  results: number;
}

export interface WholeGraphRow {
  objects: number;
  quads: number;
  hubCli: ProcessTiming;
  engineCli: ProcessTiming;
  /** In-process: parse + validate, CPU seconds (wall in brackets). */
  hubInProcess: { cpuSeconds: number; wallSeconds: number; parseCpuSeconds: number };
  engineInProcess: { cpuSeconds: number; wallSeconds: number };
  sameResults: boolean;
  /** Keys present in one report and not the other (first few), when they differ. */
  differences: string[];
}

/** CPU seconds used so far by this process's waited-for children (Linux). */
function childCpuSeconds(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat(5) (cutime, cstime) are at 13 and 14 after the command name.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

function runProcess(args: string[], countResults: (stdout: string) => number): ProcessTiming {
  const cpuBefore = childCpuSeconds();
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd: projectPath(), encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = childCpuSeconds();
  const failed = () => new Error(`${args.join(' ')} exited ${child.status ?? child.signal}: ${child.error?.message ?? ''} ${child.stderr}`);
  if (child.status !== 0 && child.status !== 1) throw failed();
  let results: number;
  try {
    results = countResults(child.stdout);
  } catch {
    throw failed();
  }
  return { wallSeconds, cpuSeconds: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore, results };
}

function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function hubKey(r: ShaclResult): string {
  return [r.focusNode.value, r.component, r.value ? termKey(r.value) : '-'].join(' | ');
}

/** Keys in `a` and not in `b` (as multisets), prefixed with `label`. */
function multisetMinus(a: string[], b: string[], label: string): string[] {
  const counts = new Map<string, number>();
  for (const k of b) counts.set(k, (counts.get(k) ?? 0) + 1);
  const out: string[] = [];
  for (const k of a) {
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else out.push(`${label} ${k}`);
  }
  return out;
}

/** Validates N objects whole-graph with both engines, as processes and in-process. */
export async function wholeGraphRow(objects: number, dir: string): Promise<WholeGraphRow> {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const data = join(dir, `objects-${objects}.nt`);
  await writeObjects(objects, data);
  const shapes = projectPath(WHOLE_GRAPH_SHAPES);

  // Whole processes first, while this process's heap is small.
  const csvRows = (out: string) => Math.max(0, out.split('\n').filter(Boolean).length - 1);
  const hubCli = runProcess([projectPath('dist/src/cli/main.js'), 'validate', '--shapes', shapes, '--data', data, '--format', 'csv'], csvRows);
  const engineCli = runProcess(['--max-old-space-size=8192', projectPath('dist/bench/shacl/shacl-engine-file.js'), shapes, data], (out) => (JSON.parse(out) as { results: number }).results);

  let cpu = cpuNow();
  let wall = process.hrtime.bigint();
  const shapeQuads = await readDataFile(shapes);
  const quads = await readDataFile(data);
  const parseCpuSeconds = cpuNow() - cpu;
  const hubReport = new ShaclValidator(shapeQuads, { id: WHOLE_GRAPH_SHAPES, version: 'bench' }).validateDetailed(quads);
  const hubInProcess = { cpuSeconds: cpuNow() - cpu, wallSeconds: Number(process.hrtime.bigint() - wall) / 1e9, parseCpuSeconds };
  const hubKeys = hubReport.results.map(hubKey);
  const quadCount = quads.length;
  quads.length = 0;

  cpu = cpuNow();
  wall = process.hrtime.bigint();
  const engineReport = await validateWithShaclEngine(shapes, data);
  const engineInProcess = { cpuSeconds: cpuNow() - cpu, wallSeconds: Number(process.hrtime.bigint() - wall) / 1e9 };
  const engineKeys = engineReport.results.map((r) => engineResultKey(r as never));

  const differences = [...multisetMinus(hubKeys, engineKeys, 'hub only:'), ...multisetMinus(engineKeys, hubKeys, 'shacl-engine only:')];
  const sameResults = differences.length === 0 && hubCli.results === hubKeys.length && engineCli.results === engineKeys.length;
  return { objects, quads: quadCount, hubCli, engineCli, hubInProcess, engineInProcess, sameResults, differences: differences.slice(0, 5) };
}
