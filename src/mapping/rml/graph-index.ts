/** A read-only subject → predicate → objects index over a mapping's quads, with RDF list reading. */
import { MappingError } from '../../core/errors.js';
import type { Quad, Term } from '../../core/rdf.js';
import { namedNode } from '../../core/rdf.js';
import { RDF_FIRST, RDF_NIL, RDF_REST, normaliseIri } from './vocab.js';

export const termKey = (t: Term) => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);

function normaliseTerm(t: Term): Term {
  return t.termType === 'NamedNode' ? namedNode(normaliseIri(t.value)) : t;
}

export class GraphIndex {
  private readonly bySubject = new Map<string, Map<string, Term[]>>();
  private readonly byObject = new Map<string, Term[]>();
  readonly subjects = new Map<string, Term>();

  constructor(quads: Iterable<Quad>) {
    for (const q of quads) {
      if (!q.subject || !q.predicate || !q.object) throw new MappingError('The mapping has an incomplete triple (a YARRRML value the parser could not read?)');
      const s = q.subject as Term;
      const p = normaliseIri(q.predicate.value);
      const o = normaliseTerm(q.object as Term);
      const sk = termKey(s);
      this.subjects.set(sk, s);
      let props = this.bySubject.get(sk);
      if (!props) this.bySubject.set(sk, (props = new Map()));
      const list = props.get(p);
      if (list) list.push(o);
      else props.set(p, [o]);
      const ok = `${p} ${termKey(o)}`;
      const subs = this.byObject.get(ok);
      if (subs) subs.push(s);
      else this.byObject.set(ok, [s]);
    }
  }

  objects(subject: Term, predicate: string): Term[] {
    return this.bySubject.get(termKey(subject))?.get(predicate) ?? [];
  }

  /** The single object of `predicate`, or undefined; `onMany` is called when there are several. */
  object(subject: Term, predicate: string, onMany?: (objects: Term[]) => void): Term | undefined {
    const list = this.objects(subject, predicate);
    if (list.length > 1 && onMany) onMany(list);
    return list[0];
  }

  has(subject: Term, predicate: string): boolean {
    return this.objects(subject, predicate).length > 0;
  }

  subjectsWith(predicate: string, object: Term): Term[] {
    return this.byObject.get(`${predicate} ${termKey(object)}`) ?? [];
  }

  predicates(subject: Term): string[] {
    return [...(this.bySubject.get(termKey(subject))?.keys() ?? [])];
  }

  /** Reads an RDF collection starting at `head` (rdf:first/rdf:rest), guarding against cycles. */
  list(head: Term): Term[] {
    const out: Term[] = [];
    const seen = new Set<string>();
    let node: Term | undefined = head;
    while (node && !(node.termType === 'NamedNode' && node.value === RDF_NIL)) {
      const key = termKey(node);
      if (seen.has(key)) break;
      seen.add(key);
      const first = this.object(node, RDF_FIRST);
      if (first === undefined) break;
      out.push(first);
      node = this.object(node, RDF_REST);
    }
    return out;
  }
}
