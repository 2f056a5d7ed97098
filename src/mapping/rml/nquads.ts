/** A lean N-Quads line writer for the mapping output path (N3's Writer re-checks every term). */
import type { Quad, Term } from '../../core/rdf.js';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const LITERAL_ESCAPE = /["\\\n\r\t\b\f]/;
const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
// eslint-disable-next-line no-control-regex
const IRI_ESCAPE = /[\u0000-\u0020<>"{}|^`\\]/;

function iri(value: string): string {
  if (!IRI_ESCAPE.test(value)) return `<${value}>`;
  // eslint-disable-next-line no-control-regex
  return `<${value.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}>`;
}

function term(t: Term): string {
  switch (t.termType) {
    case 'NamedNode':
      return (t as { nq?: string }).nq ?? iri(t.value);
    case 'BlankNode':
      return `_:${t.value}`;
    case 'Literal': {
      const v = LITERAL_ESCAPE.test(t.value) ? t.value.replace(/["\\\n\r\t\b\f]/g, (c) => ESCAPES[c]) : t.value;
      if (t.language) return `"${v}"@${t.language}`;
      return t.datatype.value === XSD_STRING ? `"${v}"` : `"${v}"^^${term(t.datatype)}`;
    }
    default:
      return '';
  }
}

export function quadToNQuads(q: Quad): string {
  const g = q.graph.termType === 'DefaultGraph' ? '' : ` ${term(q.graph as Term)}`;
  return `${term(q.subject as Term)} ${term(q.predicate as Term)} ${term(q.object as Term)}${g} .\n`;
}
