/**
 * Lowers a SELECT query's LIMIT so that the remote store stops at what the hub will keep
 * (maxResults + 1, the one extra telling that the answer was cut) instead of sending a
 * million rows to be dropped. Queries sparqljs cannot read (store-specific syntax such as
 * Virtuoso's `define` or `bif:`) go unchanged; so do CONSTRUCT/DESCRIBE, whose LIMIT counts
 * solutions, not the triples that are truncated.
 */
import sparqljs from 'sparqljs';

/** Virtuoso refuses ORDER BY with LIMIT + OFFSET above MaxSortedTopRows (SR353), 10000 by default. */
export const VIRTUOSO_MAX_SORTED_TOP = 10000;

/** `maxSorted`: the largest LIMIT + OFFSET the store accepts on a sorted query; beyond it, no cap. */
export function capSelectLimit(query: string, limit: number, maxSorted = Infinity): string {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser().parse(query);
  } catch {
    return query;
  }
  if (parsed.type !== 'query' || parsed.queryType !== 'SELECT') return query;
  if (parsed.limit !== undefined && parsed.limit <= limit) return query;
  if (parsed.order?.length && limit + (parsed.offset ?? 0) > maxSorted) return query;
  parsed.limit = limit;
  return new sparqljs.Generator().stringify(parsed);
}
