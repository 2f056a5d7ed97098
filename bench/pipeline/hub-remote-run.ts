/**
 * Scenario "hub-remote": the same pipeline as "hub" (hub-run.ts: the real `uitdatabank`
 * connector on the bench Search API fixture, RML mapping, compiled SHACL, runSource) publishing
 * into the remote SPARQL store instead of the embedded one: the `SparqlStore` that
 * `hub.store.type: sparql` gives (built by createStore from parsed settings, so with a user's
 * defaults), on a private Virtuoso 7 started by the caller.
 *
 * The quads it publishes are also written, as N-Quads, to `nquadsOut` (a tee around the store:
 * every put graph of every commit, in commit order), so that the bare bulk loads of the same
 * quads (Virtuoso's ld_dir + rdf_loader_run, Oxigraph's `load`) have exactly the published quads.
 * The tee's time is inside the timed run and reported apart (`teeMs`).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { HubSettingsSchema } from '../../src/config/schema.js';
import { runSource } from '../../src/pipeline/run-source.js';
import { StateStore } from '../../src/pipeline/state-store.js';
import { createStore } from '../../src/store/create-store.js';
import { graphsToNQuadsBytes } from '../../src/store/oxigraph/nquads.js';
import type { SparqlStore } from '../../src/store/sparql-store.js';
import type { ChangeSet, EncodedChangeSet, Store } from '../../src/store/store.js';
import { decodeChanges } from '../../src/store/encoded-graphs.js';
import { BENCH_BASE_IRI, benchRuntime } from './hub-run.js';
import { startSearchFixtureProcess } from './search-fixture.js';

export interface HubRemoteRunResult {
  records: number;
  published: number;
  rejected: number;
  errors: number;
  /** Harvest → published into the remote store, ms (store set-up excluded). */
  ms: number;
  /** Of `ms`: time spent writing the N-Quads copy (serialising + write), ms. */
  teeMs: number;
  /** Quads written to the copy (= quads put). */
  teeQuads: number;
  /** Graphs put. */
  graphs: number;
  /** Store commits and HTTP requests to the store during the run. */
  commits: number;
  requests: number;
}

/**
 * Writes every put graph of every commit to an N-Quads file, then passes the commit on.
 * Refuses drops (the benchmark publishes only; a dropped graph could not be mirrored by an
 * append-only file). Blank nodes get labels unique per graph and commit, as the store scopes them.
 */
class TeeStore implements Store {
  teeMs = 0;
  quads = 0;
  graphs = 0;
  commits = 0;
  private readonly fd: number;

  constructor(
    readonly inner: Store,
    file: string,
  ) {
    this.fd = openSync(file, 'w');
  }

  commit(changes: ChangeSet): Promise<void> {
    const t0 = performance.now();
    if (changes.drop?.length) return Promise.reject(new Error('the benchmark tee cannot mirror dropped graphs'));
    const puts = changes.put ?? [];
    // The hub's own N-Quads encoder (the embedded store's journal): labels blank nodes per graph and commit.
    writeSync(this.fd, graphsToNQuadsBytes(puts, this.commits++));
    this.graphs += puts.length;
    this.quads += puts.reduce((n, p) => n + p.quads.length, 0);
    this.teeMs += performance.now() - t0;
    return this.inner.commit(changes);
  }

  /** The benchmark's runs publish quads (runSource); encoded commits go through the same tee. */
  commitEncoded(changes: EncodedChangeSet): Promise<void> {
    return this.commit(decodeChanges(changes));
  }

  /** Closes the copy (the remote store itself is closed by its owner). */
  async close(): Promise<void> {
    closeSync(this.fd);
  }

  open = () => this.inner.open();
  graph = (g: string) => this.inner.graph(g);
  select: Store['select'] = (q, o) => this.inner.select(q, o);
  construct: Store['construct'] = (q, o) => this.inner.construct(q, o);
  ask: Store['ask'] = (q, o) => this.inner.ask(q, o);
  queryRaw: Store['queryRaw'] = (q, o) => this.inner.queryRaw(q, o);
  health = () => this.inner.health();
}

/** How the store is written: `load` with `hub.store.bulkLoad` (LOAD of served TriG), `update` without (INSERT DATA). */
export type RemoteWrite = 'load' | 'update';

/**
 * Runs the pipeline on `count` synthetic events into the SPARQL store at `endpoint` (query,
 * update and, on Virtuoso, its Graph Store endpoint beside it), writing the published quads to
 * `nquadsOut`. Counting the quads in the store afterwards is the caller's (it knows the store).
 */
export async function hubRemoteRun(root: string, count: number, dataDir: string, batchSize: number, endpoint: string, nquadsOut: string, via: RemoteWrite): Promise<HubRemoteRunResult> {
  const fixture = await startSearchFixtureProcess(count);
  const store = { type: 'sparql', queryUrl: endpoint, ...(via === 'load' ? { bulkLoad: {} } : {}) };
  const settings = HubSettingsSchema.parse({ baseIri: BENCH_BASE_IRI, dataDir, store });
  const remote = (await createStore(settings)) as SparqlStore;
  await remote.open();
  const tee = new TeeStore(remote, nquadsOut);
  try {
    // Set-up, outside the timing: the store answers, and its dialect (Virtuoso) is learnt.
    const health = await remote.health();
    if (!health.ok) throw new Error(health.message);
    const rt = await benchRuntime(root, fixture.url);
    const requests0 = remote.requests;
    const t0 = performance.now();
    const run = await runSource({ baseIri: BENCH_BASE_IRI, dataDir }, rt, tee, new StateStore(dataDir), { batchSize });
    const ms = performance.now() - t0;
    if (run.status !== 'completed') throw new Error(`bench run ${run.status}: ${run.failure}`);
    return {
      records: run.seen,
      published: run.published,
      rejected: run.rejected,
      errors: run.errors,
      ms,
      teeMs: tee.teeMs,
      teeQuads: tee.quads,
      graphs: tee.graphs,
      commits: tee.commits,
      requests: remote.requests - requests0,
    };
  } finally {
    await tee.close();
    await remote.close();
    await fixture.close();
  }
}
