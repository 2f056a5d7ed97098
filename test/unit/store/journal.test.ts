import { appendFile, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal, readJournal, type JournalEntry } from '../../../src/store/oxigraph/journal.js';

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
