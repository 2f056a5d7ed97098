/**
 * The embedded store's files under damage: a journal with bytes overwritten mid-file (the probe:
 * 40 bytes, 667 records gone without a word) or a damaged snapshot stops the opening with a
 * message naming the file, the entry and what to do; a torn last entry is still cut off quietly;
 * files written before checksums still load, said once; damage a replica finds when it is
 * rebuilt at run time turns /health degraded.
 */
import { mkdir, mkdtemp, open, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreDamagedError } from '../../../src/core/errors.js';
import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import { scanJournal } from '../../../src/store/oxigraph/journal.js';
import { OxigraphStore } from '../../../src/store/oxigraph-store.js';

const graphOf = (i: number) => `http://test/graph/${i}`;
const write = (i: number) => ({
  graph: graphOf(i),
  quads: Array.from({ length: 10 }, (_, j) => quad(namedNode(`http://test/s/${i}/${j}`), namedNode('http://test/p'), literal(`record ${i} value ${j}`))),
});

let dataDir: string;
const journal = () => join(dataDir, 'store', 'journal.log');
const snapshot = () => join(dataDir, 'store', 'snapshot.nq');
beforeEach(async () => (dataDir = await mkdtemp(join(tmpdir(), 'hub-integrity-'))));
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** A store holding `commits` commits of one graph each, closed without a snapshot (the journal holds them all) unless asked. */
async function filled(commits: number, options: { snapshotAt?: number } = {}): Promise<void> {
  const store = new OxigraphStore({ dataDir, snapshotEveryOps: options.snapshotAt ?? 1_000_000 });
  await store.open();
  for (let i = 0; i < commits; i++) await store.commit({ put: [write(i)] });
  // Leave as a kill -9 would: no snapshot at close.
  (store as unknown as { snapshot: () => Promise<void> }).snapshot = async () => undefined;
  await store.close();
}

async function overwrite(path: string, at: number, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'r+');
  await handle.write(bytes, 0, bytes.length, at);
  await handle.close();
}

const openFails = async (options: Partial<ConstructorParameters<typeof OxigraphStore>[0]> = {}) => {
  const store = new OxigraphStore({ dataDir, ...options });
  return store.open().then(
    async () => {
      await store.close();
      return undefined;
    },
    (e: unknown) => e as Error,
  );
};

describe('The embedded store opening damaged files', () => {
  it('refuses a journal with 40 bytes overwritten in the middle, naming file, entry, offset and the commands', async () => {
    await filled(30);
    const entries: number[] = [];
    for await (const read of scanJournal(journal())) if (read.kind === 'entry') entries.push(read.start);
    await overwrite(journal(), entries[12]! + 300, Buffer.alloc(40, 0x41));
    const error = await openFails();
    expect(error).toBeInstanceOf(StoreDamagedError);
    expect(error!.message).toContain(`The embedded store is damaged: ${journal()}, entry seq 13 at byte ${entries[12]}`);
    expect(error!.message).toContain('`hub store verify`');
    expect(error!.message).toContain('`hub store repair`');
    // Nothing stays locked or running: asking again gives the same answer, not "in use".
    expect((await openFails())!.message).toContain('entry seq 13');
  });

  it('still cuts a torn last entry off quietly', async () => {
    await filled(5);
    const size = (await readFile(journal())).length;
    await truncate(journal(), size - 25);
    const notices: string[] = [];
    const store = new OxigraphStore({ dataDir, log: (m) => notices.push(m) });
    await store.open();
    expect(await store.graph(graphOf(3))).toHaveLength(10);
    expect(await store.graph(graphOf(4))).toHaveLength(0);
    await store.close();
    expect(notices).toEqual([]);
  });

  it('refuses a damaged snapshot, and one cut short', async () => {
    await filled(20, { snapshotAt: 20 });
    const bytes = await readFile(snapshot());
    expect(bytes.toString('utf8')).toMatch(/^# seq 20 crc32\n/);
    await overwrite(snapshot(), Math.floor(bytes.length / 2), Buffer.from('00000000'));
    expect((await openFails())!.message).toMatch(new RegExp(`damaged: ${snapshot()}, the snapshot of seq 20: its quads do not match their checksum`));
    await writeFile(snapshot(), bytes.subarray(0, bytes.length - 100));
    expect((await openFails())!.message).toMatch(/it was cut short or overwritten/);
    // Read-only openers (hub export) are refused as well.
    expect(await openFails({ readOnly: true })).toBeInstanceOf(StoreDamagedError);
  });

  it('still loads a journal and a snapshot written before checksums, and says so once', async () => {
    const nq = (i: number) => `<http://test/s/${i}> <http://test/p> "old ${i}" <${graphOf(i)}> .\n`;
    await mkdir(join(dataDir, 'store'));
    await writeFile(snapshot(), `# seq 2\n${nq(1)}${nq(2)}`);
    const old = Buffer.from(nq(3));
    await writeFile(journal(), `${JSON.stringify({ seq: 3, drop: [graphOf(3)], bytes: old.length })}\n${old.toString()}\n${JSON.stringify({ seq: 4, drop: [graphOf(4)], nquads: nq(4) })}\n`);
    const notices: string[] = [];
    const store = new OxigraphStore({ dataDir, log: (m) => notices.push(m) });
    await store.open();
    for (const i of [1, 2, 3, 4]) expect(await store.graph(graphOf(i))).toHaveLength(1);
    await store.commit({ put: [write(5)] });
    await store.close();
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/journal\.log: 2 entries were written before journal checksums and are read unchecked/);
    expect(notices[1]).toMatch(/snapshot\.nq was written before snapshot checksums and is read unchecked/);
    // Closing wrote a snapshot with a checksum: nothing is unchecked any more.
    const again = new OxigraphStore({ dataDir, log: (m) => notices.push(m) });
    await again.open();
    expect(await again.graph(graphOf(5))).toHaveLength(10);
    await again.close();
    expect(notices).toHaveLength(2);
  });

  it('reports damage a replica finds when it is rebuilt at run time on /health', async () => {
    await filled(40, { snapshotAt: 40 });
    const notices: string[] = [];
    const store = new OxigraphStore({ dataDir, queryWorkers: 1, log: (m) => notices.push(m) });
    await store.open();
    try {
      // As the API's /health reads it.
      const health = () => store.health().catch((e: Error) => ({ ok: false, message: e.message }));
      expect((await health()).ok).toBe(true);
      const bytes = await readFile(snapshot());
      await overwrite(snapshot(), Math.floor(bytes.length / 2), Buffer.from('ZZZZZZZZ'));
      // A query past its time limit gets its replica replaced: the new one loads the files again.
      const slow = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
      await expect(store.select(slow, { timeoutMs: 50 })).rejects.toThrow();
      const until = Date.now() + 20000;
      let now = await health();
      while (now.ok && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        now = await health();
      }
      expect(now).toMatchObject({ ok: false, message: expect.stringContaining(`The embedded store is damaged: ${snapshot()}`) });
      expect(await health()).toMatchObject({ ok: false, message: expect.stringContaining('hub store repair') });
      expect(notices.filter((m) => m.includes('is damaged'))).toHaveLength(1);
    } finally {
      await store.close().catch(() => undefined);
    }
  });
});
