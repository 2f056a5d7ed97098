/**
 * Term identity and N-Triples text. Engines index terms by a string key; the key equals the
 * N-Triples form for IRIs and blank nodes minus brackets, which keeps it cheap to build.
 */
import N3 from 'n3';
import type { Term } from '../../core/rdf.js';

/**
 * A string unique per RDF term: N3's term id (IRI, `_:label`, `"lexical"@lang`, `"lexical"^^datatype`,
 * plain `"lexical"` for xsd:string). N3 terms carry it precomputed; other factories' terms get the same form.
 */
export function termKey(t: Term): string {
  return N3.termToId(t as Parameters<typeof N3.termToId>[0]);
}

function escapeLiteral(value: string): string {
  return value.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] as string);
}

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/** The term in N-Triples syntax (`<iri>`, `_:b0`, `"text"@nl`, `"1"^^<...#integer>`). */
export function toNTriples(t: Term): string {
  switch (t.termType) {
    case 'NamedNode':
      return `<${t.value}>`;
    case 'BlankNode':
      return `_:${t.value}`;
    case 'Literal': {
      const lex = `"${escapeLiteral(t.value)}"`;
      if (t.language) return `${lex}@${t.language}`;
      return t.datatype.value === XSD_STRING ? lex : `${lex}^^<${t.datatype.value}>`;
    }
    default:
      return `?${t.value}`;
  }
}

/** IRI as-is, blank node as `_:label`, literal in N-Triples (the report contract's node notation). */
export function nodeLabel(t: Term): string {
  if (t.termType === 'Literal') return toNTriples(t);
  return t.termType === 'BlankNode' ? `_:${t.value}` : t.value;
}
