/**
 * Pre-processing for shapes graphs written with OWL restrictions, as Europeana's EDM-external
 * SHACL is: `:StringLiteralProperty rdfs:subClassOf [ owl:onProperty sh:node ; owl:hasValue X ]`
 * and `:dcTitleProperty a :StringLiteralProperty` mean that :dcTitleProperty has `sh:node X`.
 * This materialises those owl:hasValue restrictions (following rdfs:subClassOf transitively) so
 * that a plain SHACL engine sees the constraints. Graphs without such restrictions are unchanged.
 */
import type { Quad, Term } from '../../core/rdf.js';
import { namedNode, quad } from '../../core/rdf.js';
import { OWL, RDF, RDFS } from '../../core/vocab.js';
import { termKey } from './term-keys.js';

export function materialiseHasValueRestrictions(quads: Quad[]): Quad[] {
  const onProperty = new Map<string, Term>();
  const hasValue = new Map<string, Term[]>();
  const superOf = new Map<string, Term[]>();
  const typed: Quad[] = [];
  for (const q of quads) {
    const p = q.predicate.value;
    const s = termKey(q.subject);
    if (p === OWL('onProperty')) onProperty.set(s, q.object);
    else if (p === OWL('hasValue')) (hasValue.get(s) ?? hasValue.set(s, []).get(s))?.push(q.object);
    else if (p === RDFS('subClassOf')) (superOf.get(s) ?? superOf.set(s, []).get(s))?.push(q.object);
    else if (p === RDF('type')) typed.push(q);
  }
  if (onProperty.size === 0) return quads;

  // For each class: the (property, value) pairs its instances get, from its superclass restrictions.
  const memo = new Map<string, Array<[Term, Term]>>();
  const inherited = (cls: Term, seen = new Set<string>()): Array<[Term, Term]> => {
    const k = termKey(cls);
    const cached = memo.get(k);
    if (cached) return cached;
    if (seen.has(k)) return [];
    seen.add(k);
    const out: Array<[Term, Term]> = [];
    for (const sup of superOf.get(k) ?? []) {
      const sk = termKey(sup);
      const prop = onProperty.get(sk);
      if (prop) for (const v of hasValue.get(sk) ?? []) out.push([prop, v]);
      else out.push(...inherited(sup, seen));
    }
    memo.set(k, out);
    return out;
  };

  const seen = new Set(quads.map((q) => `${termKey(q.subject)} ${q.predicate.value} ${termKey(q.object)}`));
  const added: Quad[] = [];
  for (const t of typed) {
    for (const [prop, value] of inherited(t.object)) {
      const key = `${termKey(t.subject)} ${prop.value} ${termKey(value)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      added.push(quad(t.subject, namedNode(prop.value), value as Quad['object']));
    }
  }
  return added.length ? [...quads, ...added] : quads;
}
