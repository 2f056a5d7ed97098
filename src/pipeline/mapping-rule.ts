/**
 * Links a SHACL result back to the mapping rule (triples map) that produced the offending triple,
 * for harvest reports and uploads alike.
 */
import type { Quad } from '../core/rdf.js';
import type { ValidationResult } from '../validation/validator.js';

/**
 * The mapping rule behind each result: the rule of the triple it is about, else of the focus
 * node's first triple. The quads are indexed by subject once, so a large upload with many
 * results costs one pass, not a pass per result.
 */
export function mappingRules(quads: readonly Quad[], origins: readonly string[] | undefined): (result: ValidationResult) => string | undefined {
  if (!origins) return () => undefined;
  const bySubject = new Map<string, { first: string | undefined; byPredicate: Map<string, string | undefined> }>();
  for (let i = 0; i < quads.length; i++) {
    const q = quads[i]!;
    let entry = bySubject.get(q.subject.value);
    if (!entry) bySubject.set(q.subject.value, (entry = { first: origins[i], byPredicate: new Map() }));
    if (!entry.byPredicate.has(q.predicate.value)) entry.byPredicate.set(q.predicate.value, origins[i]);
  }
  return (result) => {
    const entry = bySubject.get(result.focusNode.startsWith('_:') ? result.focusNode.slice(2) : result.focusNode);
    if (!entry) return undefined;
    const path = result.path?.replace(/^<|>$/g, '');
    return (path && entry.byPredicate.get(path)) || entry.first;
  };
}
