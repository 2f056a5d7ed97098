/**
 * A ChangeSet as few SPARQL Update requests as possible. A request clears the graphs it drops
 * or replaces, then inserts all of its put graphs in one INSERT DATA (graphs with blank nodes:
 * one INSERT … WHERE {}, whose blank nodes are fresh like INSERT DATA's, since Virtuoso 7
 * refuses blank nodes in INSERT DATA). Requests are packed up to `maxBytes`; a graph is never
 * split across requests, so each graph is replaced within one request (one transaction) and
 * its blank nodes stay one node each (labels are request-scoped).
 *
 * Dialects: `standard` clears with one DROP SILENT GRAPH per graph. `virtuoso` clears all the
 * request's graphs with one DELETE … VALUES (in Virtuoso a graph is nothing but its quads) and
 * adds `define sql:big-data-const 1`: Virtuoso compiles each operation to SQL and without it
 * a 1000-triple INSERT DATA takes seconds and a few hundred graphs overflow its code vector.
 * Put graphs the change set names `fresh` are not cleared (the store does not hold them).
 */
import type { Quad } from '../../core/rdf.js';
import type { ChangeSet } from '../store.js';
import { iriToSparql, triplesText } from './sparql-terms.js';

export type Dialect = 'standard' | 'virtuoso';

export interface UpdateRequest {
  body: string;
  /** Graphs this request drops or replaces, for error messages. */
  graphs: string[];
}

interface GraphText {
  graph: string;
  iri: string;
  /** `GRAPH <g> { … }`, or '' for a graph that is only dropped (or put empty). */
  block: string;
  blank: boolean;
  /** Cleared before the insert: false for a fresh graph. */
  clear: boolean;
}

function graphText(graph: string, quads: Quad[] | undefined, graphIndex: number, clear: boolean): GraphText {
  const iri = iriToSparql(graph, 'graph name');
  if (!quads?.length) return { graph, iri, block: '', blank: false, clear };
  const { text, blank } = triplesText(graph, quads, graphIndex);
  return { graph, iri, block: `GRAPH ${iri} {\n${text}}`, blank, clear };
}

function requestBody(items: GraphText[], dialect: Dialect): string {
  const ops: string[] = [];
  const cleared = items.filter((i) => i.clear);
  if (dialect === 'virtuoso' && cleared.length) {
    ops.push(`DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { VALUES ?g { ${cleared.map((i) => i.iri).join(' ')} } GRAPH ?g { ?s ?p ?o } }`);
  } else if (dialect === 'standard') {
    for (const i of cleared) ops.push(`DROP SILENT GRAPH ${i.iri}`);
  }
  const data = items.filter((i) => i.block && !i.blank).map((i) => i.block);
  if (data.length) ops.push(`INSERT DATA {\n${data.join('\n')}\n}`);
  const blank = items.filter((i) => i.blank).map((i) => i.block);
  if (blank.length && dialect === 'virtuoso') {
    // Virtuoso 7 fails on a template with several GRAPH blocks (SR002), so one each.
    for (const block of blank) ops.push(`INSERT {\n${block}\n} WHERE {}`);
  } else if (blank.length) {
    ops.push(`INSERT {\n${blank.join('\n')}\n} WHERE {}`);
  }
  const body = ops.join(' ;\n');
  return dialect === 'virtuoso' ? `define sql:big-data-const 1\n${body}` : body;
}

/**
 * Virtuoso compiles every operation of a request together, in time that grows faster than
 * their number; graphs with blank nodes cost one operation each there, so a request takes at
 * most this many of them.
 */
const VIRTUOSO_MAX_BLANK_GRAPHS = 20;

/**
 * Virtuoso clears the graphs of a request in time that grows faster than their number when their
 * IRIs are new to it (a first publication): 4000 new graphs take ~2.9 s in one request and ~0.5 s
 * in eight of 500 (one-off measurement on Virtuoso 7.2, docs/virtuoso.md). So a request clears
 * at most this many graphs.
 */
const VIRTUOSO_MAX_CLEARED_GRAPHS = 500;

/** The put graphs a store need not clear: named `fresh` and not also dropped (a drop is always carried out). */
export function freshPuts(changes: ChangeSet): Set<string> {
  if (!changes.fresh?.length) return new Set();
  const dropped = new Set(changes.drop ?? []);
  return new Set(changes.fresh.filter((g) => !dropped.has(g)));
}

export function updateRequests(changes: ChangeSet, maxBytes: number, dialect: Dialect = 'standard'): UpdateRequest[] {
  const puts = changes.put ?? [];
  const putGraphs = new Set(puts.map((p) => p.graph));
  // A graph both dropped and put in one change set ends up put: its drop is the put's clear.
  const items: GraphText[] = [...new Set(changes.drop ?? [])].filter((g) => !putGraphs.has(g)).map((g, i) => graphText(g, undefined, i, true));
  // The last put of a graph wins, as if the puts were applied in order.
  const lastPut = new Map(puts.map((p) => [p.graph, p.quads]));
  const fresh = freshPuts(changes);
  [...lastPut].forEach(([graph, quads], i) => items.push(graphText(graph, quads, i, !fresh.has(graph))));

  const requests: UpdateRequest[] = [];
  let chunk: GraphText[] = [];
  let bytes = 0;
  let blankOps = 0;
  for (const item of items) {
    const size = item.block.length + item.iri.length + 24;
    const full =
      bytes + size > maxBytes ||
      (dialect === 'virtuoso' && ((item.blank && blankOps >= VIRTUOSO_MAX_BLANK_GRAPHS) || chunk.length >= VIRTUOSO_MAX_CLEARED_GRAPHS));
    if (chunk.length && full) {
      requests.push({ body: requestBody(chunk, dialect), graphs: chunk.map((c) => c.graph) });
      chunk = [];
      bytes = 0;
      blankOps = 0;
    }
    chunk.push(item);
    bytes += size;
    if (item.blank) blankOps++;
  }
  if (chunk.length) requests.push({ body: requestBody(chunk, dialect), graphs: chunk.map((c) => c.graph) });
  return requests;
}
