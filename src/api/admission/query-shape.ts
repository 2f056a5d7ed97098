/**
 * What a parsed query looks like to the limits: how deep its patterns and expressions nest,
 * how many patterns it holds, and which SERVICE endpoints it calls. One iterative walk over
 * the sparqljs tree (an explicit stack, no recursion), so no query shape can overflow it.
 */
import type sparqljs from 'sparqljs';

export interface QueryShape {
  /** Deepest chain of nested typed nodes (groups, optionals, unions, filters, expressions, paths, subqueries). */
  depth: number;
  /** Triple patterns, counted everywhere (subqueries, unions, OPTIONALs, CONSTRUCT templates). */
  triplePatterns: number;
  /** Every SERVICE IRI (a variable as `?name`). */
  services: string[];
}

type Node = { type?: unknown; termType?: unknown; name?: { termType: string; value: string }; subject?: unknown; predicate?: unknown };

export function queryShape(parsed: sparqljs.SparqlQuery): QueryShape {
  const shape: QueryShape = { depth: 0, triplePatterns: 0, services: [] };
  const stack: [unknown, number][] = [[parsed, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node) if (item && typeof item === 'object') stack.push([item, depth]);
      continue;
    }
    const n = node as Node;
    // RDF terms are leaves (a quoted triple's terms are not patterns).
    if (typeof n.termType === 'string') continue;
    const typed = typeof n.type === 'string';
    const level = typed ? depth + 1 : depth;
    if (level > shape.depth) shape.depth = level;
    if (n.subject !== undefined && n.predicate !== undefined) shape.triplePatterns++;
    if (n.type === 'service' && n.name) shape.services.push(n.name.termType === 'Variable' ? `?${n.name.value}` : n.name.value);
    for (const value of Object.values(n)) if (value && typeof value === 'object') stack.push([value, level]);
  }
  return shape;
}
