import { appendFile, mkdtemp, open, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreDamagedError } from '../../../src/core/errors.js';
import { Journal, readJournal, scanJournal, type JournalEntry, type JournalRead } from '../../../src/store/oxigraph/journal.js';

const NQ = '<http://h/s> <http://h/p> "two \\" .\\n lines, ünïcode" <http://h/g> .\n';

async function readAll(path: string): Promise<{ seq: number; drop: string[]; nquads: string }[]> {
  const out = [];
  for await (const e of readJournal(path)) out.push({ seq: e.seq, drop: e.drop, nquads: Buffer.from(e.nquads).toString('utf8') });
  return out;
}

describe('The journal', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'journal-'));
    path = join(dir, 'journal.log');
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const write = async (entries: JournalEntry[]) => {
    const journal = new Journal(path);
    await journal.open();
    for (const e of entries) await journal.append(e);
    await journal.close();
  };

  it('reads back entries given as text or bytes, in order', async () => {
    await write([
      { seq: 1, drop: ['http://h/g'], nquads: NQ },
      { seq: 2, drop: ['http://h/g', 'http://h/x'], nquads: Buffer.from(NQ.repeat(3)) },
      { seq: 3, drop: ['http://h/x'], nquads: '' },
    ]);
    expect(await readAll(path)).toEqual([
      { seq: 1, drop: ['http://h/g'], nquads: NQ },
      { seq: 2, drop: ['http://h/g', 'http://h/x'], nquads: NQ.repeat(3) },
      { seq: 3, drop: ['http://h/x'], nquads: '' },
    ]);
  });

  it.each([1, 20, 40])('ignores a last entry torn %i bytes before its end', async (cut) => {
    await write([
      { seq: 1, drop: ['http://h/g'], nquads: NQ },
      { seq: 2, drop: ['http://h/g'], nquads: NQ },
    ]);
    const size = (await readFile(path)).length;
    await truncate(path, size - cut);
    expect((await readAll(path)).map((e) => e.seq)).toEqual([1]);
  });

  it('cuts a torn last entry off at open, so entries appended after it are read', async () => {
    await write([
      { seq: 1, drop: ['http://h/g'], nquads: NQ },
      { seq: 2, drop: ['http://h/g'], nquads: NQ },
    ]);
    await truncate(path, (await readFile(path)).length - 10);
    await write([{ seq: 2, drop: ['http://h/g'], nquads: NQ.repeat(2) }]);
    expect((await readAll(path)).map((e) => [e.seq, e.nquads])).toEqual([
      [1, NQ],
      [2, NQ.repeat(2)],
    ]);
  });

  it('still reads entries of the JSON-line format, before and after new ones', async () => {
    await writeFile(path, `${JSON.stringify({ seq: 1, drop: ['http://h/g'], nquads: NQ })}\n`);
    await write([{ seq: 2, drop: ['http://h/g'], nquads: NQ }]);
    await appendFile(path, `${JSON.stringify({ seq: 3, drop: [], nquads: NQ })}\n{"seq":4,"dro`);
    expect((await readAll(path)).map((e) => [e.seq, e.nquads])).toEqual([
      [1, NQ],
      [2, NQ],
      [3, NQ],
    ]);
  });

  it('reads nothing from a missing file', async () => {
    expect(await readAll(join(dir, 'absent.log'))).toEqual([]);
  });
});

describe('The journal checksums', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'journal-'));
    path = join(dir, 'journal.log');
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const entries = (n: number): JournalEntry[] => Array.from({ length: n }, (_, i) => ({ seq: i + 1, drop: [`http://h/g${i}`], nquads: NQ.repeat(20) }));
  const write = async (list: JournalEntry[]) => {
    const journal = new Journal(path);
    await journal.open();
    for (const e of list) await journal.append(e);
    await journal.close();
  };
  /** Byte offsets where each entry starts. */
  const starts = async () => {
    const out: number[] = [];
    for await (const read of scanJournal(path)) if (read.kind === 'entry') out.push(read.start);
    return out;
  };
  const overwrite = async (at: number, bytes: Buffer) => {
    const handle = await open(path, 'r+');
    await handle.write(bytes, 0, bytes.length, at);
    await handle.close();
  };
  const failure = async () => readAll(path).then(() => undefined, (e: unknown) => e as Error);

  it('writes a checksum of each entry\'s N-Quads and of its header line', async () => {
    await write(entries(1));
    const header = (await readFile(path, 'utf8')).split('\n')[0]!;
    expect(header).toMatch(/^\{"seq":1,"drop":\["http:\/\/h\/g0"\],"bytes":\d+,"crc32":"[0-9a-f]{8}","hcrc32":"[0-9a-f]{8}"\}$/);
  });

  it('refuses 40 bytes overwritten in the middle, naming the entry by seq and byte offset', async () => {
    await write(entries(5));
    const at = (await starts())[2]!;
    await overwrite(at + 200, Buffer.alloc(40, 'x'));
    const error = await failure();
    expect(error).toBeInstanceOf(StoreDamagedError);
    expect(error!.message).toContain(`${path}, entry seq 3 at byte ${at}: its N-Quads do not match their checksum`);
    expect(error!.message).toMatch(/hub store verify.*hub store repair/);
    await expect(new Journal(path).open()).rejects.toThrow(`entry seq 3 at byte ${at}`);
  });

  it('refuses a damaged header (its checksum), and an unreadable header with more data after it', async () => {
    await write(entries(4));
    const [, second, third] = await starts();
    // Same length, other digits: still JSON, no longer what was written.
    const original = await readFile(path);
    const line = original.subarray(second!, original.indexOf(10, second!)).toString();
    await overwrite(second!, Buffer.from(line.replace('"seq":2', '"seq":7')));
    expect((await failure())!.message).toContain(`entry after seq 1 (byte ${second}): its header does not match its checksum`);
    await writeFile(path, original);
    await overwrite(third!, Buffer.from('garbage!'));
    expect((await failure())!.message).toContain(`entry after seq 2 (byte ${third}): its header line is not readable`);
  });

  it('refuses a whole last entry that does not match its checksum: only an entry the file ends inside is torn', async () => {
    await write(entries(3));
    const size = (await readFile(path)).length;
    await overwrite(size - 30, Buffer.from('0'.repeat(10)));
    expect((await failure())!.message).toContain('entry seq 3');
    await truncate(path, size - 30);
    expect((await readAll(path)).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('reads past a damaged entry whose header is sound when asked (hub store verify)', async () => {
    await write(entries(5));
    const at = (await starts())[1]!;
    await overwrite(at + 150, Buffer.alloc(40, 'x'));
    const reads: JournalRead[] = [];
    for await (const read of scanJournal(path, { pastDamage: true })) reads.push(read);
    expect(reads.map((r) => (r.kind === 'entry' ? r.entry.seq : `${r.kind} ${'seq' in r ? r.seq : ''}`))).toEqual([1, 'damaged 2', 3, 4, 5]);
    expect(reads[1]).toMatchObject({ kind: 'damaged', drop: ['http://h/g1'] });
  });

  it('reads entries written before checksums unchecked', async () => {
    const body = Buffer.from(NQ);
    await writeFile(path, `${JSON.stringify({ seq: 1, drop: ['http://h/g'], bytes: body.length })}\n${NQ}\n`);
    await write([{ seq: 2, drop: ['http://h/g'], nquads: NQ }]);
    const journal = new Journal(path);
    await journal.open();
    expect(journal.unchecked).toBe(1);
    await journal.close();
    expect((await readAll(path)).map((e) => e.seq)).toEqual([1, 2]);
  });

  it('cuts a failed append off, so the next entry does not follow a partial one', async () => {
    const journal = new Journal(path);
    await journal.open();
    await journal.append({ seq: 1, drop: ['http://h/g'], nquads: NQ });
    // The write reaches the file, then its fdatasync fails (EIO): the commit is not acknowledged.
    const probe = await open(path, 'r');
    const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> };
    await probe.close();
    const datasync = proto.datasync;
    proto.datasync = async function () {
      proto.datasync = datasync;
      throw new Error('EIO: i/o error, fdatasync');
    };
    await expect(journal.append({ seq: 2, drop: ['http://h/g'], nquads: 'lost' })).rejects.toThrow(/EIO/);
    await journal.append({ seq: 2, drop: ['http://h/g'], nquads: NQ.repeat(2) });
    await journal.close();
    expect((await readAll(path)).map((e) => [e.seq, e.nquads])).toEqual([
      [1, NQ],
      [2, NQ.repeat(2)],
    ]);
  });

  it('acknowledges an append only after its fdatasync has finished, and syncs after writing', async () => {
    const journal = new Journal(path);
    await journal.open();
    const probe = await open(path, 'r');
    const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void>; writev: (...args: unknown[]) => Promise<unknown> };
    await probe.close();
    const { datasync, writev } = proto;
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    proto.writev = async function (this: unknown, ...args: unknown[]) {
      const written = await writev.apply(this, args);
      events.push('written');
      return written;
    };
    proto.datasync = async function (this: unknown) {
      events.push('sync started');
      await held;
      await datasync.apply(this);
      events.push('synced');
    };
    try {
      const appended = journal.append({ seq: 1, drop: ['http://h/g'], nquads: NQ }).then(() => events.push('acknowledged'));
      // However long the disk takes, the append waits for it.
      for (let i = 0; i < 50 && !events.includes('sync started') && !events.includes('acknowledged'); i++) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 50));
      expect(events).toEqual(['written', 'sync started']);
      release();
      await appended;
      expect(events).toEqual(['written', 'sync started', 'synced', 'acknowledged']);
    } finally {
      proto.datasync = datasync;
      proto.writev = writev;
      await journal.close();
    }
  });
});
