/**
 * Lean RDF/JS terms for the mapping output. N3's terms keep one id string and re-parse it in
 * every `value`/`language` getter, which dominated the profile when writing millions of quads;
 * these are plain objects that satisfy the same RDF/JS interfaces.
 */
import type { Quad, Term } from '../../core/rdf.js';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const RDF_LANG_STRING = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString';

export class IriTerm {
  readonly termType = 'NamedNode' as const;
  /** N-Quads form, when the IRI is known to need no escaping (validated on creation). */
  nq?: string;
  constructor(readonly value: string, trusted = false) {
    if (trusted) this.nq = `<${value}>`;
  }
  equals(other: Term | null | undefined): boolean {
    return !!other && other.termType === 'NamedNode' && other.value === this.value;
  }
}

export class BlankTerm {
  readonly termType = 'BlankNode' as const;
  constructor(readonly value: string) {}
  equals(other: Term | null | undefined): boolean {
    return !!other && other.termType === 'BlankNode' && other.value === this.value;
  }
}

const STRING = new IriTerm(XSD_STRING, true);
const LANG_STRING = new IriTerm(RDF_LANG_STRING, true);

export class LiteralTerm {
  readonly termType = 'Literal' as const;
  readonly direction = '' as const;
  constructor(
    readonly value: string,
    readonly language: string,
    readonly datatype: IriTerm | Term,
  ) {}
  equals(other: Term | null | undefined): boolean {
    return (
      !!other &&
      other.termType === 'Literal' &&
      other.value === this.value &&
      other.language === this.language &&
      other.datatype.value === this.datatype.value
    );
  }
}

export class DefaultGraphTerm {
  readonly termType = 'DefaultGraph' as const;
  readonly value = '' as const;
  equals(other: Term | null | undefined): boolean {
    return !!other && other.termType === 'DefaultGraph';
  }
}

const DEFAULT_GRAPH = new DefaultGraphTerm();

export class QuadTerm {
  readonly termType = 'Quad' as const;
  readonly value = '' as const;
  constructor(
    readonly subject: Term,
    readonly predicate: Term,
    readonly object: Term,
    readonly graph: Term,
  ) {}
  equals(other: Term | null | undefined): boolean {
    if (!other || other.termType !== 'Quad') return false;
    const o = other as unknown as QuadTerm;
    return this.subject.equals(o.subject) && this.predicate.equals(o.predicate) && this.object.equals(o.object) && this.graph.equals(o.graph);
  }
}

export const namedNode = (iri: string, trusted = false): Term => new IriTerm(iri, trusted) as unknown as Term;
export const blankNode = (label: string): Term => new BlankTerm(label) as unknown as Term;
export const defaultGraph = (): Term => DEFAULT_GRAPH as unknown as Term;
export function literal(value: string, languageOrDatatype?: string | Term): Term {
  if (typeof languageOrDatatype === 'string') return new LiteralTerm(value, languageOrDatatype.toLowerCase(), LANG_STRING) as unknown as Term;
  return new LiteralTerm(value, '', languageOrDatatype ?? STRING) as unknown as Term;
}
export const quad = (s: Term, p: Term, o: Term, g: Term): Quad => new QuadTerm(s, p, o, g) as unknown as Quad;
