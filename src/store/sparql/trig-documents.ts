/**
 * Put graphs as TriG documents for SPARQL `LOAD` (bulk loading into a remote store). A document
 * holds whole graphs, up to `maxBytes` (a graph larger than that gets a document of its own).
 * Blank node labels are document-scoped in TriG, so each graph's nodes get labels of their own
 * (triplesText) and two graphs never share a node.
 */
import type { GraphWrite } from '../store.js';
import { iriToSparql, triplesText } from './sparql-terms.js';

export interface TrigDocument {
  body: string;
  /** Graphs the document holds, for error messages. */
  graphs: string[];
}

function graphBlock(put: GraphWrite, index: number): string {
  return `${iriToSparql(put.graph, 'graph name')} {\n${triplesText(put.graph, put.quads, index).text}}\n`;
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
