/**
 * `hub store verify` and `hub store repair` over the embedded store's files (`dataDir/store/`),
 * without loading them into Oxigraph. Verify reads the snapshot and the journal through and
 * checks every checksum. Repair keeps everything before the damage (the snapshot when it is
 * sound; the journal entries before the first damaged one), moves the damaged files aside with
 * a timestamp, and says which graphs may have been lost, so the caller can have their sources
 * harvested again from scratch (a damaged snapshot: every graph).
 */
import { open, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataDirLock } from './data-dir-lock.js';
import { journalDamage, scanJournal } from './journal.js';
import { checkSnapshotFile } from './snapshot-file.js';

const COPY_CHUNK_BYTES = 1 << 20;

export type SnapshotReport =
  | { state: 'absent' }
  | { state: 'sound'; seq: number; checked: boolean; quads: number }
  | { state: 'damaged'; problem: string };

export interface JournalReport {
  /** The sound entries before any damage (all of them when there is none). */
  kept: { entries: number; firstSeq?: number; lastSeq?: number; bytes: number; unchecked: number };
  /** The file ends inside an entry (a write torn by a crash; cut off at the next open). */
  torn?: { start: number };
  /** The first damage: where, why, and the message the store gives for it. */
  damage?: { start: number; seq?: number; afterSeq?: number; reason: string; message: string };
  /**
   * Entries from the damage on: how many could be told apart, their bytes, and the graphs they
   * wrote or dropped; `unknown` when a header could not be read (its graphs, and any after it).
   */
  lost?: { entries: number; bytes: number; graphs: string[]; unknown: boolean };
}

export interface StoreFilesReport {
  snapshotPath: string;
  journalPath: string;
  snapshot: SnapshotReport;
  journal: JournalReport;
  ok: boolean;
}

export const storeFiles = (dataDir: string) => ({ snapshotPath: join(dataDir, 'store', 'snapshot.nq'), journalPath: join(dataDir, 'store', 'journal.log'), lockPath: join(dataDir, 'store', 'LOCK') });

/** Reads the snapshot and the journal through and checks every checksum. */
export async function verifyStoreFiles(dataDir: string): Promise<StoreFilesReport> {
  const { snapshotPath, journalPath } = storeFiles(dataDir);
  const checked = checkSnapshotFile(snapshotPath);
  const snapshot: SnapshotReport = checked === undefined ? { state: 'absent' } : 'problem' in checked ? { state: 'damaged', problem: checked.problem } : { state: 'sound', ...checked };
  const journal = await verifyJournal(journalPath);
  return { snapshotPath, journalPath, snapshot, journal, ok: snapshot.state !== 'damaged' && journal.damage === undefined };
}

async function verifyJournal(path: string): Promise<JournalReport> {
  const report: JournalReport = { kept: { entries: 0, bytes: 0, unchecked: 0 } };
  const graphs = new Set<string>();
  let lost: JournalReport['lost'];
  for await (const read of scanJournal(path, { pastDamage: true })) {
    if (read.kind === 'torn') {
      // Never acknowledged: nothing is lost with it.
      if (!lost) report.torn = { start: read.start };
      continue;
    }
    if (read.kind === 'damaged') {
      if (!report.damage) {
        report.damage = { start: read.start, seq: read.seq, afterSeq: read.afterSeq, reason: read.reason, message: journalDamage(path, read).message };
        lost = { entries: 0, bytes: 0, graphs: [], unknown: false };
      }
      lost!.entries++;
      for (const g of [...(read.drop ?? []), ...(read.fresh ?? [])]) graphs.add(g);
      // Without a sound header neither its graphs nor where the next entry starts can be known.
      if (read.end === undefined) lost!.unknown = true;
      continue;
    }
    if (lost) {
      lost.entries++;
      for (const g of [...read.entry.drop, ...(read.entry.fresh ?? [])]) graphs.add(g);
      continue;
    }
    const { kept } = report;
    kept.entries++;
    kept.firstSeq ??= read.entry.seq;
    kept.lastSeq = read.entry.seq;
    kept.bytes = read.end;
    if (!read.checked) kept.unchecked++;
  }
  if (lost && report.damage) {
    const size = (await stat(path)).size;
    report.lost = { ...lost, bytes: size - report.damage.start, graphs: [...graphs].sort() };
  }
  return report;
}

export interface RepairOutcome {
  /** What verify found before the repair. */
  before: StoreFilesReport;
  /** Damaged files moved aside. */
  moved: { from: string; to: string }[];
  /** The snapshot was damaged: nothing of it was kept, any graph may be lost. */
  everything: boolean;
  /** Graphs whose last state was in the part not kept; undefined: any graph may be. */
  lostGraphs?: string[];
}

/**
 * Keeps everything before the damage and moves the damaged files aside (`….damaged-<time>`).
 * Refused while a hub holds the data directory. Nothing to do when verify finds the store sound.
 */
export async function repairStoreFiles(dataDir: string, now = new Date()): Promise<RepairOutcome> {
  const { snapshotPath, journalPath, lockPath } = storeFiles(dataDir);
  const lock = new DataDirLock(lockPath);
  await lock.acquire();
  try {
    const before = await verifyStoreFiles(dataDir);
    const outcome: RepairOutcome = { before, moved: [], everything: false, lostGraphs: [] };
    if (before.ok) return outcome;
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    if (before.snapshot.state === 'damaged') {
      const to = `${snapshotPath}.damaged-${stamp}`;
      await rename(snapshotPath, to);
      outcome.moved.push({ from: snapshotPath, to });
      outcome.everything = true;
      outcome.lostGraphs = undefined;
    }
    const { damage, kept, lost } = before.journal;
    if (damage) {
      // The sound entries go to a new journal first; the damaged one is moved aside only once that is on disk.
      const fresh = `${journalPath}.repaired`;
      await copyPrefix(journalPath, fresh, kept.bytes);
      const to = `${journalPath}.damaged-${stamp}`;
      await rename(journalPath, to);
      await rename(fresh, journalPath);
      await syncDir(join(dataDir, 'store'));
      outcome.moved.push({ from: journalPath, to });
      if (!outcome.everything) outcome.lostGraphs = lost?.unknown ? undefined : lost?.graphs;
    }
    return outcome;
  } finally {
    await lock.release();
  }
}

/** Writes the first `bytes` bytes of `from` to `to`, synced. */
async function copyPrefix(from: string, to: string, bytes: number): Promise<void> {
  const input = await open(from, 'r');
  const out = await open(to, 'w');
  try {
    const buffer = Buffer.allocUnsafe(COPY_CHUNK_BYTES);
    for (let done = 0; done < bytes; ) {
      const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, bytes - done), done);
      if (bytesRead === 0) break;
      await out.write(buffer, 0, bytesRead);
      done += bytesRead;
    }
    await out.sync();
  } finally {
    await out.close();
    await input.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
