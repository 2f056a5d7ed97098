/**
 * The store façade. The rest of the hub sees only this: named graphs go in and out whole,
 * queries come back either as RDF/JS values or serialised in a requested media type.
 * Implementations: the embedded Oxigraph store (default) and a remote SPARQL 1.1 store.
 */
import type { Quad, Term } from '../core/rdf.js';

export interface GraphWrite {
  /** Named graph IRI; the quads' own graph terms are ignored. */
  graph: string;
  quads: Quad[];
  /**
   * A record graph (entity data): its triples are also merged into the store's entities graph
   * (`entitiesGraph`, the public SPARQL default graph). Provenance and report graphs leave it out.
   */
  entity?: boolean;
}

/** A set of changes applied atomically; durable once `commit` resolves. */
export interface ChangeSet {
  /** Graphs to replace whole (created when absent). */
  put?: GraphWrite[];
  /** Graphs to drop. */
  drop?: string[];
  /**
   * Put graphs the writer knows the store does not hold (a source's first harvest): a store may
   * skip clearing them before it writes them. A hint only; a store may clear them anyway. A commit
   * that failed part-way may have written some of them, so one sent again must leave this out.
   */
  fresh?: string[];
}

/**
 * A graph already encoded (store/encoded-graphs.ts): its quads as N-Quads lines in `graph`, every
 * term checked, blank node labels unique to this write. What a distributed run sends through
 * Redis, so that the publishing side hands the text on without parsing it again.
 */
export interface EncodedGraphWrite {
  graph: string;
  nquads: string;
  /** How many quads (lines) `nquads` holds. */
  quads: number;
  /** As GraphWrite.entity. */
  entity?: boolean;
}

/** A ChangeSet whose put graphs are encoded. */
export interface EncodedChangeSet {
  put?: EncodedGraphWrite[];
  drop?: string[];
  fresh?: string[];
}

export type Bindings = Record<string, Term>;

export interface QueryOptions {
  /** Stop the query after this long; rejects with a QueryTimeoutError. */
  timeoutMs?: number;
  /**
   * Who asks (the API's per-client key), so a store can share its capacity between clients:
   * the embedded store never gives all its replicas to one client. Internal reads leave it out.
   */
  client?: string;
  /**
   * The default graph of a query that names no dataset (no FROM / FROM NAMED): `union`, every
   * named graph together, a bag (the hub's own reads: indexes, LDES, EDM, reports); `entities`,
   * the entities graph, each record-data triple once (the public endpoint). Named graphs stay
   * reachable with GRAPH either way. @defaultValue 'union'
   */
  defaultGraph?: 'union' | 'entities';
}

export interface RawQueryOptions extends QueryOptions {
  /** Result media type: application/sparql-results+json|xml, text/csv, text/tab-separated-values, text/turtle, application/n-triples, application/n-quads, application/ld+json. */
  mediaType: string;
  /** Keep at most this many solutions/triples; the answer says whether it cut. */
  maxResults?: number;
}

export interface RawQueryResult {
  kind: 'boolean' | 'bindings' | 'graph';
  mediaType: string;
  body: string;
  truncated: boolean;
}

/** What one applied commit changed: the graphs it replaced (or created) and the graphs it dropped. */
export interface StoreChange {
  /** The store's change counter after this commit (`Store.changeSeq`). */
  seq: number;
  /** Graphs written whole by the commit. */
  put: string[];
  /** Graphs dropped by the commit (and not written again by it). */
  drop: string[];
}

export type StoreChangeListener = (change: StoreChange) => void;

export interface StoreHealth {
  ok: boolean;
  message: string;
  quads?: number;
  /** How full a store with a ceiling (the embedded one) is; a remote store leaves it out. */
  capacity?: StoreCapacity;
}

export interface StoreCapacity {
  /** Quads held (a count at most a few seconds old). */
  quads: number;
  /** Most quads it accepts: a commit past it is refused (STORE_FULL). */
  ceiling: number;
  /** quads / ceiling, 0–1. */
  used: number;
  /** Set from 80 % on: what will happen and the way out. */
  warning?: string;
}

export interface Store {
  open(): Promise<void>;
  close(): Promise<void>;
  commit(changes: ChangeSet): Promise<void>;
  /** As `commit`, with the put graphs encoded once by their producer (the store may load the text as it is). */
  commitEncoded(changes: EncodedChangeSet): Promise<void>;
  /** The quads of one named graph (empty when absent). */
  graph(graph: string): Promise<Quad[]>;
  select(query: string, options?: QueryOptions): Promise<Bindings[]>;
  construct(query: string, options?: QueryOptions): Promise<Quad[]>;
  ask(query: string, options?: QueryOptions): Promise<boolean>;
  /** Runs a query (read-only) and serialises the answer; the SPARQL endpoint's path. */
  queryRaw(query: string, options: RawQueryOptions): Promise<RawQueryResult>;
  health(): Promise<StoreHealth>;
  /**
   * Optional: a number that changes with every applied commit, so readers may cache what they
   * read until it moves. Stores that cannot tell (a remote store) leave it out.
   */
  changeSeq?(): number;
  /**
   * Optional: calls `listener` after every applied commit, synchronously, in commit order, once the
   * commit is visible to queries issued from then on. Returns a function that unsubscribes.
   * Stores that cannot tell (a remote store) leave it out.
   */
  onCommit?(listener: StoreChangeListener): () => void;
}

/** The store as readers (the API, the read models) see it: queries and the commit feed, no writes. */
export type StoreReader = Omit<Store, 'open' | 'close' | 'commit'>;
