/**
 * RDF terms across the SPARQL protocol boundary: RDF/JS terms written as SPARQL Update text,
 * SPARQL JSON results read back as RDF/JS terms, and the form of a query (SELECT, ASK...).
 */
import { StoreError } from '../../core/errors.js';
import { blankNode, literal, namedNode, type Literal, type Quad, type Term } from '../../core/rdf.js';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';
/** Characters SPARQL's IRIREF production does not allow. */
// eslint-disable-next-line no-control-regex
const UNSAFE_IRI = /[\u0000-\u0020<>"{}|^`\\]/;

export function iriToSparql(iri: string, where: string): string {
  if (UNSAFE_IRI.test(iri) || !/^[a-z][a-z0-9+.-]*:/i.test(iri)) {
    throw new StoreError(`${where}: ${JSON.stringify(iri)} is not an absolute IRI that SPARQL can carry`, { code: 'STORE_REJECTED' });
  }
  return `<${iri}>`;
}

function escapeString(value: string): string {
  return value.replace(/[\\"\n\r\t\b\f]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[c]!);
}

/**
 * A term as SPARQL text. Blank nodes get labels from `bnodeLabel`, so that the caller can
 * keep them distinct per graph within one update request (labels are request-scoped).
 */
export function termToSparql(term: Term, where: string, bnodeLabel: (label: string) => string): string {
  switch (term.termType) {
    case 'NamedNode':
      return iriToSparql(term.value, where);
    case 'BlankNode':
      return `_:${bnodeLabel(term.value)}`;
    case 'Literal': {
      const text = `"${escapeString(term.value)}"`;
      if (term.language) return `${text}@${term.language}`;
      const dt = term.datatype?.value;
      return !dt || dt === XSD_STRING ? text : `${text}^^${iriToSparql(dt, where)}`;
    }
    default:
      throw new StoreError(`${where}: a ${term.termType} cannot be stored`, { code: 'STORE_REJECTED' });
  }
}

/**
 * A graph's quads as triple lines (`s p o .`), valid in a SPARQL Update block and in TriG alike.
 * Blank nodes are labelled `g<graphIndex>b<n>`, so that graphs written together in one request or
 * document never share a node. `blank` says whether there were any.
 */
export function triplesText(graph: string, quads: readonly Quad[], graphIndex: number): { text: string; blank: boolean } {
  const where = `graph ${graph}`;
  const labels = new Map<string, string>();
  const label = (value: string) => {
    let l = labels.get(value);
    if (l === undefined) labels.set(value, (l = `g${graphIndex}b${labels.size}`));
    return l;
  };
  let text = '';
  for (const q of quads) {
    text += `${termToSparql(q.subject, where, label)} ${termToSparql(q.predicate, where, label)} ${termToSparql(q.object, where, label)} .\n`;
  }
  return { text, blank: labels.size > 0 };
}

export interface JsonTerm {
  type: 'uri' | 'bnode' | 'literal' | 'typed-literal' | 'triple';
  value: string;
  'xml:lang'?: string;
  datatype?: string;
}

/**
 * Blank node labels as the store gives them (Virtuoso: `nodeID://b10007`) made safe for
 * N-Triples and Turtle; deterministic, so the same node keeps its label across answers.
 */
export function safeBlankLabel(value: string): string {
  return value.replace(/^nodeID:\/\//, '').replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * Virtuoso stores xsd:boolean as 1/0 and answers "1"^^xsd:boolean; the canonical form
 * (true/false, what was written) keeps terms equal across stores.
 */
export function canonicalBoolean(value: string): Literal {
  const v = value === '1' ? 'true' : value === '0' ? 'false' : value;
  return literal(v, namedNode(XSD_BOOLEAN));
}

export function termFromJson(t: JsonTerm): Term {
  switch (t.type) {
    case 'uri':
      return namedNode(t.value);
    case 'bnode':
      return blankNode(safeBlankLabel(t.value));
    case 'literal':
    case 'typed-literal':
      if (t['xml:lang']) return literal(t.value, t['xml:lang']);
      if (t.datatype === XSD_BOOLEAN) return canonicalBoolean(t.value);
      return literal(t.value, t.datatype && t.datatype !== RDF_LANG_STRING ? namedNode(t.datatype) : undefined);
    default:
      throw new StoreError(`SPARQL JSON results: unsupported term type ${JSON.stringify(t.type)}`, { code: 'STORE_PROTOCOL' });
  }
}

export type QueryForm = 'SELECT' | 'CONSTRUCT' | 'DESCRIBE' | 'ASK';

/**
 * The query form, read past the prologue (PREFIX/BASE), comments, IRIs and strings.
 * Undefined when the text is not recognisably a query (an update, say).
 */
export function queryForm(query: string): QueryForm | undefined {
  const stripped = query
    .replace(/<[^<>"{}|^`\\\s]*>/g, '<>')
    .replace(/"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""')
    .replace(/#[^\n]*/g, ' ');
  const match = /\b(SELECT|CONSTRUCT|DESCRIBE|ASK|INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b/i.exec(stripped);
  const form = match?.[1].toUpperCase();
  return form === 'SELECT' || form === 'CONSTRUCT' || form === 'DESCRIBE' || form === 'ASK' ? form : undefined;
}
