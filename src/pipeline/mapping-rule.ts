/**
 * Links a SHACL result back to the mapping rule (triples map) that produced the offending triple,
 * for harvest reports and uploads alike.
 */
import type { Quad } from '../core/rdf.js';
import type { ValidationResult } from '../validation/validator.js';

/** The mapping rule behind a result: the rule of the triple it is about, else of any triple of its focus node. */
export function ruleFor(result: ValidationResult, quads: Quad[], origins: string[] | undefined): string | undefined {
  if (!origins) return undefined;
  const focus = result.focusNode.startsWith('_:') ? result.focusNode.slice(2) : result.focusNode;
  const path = result.path?.replace(/^<|>$/g, '');
  let fallback: string | undefined;
  for (let i = 0; i < quads.length; i++) {
    const q = quads[i]!;
    if (q.subject.value !== focus) continue;
    fallback ??= origins[i];
    if (path && q.predicate.value === path) return origins[i];
  }
  return fallback;
}
