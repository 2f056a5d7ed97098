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

function iri(value: string, graph: string): string {
  if (!isSafeIri(value)) throw new StoreError(`graph ${graph}: ${JSON.stringify(value)} is not an absolute IRI`);
  return `<${value}>`;
}

function escapeLiteral(value: string): string {
  if (!LITERAL_ESCAPES.test(value)) return value;
  return value.replace(/["\\\n\r]/g, (c) => (c === '"' ? '\\"' : c === '\\' ? '\\\\' : c === '\n' ? '\\n' : '\\r'));
}

/** N-Quads of whole graphs; blank node labels are made unique per graph and commit (`s{seq}g{i}_…`). */
export function graphsToNQuads(puts: { graph: string; quads: Quad[] }[], seq: number): string {
  let out = '';
  for (let gi = 0; gi < puts.length; gi++) {
    const { graph, quads } = puts[gi]!;
    const g = ` ${iri(graph, graph)} .\n`;
    const blank = `_:s${seq}g${gi}_`;
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
    for (const q of quads) out += `${term(q.subject)} ${term(q.predicate)} ${term(q.object)}${g}`;
  }
  return out;
}
