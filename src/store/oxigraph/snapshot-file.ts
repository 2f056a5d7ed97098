/**
 * The snapshot file's frame. Its first line names the journal sequence the dataset includes, its
 * last line carries the CRC-32 of every byte before it and the number of quad lines between the
 * two; both are N-Quads comments:
 *
 *   # seq 120 crc32
 *   <s> <p> <o> <g> .
 *   …
 *   # end crc32 89abcdef quads 45000
 *
 * A replica checks both while it loads the file, `hub store verify` reads it through. Snapshots
 * written before checksums begin with `# seq N` alone and have no last line: read unchecked.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { crcHex } from './journal.js';

const HEADER = /^# seq (\d+)( crc32)?$/;
const TRAILER = /^# end crc32 ([0-9a-f]{8}) quads (\d+)$/;
const READ_CHUNK_BYTES = 16 * 1024 * 1024;

export const snapshotHeader = (seq: number) => `# seq ${seq} crc32\n`;
export const snapshotTrailer = (digest: SnapshotDigest) => `# end crc32 ${crcHex(digest.crc)} quads ${digest.lines}\n`;

/** Running CRC-32 of a snapshot's bytes, and the lines of its quads. */
export class SnapshotDigest {
  crc = 0;
  lines = 0;

  /** `quads`: the bytes are quad lines (the header is not). */
  update(bytes: Uint8Array, quads = true): void {
    this.crc = crc32(bytes, this.crc);
    if (!quads) return;
    for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) this.lines++;
  }
}

export interface SnapshotFrame {
  seq: number;
  /** Written with checksums (the last line then holds them). */
  checked: boolean;
  /** The first line's bytes. */
  header: Buffer;
  /** The quads' bytes are [bodyStart, bodyEnd). */
  bodyStart: number;
  bodyEnd: number;
  /** From the last line, when checked. */
  crc?: number;
  quads?: number;
}

/** The frame of an open snapshot file, or what is wrong with it (a file of 0 bytes included: a snapshot always has its first line). */
export function readSnapshotFrame(fd: number): SnapshotFrame | { problem: string } {
  const size = fstatSync(fd).size;
  const head = Buffer.alloc(Math.min(256, size));
  readSync(fd, head, 0, head.length, 0);
  const newline = head.indexOf(10);
  const match = newline < 0 ? null : HEADER.exec(head.subarray(0, newline).toString('latin1'));
  if (!match) return { problem: 'its first line is not "# seq N"' };
  const frame: SnapshotFrame = { seq: Number(match[1]), checked: match[2] !== undefined, header: head.subarray(0, newline + 1), bodyStart: newline + 1, bodyEnd: size };
  if (!frame.checked) return frame;
  const tail = Buffer.alloc(Math.min(128, size - frame.bodyStart));
  readSync(fd, tail, 0, tail.length, size - tail.length);
  const before = tail.length > 0 && tail[tail.length - 1] === 10 ? tail.lastIndexOf(10, tail.length - 2) : -2;
  const trailer = before >= -1 ? TRAILER.exec(tail.subarray(before + 1, tail.length - 1).toString('latin1')) : null;
  if (!trailer) return { problem: 'its last line is not the "# end crc32 … quads …" line it was written with: it was cut short or overwritten' };
  return { ...frame, bodyEnd: size - (tail.length - before - 1), crc: parseInt(trailer[1]!, 16), quads: Number(trailer[2]) };
}

/** The bytes of [from, to) of an open file, in chunks. */
export function* fileChunks(fd: number, from: number, to: number): Generator<Uint8Array> {
  let position = from;
  while (position < to) {
    const buffer = Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, to - position));
    const n = readSync(fd, buffer, 0, buffer.length, position);
    if (n === 0) return;
    position += n;
    yield buffer.subarray(0, n);
  }
}

/** What does not match between a checked frame and the digest of its bytes, if anything. */
export function digestProblem(frame: SnapshotFrame, digest: SnapshotDigest): string | undefined {
  if (digest.crc !== frame.crc) return `its quads do not match their checksum (crc32 ${crcHex(digest.crc)}, the last line says ${crcHex(frame.crc ?? 0)})`;
  if (digest.lines !== frame.quads) return `it holds ${digest.lines} quad lines where its last line says ${frame.quads}`;
  return undefined;
}

/** Reads a snapshot file through and checks it: its sequence and size, or what is wrong; undefined when absent. */
export function checkSnapshotFile(path: string): { seq: number; checked: boolean; quads: number; bytes: number } | { problem: string } | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const frame = readSnapshotFrame(fd);
    if ('problem' in frame) return frame;
    const digest = new SnapshotDigest();
    digest.update(frame.header, false);
    for (const chunk of fileChunks(fd, frame.bodyStart, frame.bodyEnd)) digest.update(chunk);
    if (frame.checked) {
      const problem = digestProblem(frame, digest);
      if (problem) return { problem };
    }
    return { seq: frame.seq, checked: frame.checked, quads: digest.lines, bytes: frame.bodyEnd };
  } finally {
    closeSync(fd);
  }
}
