/**
 * `hub store verify` and `hub store repair` on the probe's damage: 40 bytes overwritten in the
 * middle of the journal. The hub refuses to start on it, verify finds it (exit 1), repair keeps
 * what precedes it, moves the damaged journal aside and clears the checkpoints of the sources it
 * touched only; the next harvest of those restores the same record set as a control run on a
 * fresh data directory, deletes included. A damaged snapshot has every source read again.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadHubConfig } from '../../../src/cli/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { publishedRecordIds } from '../../../src/pipeline/deletes-by-difference.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { scanJournal } from '../../../src/store/oxigraph/journal.js';
import { tempDir } from '../../helpers/temp-dir.js';

const cli = (...args: string[]) => spawnSync(process.execPath, [projectPath('dist/src/cli/main.js'), ...args], { encoding: 'utf8', timeout: 60000 });
const ids = (prefix: string, from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${prefix}${String(from + i).padStart(4, '0')}`);
const csv = (rows: string[]) => `id,name\n${rows.map((id) => `${id},Name of ${id}`).join('\n')}\n`;

let dir: { path: string; cleanup: () => Promise<void> };
const dataDir = () => join(dir.path, 'data');
const journal = () => join(dataDir(), 'store', 'journal.log');
const snapshot = () => join(dataDir(), 'store', 'snapshot.nq');

async function writeConfig(data: string): Promise<string> {
  const file = join(dir.path, `hub-${data.replace(/\W/g, '')}.yaml`);
  const source = (id: string) => `  - id: ${id}
    connector: { type: files, folder: ${join(dir.path, id)} }
    mapping: ${projectPath('test/fixtures/mappings/csv-thing.yml')}
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
    entityType: thing
`;
  await writeFile(file, `hub: { baseIri: "http://hub.test/", dataDir: ${data}, store: { snapshotEveryOps: 100000 } }\nsources:\n${source('alpha')}${source('beta')}`);
  return file;
}

/** Alpha: six files of 30 rows (a commit each); beta: one file. */
async function writeSources(): Promise<void> {
  await mkdir(join(dir.path, 'alpha'));
  await mkdir(join(dir.path, 'beta'));
  for (let f = 0; f < 6; f++) await writeFile(join(dir.path, 'alpha', `part${f}.csv`), csv(ids('a', f * 30, f * 30 + 30)));
  await writeFile(join(dir.path, 'beta', 'all.csv'), csv(ids('b', 0, 20)));
}

/** The source's rows now: alpha without part5.csv and with part2.csv cut to 10 rows. */
async function changeAlpha(): Promise<string[]> {
  await rm(join(dir.path, 'alpha', 'part5.csv'));
  await writeFile(join(dir.path, 'alpha', 'part2.csv'), csv(ids('a', 60, 70)));
  return [...ids('a', 0, 70), ...ids('a', 90, 150)];
}

async function harvestInProcess(config: string, sourceId: string, keepJournal = false): Promise<void> {
  const hub = await Hub.open(loadHubConfig(config), { log: { info: () => undefined, error: () => undefined } });
  const run = await hub.harvest(sourceId);
  expect(run.status).toBe('completed');
  // As a kill -9 after the run would leave it: every commit in the journal, no snapshot.
  if (keepJournal) (hub.store as unknown as { snapshot: () => Promise<void> }).snapshot = async () => undefined;
  await hub.close();
}

async function published(config: string): Promise<Record<string, string[]>> {
  const hub = await Hub.open(loadHubConfig(config), { readOnly: true, log: { info: () => undefined, error: () => undefined } });
  try {
    const out: Record<string, string[]> = {};
    for (const id of ['alpha', 'beta']) {
      out[id] = [];
      for await (const page of publishedRecordIds(hub.store, 'http://hub.test/', id)) out[id].push(...page);
    }
    return out;
  } finally {
    await hub.close();
  }
}

async function overwrite(path: string, at: number, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'r+');
  await handle.write(bytes, 0, bytes.length, at);
  await handle.close();
}

const checkpointOf = async (sourceId: string) => (JSON.parse(await readFile(join(dataDir(), 'state', `${sourceId}.json`), 'utf8')) as { connector?: unknown }).connector;

beforeEach(async () => {
  dir = await tempDir('hub-store-repair-');
  await writeSources();
});
afterEach(() => dir.cleanup());

describe('hub store verify and hub store repair', () => {
  it('find 40 bytes overwritten mid-journal, keep what precedes them, and the next harvest restores the control run\'s record set', async () => {
    const config = await writeConfig(dataDir());
    await harvestInProcess(config, 'beta');
    await harvestInProcess(config, 'alpha', true);
    const entries: { seq: number; start: number; end: number }[] = [];
    for await (const read of scanJournal(journal())) if (read.kind === 'entry') entries.push({ seq: read.entry.seq, start: read.start, end: read.end });
    expect(entries.length).toBeGreaterThanOrEqual(3);
    // 40 bytes in the N-Quads of the entry in the middle of the file (past its header line).
    const bytes = await readFile(journal());
    const target = entries.find((e) => e.end > bytes.length / 2)!;
    const body = bytes.indexOf(10, target.start) + 1;
    await overwrite(journal(), body + Math.floor((target.end - body) / 2), Buffer.alloc(40, 0x20));
    const sound = entries.filter((e) => e.seq < target.seq);
    const verify = cli('store', 'verify', '--config', config);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toContain(`journal ${journal()}: DAMAGED at entry seq ${target.seq} at byte ${target.start}: its N-Quads do not match their checksum`);
    expect(verify.stdout).toContain(`sound before it: ${sound.length} entries`);
    expect(verify.stdout).toMatch(/graphs of source\(s\) alpha\n/);
    expect(verify.stdout).toContain('The store is damaged.');

    // The hub refuses to start on it, and says what to do.
    const refused = cli('harvest', 'alpha', '--config', config);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`The embedded store is damaged: ${journal()}, entry seq ${target.seq} at byte ${target.start}`);
    expect(refused.stderr).toContain('`hub store verify`');
    expect(refused.stderr).toContain('`hub store repair`');

    const current = await changeAlpha();
    const repair = cli('store', 'repair', '--config', config);
    expect(repair.status).toBe(0);
    expect(repair.stdout).toContain('Kept: the snapshot (seq ');
    expect(repair.stdout).toContain(`and ${sound.length} journal entries`);
    expect(repair.stdout).toMatch(new RegExp(`Moved aside: ${journal()} -> ${journal()}\\.damaged-\\d{4}-\\d\\d-\\d\\dT`));
    expect(repair.stdout).toMatch(/deletes what is gone: alpha\n/);
    expect((await readdir(join(dataDir(), 'store'))).filter((f) => f.startsWith('journal.log.damaged-'))).toHaveLength(1);
    expect(await checkpointOf('alpha')).toBeUndefined();
    expect(await checkpointOf('beta')).toBeDefined();
    expect(cli('store', 'verify', '--config', config).status).toBe(0);

    const again = cli('harvest', 'alpha', '--config', config);
    expect(again.status).toBe(0);
    const control = await writeConfig(join(dir.path, 'control'));
    await harvestInProcess(control, 'alpha');
    await harvestInProcess(control, 'beta');
    const restored = await published(config);
    expect(restored).toEqual(await published(control));
    expect(restored.alpha).toEqual(current);
    expect(cli('store', 'repair', '--config', config).stdout).toContain('nothing to repair');
  }, 120000);

  it('find a damaged snapshot, keep nothing of it, and have every source read again', async () => {
    const config = await writeConfig(dataDir());
    await harvestInProcess(config, 'beta');
    await harvestInProcess(config, 'alpha');
    const size = (await readFile(snapshot())).length;
    await overwrite(snapshot(), Math.floor(size / 3), Buffer.from('<http://damaged/'));
    const verify = cli('store', 'verify', '--config', config);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toContain(`snapshot ${snapshot()}: DAMAGED: its quads do not match their checksum`);
    const repair = cli('store', 'repair', '--config', config);
    expect(repair.status).toBe(0);
    expect(repair.stdout).toContain('Kept: nothing.');
    expect(repair.stdout).toMatch(/the snapshot was damaged; saved checkpoints cleared\) and deletes what is gone: alpha, beta/);
    const current = await changeAlpha();
    expect(cli('harvest', 'alpha', '--config', config).status).toBe(0);
    expect(cli('harvest', 'beta', '--config', config).status).toBe(0);
    expect(await published(config)).toEqual({ alpha: current, beta: ids('b', 0, 20) });
  }, 120000);

  it('refuse to repair while a hub holds the data directory', async () => {
    const config = await writeConfig(dataDir());
    const hub = await Hub.open(loadHubConfig(config), { log: { info: () => undefined, error: () => undefined } });
    try {
      const repair = cli('store', 'repair', '--config', config);
      expect(repair.status).toBe(1);
      expect(repair.stderr).toMatch(/is in use by process \d+/);
    } finally {
      await hub.close();
    }
  }, 60000);
});
