/**
 * Worker thread holding a replica of the dataset. It applies every commit (off the main thread,
 * which meanwhile maps the next batch), answers SPARQL queries, so a long query blocks neither
 * the HTTP server nor the main thread, and the store's own reads (a graph, a count, a
 * snapshot). A runaway query is stopped by terminating this thread (Oxigraph's WASM evaluation
 * cannot be interrupted from inside). Messages are handled in order, so a read sent after a
 * commit sees it.
 *
 * A WASM trap (RuntimeError: "memory access out of bounds", "unreachable", a stack overflow
 * inside the engine) may leave the instance's memory corrupt: after one, this worker answers
 * the request that trapped with `trapped` and then nothing more, and the pool replaces it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import oxigraph from 'oxigraph';
import { StoreDamagedError } from '../../core/errors.js';
import { writeFileAtomicSync } from './journal.js';
import { Replica } from './replica.js';
import { declaresDataset } from '../query-dataset.js';
import { RESULT_MEDIA_TYPES, serializeBindings, serializeBoolean, type PlainBindings, type PlainTerm } from '../results-format.js';
import type { WorkerRequest, WorkerResponse } from './worker-protocol.js';

const port = parentPort!;
/** Formats that can carry graph names; the others dump the (default) graph of the CONSTRUCT result. */
const DATASET_FORMATS = new Set(['application/n-quads', 'application/trig']);
const { snapshotPath, journalPath, entitiesGraph } = workerData as { snapshotPath: string; journalPath: string; entitiesGraph?: string };
const replica = new Replica(entitiesGraph);
const pending: Extract<WorkerRequest, { type: 'apply' }>[] = [];
let ready = false;
/** Set by the first trap: the dataset in this instance can no longer be trusted. */
let poisoned = false;

/**
 * Whether an error is the WASM instance trapping rather than an ordinary (query) error. A stack
 * overflow inside the engine counts too: it unwinds Rust code half-way, leaving its state unknown.
 */
function isTrap(error: unknown): boolean {
  if (error instanceof WebAssembly.RuntimeError) return true;
  if (error instanceof RangeError && /call stack/i.test(error.message)) return true;
  const message = (error as Error)?.message ?? '';
  return /memory access out of bounds|^unreachable|unreachable executed|call stack exhausted|table index is out of bounds|indirect call/i.test(message);
}

function plain(term: any): PlainTerm {
  if (term.termType === 'Literal') {
    return { termType: 'Literal', value: term.value, language: term.language || undefined, datatype: term.datatype?.value };
  }
  return { termType: term.termType, value: term.value };
}

/** The public endpoint's default graph is the entities graph; the hub's own reads see the union of all graphs. */
function defaultGraphOptions(defaultGraph: 'union' | 'entities' | undefined): { use_default_graph_as_union: true } | { default_graph: oxigraph.NamedNode } {
  if (defaultGraph !== 'entities') return { use_default_graph_as_union: true };
  if (!entitiesGraph) throw new Error('this store keeps no entities graph (no base IRI was given to it) to query as the default graph');
  return { default_graph: oxigraph.namedNode(entitiesGraph) };
}

function run(request: Extract<WorkerRequest, { type: 'query' }>): WorkerResponse {
  const { id, query, mediaType, maxResults } = request;
  // The default graph is chosen only when the query names no dataset: Oxigraph's options would
  // otherwise override FROM (SPARQL 1.1 Protocol dataset tests). Named graphs stay all reachable.
  const options = declaresDataset(query) ? {} : defaultGraphOptions(request.defaultGraph);
  const isBindingsType = Object.values(RESULT_MEDIA_TYPES).includes(mediaType as any);
  const result = replica.store.query(query, isBindingsType ? { ...options, results_format: 'application/sparql-results+json' } : options);
  if (typeof result === 'boolean') {
    return { type: 'result', id, kind: 'boolean', boolean: result, body: mediaType === 'plain' ? '' : serializeBoolean(result, mediaType), truncated: false };
  }
  if (typeof result === 'string') {
    const parsed = JSON.parse(result) as { head: { vars?: string[] }; boolean?: boolean; results?: { bindings: Record<string, any>[] } };
    if (typeof parsed.boolean === 'boolean') {
      return { type: 'result', id, kind: 'boolean', boolean: parsed.boolean, body: serializeBoolean(parsed.boolean, mediaType), truncated: false };
    }
    const all = parsed.results?.bindings ?? [];
    const truncated = all.length > maxResults;
    const rows: PlainBindings[] = all.slice(0, maxResults).map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([k, t]) => [
          k,
          t.type === 'uri'
            ? { termType: 'NamedNode', value: t.value }
            : t.type === 'bnode'
              ? { termType: 'BlankNode', value: t.value }
              : { termType: 'Literal', value: t.value, language: t['xml:lang'], datatype: t.datatype },
        ]),
      ),
    );
    return { type: 'result', id, kind: 'bindings', vars: parsed.head.vars ?? [], body: serializeBindings(parsed.head.vars ?? [], rows, mediaType), truncated };
  }
  if (result.length > 0 && result[0] instanceof Map) {
    const maps = result as Map<string, any>[];
    const truncated = maps.length > maxResults;
    const rows = maps.slice(0, maxResults).map((m) => Object.fromEntries([...m.entries()].map(([k, v]) => [k, plain(v)])));
    return { type: 'result', id, kind: 'bindings', rows, body: '', truncated };
  }
  const quads = result as any[];
  const truncated = quads.length > maxResults;
  const kept = truncated ? quads.slice(0, maxResults) : quads;
  if (mediaType === 'plain') {
    return { type: 'result', id, kind: 'graph', quads: kept.map((q) => [plain(q.subject), plain(q.predicate), plain(q.object)]), body: '', truncated };
  }
  const temp = new oxigraph.Store(kept.map((q) => oxigraph.quad(q.subject, q.predicate, q.object)));
  return { type: 'result', id, kind: 'graph', body: temp.dump(DATASET_FORMATS.has(mediaType) ? { format: mediaType } : { format: mediaType, from_graph_name: oxigraph.defaultGraph() }), truncated };
}

function apply(message: Extract<WorkerRequest, { type: 'apply' }>): void {
  try {
    replica.apply(message.entry);
    if (message.ack) port.postMessage({ type: 'applied', seq: message.entry.seq } satisfies WorkerResponse);
  } catch (error) {
    const trapped = isTrap(error);
    poisoned ||= trapped;
    if (!message.ack && !trapped) throw error;
    port.postMessage({ type: 'apply-failed', seq: message.entry.seq, message: (error as Error).message, trapped } satisfies WorkerResponse);
  }
}

function count(graphs: string[] | undefined): number {
  if (!graphs) return replica.store.size;
  if (graphs.length === 0) return 0;
  // The graph names were checked as IRIs when the commit was made (oxigraph-store.ts).
  const rows = replica.store.query(`SELECT (COUNT(*) AS ?n) WHERE { VALUES ?g { ${graphs.map((g) => `<${g}>`).join(' ')} } GRAPH ?g { ?s ?p ?o } }`) as Map<string, any>[];
  return Number(rows[0]?.get('n')?.value ?? 0);
}

function handle(message: Exclude<WorkerRequest, { type: 'apply' }>): WorkerResponse {
  if (message.type === 'query') return run(message);
  if (message.type === 'graph') {
    const triples = replica.store.match(null, null, null, oxigraph.namedNode(message.graph)).map((q: any) => [plain(q.subject), plain(q.predicate), plain(q.object)] as [PlainTerm, PlainTerm, PlainTerm]);
    return { type: 'done', id: message.id, triples };
  }
  if (message.type === 'count') return { type: 'done', id: message.id, count: count(message.graphs) };
  // Synchronous, so no commit is applied while the dataset is being written.
  writeFileAtomicSync(message.path, replica.snapshot());
  return { type: 'done', id: message.id };
}

port.on('message', (message: WorkerRequest) => {
  if (poisoned) return;
  if (message.type === 'apply') {
    if (ready) apply(message);
    else pending.push(message);
    return;
  }
  try {
    port.postMessage(handle(message));
  } catch (error) {
    const trapped = isTrap(error);
    poisoned ||= trapped;
    port.postMessage({ type: 'error', id: message.id, message: (error as Error).message, trapped } satisfies WorkerResponse);
  }
});

replica
  .loadFrom(snapshotPath, journalPath)
  .then(() => {
    for (const message of pending) apply(message);
    pending.length = 0;
    ready = true;
    port.postMessage({ type: 'ready', seq: replica.seq } satisfies WorkerResponse);
  })
  .catch((error: Error) => port.postMessage({ type: 'fatal', message: error.message, damaged: error instanceof StoreDamagedError } satisfies WorkerResponse));
