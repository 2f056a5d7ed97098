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
