/**
 * The remote store: any SPARQL 1.1 store (Virtuoso, GraphDB, Fuseki, Oxigraph server, QLever)
 * over the SPARQL 1.1 Protocol. Commits are SPARQL Update requests that drop and re-insert
 * whole graphs, packed so that publishing many records costs few requests (a graph too large
 * for one update, such as a run report, is replaced by a Graph Store Protocol PUT); reads ask for
 * SPARQL JSON results or N-Triples, the formats every store speaks, and queryRaw serialises
 * the answer itself so it is the same whatever the store (and exactly truncated).
 * With `bulkLoad`, put graphs go instead as TriG documents the store fetches with SPARQL `LOAD`
 * (see commitByLoad). Transient trouble surfaces as StoreError STORE_UNAVAILABLE so that jobs retry.
 */
import { randomUUID } from 'node:crypto';
import { BadRequestError, StoreError } from '../core/errors.js';
import { blankNode, defaultGraph, parseRdf, quad, namedNode, toNQuads, type Quad } from '../core/rdf.js';
import type { HubSettings } from '../config/schema.js';
import { QueryTimeoutError, QuerySyntaxError } from './query-errors.js';
import { RESULT_MEDIA_TYPES, serializeBindings, serializeBoolean, type PlainBindings, type PlainTerm } from './results-format.js';
import { capSelectLimit, VIRTUOSO_MAX_SORTED_TOP } from './sparql/cap-limit.js';
import { constructBySelect } from './sparql/construct-by-select.js';
import { GRAPH_FORMATS, serializeGraph } from './sparql/graph-format.js';
import { SparqlHttp, safeUrl, type SparqlResponse } from './sparql/sparql-http.js';
import { canonicalBoolean, iriToSparql, queryForm, safeBlankLabel, termFromJson, type JsonTerm, type QueryForm } from './sparql/sparql-terms.js';
import { LoadStaging, type LoadStagingOptions } from './sparql/load-staging.js';
import { trigDocuments } from './sparql/trig-documents.js';
import { freshPuts, updateRequests, type Dialect } from './sparql/update-batches.js';
import type { Bindings, ChangeSet, EncodedChangeSet, QueryOptions, RawQueryOptions, RawQueryResult, Store, StoreHealth } from './store.js';
import { decodeChanges } from './encoded-graphs.js';
import { batchesOf, recordGraphFilter } from './entities-graph.js';
import { declaresDataset, graphNames } from './query-dataset.js';
import { entitiesGraphIri } from '../core/identifiers.js';

/** Answers that say the store (or its gateway) is busy or away, not that it cannot reach the hub. */
const BUSY_STATUSES = new Set([408, 429, 502, 503, 504]);

export interface SparqlStoreOptions {
  /** SPARQL 1.1 query endpoint, e.g. http://127.0.0.1:8890/sparql. */
  queryUrl: string;
  /** SPARQL 1.1 update endpoint. @defaultValue queryUrl */
  updateUrl?: string;
  /** Answers 401 challenges with Basic or Digest authentication. */
  username?: string;
  password?: string;
  /** Largest SPARQL Update body per request, in bytes (a single graph may exceed it). @defaultValue 1000000 */
  maxUpdateBytes?: number;
  /**
   * SPARQL 1.1 Graph Store Protocol endpoint (indirect graph identification, `?graph=`). Large
   * graphs are replaced there with one PUT each. @defaultValue on Virtuoso the
   * `/sparql-graph-crud` (`/sparql-graph-crud-auth` for `/sparql-auth`) beside queryUrl; else none
   */
  graphStoreUrl?: string;
  /**
   * A put graph of more triples than this goes by Graph Store PUT (when there is an endpoint)
   * instead of SPARQL Update: Virtuoso 7 refuses an INSERT DATA block of some 5000 triples
   * ("memory exhausted") and a template of some 1000 ("exceeded 10000 lines"). @defaultValue 1000
   */
  largeGraphTriples?: number;
  /** Time limit of an update request, ms. @defaultValue 120000 */
  updateTimeoutMs?: number;
  /** Default and maximum query time, ms. @defaultValue 30000 */
  timeoutMs?: number;
  /** Most solutions/triples for select/construct/graph; more is an error rather than a silent cut. @defaultValue 1000000 */
  maxResults?: number;
  /**
   * SPARQL Update flavour: `virtuoso` adds the pragmas Virtuoso needs for large updates;
   * `auto` picks it when the store's Server header says Virtuoso. @defaultValue 'auto'
   */
  dialect?: Dialect | 'auto';
  /**
   * Publish put graphs by SPARQL `LOAD` of TriG documents that this process serves to the store
   * (sparql/load-staging.ts), instead of INSERT DATA. Virtuoso reads a loaded document with its
   * Turtle parser, some 4–5× faster than it compiles INSERT DATA (bench/pipeline/README.md). The
   * store must reach this process over HTTP and load TriG into the document's named graphs; both
   * are checked once, before the first load, with a probe document.
   */
  bulkLoad?: BulkLoadOptions;
  /**
   * Requests in flight at once (sparql/sparql-http.ts); beyond it requests wait. Virtuoso answers
   * 503 past its ServerThreads (10 by default), and other processes share them. @defaultValue 8
   */
  maxConcurrent?: number;
  /**
   * Tries of a read (query) that the store answered 408/429/502/503/504 or whose connection it
   * dropped, with exponential backoff from readBackoffMs. Updates are never sent again this way
   * (deadlock victims aside, see retryDeadlocks). @defaultValue 4
   */
  readAttempts?: number;
  /** First pause before a read is sent again, ms; doubled each time, with jitter. @defaultValue 100 */
  readBackoffMs?: number;
  /** Replaces global fetch (tests count requests or simulate failures). */
  fetch?: typeof fetch;
  /**
   * The hub's base IRI: the store then keeps the entities graph `{base}graph/entities` (each
   * triple of every record graph once, see commitNow) and answers `defaultGraph: 'entities'`
   * queries from it. @defaultValue none (no entities graph)
   */
  baseIri?: string;
}

export interface BulkLoadOptions extends LoadStagingOptions {
  /** Largest TriG document per LOAD, in bytes (a single graph may exceed it). @defaultValue 16000000 */
  maxBytes?: number;
  /**
   * LOADs sent at once: a commit's graphs are split into this many documents, loaded side by side
   * (Virtuoso parses each on a thread of its own). For a store with cores to spare: on the 2-core
   * bench machine, beside the hub, 2 made the pipeline slower (bench/pipeline/README.md). @defaultValue 1
   */
  concurrency?: number;
}

interface JsonResults {
  head?: { vars?: string[] };
  boolean?: boolean;
  results?: { bindings: Record<string, JsonTerm>[] };
}

/** The variable Virtuoso 7 answers ASK with instead of a SPARQL JSON/XML boolean. */
const VIRTUOSO_ASK_VAR = '__ASK_RETVAL';
const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';
/** Graphs named in one entities-graph update (its VALUES list). */
const ENTITY_GRAPHS_PER_UPDATE = 500;
/** Tries of an update chosen as a deadlock victim. */
const DEADLOCK_ATTEMPTS = 5;
const ACCEPT_GRAPH = 'application/n-triples, text/turtle;q=0.9';

export class SparqlStore implements Store {
  private readonly options: Required<Omit<SparqlStoreOptions, 'username' | 'password' | 'fetch' | 'graphStoreUrl' | 'bulkLoad' | 'maxConcurrent' | 'baseIri'>> & SparqlStoreOptions;
  /** The entities graph, when the store keeps one (a base IRI was given). */
  readonly entitiesGraph?: string;
  /** Whether open found (or built) the entities graph: built once for a store written before it. */
  private entitiesChecked?: Promise<void>;
  /** Serves the documents of `LOAD`s when bulkLoad is on. */
  private readonly staging?: LoadStaging;
  /** The probe of the store's LOAD, once it passed (a failed probe is tried again next commit). */
  private loadChecked?: Promise<void>;
  private readonly http: SparqlHttp;
  private lastFailure?: string;
  private dialect?: Dialect;
  private chain: Promise<void> = Promise.resolve();

  constructor(options: SparqlStoreOptions) {
    // `??` rather than a spread of defaults: an option given as undefined (from an absent config key) takes the default.
    this.options = {
      ...options,
      updateUrl: options.updateUrl ?? options.queryUrl,
      dialect: options.dialect ?? 'auto',
      maxUpdateBytes: options.maxUpdateBytes ?? 1_000_000,
      updateTimeoutMs: options.updateTimeoutMs ?? 120_000,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxResults: options.maxResults ?? 1_000_000,
      largeGraphTriples: options.largeGraphTriples ?? 1000,
      readAttempts: options.readAttempts ?? 4,
      readBackoffMs: options.readBackoffMs ?? 100,
    };
    const { username, password } = options;
    if (this.options.dialect !== 'auto') this.dialect = this.options.dialect;
    if (options.bulkLoad) this.staging = new LoadStaging(options.bulkLoad);
    if (options.baseIri !== undefined) this.entitiesGraph = entitiesGraphIri(options.baseIri);
    this.http = new SparqlHttp({
      fetch: options.fetch,
      maxConcurrent: options.maxConcurrent,
      credentials: username !== undefined ? { username, password: password ?? '' } : undefined,
    });
  }

  /** From `hub.store` (type sparql) and `hub.sparql` of the configuration. */
  static fromConfig(hub: Pick<HubSettings, 'store' | 'sparql'> & { baseIri?: string }): SparqlStore {
    const { queryUrl, updateUrl, graphStoreUrl, username, password, bulkLoad, maxConcurrent } = hub.store;
    if (!queryUrl) throw new StoreError('hub.store.queryUrl is required when hub.store.type is sparql', { code: 'STORE_CONFIG' });
    return new SparqlStore({ queryUrl, updateUrl, graphStoreUrl, username, password, bulkLoad, maxConcurrent, timeoutMs: hub.sparql.timeoutMs, baseIri: hub.baseIri });
  }

  /** HTTP requests sent so far (for tests and metrics). */
  get requests(): number {
    return this.http.requests;
  }

  /** The most requests that were in flight at once so far (for tests and metrics). */
  get maxInFlight(): number {
    return this.http.maxInFlight;
  }

  async open(): Promise<void> {
    // Nothing to hold open; an unreachable store is reported by health() and by each call,
    // so that the hub starts (degraded) and jobs retry until the store is back.
  }

  async close(): Promise<void> {
    await this.staging?.close();
  }

  /**
   * Commits of one process go to the store one at a time: concurrent updates only contend for
   * the same locks (Virtuoso deadlocks and slows down), and this keeps their order.
   */
  commit(changes: ChangeSet): Promise<void> {
    const run = this.chain.then(() => this.commitNow(changes));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Encoded graphs are decoded here: the requests' text depends on the store's dialect
   * (sparql-terms.ts), and the network and the store's own load cost far more than the parse.
   */
  commitEncoded(changes: EncodedChangeSet): Promise<void> {
    return this.commit(decodeChanges(changes));
  }

  private async commitNow(changes: ChangeSet): Promise<void> {
    if (!changes.put?.length && !changes.drop?.length) return;
    // The dialect decides the request text, so learn it before the first update.
    if (!this.dialect) await this.unavailableOnTimeout(this.ask('ASK {}', { timeoutMs: 10_000 }));
    const merged = this.entitiesGraph;
    if (!merged) return this.writeGraphs(changes);
    await this.checkEntities();
    // Removal candidates: what the replaced or dropped graphs hold of the entities graph (fresh graphs hold nothing).
    const fresh = freshPuts(changes);
    const candidates = [...new Set([...(changes.drop ?? []), ...(changes.put ?? []).map((p) => p.graph)])].filter((g) => g !== merged && !fresh.has(g));
    const stale = candidates.length ? `urn:hub:entities-stale:${randomUUID()}` : undefined;
    for (const graphs of batchesOf(candidates, ENTITY_GRAPHS_PER_UPDATE)) {
      await this.update(`INSERT { GRAPH <${stale}> { ?s ?p ?o } } WHERE { VALUES ?g { ${graphs.map((g) => iriToSparql(g, 'graph name')).join(' ')} } GRAPH ?g { ?s ?p ?o } GRAPH <${merged}> { ?s ?p ?o } }`, graphs);
    }
    await this.writeGraphs(changes);
    const records = [...new Set((changes.put ?? []).filter((p) => p.entity && p.graph !== merged).map((p) => p.graph))];
    await this.mergeEntities(merged, records, stale);
  }

  /**
   * Keeps the entities graph exact after a commit (as the embedded store's replica.ts does): the
   * record graphs' triples are added, and each candidate (a triple the commit's dropped or
   * replaced graphs held) leaves unless another named graph still holds it; provenance and
   * report graphs never hold record-data triples, so "another named graph" is "a record graph".
   * Not one transaction with the commit: a commit cut short (the hub or the store gone) may leave
   * stale triples behind and a `urn:hub:entities-stale:…` graph; `rebuildEntities` makes the
   * entities graph exact again.
   */
  private async mergeEntities(merged: string, records: string[], stale: string | undefined): Promise<void> {
    const inserts = batchesOf(records, ENTITY_GRAPHS_PER_UPDATE).map((graphs) => ({
      graphs,
      body: `INSERT { GRAPH <${merged}> { ?s ?p ?o } } WHERE { VALUES ?g { ${graphs.map((g) => iriToSparql(g, 'graph name')).join(' ')} } GRAPH ?g { ?s ?p ?o } }`,
    }));
    // The removal rides on the last insert: one request per commit in most cases.
    if (stale) {
      const removal = `DELETE { GRAPH <${merged}> { ?s ?p ?o } } WHERE { GRAPH <${stale}> { ?s ?p ?o } FILTER NOT EXISTS { GRAPH ?h { ?s ?p ?o } FILTER(?h != <${merged}> && ?h != <${stale}>) } } ;\nDROP SILENT GRAPH <${stale}>`;
      const last = inserts.at(-1);
      if (last) last.body = `${last.body} ;\n${removal}`;
      else inserts.push({ graphs: [merged], body: removal });
    }
    for (const { body, graphs } of inserts) await this.update(body, graphs);
  }

  /**
   * Builds the entities graph of a store written before it, once (the first commit or
   * rebuildEntities call of this process looks): when it is empty and record graphs exist.
   */
  private checkEntities(): Promise<void> {
    this.entitiesChecked ??= (async () => {
      const merged = this.entitiesGraph!;
      if (await this.unavailableOnTimeout(this.ask(`ASK { GRAPH <${merged}> { ?s ?p ?o } }`, { timeoutMs: 10_000 }))) return;
      // Only added to, never cleared here: another process may be merging its first commit meanwhile.
      await this.mergeEntities(merged, await this.recordGraphs(), undefined);
    })().catch((error: unknown) => {
      this.entitiesChecked = undefined;
      throw error;
    });
    return this.entitiesChecked;
  }

  /**
   * Makes the entities graph exact again from the record graphs (a store written before it, or
   * one whose commit was cut short): cleared, then filled record graph batch by batch.
   */
  async rebuildEntities(): Promise<void> {
    const merged = this.entitiesGraph;
    if (!merged) throw new StoreError('this store keeps no entities graph (no base IRI was given to it)');
    const graphs = await this.recordGraphs();
    await this.update(`DROP SILENT GRAPH <${merged}>`, [merged]);
    await this.mergeEntities(merged, graphs, undefined);
  }

  private async recordGraphs(): Promise<string[]> {
    const rows = await this.unavailableOnTimeout(this.select(`SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(${recordGraphFilter('?g', this.options.baseIri!)}) }`));
    return rows.map((r) => r.g!.value);
  }

  private async writeGraphs(changes: ChangeSet): Promise<void> {
    if (this.staging) return this.commitByLoad(changes, this.staging);
    // Large graphs are replaced by Graph Store PUTs (one each) after the batched updates.
    const gsp = this.graphStoreEndpoint();
    const lastPut = new Map((changes.put ?? []).map((p) => [p.graph, p.quads]));
    const large = gsp ? [...lastPut].filter(([, quads]) => quads.length > this.options.largeGraphTriples) : [];
    const putWhole = new Set(large.map(([graph]) => graph));
    const updates: ChangeSet = large.length
      ? { put: [...lastPut].filter(([graph]) => !putWhole.has(graph)).map(([graph, quads]) => ({ graph, quads })), drop: changes.drop?.filter((g) => !putWhole.has(g)), fresh: changes.fresh }
      : changes;
    for (const request of updateRequests(updates, this.options.maxUpdateBytes, this.dialect)) await this.update(request.body, request.graphs);
    for (const [graph, quads] of large) {
      const send = () =>
        this.http.send({
          operation: 'graph store',
          url: `${gsp}${gsp!.includes('?') ? '&' : '?'}graph=${encodeURIComponent(graph)}`,
          method: 'PUT',
          headers: { 'content-type': 'application/n-triples; charset=utf-8', accept: '*/*' },
          body: toNTriples(quads),
          timeoutMs: this.options.updateTimeoutMs,
          context: { graphs: graph },
        });
      await this.track(this.retryDeadlocks(send));
    }
  }

  /**
   * A commit by LOAD: first the graphs it replaces or drops are cleared (packed update requests),
   * then each TriG document of its put graphs is served and loaded (fresh graphs are not cleared:
   * 4000 new graphs cost Virtuoso ~0.8 s to clear and ~1.2 s to load). Not one transaction: between
   * the two a reader may find a replaced graph absent, and a failed load leaves it absent until
   * the commit is sent again (the job retries it; the commit is idempotent). Virtuoso runs a clear
   * and a LOAD sent in one request ten times slower than the two apart.
   */
  private async commitByLoad(changes: ChangeSet, staging: LoadStaging): Promise<void> {
    const lastPut = new Map((changes.put ?? []).map((p) => [p.graph, p.quads]));
    const fresh = freshPuts(changes);
    const cleared = [...new Set([...(changes.drop ?? []), ...lastPut.keys()])].filter((g) => !fresh.has(g));
    // One after the other: sent together, Virtuoso deadlocks on them (a third of them retried, no faster).
    for (const request of updateRequests({ drop: cleared }, this.options.maxUpdateBytes, this.dialect)) await this.update(request.body, request.graphs);
    const concurrency = this.options.bulkLoad?.concurrency ?? 1;
    const documents = trigDocuments([...lastPut].map(([graph, quads]) => ({ graph, quads })), this.options.bulkLoad?.maxBytes ?? 16_000_000, concurrency);
    if (!documents.length) return;
    this.loadChecked ??= this.probeLoad(staging).catch((error: unknown) => {
      this.loadChecked = undefined;
      throw error;
    });
    await this.loadChecked;
    let next = 0;
    const loadRest = async () => {
      for (let document = documents[next++]; document; document = documents[next++]) {
        const staged = await staging.stage(document.body);
        try {
          await this.update(`LOAD <${staged.url}>`, document.graphs);
        } finally {
          staged.release();
        }
      }
    };
    // Settled, not raced: the commit ends only when none of its LOADs is still running.
    const loads = await Promise.allSettled(Array.from({ length: Math.min(concurrency, documents.length) }, loadRest));
    const failed = loads.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * Loads a one-quad TriG document and looks for the quad in its named graph: the store must reach
   * the staging server, and some stores load a document's named graphs into one graph (or refuse
   * TriG), which would publish every record in the wrong place.
   */
  private async probeLoad(staging: LoadStaging): Promise<void> {
    const graph = `urn:hub:load-probe:${randomUUID()}`;
    const staged = await staging.stage(`<${graph}> {\n<${graph}#s> <${graph}#p> "probe" .\n}\n`);
    const where = `hub.store.bulkLoad: the SPARQL store at ${safeUrl(this.options.updateUrl)}`;
    try {
      await this.update(`LOAD <${staged.url}>`, [graph]);
    } catch (error) {
      // A store that says it is busy or behind a gateway that cannot reach it: the commit is tried again later.
      if (error instanceof StoreError && BUSY_STATUSES.has(error.context.status as number) && !staged.fetched()) {
        throw new StoreError(`${where} could not try the TriG probe: ${error.message}`, { code: 'STORE_UNAVAILABLE', cause: error, context: error.context });
      }
      // The store answered otherwise (an HTTP error): it could not reach us, or could not read TriG.
      if (error instanceof StoreError && error.context.status !== undefined) {
        const why = staged.fetched()
          ? `fetched the TriG probe ${staged.url} but did not load it`
          : `did not fetch ${staged.url}: it must reach this process there (set advertisedUrl, host, port)`;
        throw new StoreError(`${where} ${why}: ${error.message}`, { code: 'STORE_CONFIG', cause: error });
      }
      throw error;
    } finally {
      staged.release();
    }
    const loaded = await this.unavailableOnTimeout(this.ask(`ASK { GRAPH <${graph}> { <${graph}#s> <${graph}#p> "probe" } }`, { timeoutMs: 10_000 }));
    // Stores name the graph of a document's default-graph triples after its URL; nothing should be there.
    await this.update(`DROP SILENT GRAPH <${graph}> ;\nDROP SILENT GRAPH <${staged.url}>`, [graph]);
    if (!loaded) throw new StoreError(`${where} did not load the TriG probe into its named graph <${graph}>; it cannot bulk load here, remove hub.store.bulkLoad`, { code: 'STORE_CONFIG' });
  }

  /** Sends one SPARQL Update request, again when it lost a deadlock. */
  private async update(body: string, graphNames: string[]): Promise<void> {
    const graphs = graphNames.length > 3 ? [...graphNames.slice(0, 3), `+${graphNames.length - 3} more`] : graphNames;
    const send = () =>
      this.http.send({
        operation: 'update',
        url: this.options.updateUrl,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: '*/*' },
        body: new URLSearchParams({ update: body }).toString(),
        timeoutMs: this.options.updateTimeoutMs,
        context: { graphs: graphs.join(', ') },
      });
    await this.track(this.retryDeadlocks(send));
  }

  /** Where large graphs are PUT: the configured endpoint, else Virtuoso's beside its /sparql(-auth). */
  private graphStoreEndpoint(): string | undefined {
    if (this.options.graphStoreUrl) return this.options.graphStoreUrl;
    if (this.dialect !== 'virtuoso') return undefined;
    const url = new URL(this.options.updateUrl);
    const m = /\/sparql(-auth)?\/?$/.exec(url.pathname);
    if (!m) return undefined;
    url.pathname = url.pathname.slice(0, m.index) + `/sparql-graph-crud${m[1] ?? ''}`;
    url.search = '';
    return url.toString();
  }

  /**
   * Concurrent commits (several workers) deadlock now and then in Virtuoso; the victim was
   * rolled back whole, so it is sent again after a short random pause, a few times, before
   * the failure goes to the job (still STORE_UNAVAILABLE, so the job retries later). The same
   * for Virtuoso's occasional SP031 under concurrency (see sparql-http.ts).
   */
  private async retryDeadlocks(send: () => Promise<SparqlResponse>): Promise<SparqlResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        if (!(error instanceof StoreError && error.context.sendAgain === true) || attempt >= DEADLOCK_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 100 * 2 ** attempt));
      }
    }
  }

  async graph(graph: string): Promise<Quad[]> {
    const g = namedNode(graph);
    const rows = await this.unavailableOnTimeout(this.select(`SELECT ?s ?p ?o WHERE { GRAPH ${iriToSparql(graph, 'graph name')} { ?s ?p ?o } }`));
    return rows.map((r) => quad(r.s as any, r.p as any, r.o as any, g));
  }

  async select(query: string, options?: QueryOptions): Promise<Bindings[]> {
    const { rows } = this.bindings(await this.query(query, 'application/sparql-results+json', options), query);
    if (rows.length > this.options.maxResults) throw this.tooMany(rows.length);
    return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, t]) => [k, termFromJson(t)])));
  }

  async construct(query: string, options?: QueryOptions): Promise<Quad[]> {
    const quads = await this.graphQuery(query, options);
    if (quads.length > this.options.maxResults) throw this.tooMany(quads.length);
    return quads;
  }

  /**
   * A CONSTRUCT or DESCRIBE answer. On Virtuoso a CONSTRUCT goes as the SELECT of its template's
   * variables and is filled in here (sparql/construct-by-select.ts: Virtuoso loses solutions of
   * some CONSTRUCTs that its SELECT keeps), so both stores give the same graph.
   */
  private async graphQuery(query: string, options?: QueryOptions): Promise<Quad[]> {
    if (!this.dialect) await this.unavailableOnTimeout(this.ask('ASK {}', { timeoutMs: 10_000 }));
    const plan = this.dialect === 'virtuoso' ? constructBySelect(query) : undefined;
    if (!plan) return this.graphAnswer(await this.query(query, ACCEPT_GRAPH, options));
    const { rows } = this.bindings(await this.query(plan.select, 'application/sparql-results+json', options), plan.select);
    return plan.instantiate(rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, t]) => [k, termFromJson(t)]))));
  }

  async ask(query: string, options?: QueryOptions): Promise<boolean> {
    return this.boolean(await this.query(query, 'application/sparql-results+json', options), query);
  }

  /**
   * Asks the store for JSON results or N-Triples and serialises them in `mediaType`; beyond
   * `maxResults` solutions (triples) the rest is dropped and `truncated` is set. A SELECT is
   * sent with its LIMIT lowered to maxResults + 1 (when sparqljs can read it); other queries
   * go unchanged, bounded by the store's own cap (Virtuoso's ResultSetMaxRows) and the time limit.
   */
  async queryRaw(query: string, options: RawQueryOptions): Promise<RawQueryResult> {
    const form = queryForm(query);
    if (!form) throw new QuerySyntaxError('not a SPARQL query (SELECT, CONSTRUCT, DESCRIBE or ASK); updates go through the hub, not /sparql', { code: 'QUERY_ERROR' });
    const { mediaType } = options;
    const max = options.maxResults ?? this.options.maxResults;
    const isResults = (Object.values(RESULT_MEDIA_TYPES) as string[]).includes(mediaType);
    if (form === 'CONSTRUCT' || form === 'DESCRIBE') {
      if (!GRAPH_FORMATS.includes(mediaType)) throw this.notAcceptable(form, mediaType, GRAPH_FORMATS);
      const quads = await this.graphQuery(query, options);
      const truncated = quads.length > max;
      return { kind: 'graph', mediaType, body: await serializeGraph(truncated ? quads.slice(0, max) : quads, mediaType), truncated };
    }
    if (!isResults) throw this.notAcceptable(form, mediaType, Object.values(RESULT_MEDIA_TYPES));
    // Until the store is known not to be Virtuoso, keep within its limit on sorted queries.
    const sent = form === 'SELECT' ? capSelectLimit(query, max + 1, this.dialect === 'standard' ? Infinity : VIRTUOSO_MAX_SORTED_TOP) : query;
    const response = await this.query(sent, 'application/sparql-results+json', options);
    if (form === 'ASK') return { kind: 'boolean', mediaType, body: serializeBoolean(this.boolean(response, query), mediaType), truncated: false };
    const { vars, rows } = this.bindings(response, query);
    const truncated = rows.length > max;
    const plain: PlainBindings[] = (truncated ? rows.slice(0, max) : rows).map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, t]) => [k, toPlain(t)])),
    );
    return { kind: 'bindings', mediaType, body: serializeBindings(vars, plain, mediaType), truncated };
  }

  async health(): Promise<StoreHealth> {
    const where = `SPARQL store at ${safeUrl(this.options.queryUrl)}`;
    try {
      await this.ask('ASK {}', { timeoutMs: 5000 });
      return { ok: true, message: `${where} answers` };
    } catch (error) {
      return { ok: false, message: `degraded: ${(error as Error).message}` };
    }
  }

  /** Why the store last failed, while it is failing (cleared by the next success). */
  get failure(): string | undefined {
    return this.lastFailure;
  }

  /**
   * The hub's own reads and probes are small: when one of them runs out of time the store is
   * overloaded or stuck, which is worth a retry, unlike a user's query that is too costly.
   */
  private async unavailableOnTimeout<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      if (error instanceof QueryTimeoutError) {
        throw new StoreError(`SPARQL store at ${safeUrl(this.options.queryUrl)}: ${error.message}`, { code: 'STORE_UNAVAILABLE', cause: error });
      }
      throw error;
    }
  }

  private async track(promise: Promise<SparqlResponse>): Promise<SparqlResponse> {
    try {
      const value = await promise;
      this.lastFailure = undefined;
      this.dialect ??= /virtuoso/i.test(value.headers.get('server') ?? '') ? 'virtuoso' : 'standard';
      return value;
    } catch (error) {
      if (error instanceof StoreError && error.code === 'STORE_UNAVAILABLE') this.lastFailure = error.message;
      throw error;
    }
  }

  private async query(query: string, accept: string, options?: QueryOptions): Promise<SparqlResponse> {
    const timeoutMs = Math.min(options?.timeoutMs ?? this.options.timeoutMs, this.options.timeoutMs);
    // How the default graph is named depends on the store (withDefaultGraph).
    if (options?.defaultGraph === 'entities' && !this.dialect) await this.unavailableOnTimeout(this.ask('ASK {}', { timeoutMs: 10_000 }));
    // `timeout` (ms) is Virtuoso's own limit; others ignore the parameter. Virtuoso then answers
    // with what it found so far and X-SQL-State S1TAT, which must not pass as a full answer.
    const params = new URLSearchParams({ query: this.withDefaultGraph(query, options), timeout: String(timeoutMs) });
    if (options?.defaultGraph === 'entities' && this.dialect !== 'virtuoso' && !declaresDataset(query)) params.set('default-graph-uri', this.entities());
    const body = params.toString();
    const send = () =>
      this.http.send({
        operation: 'query',
        url: this.options.queryUrl,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept },
        body,
        timeoutMs,
      });
    const response = await this.track(this.retryReads(send));
    if (response.headers.get('x-sql-state') === 'S1TAT') throw new QueryTimeoutError(timeoutMs);
    return response;
  }

  private entities(): string {
    if (!this.entitiesGraph) throw new StoreError('this store keeps no entities graph (no base IRI was given to it) to query as the default graph');
    return this.entitiesGraph;
  }

  /**
   * The entities graph as the default graph of a query that names no dataset. On Virtuoso by its
   * `input:default-graph-uri` pragma, which leaves every named graph reachable with GRAPH ?g but
   * none with GRAPH <iri> (Virtuoso 7 answers those empty): a query naming graphs as constants
   * gets them as `input:named-graph-uri` too. One that also uses GRAPH ?g would then see only
   * those, so it keeps Virtuoso's own default graph (every graph) instead, as docs/virtuoso.md
   * says. Other stores get the protocol's default-graph-uri (query()), after which a store that
   * follows the protocol to the letter may leave GRAPH ?g no named graph.
   */
  private withDefaultGraph(query: string, options?: QueryOptions): string {
    if (options?.defaultGraph !== 'entities' || this.dialect !== 'virtuoso' || declaresDataset(query)) return query;
    const graphs = graphNames(query);
    if (!graphs || (graphs.variable && graphs.constants.length > 0)) return query;
    const named = graphs.constants.map((g) => `DEFINE input:named-graph-uri <${g}>\n`).join('');
    return `DEFINE input:default-graph-uri <${this.entities()}>\n${named}${query}`;
  }

  /**
   * A read the store turned away while busy (408, 429, 502, 503, 504) or whose connection it
   * dropped is sent again after a pause (readBackoffMs, doubled each time, ±50% jitter so that
   * the reads of one page do not come back together), readAttempts times in all. A refused
   * connection (store down) and a query past its time limit are not retried.
   */
  private async retryReads(send: () => Promise<SparqlResponse>): Promise<SparqlResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        const busy = error instanceof StoreError && error.code === 'STORE_UNAVAILABLE' && (BUSY_STATUSES.has(error.context.status as number) || error.context.dropped === true);
        if (!busy || attempt >= this.options.readAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.options.readBackoffMs * 2 ** (attempt - 1) * (0.5 + Math.random())));
      }
    }
  }

  private json(response: SparqlResponse): JsonResults {
    try {
      return JSON.parse(response.body) as JsonResults;
    } catch (error) {
      throw new StoreError(`SPARQL store at ${safeUrl(this.options.queryUrl)} answered with unreadable JSON results: ${(error as Error).message}`, { code: 'STORE_PROTOCOL', cause: error });
    }
  }

  private bindings(response: SparqlResponse, query: string): { vars: string[]; rows: Record<string, JsonTerm>[] } {
    const parsed = this.json(response);
    if (!parsed.results) throw new QuerySyntaxError(`expected a SELECT query, got ${queryForm(query) ?? 'something else'}`, { code: 'QUERY_ERROR' });
    return { vars: parsed.head?.vars ?? [], rows: parsed.results.bindings };
  }

  private boolean(response: SparqlResponse, query: string): boolean {
    const parsed = this.json(response);
    if (typeof parsed.boolean === 'boolean') return parsed.boolean;
    if (parsed.head?.vars?.length === 1 && parsed.head.vars[0] === VIRTUOSO_ASK_VAR) {
      const value = parsed.results?.bindings[0]?.[VIRTUOSO_ASK_VAR]?.value;
      return value === '1' || value === 'true';
    }
    throw new QuerySyntaxError(`expected an ASK query, got ${queryForm(query) ?? 'something else'}`, { code: 'QUERY_ERROR' });
  }

  private graphAnswer(response: SparqlResponse): Quad[] {
    try {
      // Turtle's parser reads N-Triples too, whichever of the two the store chose.
      return parseRdf(response.body, { format: 'text/turtle' }).map(normalise);
    } catch (error) {
      throw new StoreError(`SPARQL store at ${safeUrl(this.options.queryUrl)} answered with unreadable RDF: ${(error as Error).message}`, { code: 'STORE_PROTOCOL', cause: error });
    }
  }

  private tooMany(count: number): StoreError {
    return new StoreError(`answer has ${count} solutions/triples, more than the limit ${this.options.maxResults}`, { code: 'TOO_MANY_RESULTS' });
  }

  private notAcceptable(form: QueryForm, mediaType: string, offered: readonly string[]): Error {
    return new BadRequestError(`a ${form} answer cannot be given as ${mediaType}; use one of ${offered.join(', ')}`, { code: 'NOT_ACCEPTABLE' });
  }
}

function toPlain(t: JsonTerm): PlainTerm {
  const term = termFromJson(t);
  if (term.termType === 'Literal') return { termType: 'Literal', value: term.value, language: term.language || undefined, datatype: term.datatype.value };
  return { termType: term.termType as PlainTerm['termType'], value: term.value };
}

/** Blank node labels made safe and booleans canonical, as for JSON results. */
function normalise(q: Quad): Quad {
  const fix = (t: Quad['subject'] | Quad['object']): any =>
    t.termType === 'BlankNode' ? blankNode(safeBlankLabel(t.value)) : t.termType === 'Literal' && t.datatype.value === XSD_BOOLEAN ? canonicalBoolean(t.value) : t;
  const [s, o] = [fix(q.subject), fix(q.object)];
  return s === q.subject && o === q.object ? q : quad(s, q.predicate, o, q.graph);
}

/** A graph's triples as N-Triples (their graph terms dropped), the body of a Graph Store PUT. */
function toNTriples(quads: Quad[]): string {
  return toNQuads(quads.map((q) => quad(q.subject, q.predicate, q.object, defaultGraph())));
}
