/**
 * The embedded store's write-ahead journal. A commit is one entry appended and fdatasync'ed
 * before the commit is acknowledged and applied in memory; at open the last snapshot is loaded
 * and the journal replayed.
 *
 * An entry is a JSON header line followed by N bytes of N-Quads (UTF-8) and a newline: the
 * N-Quads are written as they are loaded into the replicas, not escaped into a JSON string.
 *
 *   {"seq":12,"drop":[…],"entities":[…],"bytes":N,"crc32":"<CRC-32 of the N-Quads>","hcrc32":"<CRC-32 of the line before it>"}
 *
 * (`entities`, the record graphs merged into the entities graph, only when there are any.)
 *
 * The header's own checksum makes its length trustworthy before the body is read. So an entry
 * the file ends inside of is a write torn by a crash (never acknowledged): it is ignored, and
 * cut off before the next commit is appended. Anything else that does not read back (a checksum
 * mismatch, an unreadable header with more data after it) is damage: the store does not open
 * (damage.ts; `hub store verify`, `hub store repair`). Entries written before checksums (no
 * crc32, or the older one-line JSON with `nquads`) are read unchecked.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { errorMessage, type StoreDamagedError } from '../../core/errors.js';
import { storeDamaged } from './damage.js';

export interface JournalEntry {
  seq: number;
  /** Graph IRIs dropped before the puts are applied. */
  drop: string[];
  /**
   * N-Quads of the graphs put, as text or UTF-8 bytes. Each put graph is also in `drop`, so a put
   * replaces, but for graphs the writer called fresh (ChangeSet.fresh: the store holds none of them).
   */
  nquads: string | Uint8Array;
  /** Put graphs loaded without being dropped first (fresh ones): listed so `hub store verify` can name every graph an entry touched. */
  fresh?: string[];
  /**
   * Record graphs whose triples are merged into the entities graph once the entry is applied
   * (replica.ts). Absent in entries written before the entities graph (and in those without any).
   */
  entities?: string[];
}

/** What a scan of the journal finds, in file order. */
export type JournalRead =
  /** `checked`: the entry carries checksums (and they match). */
  | { kind: 'entry'; entry: JournalEntry; start: number; end: number; checked: boolean }
  /** The file ends inside an entry: a write torn by a crash, never acknowledged. */
  | { kind: 'torn'; start: number }
  /**
   * Damage at byte `start`: the entry `seq` (when its header could be read; `drop` its graphs), or
   * the one after `afterSeq`. `end`: where it ends, when its header was sound (the rest can be read).
   */
  | { kind: 'damaged'; start: number; end?: number; seq?: number; afterSeq?: number; drop?: string[]; fresh?: string[]; reason: string };

const NEWLINE = Buffer.from('\n');
const READ_CHUNK_BYTES = 1 << 20;
const HCRC = ',"hcrc32":"';

export const crcHex = (n: number) => n.toString(16).padStart(8, '0');

/** The header line of an entry with this body. */
function entryHeader(seq: number, drop: string[], entities: string[] | undefined, body: Uint8Array, fresh?: string[]): Buffer {
  const merged = entities?.length ? `,"entities":${JSON.stringify(entities)}` : '';
  const loaded = fresh?.length ? `,"fresh":${JSON.stringify(fresh)}` : '';
  const fields = `{"seq":${seq},"drop":${JSON.stringify(drop)}${loaded}${merged},"bytes":${body.byteLength},"crc32":"${crcHex(crc32(body))}"`;
  return Buffer.from(`${fields}${HCRC}${crcHex(crc32(fields))}"}\n`);
}

export class Journal {
  private handle?: FileHandle;
  /** Bytes of complete entries: where the next one goes, and where a failed append is cut back to. */
  private size = 0;
  /** Set when a failed append could not be cut off: appending after it would bury it mid-file. */
  private broken?: string;
  entries = 0;
  /** Entries found at open that were written before checksums. */
  unchecked = 0;

  constructor(readonly path: string) {}

  /** Reads the journal through (refusing damage) and cuts a torn last entry off. */
  async open(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    // A torn last entry is cut off first: appended after it, new entries would be unreadable too.
    let end = 0;
    this.unchecked = 0;
    for await (const read of scanJournal(this.path)) {
      if (read.kind === 'damaged') throw journalDamage(this.path, read);
      if (read.kind !== 'entry') continue;
      end = read.end;
      if (!read.checked) this.unchecked++;
    }
    this.handle = await open(this.path, 'a');
    const { size } = await this.handle.stat();
    if (size > end) {
      await this.handle.truncate(end);
      await this.handle.datasync();
    }
    this.size = end;
  }

  async append(entry: JournalEntry): Promise<void> {
    if (!this.handle) throw new Error(`journal ${this.path} is not open`);
    if (this.broken) throw new Error(`journal ${this.path}: a failed write could not be cut off (${this.broken}); restart the hub`);
    const body = typeof entry.nquads === 'string' ? Buffer.from(entry.nquads) : entry.nquads;
    const header = entryHeader(entry.seq, entry.drop, entry.entities, body, entry.fresh);
    try {
      await this.handle.writev([header, body, NEWLINE]);
      await this.handle.datasync();
    } catch (error) {
      // Part of the entry may be on disk: left there, the next entry would follow it mid-file.
      await this.handle
        .truncate(this.size)
        .then(() => this.handle!.datasync())
        .catch((e: unknown) => (this.broken = errorMessage(e)));
      throw error;
    }
    this.size += header.byteLength + body.byteLength + 1;
    this.entries++;
  }

  /** Empties the journal after a snapshot has made its entries redundant. */
  async truncate(): Promise<void> {
    if (!this.handle) throw new Error(`journal ${this.path} is not open`);
    await this.handle.truncate(0);
    await this.handle.datasync();
    this.size = 0;
    this.entries = 0;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** Reads every complete entry of a journal file, in order; a torn final entry is skipped, damage throws. */
export async function* readJournal(path: string): AsyncGenerator<JournalEntry> {
  for await (const read of scanJournal(path)) {
    if (read.kind === 'damaged') throw journalDamage(path, read);
    if (read.kind === 'entry') yield read.entry;
  }
}

/** The store's damage error for what a scan found. */
export function journalDamage(path: string, read: Extract<JournalRead, { kind: 'damaged' }>): StoreDamagedError {
  const where = read.seq !== undefined ? `entry seq ${read.seq} at byte ${read.start}` : `the entry ${read.afterSeq !== undefined ? `after seq ${read.afterSeq}` : 'at its start'} (byte ${read.start})`;
  return storeDamaged(path, where, read.reason);
}

type Header = { seq: number; drop: string[]; fresh?: string[]; entities?: string[]; bytes?: number; crc?: number; checked: boolean; nquads?: string };

/** An entry header line, or what is wrong with it. */
function parseHeader(line: Buffer): Header | { problem: string } {
  let h: Record<string, unknown>;
  try {
    h = JSON.parse(line.toString('utf8')) as Record<string, unknown>;
  } catch {
    return { problem: 'its header line is not readable' };
  }
  if (typeof h !== 'object' || h === null || !Number.isInteger(h.seq) || !Array.isArray(h.drop)) return { problem: 'its header line is not an entry header' };
  let checked = false;
  if (h.hcrc32 !== undefined) {
    const at = line.lastIndexOf(HCRC);
    if (at < 0 || crcHex(crc32(line.subarray(0, at))) !== h.hcrc32) return { problem: 'its header does not match its checksum' };
    checked = true;
  }
  if (h.bytes !== undefined && (!Number.isInteger(h.bytes) || (h.bytes as number) < 0)) return { problem: 'its header gives no usable length' };
  const crc = typeof h.crc32 === 'string' ? parseInt(h.crc32, 16) : undefined;
  if (h.entities !== undefined && !(Array.isArray(h.entities) && h.entities.every((g) => typeof g === 'string'))) return { problem: 'its header gives no usable list of entity graphs' };
  if (h.fresh !== undefined && !(Array.isArray(h.fresh) && h.fresh.every((g) => typeof g === 'string'))) return { problem: 'its header gives no usable list of fresh graphs' };
  return { seq: h.seq as number, drop: h.drop as string[], ...(h.fresh ? { fresh: h.fresh as string[] } : {}), entities: h.entities as string[] | undefined, bytes: h.bytes as number | undefined, crc, checked, nquads: typeof h.nquads === 'string' ? h.nquads : undefined };
}

/**
 * Every entry of a journal file, a torn end, or the first damage (then the scan stops, unless
 * `pastDamage` and the damaged entry's header was sound: `hub store verify` reads on).
 */
export async function* scanJournal(path: string, options: { pastDamage?: boolean } = {}): AsyncGenerator<JournalRead> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    return;
  }
  try {
    const { size } = await handle.stat();
    let buffer = Buffer.alloc(0);
    let position = 0;
    let eof = false;
    /** File offset of buffer[0]. */
    let offset = 0;
    let lastSeq: number | undefined;
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
    const consume = (n: number) => {
      buffer = buffer.subarray(n);
      offset += n;
    };
    while (true) {
      let newline = buffer.indexOf(10);
      while (newline < 0 && !eof) {
        await fill(buffer.length + 1);
        newline = buffer.indexOf(10);
      }
      const start = offset;
      // Only the last entry can be torn (appends are sequential); nothing after it was acknowledged.
      if (newline < 0) {
        if (buffer.length > 0) yield { kind: 'torn', start };
        return;
      }
      if (newline === 0) {
        consume(1);
        continue;
      }
      const header = parseHeader(buffer.subarray(0, newline));
      if ('problem' in header) {
        // A torn write leaves a prefix of an entry: a whole line with more after it is no torn write.
        if (start + newline + 1 >= size) yield { kind: 'torn', start };
        else yield { kind: 'damaged', start, afterSeq: lastSeq, reason: header.problem };
        return;
      }
      const { seq, drop, bytes } = header;
      const merged = { ...(header.entities?.length ? { entities: header.entities } : {}), ...(header.fresh?.length ? { fresh: header.fresh } : {}) };
      if (bytes === undefined) {
        // The older one-line format: the N-Quads are in the header.
        consume(newline + 1);
        lastSeq = seq;
        yield { kind: 'entry', entry: { seq, drop, nquads: header.nquads ?? '' }, start, end: offset, checked: false };
        continue;
      }
      const end = start + newline + 1 + bytes + 1;
      if (end > size) {
        yield { kind: 'torn', start };
        return;
      }
      await fill(newline + 1 + bytes + 1);
      const body = buffer.subarray(newline + 1, newline + 1 + bytes);
      let problem: string | undefined;
      if (buffer[newline + 1 + bytes] !== 10) problem = `its N-Quads do not end where its header says (byte ${end - 1} is no newline)`;
      else if (header.crc !== undefined && crc32(body) !== header.crc) problem = `its N-Quads do not match their checksum (crc32 ${crcHex(crc32(body))}, the header says ${crcHex(header.crc)})`;
      consume(end - start);
      if (problem) {
        yield { kind: 'damaged', start, end: header.checked ? end : undefined, seq, afterSeq: lastSeq, drop, ...(header.fresh ? { fresh: header.fresh } : {}), reason: problem };
        if (!options.pastDamage || !header.checked) return;
        lastSeq = seq;
        continue;
      }
      lastSeq = seq;
      yield { kind: 'entry', entry: { seq, drop, nquads: body, ...merged }, start, end, checked: header.crc !== undefined };
    }
  } finally {
    await handle.close();
  }
}

/** Writes a file atomically: temp file, fsync, rename. Content may come in pieces (too large for one string). */
export async function writeFileAtomic(path: string, content: string | Iterable<string | Uint8Array>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    if (typeof content === 'string') await handle.writeFile(content);
    else for (const piece of content) await handle.write(typeof piece === 'string' ? Buffer.from(piece) : piece);
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
export function writeFileAtomicSync(path: string, content: Iterable<string | Uint8Array>): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const piece of content) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
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
