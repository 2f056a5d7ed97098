/**
 * RDF/JS terms as used everywhere outside store/: N3's DataFactory and the @rdfjs/types
 * interfaces. The store converts to and from its engine's terms at its boundary.
 */
import N3 from 'n3';
import type * as RDF from '@rdfjs/types';

export type Quad = RDF.Quad;
export type Term = RDF.Term;
export type NamedNode = RDF.NamedNode;
export type Literal = RDF.Literal;
export type BlankNode = RDF.BlankNode;

export const factory = N3.DataFactory;
export const { namedNode, literal, blankNode, quad, defaultGraph } = N3.DataFactory;

/** Serialises quads as N-Quads (one line per quad). */
export function toNQuads(quads: Iterable<Quad>): string {
  const writer = new N3.Writer({ format: 'N-Quads' });
  let out = '';
  for (const q of quads) out += writer.quadToString(q.subject, q.predicate, q.object, q.graph);
  return out;
}

/** Each quad's N-Quads line (with its newline), in the order given. */
export function nQuadLines(quads: Iterable<Quad>): string[] {
  const writer = new N3.Writer({ format: 'N-Quads' });
  const out: string[] = [];
  for (const q of quads) out.push(writer.quadToString(q.subject, q.predicate, q.object, q.graph));
  return out;
}

/** Parses Turtle, TriG, N-Triples or N-Quads text. */
export function parseRdf(text: string, options: { format?: string; baseIRI?: string } = {}): Quad[] {
  return new N3.Parser({ format: options.format, baseIRI: options.baseIRI }).parse(text);
}

/** Gives every quad the named graph `graph`. */
export function inGraph(quads: Iterable<Quad>, graph: string): Quad[] {
  const g = namedNode(graph);
  const out: Quad[] = [];
  for (const q of quads) out.push(quad(q.subject, q.predicate, q.object, g));
  return out;
}
