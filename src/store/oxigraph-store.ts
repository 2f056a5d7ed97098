/**
 * The embedded store: Oxigraph (WASM) in memory, made durable by a journal and snapshots in
 * `dataDir/store/`. A commit is acknowledged only after its journal entry is on disk, so after
 * a restart (or kill -9) every acknowledged commit is back. The dataset lives only in the
 * replicas' worker threads (`queryWorkers` of them), which answer queries and the store's own
 * reads; the main thread encodes and journals each commit and forwards it to them. Journal
 * entries and snapshots carry checksums: a damaged store does not open (StoreDamagedError).
 */
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from '../core/errors.js';
import { literal, namedNode, blankNode, quad, type Quad, type Term } from '../core/rdf.js';
import { entitiesGraphIri } from '../core/identifiers.js';
import { Journal } from './oxigraph/journal.js';
import { batchesOf, recordGraphFilter } from './entities-graph.js';
import { upgradeProvenance } from './provenance-upgrade.js';
import { encodedBytes } from './encoded-graphs.js';
import { graphsToNQuadsBytes } from './oxigraph/nquads.js';
import { DataDirLock } from './oxigraph/data-dir-lock.js';
import { ReplicaPool } from './oxigraph/replica-pool.js';
import { readSnapshotFrame } from './oxigraph/snapshot-file.js';
import type { PlainTerm } from './results-format.js';
import type { Bindings, ChangeSet, EncodedChangeSet, QueryOptions, RawQueryOptions, RawQueryResult, Store, StoreCapacity, StoreChangeListener, StoreHealth } from './store.js';

export interface OxigraphStoreOptions {
  dataDir: string;
  /** Replicas of the dataset, each a worker thread answering queries and loading every commit. @defaultValue 1 */
  queryWorkers?: number;
  /** Journal entries between snapshots. @defaultValue 5000 */
  snapshotEveryOps?: number;
  /** Default and maximum query time in ms. @defaultValue 30000 */
  timeoutMs?: number;
  /** Most solutions/triples for internal queries. @defaultValue 1000000 */
  maxResults?: number;
  /** Open for reading only: no journal, no lock, nothing written at close (e.g. `hub export` beside a running hub). @defaultValue false */
  readOnly?: boolean;
  /**
   * Most quads the store accepts; a commit past it is refused (STORE_FULL) before its journal
   * entry is written. Oxigraph's WASM memory ends at 4 GiB, ~6M quads of harvested records
   * (bench/results.md); a commit that ran out of it would be journaled and fail again at every
   * restart. @defaultValue 5000000
   */
  maxQuads?: number;
  /** Where notices go (store files read without checksums). @defaultValue process.emitWarning */
  log?: (message: string) => void;
  /**
   * The hub's base IRI: the store then keeps the entities graph `{base}graph/entities` (each
   * triple of every record graph once) and answers `defaultGraph: 'entities'` queries from it.
   * Without it there is no entities graph. @defaultValue none
   */
  baseIri?: string;
}

/** Record graphs per journal entry when the entities graph is built at open. */
const BUILD_BATCH_GRAPHS = 2000;

/** How long close waits for a free replica to write the snapshot from, ms. */
const CLOSE_WAIT_MS = 2000;

/** From this share of maxQuads on, /health, /metrics and the sources page warn. */
const CAPACITY_WARNING = 0.8;

/** How full the store is, with a warning well before commits are refused. */
export function capacityOf(quads: number, ceiling: number): StoreCapacity {
  const used = ceiling > 0 ? quads / ceiling : 0;
  const warning =
    used >= CAPACITY_WARNING
      ? `the embedded store holds ${quads.toLocaleString('en')} of the ${ceiling.toLocaleString('en')} quads it accepts (${Math.floor(used * 100)} %); past that, commits are refused: move to a remote SPARQL store (store.type: sparql, docs/virtuoso.md)`
      : undefined;
  return { quads, ceiling, used, ...(warning ? { warning } : {}) };
}

/** How old the quad count /health shows may get, ms. */
const HEALTH_COUNT_MS = 5000;

// eslint-disable-next-line no-control-regex -- IRIs must not hold control characters
const UNSAFE_IRI = /[\u0000-\u0020<>"{}|^`\\]/;

function fromPlain(t: PlainTerm): Term {
  if (t.termType === 'NamedNode') return namedNode(t.value);
  if (t.termType === 'BlankNode') return blankNode(t.value);
  return t.language ? literal(t.value, t.language) : literal(t.value, t.datatype ? namedNode(t.datatype) : undefined);
}

export class OxigraphStore implements Store {
  private readonly journal: Journal;
  private readonly pool: ReplicaPool;
  private readonly snapshotPath: string;
  private readonly lock: DataDirLock;
  private readonly options: Required<Omit<OxigraphStoreOptions, 'baseIri'>>;
  /** The entities graph, when the store keeps one (a base IRI was given). */
  readonly entitiesGraph?: string;
  private readonly baseIri?: string;
  /** Commits are serialised: the journal order is the apply order. */
  private chain: Promise<void> = Promise.resolve();
  private opened = false;
  /** Journal sequence of the last commit. */
  private seq = 0;
  /**
   * The fastest replica's acknowledgement of the last commit sent to the replicas. A commit is
   * acknowledged to its caller once journaled and sent; the next one first waits for this, so
   * publishing runs at most one commit ahead of the fastest replica, and a failure to apply
   * (reported by any replica) stops the commits after it.
   */
  private applied: Promise<void> = Promise.resolve();
  /**
   * At least the dataset's quad count: exact after open or a capacity check, then raised by each
   * commit's incoming quads (drops only lower the real count). Oxigraph's `size` walks the whole
   * dataset, so it is asked only when this bound nears maxQuads.
   */
  private quadsAtMost = 0;
  private readonly listeners = new Set<StoreChangeListener>();
  /** The quad count /health shows: counted at open, then refreshed in the background (never awaited by /health). */
  private counted = { quads: 0, at: 0, refreshing: false };

  constructor(options: OxigraphStoreOptions) {
    // `?? ` for log: createStore passes it as undefined when its caller gave none, which a spread would keep.
    this.options = { queryWorkers: 1, snapshotEveryOps: 5000, timeoutMs: 30000, maxResults: 1_000_000, readOnly: false, maxQuads: 5_000_000, ...options, log: options.log ?? ((m) => process.emitWarning(m)) };
    const dir = join(options.dataDir, 'store');
    this.snapshotPath = join(dir, 'snapshot.nq');
    this.journal = new Journal(join(dir, 'journal.log'));
    this.lock = new DataDirLock(join(dir, 'LOCK'));
    this.baseIri = options.baseIri;
    this.entitiesGraph = options.baseIri !== undefined ? entitiesGraphIri(options.baseIri) : undefined;
    this.pool = new ReplicaPool(
      this.options.queryWorkers,
      { snapshotPath: this.snapshotPath, journalPath: this.journal.path, entitiesGraph: this.entitiesGraph },
      (error) => this.options.log(error.message),
      (message) => this.options.log(message),
    );
  }

  async open(): Promise<void> {
    if (this.opened) return;
    if (!this.options.readOnly) await this.lock.acquire();
    try {
      // The journal first: damage in it stops the opening before any replica loads, and a torn last entry is cut off.
      if (!this.options.readOnly) await this.journal.open();
      this.noteUnchecked();
      // The replicas load snapshot + journal side by side (and check the snapshot's checksum).
      this.seq = await this.pool.start();
      this.applied = Promise.resolve();
      this.quadsAtMost = await this.pool.count();
      this.counted = { quads: this.quadsAtMost, at: Date.now(), refreshing: false };
    } catch (error) {
      await this.journal.close();
      await this.pool.close();
      if (!this.options.readOnly) await this.lock.release();
      throw error;
    }
    this.opened = true;
    if (!this.options.readOnly) {
      await this.buildEntities();
      // A store written before provenance was made lean is upgraded once (provenance-upgrade.ts).
      await upgradeProvenance(this, (message) => this.options.log(`${this.snapshotPath}: ${message}`));
    }
  }

  /**
   * A store written before the entities graph (a snapshot and journal without it) gets it once:
   * when there is no entities graph but there are record graphs, their triples are merged into it
   * by journaled commits (batches of record graphs), so every replica, and every later start,
   * has it. Runs again only if the entities graph is ever empty while record graphs exist.
   */
  private async buildEntities(): Promise<void> {
    const merged = this.entitiesGraph;
    if (!merged || this.baseIri === undefined) return;
    if (await this.ask(`ASK { GRAPH <${merged}> { ?s ?p ?o } }`)) return;
    // GRAPH ?g { } lists the named graphs without reading their quads.
    const rows = await this.select(`SELECT ?g WHERE { GRAPH ?g { } FILTER(${recordGraphFilter('?g', this.baseIri)}) }`);
    const batches = batchesOf(rows.map((r) => r.g!.value), BUILD_BATCH_GRAPHS);
    if (batches.length === 0) return;
    const graphs = batches.reduce((n, b) => n + b.length, 0);
    for (const batch of batches) await this.queueCommit([], [], batch, 0, () => Buffer.alloc(0));
    // The counts taken at open did not include it.
    this.quadsAtMost = await this.quadCount();
    this.counted = { quads: this.quadsAtMost, at: Date.now(), refreshing: false };
    this.options.log(`${this.snapshotPath}: the store had no entities graph ${merged}; built it from ${graphs} record graphs`);
  }

  /** Says once that files written before checksums are read unchecked (they are replaced by checked ones as the store goes). */
  private noteUnchecked(): void {
    if (this.journal.unchecked > 0) {
      this.options.log(`${this.journal.path}: ${this.journal.unchecked} entries were written before journal checksums and are read unchecked; new entries carry checksums`);
    }
    let fd: number;
    try {
      fd = openSync(this.snapshotPath, 'r');
    } catch {
      return;
    }
    try {
      const frame = readSnapshotFrame(fd);
      if (!('problem' in frame) && !frame.checked) this.options.log(`${this.snapshotPath} was written before snapshot checksums and is read unchecked; the next snapshot carries one`);
    } finally {
      closeSync(fd);
    }
  }

  async close(): Promise<void> {
    if (!this.opened) return;
    await this.chain;
    try {
      if (!this.options.readOnly) {
        await this.snapshotAtClose();
        await this.journal.close();
        await this.lock.release();
      }
    } finally {
      await this.pool.close();
      this.opened = false;
    }
  }

  /**
   * Writes the snapshot at close from a free replica, or says why it did not: with no replica
   * left that matches the journal none may be dumped, and with every replica busy (a long query)
   * shutdown does not wait for it. The journal keeps every commit since the last snapshot, so
   * skipping loses nothing (the next start loads them from there).
   */
  private async snapshotAtClose(): Promise<void> {
    try {
      const { failure } = this.pool.state();
      if (failure) throw new StoreError(failure);
      // A short read finishes within this; a long query is stopped by the close instead.
      if (!(await this.pool.whenIdle(CLOSE_WAIT_MS))) throw new StoreError(`every replica was still busy with a query or being rebuilt after ${CLOSE_WAIT_MS} ms`);
      await this.snapshot();
    } catch (error) {
      this.options.log(`${this.snapshotPath}: no snapshot written at close (${(error as Error).message}); the journal ${this.journal.path} keeps every commit since the last snapshot and the next start loads them`);
    }
  }

  /** Quads in the store, counted by a replica (Oxigraph walks the whole dataset). */
  async quadCount(): Promise<number> {
    await this.chain;
    return this.pool.count();
  }

  commit(changes: ChangeSet): Promise<void> {
    const puts = changes.put ?? [];
    // A record graph's quads count twice: their copy in the entities graph (at most) too.
    const incoming = puts.reduce((n, p) => n + p.quads.length * (p.entity && this.entitiesGraph ? 2 : 1), 0);
    return this.queueCommit(puts.map((p) => p.graph), changes.drop ?? [], this.entityPuts(puts), incoming, (seq) => graphsToNQuadsBytes(puts, seq), changes.fresh);
  }

  /** The put graphs merged into the entities graph (none when the store keeps none). */
  private entityPuts(puts: { graph: string; entity?: boolean }[]): string[] {
    if (!this.entitiesGraph) return [];
    return [...new Set(puts.filter((p) => p.entity && p.graph !== this.entitiesGraph).map((p) => p.graph))];
  }

  /**
   * Graphs encoded by their producer (encoded-graphs.ts checked every term and made the blank
   * node labels unique): their text is journaled and loaded as it is, not parsed again.
   */
  commitEncoded(changes: EncodedChangeSet): Promise<void> {
    const puts = changes.put ?? [];
    const incoming = puts.reduce((n, p) => n + p.quads * (p.entity && this.entitiesGraph ? 2 : 1), 0);
    return this.queueCommit(puts.map((p) => p.graph), changes.drop ?? [], this.entityPuts(puts), incoming, () => encodedBytes(puts), changes.fresh);
  }

  /** `fresh`: put graphs the store does not hold (a first harvest, ChangeSet.fresh): written without clearing them first. */
  private queueCommit(putGraphs: string[], dropGraphs: string[], entities: string[], incoming: number, encode: (seq: number) => Buffer, fresh?: string[]): Promise<void> {
    const run = this.chain.then(() => this.commitNow(putGraphs, dropGraphs, entities, incoming, encode, fresh));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async commitNow(putGraphs: string[], dropGraphs: string[], entities: string[], incoming: number, encode: (seq: number) => Buffer, fresh?: string[]): Promise<void> {
    if (!this.opened) throw new StoreError('store is not open');
    if (this.options.readOnly) throw new StoreError('store was opened read-only');
    // Put graphs are replaced (dropped, then loaded), but for fresh ones: nothing to drop, and no removal candidates for the entities graph.
    const unheld = new Set(fresh ?? []);
    const drop = [...new Set([...dropGraphs, ...putGraphs.filter((g) => !unheld.has(g))])];
    const bad = [...drop, ...putGraphs, ...entities].find((g) => UNSAFE_IRI.test(g) || !/^[a-z][a-z0-9+.-]*:/i.test(g));
    if (bad !== undefined) throw new StoreError(`graph name ${JSON.stringify(bad)} is not an absolute IRI`);
    if (drop.length === 0 && putGraphs.length === 0 && entities.length === 0) return;
    // A commit a replica could not apply leaves the dataset in memory behind the journal: refuse the next ones.
    await this.applied;
    await this.checkCapacity(incoming, drop);
    const seq = this.seq + 1;
    // Encoded once: the journal writes these bytes and every replica loads them (no JSON escaping, no string crossing into WASM per replica).
    const loaded = putGraphs.filter((g) => unheld.has(g));
    const entry = { seq, drop, nquads: encode(seq), ...(loaded.length ? { fresh: loaded } : {}), ...(entities.length ? { entities } : {}) };
    try {
      await this.journal.append(entry);
    } catch (error) {
      throw new StoreError(`could not write the journal ${this.journal.path}: ${(error as Error).message}`, { cause: error });
    }
    this.seq = seq;
    this.applied = this.pool.apply(entry);
    this.applied.catch(() => undefined);
    this.quadsAtMost += incoming;
    this.notify(seq, putGraphs, drop);
    if (this.journal.entries >= this.options.snapshotEveryOps && !this.pool.rebuilding) await this.snapshot();
  }

  /**
   * Refuses a commit that would leave more than maxQuads quads (the exact count and the replaced
   * graphs are looked at only near the limit).
   */
  private async checkCapacity(incoming: number, drop: string[]): Promise<void> {
    if (this.quadsAtMost + incoming <= this.options.maxQuads) return;
    const size = await this.pool.count();
    this.quadsAtMost = size;
    if (size + incoming <= this.options.maxQuads) return;
    const freed = await this.pool.count(drop);
    if (size + incoming - freed <= this.options.maxQuads) return;
    throw new StoreError(
      `the embedded store holds ${size} quads and this commit would take it past its limit of ${this.options.maxQuads} (Oxigraph's WASM memory ends at 4 GiB); use a remote SPARQL store (store.type: sparql) for more`,
      { code: 'STORE_FULL' },
    );
  }

  /** Writes the whole dataset to the snapshot file and empties the journal. */
  async snapshot(): Promise<void> {
    await this.applied;
    await this.pool.snapshot(this.snapshotPath);
    await this.journal.truncate();
  }

  async graph(graph: string): Promise<Quad[]> {
    const g = namedNode(graph);
    const triples = await this.pool.triples(graph);
    return triples.map(([s, p, o]) => quad(fromPlain(s) as any, fromPlain(p) as any, fromPlain(o) as any, g));
  }

  /** Graph names present in the store whose IRI starts with `prefix`. */
  async graphNames(prefix = ''): Promise<string[]> {
    const rows = await this.select(`SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ${JSON.stringify(prefix)})) }`);
    return rows.map((r) => r.g.value);
  }

  private timeout(options?: QueryOptions): number {
    return Math.min(options?.timeoutMs ?? this.options.timeoutMs, this.options.timeoutMs);
  }

  async select(query: string, options?: QueryOptions): Promise<Bindings[]> {
    const r = await this.pool.run(query, 'plain', this.options.maxResults, this.timeout(options), options?.client, options?.defaultGraph);
    return (r.rows ?? []).map((row) => Object.fromEntries(Object.entries(row).map(([k, t]) => [k, fromPlain(t)])));
  }

  async construct(query: string, options?: QueryOptions): Promise<Quad[]> {
    const r = await this.pool.run(query, 'plain', this.options.maxResults, this.timeout(options), options?.client, options?.defaultGraph);
    return (r.quads ?? []).map(([s, p, o]) => quad(fromPlain(s) as any, fromPlain(p) as any, fromPlain(o) as any));
  }

  async ask(query: string, options?: QueryOptions): Promise<boolean> {
    const r = await this.pool.run(query, 'plain', 1, this.timeout(options), options?.client, options?.defaultGraph);
    if (r.kind !== 'boolean') throw new StoreError('not an ASK query');
    return r.boolean === true;
  }

  async queryRaw(query: string, options: RawQueryOptions): Promise<RawQueryResult> {
    const r = await this.pool.run(query, options.mediaType, options.maxResults ?? this.options.maxResults, this.timeout(options), options.client, options.defaultGraph);
    return { kind: r.kind, mediaType: options.mediaType, body: r.body, truncated: r.truncated };
  }

  /** Tells the listeners; the workers already have the entry queued, so their next queries see it. */
  private notify(seq: number, putGraphs: string[], drop: string[]): void {
    if (this.listeners.size === 0) return;
    const put = [...new Set(putGraphs)];
    const written = new Set(put);
    const change = { seq, put, drop: drop.filter((g) => !written.has(g)) };
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        // The commit is durable and applied whatever a listener does; its failure is reported, not rethrown.
        process.emitWarning(`a commit listener failed: ${(error as Error).message}`);
      }
    }
  }

  onCommit(listener: StoreChangeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  changeSeq(): number {
    return this.seq;
  }

  /**
   * From the replicas' states and a cached count, never by waiting on a replica (one may be
   * busy with a long query): /health answers at once whatever the queries do.
   */
  async health(): Promise<StoreHealth> {
    // Found by a replica rebuilt at run time: the files on disk would not load again.
    if (this.pool.damaged) return { ok: false, message: this.pool.damaged.message };
    if (!this.opened) return { ok: false, message: 'store closed', quads: 0 };
    const { loaded, rebuilding, failure } = this.pool.state();
    if (failure) return { ok: false, message: failure };
    this.refreshCount();
    return { ok: true, message: `embedded Oxigraph store open: ${loaded} replicas answering${rebuilding ? `, ${rebuilding} being rebuilt` : ''}`, quads: this.counted.quads, capacity: capacityOf(this.counted.quads, this.options.maxQuads) };
  }

  /** Counts the quads again in the background when the cached count is older than a few seconds. */
  private refreshCount(): void {
    if (this.counted.refreshing || Date.now() - this.counted.at < HEALTH_COUNT_MS) return;
    this.counted.refreshing = true;
    this.pool.count().then(
      (quads) => (this.counted = { quads, at: Date.now(), refreshing: false }),
      () => (this.counted.refreshing = false),
    );
  }
}
