/**
 * The data graph of one validation run, indexed both ways (subject→predicate→objects and
 * object→predicate→subjects), built in time linear in its size: per record in the pipeline, or
 * once for a whole dataset (`hub validate`, `POST /validate`). Named graphs are merged: SHACL validates one graph, and a record's quads form it.
 */
import type { Quad, Term } from '../../core/rdf.js';
import { namedNode } from '../../core/rdf.js';
import { RDF, RDFS } from '../../core/vocab.js';
import type { ClassHierarchy } from './class-hierarchy.js';
import { termKey } from './term-keys.js';

const RDF_TYPE = RDF('type');
const SUB_CLASS_OF = RDFS('subClassOf');
const EMPTY: readonly Term[] = Object.freeze([]);

type Index = Map<string, Map<string, Term[]>>;

/**
 * Below this many values a linear scan finds duplicates faster than hashing; above it a key set
 * does, so that a class with 100,000 instances or a thesaurus term used by every object costs
 * linear time to index, not quadratic.
 */
const SCAN_LIMIT = 16;

/** The list of `to` terms under (from, p), created when missing. */
function listOf(index: Index, from: Term, p: string): Term[] {
  const k = termKey(from);
  let byPredicate = index.get(k);
  if (!byPredicate) {
    byPredicate = new Map();
    index.set(k, byPredicate);
  }
  let list = byPredicate.get(p);
  if (!list) {
    list = [];
    byPredicate.set(p, list);
  }
  return list;
}

/** Appends `to` to the (·, p) list unless already there; `keys` holds the key sets of lists past SCAN_LIMIT. */
function addUnique(byPredicate: Map<string, Term[]>, keys: WeakMap<Term[], Set<string>>, p: string, to: Term): boolean {
  const list = byPredicate.get(p);
  if (!list) {
    byPredicate.set(p, [to]);
    return true;
  }
  if (list.length < SCAN_LIMIT) {
    for (const t of list) if (t.equals(to)) return false;
    list.push(to);
    if (list.length === SCAN_LIMIT) keys.set(list, new Set(list.map(termKey)));
    return true;
  }
  const set = keys.get(list) as Set<string>;
  const k = termKey(to);
  if (set.has(k)) return false;
  set.add(k);
  list.push(to);
  return true;
}

export class DataGraph {
  private readonly out: Index = new Map();
  /** rdf:type objects → subjects, built eagerly because targets need it for every record. */
  private readonly typed: Index = new Map();
  private readonly quads: Quad[] = [];
  private inverse?: Index;
  private byPredicate?: Map<string, Array<[Term, Term]>>;
  private readonly hasSubClassOf: boolean;
  private superCache?: Map<string, Set<string>>;

  /**
   * @param hierarchy background rdfs:subClassOf knowledge, treated as part of this graph
   */
  constructor(quads: Iterable<Quad>, private readonly hierarchy?: ClassHierarchy) {
    let sub = false;
    const keys = new WeakMap<Term[], Set<string>>();
    // Data usually comes grouped by subject: consecutive quads reuse the subject's entry.
    let lastKey: string | undefined;
    let last: Map<string, Term[]> | undefined;
    for (const q of quads) {
      const p = q.predicate.value;
      const sk = termKey(q.subject);
      if (sk !== lastKey || !last) {
        last = this.out.get(sk);
        if (!last) this.out.set(sk, (last = new Map()));
        lastKey = sk;
      }
      // Duplicates are dropped here, once: a new (s, p, o) is also new in the other indexes.
      if (!addUnique(last, keys, p, q.object)) continue;
      this.quads.push(q);
      if (p === RDF_TYPE) listOf(this.typed, q.object, p).push(q.subject);
      else if (p === SUB_CLASS_OF) sub = true;
    }
    this.hasSubClassOf = sub;
  }

  /** Objects of (s, p, ?o), without duplicates. */
  objects(s: Term, p: string): readonly Term[] {
    return this.out.get(termKey(s))?.get(p) ?? EMPTY;
  }

  /** Subjects of (?s, p, o), without duplicates (the inverse index is built on first use). */
  subjects(o: Term, p: string): readonly Term[] {
    if (p === RDF_TYPE) return this.typed.get(termKey(o))?.get(p) ?? EMPTY;
    if (!this.inverse) {
      const inverse: Index = new Map();
      for (const q of this.quads) listOf(inverse, q.object, q.predicate.value).push(q.subject);
      this.inverse = inverse;
    }
    return this.inverse.get(termKey(o))?.get(p) ?? EMPTY;
  }

  /** All outgoing (predicate, objects) of a node. */
  outgoing(s: Term): ReadonlyMap<string, Term[]> | undefined {
    return this.out.get(termKey(s));
  }

  /** All (subject, object) pairs of a predicate. */
  pairs(p: string): ReadonlyArray<[Term, Term]> {
    if (!this.byPredicate) {
      const byPredicate = new Map<string, Array<[Term, Term]>>();
      for (const q of this.quads) {
        let list = byPredicate.get(q.predicate.value);
        if (!list) byPredicate.set(q.predicate.value, (list = []));
        list.push([q.subject, q.object]);
      }
      this.byPredicate = byPredicate;
    }
    return this.byPredicate.get(p) ?? [];
  }

  /** Whether `node` is a SHACL instance of `cls`: rdf:type/rdfs:subClassOf* in this graph. */
  isInstanceOf(node: Term, cls: string): boolean {
    const types = this.objects(node, RDF_TYPE);
    for (const t of types) if (t.value === cls && t.termType !== 'Literal') return true;
    if (!this.hasSubClassOf) {
      if (!this.hierarchy) return false;
      for (const t of types) if (t.termType === 'NamedNode' && this.hierarchy.superClassesOf(t.value).has(cls)) return true;
      return false;
    }
    for (const t of types) if (t.termType !== 'Literal' && this.superClasses(t).has(cls)) return true;
    return false;
  }

  /** Every SHACL instance of `cls` (explicit type of it or of one of its subclasses). */
  instancesOf(cls: Term): Term[] {
    const classes = this.hasSubClassOf
      ? this.subClasses(cls)
      : this.hierarchy
        ? this.hierarchy.selfAndSubClassesOf(cls.value).map((iri) => namedNode(iri))
        : [cls];
    const lists: (readonly Term[])[] = [];
    for (const c of classes) {
      const list = this.subjects(c, RDF_TYPE);
      if (list.length) lists.push(list);
    }
    // One typed class (the common case): its subjects are distinct already.
    if (lists.length <= 1) return lists[0] ? [...lists[0]] : [];
    const seen = new Set<string>();
    const out: Term[] = [];
    for (const list of lists) {
      for (const s of list) {
        const k = termKey(s);
        if (!seen.has(k)) {
          seen.add(k);
          out.push(s);
        }
      }
    }
    return out;
  }

  private superClasses(t: Term): Set<string> {
    this.superCache ??= new Map();
    const k = termKey(t);
    let set = this.superCache.get(k);
    if (set) return set;
    set = new Set();
    const stack: Term[] = [t];
    const seen = new Set<string>([k]);
    while (stack.length) {
      const c = stack.pop() as Term;
      for (const sup of this.withBackground(this.objects(c, SUB_CLASS_OF), c, 'up')) {
        const sk = termKey(sup);
        if (seen.has(sk)) continue;
        seen.add(sk);
        set.add(sup.value);
        stack.push(sup);
      }
    }
    this.superCache.set(k, set);
    return set;
  }

  private withBackground(fromData: readonly Term[], c: Term, direction: 'up' | 'down'): readonly Term[] {
    if (!this.hierarchy || c.termType !== 'NamedNode') return fromData;
    const extra = direction === 'up' ? this.hierarchy.directSuperClasses(c.value) : this.hierarchy.directSubClasses(c.value);
    return extra.length ? [...fromData, ...extra.map((iri) => namedNode(iri))] : fromData;
  }

  private subClasses(cls: Term): Term[] {
    const out: Term[] = [cls];
    const seen = new Set<string>([termKey(cls)]);
    for (let i = 0; i < out.length; i++) {
      const c = out[i] as Term;
      for (const sub of this.withBackground(this.subjects(c, SUB_CLASS_OF), c, 'down')) {
        const k = termKey(sub);
        if (!seen.has(k)) {
          seen.add(k);
          out.push(sub);
        }
      }
    }
    return out;
  }
}
