/**
 * An in-memory Oxigraph dataset rebuilt from snapshot + journal and kept current by applying
 * journal entries. Each of the store's replica workers holds one.
 *
 * Snapshots of large datasets are written and read in pieces: a JavaScript string holds at
 * most ~512 MB, less than the N-Quads of a few million quads, so a dataset past
 * SINGLE_DUMP_QUADS is dumped graph by graph and loaded back from byte chunks. Snapshots carry
 * a checksum (snapshot-file.ts), checked as they load: a damaged one is refused, never half used.
 */
import { closeSync, openSync } from 'node:fs';
import oxigraph from 'oxigraph';
import { storeDamaged } from './damage.js';
import { readJournal, type JournalEntry } from './journal.js';
import { checkSnapshotFile, digestProblem, fileChunks, readSnapshotFrame, snapshotHeader, snapshotTrailer, SnapshotDigest } from './snapshot-file.js';

/** Above this many quads the snapshot is dumped graph by graph (its N-Quads would near the string limit). */
const SINGLE_DUMP_QUADS = 1_000_000;
const NQUADS = 'application/n-quads';
/**
 * Where a commit's removal candidates wait while it is applied: the triples its dropped or
 * replaced graphs held that are in the entities graph. Emptied before apply returns, so no query
 * (answered between messages) and no snapshot ever sees it.
 */
const STALE_GRAPH = 'urn:hub:entities-stale';

export class Replica {
  readonly store = new oxigraph.Store();
  seq = 0;

  /**
   * @param entitiesGraph The entities graph kept by apply (none: entries' `entities` are ignored).
   * @param singleDumpQuads Largest dataset dumped as one string. @defaultValue 1,000,000
   */
  constructor(
    readonly entitiesGraph?: string,
    private readonly singleDumpQuads = SINGLE_DUMP_QUADS,
  ) {}

  async loadFrom(snapshotPath: string, journalPath: string): Promise<void> {
    let fd: number | undefined;
    try {
      fd = openSync(snapshotPath, 'r');
    } catch {
      fd = undefined;
    }
    if (fd !== undefined) {
      try {
        this.loadSnapshot(fd, snapshotPath);
      } finally {
        closeSync(fd);
      }
    }
    for await (const entry of readJournal(journalPath)) this.apply(entry);
  }

  /** Loads the snapshot, checking its checksum and quad count as the bytes go by. */
  private loadSnapshot(fd: number, path: string): void {
    const frame = readSnapshotFrame(fd);
    if ('problem' in frame) throw storeDamaged(path, undefined, frame.problem);
    this.seq = frame.seq;
    const digest = new SnapshotDigest();
    digest.update(frame.header, false);
    const chunks = function* () {
      for (const chunk of fileChunks(fd, frame.bodyStart, frame.bodyEnd)) {
        digest.update(chunk);
        yield chunk;
      }
    };
    try {
      // Lenient: the snapshot is Oxigraph's own dump.
      this.store.load(chunks(), { format: NQUADS, no_transaction: true, lenient: true });
    } catch (error) {
      // Unparsable because damaged (the checksum says so), or for another reason (rethrown as it is).
      const check = frame.checked ? checkSnapshotFile(path) : undefined;
      if (check && 'problem' in check) throw storeDamaged(path, `the snapshot of seq ${frame.seq}`, check.problem);
      throw error;
    }
    const problem = frame.checked ? digestProblem(frame, digest) : undefined;
    if (problem) throw storeDamaged(path, `the snapshot of seq ${frame.seq}`, problem);
  }

  /**
   * Applies a journal entry: drops its graphs, loads its N-Quads, and keeps the entities graph
   * exact. The entities graph holds each triple of every record graph once; so the triples of
   * the entry's record graphs are added to it, and a triple a dropped or replaced graph held
   * leaves it unless another named graph still holds it. That test is right because provenance
   * and report graphs never hold record-data triples (their subjects are graph, run and report
   * IRIs: docs/data-model.md). Every dropped graph is a candidate, marked as a record graph or
   * not, so a record graph dropped by any path leaves nothing behind. Blank nodes keep their
   * labels (the INSERT copies the terms it matched), so removal finds them.
   */
  apply(entry: JournalEntry): void {
    if (entry.seq <= this.seq) return;
    const merged = this.entitiesGraph;
    const candidates = merged ? entry.drop.filter((g) => g !== merged) : [];
    const steps: string[] = [];
    if (candidates.length > 0) {
      steps.push(`INSERT { GRAPH <${STALE_GRAPH}> { ?s ?p ?o } } WHERE { VALUES ?g { ${candidates.map((g) => `<${g}>`).join(' ')} } GRAPH ?g { ?s ?p ?o } GRAPH <${merged}> { ?s ?p ?o } }`);
    }
    for (const g of entry.drop) steps.push(`DROP SILENT GRAPH <${g}>`);
    if (steps.length > 0) this.store.update(steps.join(';\n'));
    // Lenient: every term was checked when the commit was serialised (nquads.ts), so the parser's own checks would only repeat them.
    if (entry.nquads.length > 0) this.store.load(entry.nquads, { format: NQUADS, no_transaction: true, lenient: true });
    if (merged) this.mergeEntities(merged, entry.entities ?? [], candidates.length > 0);
    this.seq = entry.seq;
  }

  /** Adds the record graphs' triples to the entities graph and removes the candidates no graph holds any more. */
  private mergeEntities(merged: string, recordGraphs: string[], stale: boolean): void {
    const steps: string[] = [];
    const added = recordGraphs.filter((g) => g !== merged);
    if (added.length > 0) steps.push(`INSERT { GRAPH <${merged}> { ?s ?p ?o } } WHERE { VALUES ?g { ${added.map((g) => `<${g}>`).join(' ')} } GRAPH ?g { ?s ?p ?o } }`);
    if (stale) {
      steps.push(
        `DELETE { GRAPH <${merged}> { ?s ?p ?o } } WHERE { GRAPH <${STALE_GRAPH}> { ?s ?p ?o } FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } FILTER(?h != <${merged}> && ?h != <${STALE_GRAPH}>) } }`,
        `DROP SILENT GRAPH <${STALE_GRAPH}>`,
      );
    }
    if (steps.length > 0) this.store.update(steps.join(';\n'));
  }

  /**
   * The snapshot file's bytes in pieces: the header naming the journal sequence it includes, the
   * whole dataset's N-Quads, and the last line with their checksum (snapshot-file.ts).
   */
  *snapshot(): Generator<Uint8Array> {
    const digest = new SnapshotDigest();
    const header = Buffer.from(snapshotHeader(this.seq));
    digest.update(header, false);
    yield header;
    for (const piece of this.dump()) {
      const bytes = Buffer.from(piece);
      digest.update(bytes);
      yield bytes;
    }
    yield Buffer.from(snapshotTrailer(digest));
  }

  /** N-Quads of the whole dataset in pieces. */
  private *dump(): Generator<string> {
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
