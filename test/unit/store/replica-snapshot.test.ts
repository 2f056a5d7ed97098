import { mkdtemp, open, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreDamagedError } from '../../../src/core/errors.js';
import { writeFileAtomic } from '../../../src/store/oxigraph/journal.js';
import { Replica } from '../../../src/store/oxigraph/replica.js';
import { checkSnapshotFile } from '../../../src/store/oxigraph/snapshot-file.js';

const NQ = [
  '<http://h/s1> <http://h/p> "one" <http://h/g1> .',
  '<http://h/s1> <http://h/p> "two \\" .\\n quoted"@nl <http://h/g1> .',
  '_:b1 <http://h/p> <http://h/o> <http://h/g2> .',
  '<http://h/s2> <http://h/q> _:b1 <http://h/g2> .',
  '<http://h/s3> <http://h/p> "default graph" .',
  '<http://h/s4> <http://h/p> "42"^^<http://www.w3.org/2001/XMLSchema#integer> _:bg .',
].join('\n');

describe('A Replica snapshot', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'replica-'))));
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it.each([
    ['as one dump', 1_000_000],
    ['graph by graph (large datasets)', 0],
  ])('round-trips every graph, blank node and the sequence %s', async (_label, singleDumpQuads) => {
    const source = new Replica(undefined, singleDumpQuads);
    source.apply({ seq: 5, drop: [], nquads: `${NQ}\n` });
    const path = join(dir, 'snapshot.nq');
    await writeFileAtomic(path, source.snapshot());
    const copy = new Replica();
    await copy.loadFrom(path, join(dir, 'no-journal.log'));
    expect(copy.seq).toBe(5);
    expect(copy.store.size).toBe(6);
    // Oxigraph relabels blank nodes on load: compare with labels blanked, then check the sharing.
    const sorted = (r: Replica) => r.store.dump({ format: 'application/n-quads' }).replace(/_:\w+/g, '_:b').split('\n').sort();
    expect(sorted(copy)).toEqual(sorted(source));
    // The blank node shared by two quads of g2 is still one node.
    const shared = copy.store.query('SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE { GRAPH <http://h/g2> { ?b <http://h/p> <http://h/o> . <http://h/s2> <http://h/q> ?b } }') as Map<string, { value: string }>[];
    expect(shared[0]!.get('n')!.value).toBe('1');
  });
});

describe('A Replica snapshot checksum', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'replica-'));
    path = join(dir, 'snapshot.nq');
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  const written = async (copies = 50) => {
    const source = new Replica();
    const lines = Array.from({ length: copies }, (_, i) => `<http://h/s${i}> <http://h/p> "value ${i}" <http://h/g${i % 7}> .`);
    source.apply({ seq: 9, drop: [], nquads: `${lines.join('\n')}\n` });
    await writeFileAtomic(path, source.snapshot());
  };
  const load = () => new Replica().loadFrom(path, join(dir, 'no-journal.log'));

  it('is written as the last line, with the quad count, and checked by load and by checkSnapshotFile', async () => {
    await written();
    const text = await readFile(path, 'utf8');
    expect(text.split('\n')[0]).toBe('# seq 9 crc32');
    expect(text).toMatch(/\n# end crc32 [0-9a-f]{8} quads 50\n$/);
    await load();
    expect(checkSnapshotFile(path)).toEqual({ seq: 9, checked: true, quads: 50, bytes: expect.any(Number) });
  });

  it('refuses a snapshot with bytes overwritten in the middle', async () => {
    await written();
    const handle = await open(path, 'r+');
    await handle.write(Buffer.from('"VALUE'), 0, 6, 400);
    await handle.close();
    const error = (await load().catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(StoreDamagedError);
    expect(error.message).toContain(`${path}, the snapshot of seq 9: its quads do not match their checksum`);
    expect(checkSnapshotFile(path)).toEqual({ problem: expect.stringMatching(/do not match their checksum/) });
  });

  it('refuses a snapshot cut short, an empty one, and one whose first line is gone', async () => {
    await written();
    const size = (await readFile(path)).length;
    await truncate(path, size - 200);
    await expect(load()).rejects.toThrow(/its last line is not the "# end crc32 … quads …" line it was written with/);
    await writeFile(path, '');
    await expect(load()).rejects.toThrow(/its first line is not "# seq N"/);
    await writeFile(path, '<http://h/s> <http://h/p> <http://h/o> .\n');
    await expect(load()).rejects.toBeInstanceOf(StoreDamagedError);
  });

  it('still loads a snapshot written before checksums, unchecked', async () => {
    await writeFile(path, `# seq 4\n<http://h/s> <http://h/p> "old" <http://h/g> .\n`);
    const replica = new Replica();
    await replica.loadFrom(path, join(dir, 'no-journal.log'));
    expect(replica.seq).toBe(4);
    expect(replica.store.size).toBe(1);
    expect(checkSnapshotFile(path)).toMatchObject({ seq: 4, checked: false, quads: 1 });
  });
});
