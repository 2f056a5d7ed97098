/**
 * An in-memory Oxigraph dataset rebuilt from snapshot + journal and kept current by applying
 * journal entries. Each of the store's replica workers holds one.
 *
 * Snapshots of large datasets are written and read in pieces: a JavaScript string holds at
 * most ~512 MB, less than the N-Quads of a few million quads, so a dataset past
 * SINGLE_DUMP_QUADS is dumped graph by graph and loaded back from byte chunks.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import oxigraph from 'oxigraph';
import { readJournal, type JournalEntry } from './journal.js';

/** Above this many quads the snapshot is dumped graph by graph (its N-Quads would near the string limit). */
const SINGLE_DUMP_QUADS = 1_000_000;
const READ_CHUNK_BYTES = 16 * 1024 * 1024;
const NQUADS = 'application/n-quads';

/** The snapshot file's bytes after its header line, in chunks (Oxigraph's parser joins them). */
function* fileChunks(fd: number, from: number): Generator<Uint8Array> {
  let position = from;
  while (true) {
    const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    const n = readSync(fd, buffer, 0, READ_CHUNK_BYTES, position);
    if (n === 0) return;
    position += n;
    yield buffer.subarray(0, n);
  }
}

/** The snapshot's first line (`# seq N`) and the byte offset after it. */
function readHeader(fd: number): { seq: number; end: number } | undefined {
  const buffer = Buffer.alloc(256);
  const n = readSync(fd, buffer, 0, buffer.length, 0);
  if (n === 0) return undefined;
  const newline = buffer.subarray(0, n).indexOf(10);
  const header = buffer.subarray(0, newline < 0 ? n : newline).toString('utf8');
  const match = /^# seq (\d+)$/.exec(header);
  return { seq: match ? Number(match[1]) : 0, end: newline < 0 ? n : newline + 1 };
}

export class Replica {
  readonly store = new oxigraph.Store();
  seq = 0;

  /** @param singleDumpQuads Largest dataset dumped as one string. @defaultValue 1,000,000 */
  constructor(private readonly singleDumpQuads = SINGLE_DUMP_QUADS) {}

  async loadFrom(snapshotPath: string, journalPath: string): Promise<void> {
    let fd: number | undefined;
    try {
      fd = openSync(snapshotPath, 'r');
    } catch {
      fd = undefined;
    }
    if (fd !== undefined) {
      try {
        const header = readHeader(fd);
        if (header) {
          this.seq = header.seq;
          // Lenient: the snapshot is Oxigraph's own dump.
          this.store.load(fileChunks(fd, header.end), { format: NQUADS, no_transaction: true, lenient: true });
        }
      } finally {
        closeSync(fd);
      }
    }
    for await (const entry of readJournal(journalPath)) this.apply(entry);
  }

  apply(entry: JournalEntry): void {
    if (entry.seq <= this.seq) return;
    if (entry.drop.length > 0) {
      this.store.update(entry.drop.map((g) => `DROP SILENT GRAPH <${g}>`).join(';\n'));
    }
    // Lenient: every term was checked when the commit was serialised (nquads.ts), so the parser's own checks would only repeat them.
    if (entry.nquads.length > 0) this.store.load(entry.nquads, { format: NQUADS, no_transaction: true, lenient: true });
    this.seq = entry.seq;
  }

  /** N-Quads of the whole dataset in pieces, the first one the header naming the journal sequence it includes. */
  *snapshot(): Generator<string> {
    yield `# seq ${this.seq}\n`;
    if (this.store.size <= this.singleDumpQuads) {
      yield this.store.dump({ format: NQUADS });
      return;
    }
    yield this.store.dump({ format: 'application/n-triples', from_graph_name: oxigraph.defaultGraph() });
    const graphs = this.store.query('SELECT DISTINCT ?g WHERE { GRAPH ?g { } }') as Map<string, oxigraph.NamedNode | oxigraph.BlankNode>[];
    for (const row of graphs) {
      const graph = row.get('g')!;
      const name = graph.termType === 'NamedNode' ? `<${graph.value}>` : `_:${graph.value}`;
      // N-Triples lines end in " .\n" and hold no other raw newline: add the graph name before it.
      yield this.store.dump({ format: 'application/n-triples', from_graph_name: graph }).replaceAll(' .\n', ` ${name} .\n`);
    }
  }
}
