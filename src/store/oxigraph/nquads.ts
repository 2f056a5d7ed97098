/**
 * N-Quads for the graphs of one commit, written by hand: it runs for every quad the hub stores,
 * and N3's Writer (a term-by-term generic serialiser) cost more than the store's own load.
 * Every IRI and language tag is checked here, so the replicas can load the text with
 * Oxigraph's lenient parser (about twice as fast) without letting a malformed term in.
 */
import { StoreError } from '../../core/errors.js';
import type { Quad, Term } from '../../core/rdf.js';

// eslint-disable-next-line no-control-regex -- IRIs must not hold control characters
const UNSAFE_IRI = /[\u0000-\u0020<>"{}|^`\\]/;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const LANGUAGE = /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/i;
const LITERAL_ESCAPES = /["\\\n\r]/;
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

/** Whether `value` can stand between < and > in N-Quads as an absolute IRI. */
export function isSafeIri(value: string): boolean {
  return SCHEME.test(value) && !UNSAFE_IRI.test(value);
}

/** IRIs already checked (predicates, classes, datatypes recur in every record); emptied when large. */
const checked = new Set<string>();

function iri(value: string, graph: string): string {
  if (checked.has(value)) return `<${value}>`;
  if (!isSafeIri(value)) throw new StoreError(`graph ${graph}: ${JSON.stringify(value)} is not an absolute IRI`);
  if (checked.size >= 10_000) checked.clear();
  checked.add(value);
  return `<${value}>`;
}

function escapeLiteral(value: string): string {
  if (!LITERAL_ESCAPES.test(value)) return value;
  return value.replace(/["\\\n\r]/g, (c) => (c === '"' ? '\\"' : c === '\\' ? '\\\\' : c === '\n' ? '\\n' : '\\r'));
}

const CHUNK_BYTES = 1 << 20;

/**
 * One graph's quads as N-Quads lines in that graph, every term checked; blank node labels get
 * `blankPrefix` (unique per graph and encoding, so that two graphs never share a node).
 */
export function graphNQuads(graph: string, quads: readonly Quad[], blankPrefix: string): string {
  const g = ` ${iri(graph, graph)} .\n`;
  const blank = `_:${blankPrefix}`;
  const term = (t: Term): string => {
    if (t.termType === 'NamedNode') return iri(t.value, graph);
    if (t.termType === 'BlankNode') return blank + t.value.replace(/[^A-Za-z0-9_]/g, '_');
    if (t.termType !== 'Literal') throw new StoreError(`graph ${graph}: a ${t.termType} cannot be stored`);
    const text = `"${escapeLiteral(t.value)}"`;
    if (t.language) {
      if (!LANGUAGE.test(t.language)) throw new StoreError(`graph ${graph}: ${JSON.stringify(t.language)} is not a language tag`);
      return `${text}@${t.language}`;
    }
    const datatype = t.datatype?.value;
    return !datatype || datatype === XSD_STRING || datatype === RDF_LANG_STRING ? text : `${text}^^${iri(datatype, graph)}`;
  };
  let lines = '';
  for (const q of quads) lines += `${term(q.subject)} ${term(q.predicate)} ${term(q.object)}${g}`;
  return lines;
}

/** N-Quads of whole graphs as text (see graphsToNQuadsBytes). */
export function graphsToNQuads(puts: { graph: string; quads: Quad[] }[], seq: number): string {
  return graphsToNQuadsBytes(puts, seq).toString('utf8');
}

/**
 * N-Quads of whole graphs, UTF-8; blank node labels are made unique per graph and commit
 * (`s{seq}g{i}_…`). Each graph's lines are encoded into the buffer as they are made: one
 * string built with += for a whole commit would be flattened (and copied) again by the encoder.
 */
export function graphsToNQuadsBytes(puts: { graph: string; quads: Quad[] }[], seq: number): Buffer {
  const chunks: Buffer[] = [];
  let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  const write = (text: string) => {
    // At most 3 UTF-8 bytes per UTF-16 code unit.
    if (used + text.length * 3 > buffer.length) {
      chunks.push(buffer.subarray(0, used));
      buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, text.length * 3));
      used = 0;
    }
    used += buffer.write(text, used);
  };
  // One write per graph: a call into the encoder per line cost more than the lines themselves.
  for (let gi = 0; gi < puts.length; gi++) write(graphNQuads(puts[gi]!.graph, puts[gi]!.quads, `s${seq}g${gi}_`));
  chunks.push(buffer.subarray(0, used));
  // Exact size: a posted view would copy its whole backing chunk to every worker.
  return Buffer.concat(chunks);
}
