/** Whether a query names its own dataset; such a query keeps it, whatever default graph the store would use. */
import sparqljs from 'sparqljs';

/** Whether the query has FROM / FROM NAMED (cheap text check, confirmed by the parser). */
export function declaresDataset(query: string): boolean {
  if (!/\bFROM\b/i.test(query)) return false;
  try {
    const parsed = new sparqljs.Parser().parse(query) as { from?: { default: unknown[]; named: unknown[] } };
    return (parsed.from?.default.length ?? 0) + (parsed.from?.named.length ?? 0) > 0;
  } catch {
    return false;
  }
}

/** The GRAPH patterns of a query: the IRIs it names as constants, and whether one takes a variable. */
export interface GraphNames {
  constants: string[];
  variable: boolean;
}

/**
 * The graph names the query's GRAPH patterns use (anywhere: groups, OPTIONAL, UNION, MINUS,
 * subqueries, EXISTS), or undefined when the query cannot be read (the store then reports it).
 * A cheap text check first: a query without GRAPH uses none.
 */
export function graphNames(query: string): GraphNames | undefined {
  const out: GraphNames = { constants: [], variable: false };
  if (!/\bGRAPH\b/i.test(query)) return out;
  let parsed: unknown;
  try {
    parsed = new sparqljs.Parser().parse(query);
  } catch {
    return undefined;
  }
  const seen = new Set<string>();
  // Iterative walk over the parsed query's objects (no recursion depth to exhaust).
  const stack: unknown[] = [parsed];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === 'object') {
      const n = node as { type?: string; name?: { termType?: string; value?: string } };
      if (n.type === 'graph' && n.name) {
        if (n.name.termType === 'NamedNode' && n.name.value) {
          if (!seen.has(n.name.value)) out.constants.push(n.name.value);
          seen.add(n.name.value);
        } else out.variable = true;
      }
      stack.push(...Object.values(node));
    }
  }
  return out;
}
