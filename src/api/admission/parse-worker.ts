/**
 * Worker thread that parses SPARQL queries for the endpoint, so a slow or pathological parse
 * never holds the HTTP server's event loop. It checks the parsed query against the nesting and
 * triple-pattern limits, finds its SERVICE endpoints (iteratively) and writes the query the
 * store runs: relative IRIs resolved against the endpoint, the protocol dataset in place of
 * FROM. Run by piscina (query-admission.ts), which terminates it when a parse runs too long.
 */
import sparqljs from 'sparqljs';
import type { ParseAnswer, ParseTask, QueryForm } from './parse-task.js';
import { queryShape } from './query-shape.js';

function parse(query: string, base: string): { parsed: sparqljs.SparqlQuery; rewritten?: string } {
  try {
    return { parsed: new sparqljs.Parser().parse(query) };
  } catch (error) {
    if (!/relative IRI/.test((error as Error).message)) throw error;
    const parsed = new sparqljs.Parser({ baseIRI: base }).parse(query);
    return { parsed, rewritten: new sparqljs.Generator().stringify(parsed) };
  }
}

/** The IRIs of `DESCRIBE <a> <b>` with no WHERE clause and no FROM (the endpoint may answer those itself). */
function describedIris(parsed: sparqljs.SparqlQuery): string[] | undefined {
  if (parsed.type !== 'query' || parsed.queryType !== 'DESCRIBE') return undefined;
  if ((parsed.where ?? []).length > 0 || parsed.from || parsed.values) return undefined;
  const terms = parsed.variables as unknown[];
  if (!terms.every((t) => typeof t === 'object' && t !== null && (t as { termType?: string }).termType === 'NamedNode')) return undefined;
  return terms.map((t) => (t as sparqljs.IriTerm).value);
}

export default function parseQuery(task: ParseTask): ParseAnswer {
  let parsed: sparqljs.SparqlQuery;
  let rewritten: string | undefined;
  try {
    ({ parsed, rewritten } = parse(task.query, task.base));
  } catch (error) {
    return { ok: false, status: 400, message: `Malformed query: ${(error as Error).message}` };
  }
  if (parsed.type === 'update') return { ok: false, status: 403, message: 'Updates are not accepted on the public SPARQL endpoint (it is read-only)' };
  const shape = queryShape(parsed);
  if (shape.depth > task.maxNestingDepth) {
    return { ok: false, status: 400, limit: 'hub.sparql.maxNestingDepth', message: `The query nests ${shape.depth} levels deep (patterns and expressions); the limit is ${task.maxNestingDepth} (hub.sparql.maxNestingDepth)` };
  }
  if (shape.triplePatterns > task.maxTriplePatterns) {
    return { ok: false, status: 400, limit: 'hub.sparql.maxTriplePatterns', message: `The query has ${shape.triplePatterns} triple patterns; the limit is ${task.maxTriplePatterns} (hub.sparql.maxTriplePatterns)` };
  }
  const form: QueryForm = parsed.queryType === 'ASK' ? 'boolean' : parsed.queryType === 'SELECT' ? 'bindings' : 'graph';
  if (task.defaultGraphs.length + task.namedGraphs.length > 0) {
    const node = (value: string) => ({ termType: 'NamedNode', value }) as sparqljs.IriTerm;
    (parsed as { from?: unknown }).from = { default: task.defaultGraphs.map(node), named: task.namedGraphs.map(node) };
    rewritten = new sparqljs.Generator().stringify(parsed);
  }
  return { ok: true, form, query: rewritten ?? task.query, services: shape.services, describes: describedIris(parsed) };
}
