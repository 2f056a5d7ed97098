/**
 * The embedded store's write-ahead journal. A commit is one line of JSON appended and
 * fdatasync'ed before the commit is acknowledged and applied in memory; at open the last
 * snapshot is loaded and the journal replayed. A torn last line (kill -9 mid-write) was never
 * acknowledged and is ignored.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { dirname } from 'node:path';

export interface JournalEntry {
  seq: number;
  /** Graph IRIs dropped before the puts are applied. */
  drop: string[];
  /** N-Quads of the graphs put (each put graph is also in `drop`, so a put replaces). */
  nquads: string;
}

export class Journal {
  private handle?: FileHandle;
  entries = 0;

  constructor(readonly path: string) {}

  async open(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    this.handle = await open(this.path, 'a');
  }

  async append(entry: JournalEntry): Promise<void> {
    if (!this.handle) throw new Error(`journal ${this.path} is not open`);
    await this.handle.write(`${JSON.stringify(entry)}\n`);
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

/** Reads every complete entry of a journal file, in order; a torn final line is skipped. */
export async function* readJournal(path: string): AsyncGenerator<JournalEntry> {
  try {
    await stat(path);
  } catch {
    return;
  }
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      // Only the last line can be torn (appends are sequential); nothing after it was acknowledged.
      return;
    }
    yield entry;
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

export async function removeIfExists(path: string): Promise<void> {
  await rm(path, { force: true });
}
