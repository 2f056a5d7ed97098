/**
 * Kills at random points for the deletes-converge tests (README "Durability"): `hub harvest`
 * from dist/ as a child process on a temporary data directory, killed with SIGKILL after a
 * seeded random delay; the source changed (records deleted, added, changed); the source harvested
 * again (incremental or --full); then the record graphs in the store compared with a control run
 * on a fresh data directory. Seeds are in the test names; HUB_KILL_SEEDS=7,8 runs others.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { loadHubConfig } from '../../../src/cli/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { publishedRecordIds } from '../../../src/pipeline/deletes-by-difference.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { scanJournal } from '../../../src/store/oxigraph/journal.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { writeFile } from 'node:fs/promises';

export const BASE = 'http://hub.test/';
const MAIN = projectPath('dist/src/cli/main.js');
const quiet = { info: () => undefined, error: () => undefined };

/** The seeds a family runs: its own, or HUB_KILL_SEEDS. */
export function seeds(own: number[]): number[] {
  const env = process.env.HUB_KILL_SEEDS;
  return env ? env.split(',').map(Number) : own;
}

/** mulberry32: small, seedable, good enough to pick delays and records. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` distinct items of `items`, picked by `rand`. */
export function pick<T>(rand: () => number, items: T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]!);
  return out;
}

/** The kill delay of a seed (after the run's first commit), in [min, max) ms: the first draw of its generator. */
export const killDelay = (seed: number, min: number, max: number) => Math.round(min + random(seed)() * (max - min));

export interface Workspace {
  dir: string;
  /** A config file for a data directory (the hub's, or a control's). */
  config(dataDir: string): Promise<string>;
  cleanup(): Promise<void>;
}

/** A temporary folder and a config file per data directory, from one source's YAML block. */
export async function workspace(sourceYaml: (dir: string) => string): Promise<Workspace> {
  const dir = await tempDir('hub-random-kill-');
  let n = 0;
  return {
    dir: dir.path,
    async config(dataDir: string) {
      const file = join(dir.path, `hub-${++n}.yaml`);
      // One replica: each run starts (and loads Oxigraph) in less time.
      await writeFile(file, `hub: { baseIri: "${BASE}", dataDir: ${dataDir}, sparql: { queryWorkers: 1 } }\nsources:\n${sourceYaml(dir.path)}`);
      return file;
    },
    cleanup: () => dir.cleanup(),
  };
}

/** `hub harvest` as a child; resolves with its exit code and what it wrote to stderr. */
export function harvestCli(config: string, sourceId: string, full = false): { exited: Promise<{ code: number | null; stderr: string }>; kill(): void } {
  const child = spawn(process.execPath, [MAIN, 'harvest', sourceId, '--config', config, ...(full ? ['--full'] : [])], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
  return { exited, kill: () => child.kill('SIGKILL') };
}

/**
 * Starts a harvest and kills it with SIGKILL `delayMs` after its first commit is in the journal
 * (timed from there: start-up takes seconds on a busy machine), unless it ended before: whether it was killed.
 */
export async function harvestKilled(config: string, dataDir: string, sourceId: string, delayMs: number, full = false): Promise<boolean> {
  let since: number | undefined;
  return harvestKilledWhen(
    config,
    sourceId,
    async () => {
      since ??= (await journalEntries(dataDir)) > 0 ? Date.now() : undefined;
      return since !== undefined && Date.now() - since >= delayMs;
    },
    full,
  );
}

/** Starts a harvest and kills it with SIGKILL once `ready()` says so (polled): whether it was killed before it ended. */
export async function harvestKilledWhen(config: string, sourceId: string, ready: () => Promise<boolean>, full = false): Promise<boolean> {
  const run = harvestCli(config, sourceId, full);
  let ended = false;
  const exited = run.exited.then((r) => {
    ended = true;
    return r;
  });
  while (!ended && !(await ready().catch(() => false))) await new Promise((r) => setTimeout(r, 50));
  const killed = !ended;
  run.kill();
  const { code, stderr } = await exited;
  if (!killed && code !== 0) throw new Error(`hub harvest ${sourceId} failed before the kill (exit ${code}): ${stderr}`);
  return killed;
}

/** Entries in a journal file now (a growing file: its torn tail is left out). */
export async function journalEntries(dataDir: string): Promise<number> {
  let n = 0;
  for await (const read of scanJournal(join(dataDir, 'store', 'journal.log'))) if (read.kind === 'entry') n++;
  return n;
}

/** Harvests to the end through the CLI; fails the test when the run does not complete. */
export async function harvestToEnd(config: string, sourceId: string, full = false): Promise<string> {
  const { code, stderr } = await harvestCli(config, sourceId, full).exited;
  if (code !== 0) throw new Error(`hub harvest ${sourceId}${full ? ' --full' : ''} exited ${code}: ${stderr}`);
  return stderr;
}

export interface Published {
  /** Record graphs in the store (named graphs of the source, provenance graphs left out). */
  graphs: string[];
  /** Record ids with a provenance graph that is not a tombstone. */
  records: string[];
}

/** What the store of a config holds for a source, read-only. */
export async function published(config: string, sourceId: string): Promise<Published> {
  const hub = await Hub.open(loadHubConfig(config), { readOnly: true, log: quiet });
  try {
    const rows = await hub.store.select(
      `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${BASE}graph/${sourceId}/") && !STRENDS(STR(?g), "/provenance") && !STRENDS(STR(?g), "/matching")) }`,
    );
    const records: string[] = [];
    for await (const page of publishedRecordIds(hub.store, BASE, sourceId)) records.push(...page);
    return { graphs: rows.map((r) => r.g!.value).sort(), records };
  } finally {
    await hub.close();
  }
}

/** A control run: the source harvested once, in this process, into a fresh data directory. */
export async function controlRun(ws: Workspace, sourceId: string): Promise<Published> {
  const config = await ws.config(join(ws.dir, `control-${Date.now()}`));
  const hub = await Hub.open(loadHubConfig(config), { log: quiet });
  try {
    const run = await hub.harvest(sourceId);
    if (run.status !== 'completed') throw new Error(`control run failed: ${run.failure}`);
  } finally {
    await hub.close();
  }
  return published(config, sourceId);
}

export interface FixtureCase {
  sourceId: string;
  sourceYaml: (dir: string) => string;
  seed: number;
  delay: number;
  full: boolean;
  /** Changes the source: deletes, adds and changes records through the fixture. */
  change: (rand: () => number) => void;
  /** Changes only a complete listing can see (a record that vanishes without a delete): --full cases. */
  hiddenChange?: (rand: () => number) => void;
  /** The source's current record ids, when the fixture can tell; else only the control run decides. */
  expected?: () => string[];
  /** Compare with a control run on a fresh data directory too. */
  control?: boolean;
}

/**
 * A fixture source harvested (half the seeds: first a complete run), a run killed after the
 * case's delay, the source changed, and harvested again: the store then publishes exactly the
 * source's current records.
 */
export async function killChangeHarvestFixture(c: FixtureCase): Promise<void> {
  const ws = await workspace(c.sourceYaml);
  try {
    const rand = random(c.seed);
    rand(); // the delay's draw
    const config = await ws.config(join(ws.dir, 'data'));
    if (rand() < 0.5) {
      await harvestToEnd(config, c.sourceId);
      c.change(rand);
    }
    await harvestKilled(config, join(ws.dir, 'data'), c.sourceId, c.delay, c.full);
    c.change(rand);
    if (c.full) c.hiddenChange?.(rand);
    await harvestToEnd(config, c.sourceId, c.full);
    const got = await published(config, c.sourceId);
    expect(got.graphs).toHaveLength(got.records.length);
    if (c.expected) expect(got.records).toEqual([...new Set(c.expected())].sort());
    if (c.control || !c.expected) expect(got).toEqual(await controlRun(ws, c.sourceId));
  } finally {
    await ws.cleanup();
  }
}
