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

/**
 * The non-empty puts as TriG documents of at most `maxBytes` (UTF-16 code units, close enough),
 * split into `parts` of about equal size when there are graphs enough (to be loaded side by side);
 * more when `maxBytes` asks for it.
 */
export function trigDocuments(puts: readonly GraphWrite[], maxBytes: number, parts = 1): TrigDocument[] {
  const blocks: { graph: string; text: string }[] = [];
  let total = 0;
  puts.forEach((put, index) => {
    if (!put.quads.length) return;
    const text = graphBlock(put, index);
    blocks.push({ graph: put.graph, text });
    total += text.length;
  });
  // Each of the first parts - 1 documents ends once it holds its share; no document passes maxBytes.
  const share = total / parts;
  const documents: TrigDocument[] = [];
  let texts: string[] = [];
  let bytes = 0;
  let graphs: string[] = [];
  const close = () => {
    documents.push({ body: texts.join(''), graphs });
    texts = [];
    bytes = 0;
    graphs = [];
  };
  for (const block of blocks) {
    if (graphs.length && bytes + block.text.length > maxBytes) close();
    texts.push(block.text);
    bytes += block.text.length;
    graphs.push(block.graph);
    if (bytes >= share && documents.length < parts - 1) close();
  }
  if (graphs.length) close();
  return documents;
}
