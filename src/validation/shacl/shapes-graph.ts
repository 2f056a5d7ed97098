/**
 * Read access to a shapes graph while compiling it. Speed does not matter here (it runs once
 * per shapes file set), clarity does.
 */
import N3 from 'n3';
import type { Quad, Term } from '../../core/rdf.js';
import { namedNode } from '../../core/rdf.js';
import { RDF } from '../../core/vocab.js';

const FIRST = namedNode(RDF('first'));
const REST = namedNode(RDF('rest'));
const NIL = RDF('nil');

export class ShapesGraph {
  readonly store: N3.Store;

  constructor(quads: Iterable<Quad>) {
    this.store = new N3.Store();
    for (const q of quads) this.store.addQuad(q.subject, q.predicate, q.object);
  }

  all(s: Term, p: string): Term[] {
    return this.store.getObjects(s, namedNode(p), null);
  }

  one(s: Term, p: string): Term | undefined {
    return this.all(s, p)[0];
  }

  has(s: Term, p: string): boolean {
    return this.store.countQuads(s, namedNode(p), null, null) > 0;
  }

  subjectsOf(p: string, o: Term | null = null): Term[] {
    return this.store.getSubjects(namedNode(p), o, null);
  }

  /** Whether `node` is the head of an RDF list (rdf:nil counts as the empty list). */
  isList(node: Term): boolean {
    return (node.termType === 'NamedNode' && node.value === NIL) || this.store.countQuads(node, FIRST, null, null) > 0;
  }

  /** The members of the RDF list starting at `head`, in order. */
  list(head: Term): Term[] {
    const out: Term[] = [];
    let node: Term | undefined = head;
    const seen = new Set<string>();
    while (node && !(node.termType === 'NamedNode' && node.value === NIL)) {
      const key = `${node.termType}:${node.value}`;
      if (seen.has(key)) throw new Error(`RDF list at ${head.value} is cyclic`);
      seen.add(key);
      const first = this.store.getObjects(node, FIRST, null)[0];
      if (first === undefined) throw new Error(`RDF list at ${head.value} is malformed: a node has no rdf:first`);
      out.push(first);
      node = this.store.getObjects(node, REST, null)[0];
    }
    return out;
  }
}
