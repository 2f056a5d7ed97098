/**
 * Compares two validation reports the way the W3C SHACL test suite does: same sh:conforms and
 * the same multiset of results, ignoring messages; blank-node shapes match any blank node and
 * result paths are compared by structure, not by node identity.
 */
import type { Term } from '../core/rdf.js';
import type { ShaclReport, ShaclResult } from './shacl/engine.js';
import { pathToText } from './shacl/property-path.js';
import { termKey } from './shacl/term-keys.js';

export interface ReportDifference {
  equal: boolean;
  conformsMatches: boolean;
  /** Expected results that were not produced (as comparison keys). */
  missing: string[];
  /** Produced results that were not expected. */
  unexpected: string[];
}

function key(t: Term | undefined, blankAsWildcard: boolean): string {
  if (!t) return '-';
  if (t.termType === 'BlankNode' && blankAsWildcard) return '_:*';
  return termKey(t);
}

/** The comparison key of one result: focus, path, value, severity, component, shape. */
export function resultKey(r: ShaclResult): string {
  return [
    key(r.focusNode, false),
    r.path ? pathToText(r.path) : '-',
    key(r.value, false),
    r.severity,
    r.component,
    key(r.sourceShape, true),
  ].join(' | ');
}

export function compareReports(actual: ShaclReport, expected: ShaclReport): ReportDifference {
  const counts = new Map<string, number>();
  for (const r of expected.results) counts.set(resultKey(r), (counts.get(resultKey(r)) ?? 0) + 1);
  const unexpected: string[] = [];
  for (const r of actual.results) {
    const k = resultKey(r);
    const n = counts.get(k) ?? 0;
    if (n > 0) counts.set(k, n - 1);
    else unexpected.push(k);
  }
  const missing: string[] = [];
  for (const [k, n] of counts) for (let i = 0; i < n; i++) missing.push(k);
  const conformsMatches = actual.conforms === expected.conforms;
  return { equal: conformsMatches && !missing.length && !unexpected.length, conformsMatches, missing, unexpected };
}
