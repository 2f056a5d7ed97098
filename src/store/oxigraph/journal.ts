/**
 * The embedded store's write-ahead journal. A commit is one entry appended and fdatasync'ed
 * before the commit is acknowledged and applied in memory; at open the last snapshot is loaded
 * and the journal replayed. A torn last entry (kill -9 mid-write) was never acknowledged and is
 * ignored.
 *
 * An entry is a JSON header line `{"seq":…,"drop":[…],"bytes":N}` followed by N bytes of
 * N-Quads (UTF-8) and a newline: the N-Quads are written as they are loaded into the replicas,
 * not escaped into a JSON string. Entries of the earlier format (one JSON line holding
 * `nquads`) are still read.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface JournalEntry {
  seq: number;
  /** Graph IRIs dropped before the puts are applied. */
  drop: string[];
  /** N-Quads of the graphs put, as text or UTF-8 bytes (each put graph is also in `drop`, so a put replaces). */
  nquads: string | Uint8Array;
}

const NEWLINE = Buffer.from('\n');
const READ_CHUNK_BYTES = 1 << 20;

export class Journal {
  private handle?: FileHandle;
  entries = 0;

  constructor(readonly path: string) {}

  async open(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    // A torn last entry is cut off first: appended after it, new entries would be unreadable too.
    let end = 0;
    for await (const read of readEntries(this.path)) end = read.end;
    this.handle = await open(this.path, 'a');
    const { size } = await this.handle.stat();
    if (size > end) {
      await this.handle.truncate(end);
      await this.handle.datasync();
    }
  }

  async append(entry: JournalEntry): Promise<void> {
    if (!this.handle) throw new Error(`journal ${this.path} is not open`);
    const body = typeof entry.nquads === 'string' ? Buffer.from(entry.nquads) : entry.nquads;
    const header = Buffer.from(`${JSON.stringify({ seq: entry.seq, drop: entry.drop, bytes: body.byteLength })}\n`);
    await this.handle.writev([header, body, NEWLINE]);
    await this.handle.datasync();
    this.entries++;
  }

  /** Empties the journal after a snapshot has made its entries redundant. */
  async truncate(): Promise<void> {
    if (!this.handle) throw new Error(`journal ${this.path} is not open`);
    await this.handle.truncate(0);
    await this.handle.datasync();
    this.entries = 0;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** Reads every complete entry of a journal file, in order; a torn final entry is skipped. */
export async function* readJournal(path: string): AsyncGenerator<JournalEntry> {
  for await (const read of readEntries(path)) yield read.entry;
}

/** The complete entries and the byte offset after each. */
async function* readEntries(path: string): AsyncGenerator<{ entry: JournalEntry; end: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    return;
  }
  try {
    let buffer = Buffer.alloc(0);
    let position = 0;
    let eof = false;
    /** Bytes of complete entries (and blank lines) before `buffer`. */
    let end = 0;
    /** Reads until `buffer` holds at least `n` bytes or the file ends. */
    const fill = async (n: number) => {
      while (buffer.length < n && !eof) {
        const chunk = Buffer.allocUnsafe(Math.max(READ_CHUNK_BYTES, n - buffer.length));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
        if (bytesRead === 0) eof = true;
        position += bytesRead;
        buffer = buffer.length ? Buffer.concat([buffer, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      }
    };
    while (true) {
      let newline = buffer.indexOf(10);
      while (newline < 0 && !eof) {
        await fill(buffer.length + 1);
        newline = buffer.indexOf(10);
      }
      // Only the last entry can be torn (appends are sequential); nothing after it was acknowledged.
      if (newline < 0) return;
      const line = buffer.subarray(0, newline).toString('utf8');
      buffer = buffer.subarray(newline + 1);
      if (!line) {
        end += 1;
        continue;
      }
      let header: JournalEntry & { bytes?: number };
      try {
        header = JSON.parse(line) as JournalEntry & { bytes?: number };
      } catch {
        return;
      }
      if (header.bytes === undefined) {
        end += newline + 1;
        yield { entry: header, end };
        continue;
      }
      await fill(header.bytes + 1);
      if (buffer.length < header.bytes + 1 || buffer[header.bytes] !== 10) return;
      const nquads = buffer.subarray(0, header.bytes);
      buffer = buffer.subarray(header.bytes + 1);
      end += newline + 1 + header.bytes + 1;
      yield { entry: { seq: header.seq, drop: header.drop, nquads }, end };
    }
  } finally {
    await handle.close();
  }
}

/** Writes a file atomically: temp file, fsync, rename. Content may come in pieces (too large for one string). */
export async function writeFileAtomic(path: string, content: string | Iterable<string>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    if (typeof content === 'string') await handle.writeFile(content);
    else for (const piece of content) await handle.write(piece);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** writeFileAtomic for a worker thread that must not handle other messages meanwhile. */
export function writeFileAtomicSync(path: string, content: Iterable<string>): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const piece of content) {
      const bytes = Buffer.from(piece);
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

export async function removeIfExists(path: string): Promise<void> {
  await rm(path, { force: true });
}
