/**
 * Deletes converge after a kill -9 at any point, files source (the probe: 20,000 rows, `hub
 * harvest --full` killed before its first checkpoint, 2,000 rows removed, the next harvest found
 * no delete). A temp folder of CSV files; `hub harvest` killed after a seeded random delay; rows
 * deleted, added and changed; harvested again; the record graphs compared with a control run.
 */
import { utimes, writeFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { projectPath } from '../../../src/core/paths.js';
import { readFile } from 'node:fs/promises';
import { controlRun, harvestKilled, harvestKilledWhen, harvestToEnd, journalEntries, killDelay, pick, published, random, seeds, workspace, type Workspace } from './random-kill.js';

const SOURCE = 'things';
const sourceYaml = (dir: string) => `  - id: ${SOURCE}
    connector: { type: files, folder: ${join(dir, 'in')} }
    mapping: ${projectPath('test/fixtures/mappings/csv-thing.yml')}
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
    entityType: thing
`;

/** The folder's files as the test keeps them: file name → (id → name). */
type Folder = Map<string, Map<string, string>>;

async function save(ws: Workspace, folder: Folder): Promise<void> {
  await mkdir(join(ws.dir, 'in'), { recursive: true });
  for (const [file, rows] of folder) {
    const path = join(ws.dir, 'in', file);
    if (rows.size === 0) {
      await rm(path, { force: true });
      continue;
    }
    await writeFile(path, `id,name\n${[...rows].map(([id, name]) => `${id},${name}`).join('\n')}\n`);
    // An editor's save: a later mtime even within the same millisecond.
    const later = new Date(Date.now() + 2000);
    await utimes(path, later, later);
  }
}

function folderOf(sizes: Record<string, number>): Folder {
  let next = 0;
  return new Map(Object.entries(sizes).map(([file, n]) => [file, new Map(Array.from({ length: n }, () => [`t${String(next++).padStart(6, '0')}`, `Thing ${next}`]))]));
}

/** Deletes, changes and adds rows (a tenth, a twentieth, a twentieth), and now and then a whole file. */
function change(folder: Folder, rand: () => number): void {
  const all = [...folder.entries()].flatMap(([file, rows]) => [...rows.keys()].map((id) => [file, id] as const));
  for (const [file, id] of pick(rand, all, Math.ceil(all.length / 10))) folder.get(file)!.delete(id);
  for (const [file, id] of pick(rand, all, Math.ceil(all.length / 20))) if (folder.get(file)!.has(id)) folder.get(file)!.set(id, `Changed ${id}`);
  const first = [...folder.values()][0]!;
  for (let i = 0; i < Math.ceil(all.length / 20); i++) first.set(`n${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`, 'New thing');
  if (rand() < 0.3) [...folder.values()].at(-1)!.clear();
}

const current = (folder: Folder) => [...folder.values()].flatMap((rows) => [...rows.keys()]).sort();

/**
 * Harvests the folder, killing a run (`kill`), changing the folder, and harvesting again; the
 * store must then publish exactly the folder's rows (and, `control`, what a fresh harvest does).
 */
async function killChangeHarvest(
  seed: number,
  full: boolean,
  sizes: Record<string, number>,
  kill: (config: string, ws: Workspace) => Promise<boolean>,
  options: { control?: boolean; firstRun?: boolean } = {},
): Promise<void> {
  const ws = await workspace(sourceYaml);
  try {
    const rand = random(seed);
    rand(); // the kill's draw
    const folder = folderOf(sizes);
    await save(ws, folder);
    const config = await ws.config(join(ws.dir, 'data'));
    // Half the cases kill a later run, whose state knows the folder.
    const later = rand() < 0.5 && !options.firstRun;
    if (later) {
      await harvestToEnd(config, SOURCE);
      change(folder, rand);
      await save(ws, folder);
    }
    await kill(config, ws);
    change(folder, rand);
    await save(ws, folder);
    await harvestToEnd(config, SOURCE, full);
    const got = await published(config, SOURCE);
    expect(got.records).toEqual(current(folder));
    expect(got.graphs).toHaveLength(got.records.length);
    if (options.control) expect(got).toEqual(await controlRun(ws, SOURCE));
  } finally {
    await ws.cleanup();
  }
}

const cases = seeds([11, 13]).map((seed, i) => ({ seed, full: i % 2 === 1, delay: killDelay(seed, 0, 2500) }));

describe('A files source killed at a random point, changed and harvested again', () => {
  it.each(cases)('publishes exactly the rows in the folder (seed $seed, killed $delay ms after its first commit, full: $full)', async ({ seed, delay, full }) => {
    await killChangeHarvest(seed, full, { 'a.csv': 160, 'b.csv': 40 }, (config, ws) => harvestKilled(config, join(ws.dir, 'data'), SOURCE, delay, full), { control: seed === cases[0]!.seed });
  }, 120000);

  // The probe: one large file, whose checkpoint comes after all its commits; killed once the
  // journal holds a seeded number of its commits (not by time: a fast machine would finish first).
  // 10,000 rows keep it near 30 s on a busy machine; HUB_KILL_ROWS=20000 is the probe's size.
  const ROWS = Number(process.env.HUB_KILL_ROWS ?? 10000);
  it.each(seeds([21]).map((seed) => ({ seed, commits: 2 + Math.floor(random(seed)() * (ROWS / 500 - 3)) })))(
    `publishes exactly the rows of a ${ROWS}-row file after a --full run killed before its checkpoint (seed $seed, after $commits commits)`,
    async ({ seed, commits }) => {
      const noCheckpoint = async (dataDir: string) => {
        const state = await readFile(join(dataDir, 'state', `${SOURCE}.json`), 'utf8').catch(() => '{}');
        return (JSON.parse(state) as { connector?: unknown }).connector === undefined;
      };
      await killChangeHarvest(seed, true, { 'big.csv': ROWS }, async (config, ws) => {
        const dataDir = join(ws.dir, 'data');
        const killed = await harvestKilledWhen(config, SOURCE, async () => (await journalEntries(dataDir)) >= commits && (await noCheckpoint(dataDir)), true);
        expect(killed).toBe(true);
        return killed;
      }, { firstRun: true });
    },
    240000,
  );
});
