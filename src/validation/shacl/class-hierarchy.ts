/**
 * Background rdfs:subClassOf knowledge (e.g. the CIDOC-CRM hierarchy) that every record's data
 * graph is validated with, as if those triples were part of it. Closures are computed once and
 * shared by all records.
 */
import type { Quad } from '../../core/rdf.js';
import { RDFS } from '../../core/vocab.js';

const SUB_CLASS_OF = RDFS('subClassOf');

export class ClassHierarchy {
  private readonly up = new Map<string, string[]>();
  private readonly down = new Map<string, string[]>();
  private readonly supers = new Map<string, Set<string>>();
  private readonly subs = new Map<string, string[]>();

  constructor(quads: Iterable<Quad>) {
    for (const q of quads) {
      // Only IRIs: blank-node superclasses are OWL restrictions (EDM shapes), not classes.
      if (q.predicate.value !== SUB_CLASS_OF || q.subject.termType !== 'NamedNode' || q.object.termType !== 'NamedNode') continue;
      const sub = q.subject.value;
      const sup = q.object.value;
      (this.up.get(sub) ?? this.up.set(sub, []).get(sub))?.push(sup);
      (this.down.get(sup) ?? this.down.set(sup, []).get(sup))?.push(sub);
    }
  }

  get size(): number {
    return this.up.size;
  }

  /** Direct superclasses of a class IRI. */
  directSuperClasses(iri: string): readonly string[] {
    return this.up.get(iri) ?? [];
  }

  /** Direct subclasses of a class IRI. */
  directSubClasses(iri: string): readonly string[] {
    return this.down.get(iri) ?? [];
  }

  /** All superclasses (transitive, without the class itself unless on a cycle). */
  superClassesOf(iri: string): ReadonlySet<string> {
    let set = this.supers.get(iri);
    if (!set) {
      set = new Set(walk(iri, this.up));
      this.supers.set(iri, set);
    }
    return set;
  }

  /** The class and all its subclasses (transitive). */
  selfAndSubClassesOf(iri: string): readonly string[] {
    let list = this.subs.get(iri);
    if (!list) {
      list = [iri, ...walk(iri, this.down).filter((c) => c !== iri)];
      this.subs.set(iri, list);
    }
    return list;
  }
}

function walk(start: string, edges: Map<string, string[]>): string[] {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    for (const next of edges.get(stack.pop() as string) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return [...seen];
}
