/**
 * Where the reconciliation service reads entity data: today the union of the record graphs
 * ({base}graph/{source}/{record}, docs/data-model.md), not their provenance graphs nor the
 * report graphs. When entities move to the merged graph ({base}graph/entities, hub IRI as
 * subject), only these two functions change.
 */
import { entitiesGraphIri, normaliseBase } from '../../core/identifiers.js';

/** Whether a graph IRI (from a commit's put/drop list) holds entity data the index reads. */
export function isEntityGraph(base: string, graph: string): boolean {
  const b = normaliseBase(base);
  return graph.startsWith(`${b}graph/`) && !graph.endsWith('/provenance') && !graph.endsWith('/matching') && !graph.startsWith(`${b}graph/reports/`) && graph !== entitiesGraphIri(b);
}

/** `body` over the entity data, with `?{variable}` bound to the graph each solution came from. */
export function inEntityGraphs(base: string, body: string, variable = 'g'): string {
  const b = JSON.stringify(normaliseBase(base));
  const g = `?${variable}`;
  return `GRAPH ${g} { ${body} } FILTER(STRSTARTS(STR(${g}), CONCAT(${b}, "graph/")) && !STRENDS(STR(${g}), "/provenance") && !STRENDS(STR(${g}), "/matching") && !STRSTARTS(STR(${g}), CONCAT(${b}, "graph/reports/")) && STR(${g}) != CONCAT(${b}, "graph/entities"))`;
}
