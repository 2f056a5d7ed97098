/**
 * Put graphs as TriG documents for SPARQL `LOAD` (bulk loading into a remote store). A document
 * holds whole graphs, up to `maxBytes` (a graph larger than that gets a document of its own).
 * Blank node labels are document-scoped in TriG, so each graph's nodes get labels of their own
 * (`g<graph>b<n>`) and two graphs never share a node.
 */
import type { GraphWrite } from '../store.js';
import { iriToSparql, termToSparql } from './sparql-terms.js';

export interface TrigDocument {
  body: string;
  /** Graphs the document holds, for error messages. */
  graphs: string[];
}

function graphBlock(put: GraphWrite, index: number): string {
  const where = `graph ${put.graph}`;
  const labels = new Map<string, string>();
  const label = (value: string) => {
    let l = labels.get(value);
    if (l === undefined) labels.set(value, (l = `g${index}b${labels.size}`));
    return l;
  };
  let body = `${iriToSparql(put.graph, 'graph name')} {\n`;
  for (const q of put.quads) {
    body += `${termToSparql(q.subject, where, label)} ${termToSparql(q.predicate, where, label)} ${termToSparql(q.object, where, label)} .\n`;
  }
  return `${body}}\n`;
}

/** The non-empty puts as TriG documents of at most `maxBytes` (UTF-16 code units, close enough). */
export function trigDocuments(puts: readonly GraphWrite[], maxBytes: number): TrigDocument[] {
  const documents: TrigDocument[] = [];
  let body = '';
  let graphs: string[] = [];
  puts.forEach((put, index) => {
    if (!put.quads.length) return;
    const block = graphBlock(put, index);
    if (graphs.length && body.length + block.length > maxBytes) {
      documents.push({ body, graphs });
      body = '';
      graphs = [];
    }
    body += block;
    graphs.push(put.graph);
  });
  if (graphs.length) documents.push({ body, graphs });
  return documents;
}
