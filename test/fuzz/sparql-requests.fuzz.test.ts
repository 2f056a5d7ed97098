/**
 * Seeded, bounded fuzzing of /sparql over real HTTP: valid queries mutated (deep nesting of every
 * bracket kind, operator chains, repeated patterns, truncation, random text, SERVICE, updates)
 * and sent with random methods, content types, Accept headers and parameters. No answer may be
 * a 5xx other than 504 (the query time limit, documented), none may take longer than the time
 * limit plus a margin, and afterwards the hub answers queries and /health as before.
 * FUZZ_SEED replays another seed.
 */
import fc from 'fast-check';
import { literal, namedNode, quad } from '../../src/core/rdf.js';
import { openTestHub, type TestHub } from '../integration/api/api-helpers.js';
import { listen, type Listening } from '../integration/api/http-server.js';
import { fuzzSettings, withSeed } from './mutations.js';

const EX = 'http://example.org/';
const TIME_LIMIT_MS = 2000;
const BASES = [
  `SELECT ?s ?o WHERE { ?s <${EX}label> ?o } LIMIT 5`,
  `ASK { <${EX}item/1> ?p ?o }`,
  `CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?o != "x") }`,
  `SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } OPTIONAL { ?s <${EX}n> ?n2 } }`,
  `PREFIX ex: <${EX}> SELECT * WHERE { ?s ex:label ?l . FILTER(CONTAINS(STR(?l), "item")) } ORDER BY ?l`,
  `DESCRIBE <${EX}item/2>`,
];
const SNIPPETS = ['{', '}', '(', ')', '[', ']', '<', '>', '"', "'", '"""', '#', '\\', '?', '$', '.', ';', ',', 'SERVICE <http://evil.example/sparql> { ?a ?b ?c }', 'SERVICE ?x { }', 'INSERT DATA { <a:b> <a:c> <a:d> }', 'LOAD <http://evil.example/>', 'FILTER(', 'OPTIONAL {', 'UNION', 'VALUES ?v { 1 2 }', 'BIND(1 AS ?z)', 'GRAPH ?g {', '\u0000', '\ud800', 'é'];

type Edit =
  | { kind: 'nest'; open: '{' | '(' | '['; depth: number }
  | { kind: 'chain'; terms: number }
  | { kind: 'repeat'; times: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'truncate'; at: number };

const at = fc.integer({ min: 0, max: 9999 }).map((n) => n / 10000);
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('nest' as const), open: fc.constantFrom('{' as const, '(' as const, '[' as const), depth: fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 80, max: 30_000 })) }),
  fc.record({ kind: fc.constant('chain' as const), terms: fc.integer({ min: 2, max: 5000 }) }),
  fc.record({ kind: fc.constant('repeat' as const), times: fc.integer({ min: 2, max: 3000 }) }),
  fc.record({ kind: fc.constant('insert' as const), at, text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 })) }),
  fc.record({ kind: fc.constant('truncate' as const), at }),
);

const CLOSE = { '{': '}', '(': ')', '[': ']' } as const;

function applyEdit(query: string, e: Edit): string {
  const where = query.indexOf('{');
  switch (e.kind) {
    case 'nest':
      // Around the group pattern: `{` stays valid SPARQL, `(` and `[` are syntax errors the text check may meet first.
      return where < 0 ? query : `${query.slice(0, where)}${`${e.open} `.repeat(e.depth)}${query.slice(where)}${` ${CLOSE[e.open]}`.repeat(e.depth)}`;
    case 'chain':
      return where < 0 ? query : `${query.slice(0, where + 1)} FILTER(1 = ${Array.from({ length: e.terms }, () => '1').join(' + ')}) ${query.slice(where + 1)}`;
    case 'repeat':
      return where < 0 ? query : `${query.slice(0, where + 1)} ${Array.from({ length: e.times }, (_, i) => `?s <${EX}p${i}> ?o${i} .`).join(' ')} ${query.slice(where + 1)}`;
    case 'insert': {
      const i = Math.floor(e.at * query.length);
      return `${query.slice(0, i)}${e.text}${query.slice(i)}`;
    }
    case 'truncate':
      return query.slice(0, Math.floor(e.at * query.length));
  }
}

const request = fc.record({
  base: fc.nat({ max: BASES.length - 1 }),
  edits: fc.array(edit, { minLength: 0, maxLength: 3 }),
  method: fc.constantFrom('GET', 'POST-query', 'POST-form', 'POST-other'),
  accept: fc.constantFrom(undefined, '*/*', 'application/sparql-results+json', 'text/csv', 'text/turtle', 'application/ld+json', 'image/png', 'text/html', ';;;q=x', 'application/rdf+xml;q=0.5, text/tab-separated-values'),
  timeout: fc.option(fc.oneof(fc.constantFrom('0', '-1', 'abc', '1e9', 'NaN', '0.001', '1'), fc.string({ maxLength: 6 })), { nil: undefined }),
  graphs: fc.array(fc.oneof(fc.constant(`${EX}graph/1`), fc.string({ maxLength: 20 })), { maxLength: 2 }),
});

let th: TestHub;
let server: Listening;
beforeAll(async () => {
  th = await openTestHub({ hub: { sparql: { timeoutMs: TIME_LIMIT_MS, queryWorkers: 2 } } });
  await th.hub.store.commit({
    put: Array.from({ length: 10 }, (_, g) => ({
      graph: `${EX}graph/${g}`,
      // Record data: in the entities graph, the endpoint's default graph.
      entity: true,
      quads: Array.from({ length: 10 }, (_, i) => quad(namedNode(`${EX}item/${g * 10 + i}`), namedNode(`${EX}label`), literal(`item ${g * 10 + i}`))),
    })),
  });
  server = await listen(th.app);
});
afterAll(async () => {
  await server.close();
  await th.close();
});

function send(query: string, r: { method: string; accept?: string; timeout?: string; graphs: string[] }): Promise<Response> {
  const params = new URLSearchParams();
  if (r.timeout !== undefined) params.set('timeout', r.timeout);
  for (const g of r.graphs) params.append('default-graph-uri', g);
  const headers: Record<string, string> = r.accept ? { accept: r.accept } : {};
  // The client gives up well after the time limit: an answer later than that is a hang.
  const signal = AbortSignal.timeout(TIME_LIMIT_MS + 8000);
  if (r.method === 'GET') {
    params.set('query', query);
    return fetch(`${server.url}/sparql?${params}`, { headers, signal });
  }
  if (r.method === 'POST-form') {
    params.set('query', query);
    return fetch(`${server.url}/sparql`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: params.toString(), signal });
  }
  const type = r.method === 'POST-query' ? 'application/sparql-query' : 'text/plain';
  return fetch(`${server.url}/sparql?${params}`, { method: 'POST', headers: { ...headers, 'content-type': type }, body: query, signal });
}

describe('Fuzzed requests to /sparql', () => {
  it('never answer 5xx except 504 at the time limit, never hang, and leave the hub whole', async () => {
    const property = fc.asyncProperty(request, async (r) => {
      const query = r.edits.reduce(applyEdit, BASES[r.base]!);
      const response = await send(query, r);
      const body = await response.text();
      if (response.status >= 500) expect({ status: response.status, body }).toMatchObject({ status: 504 });
      // 431: a GET URL past Node's header limit, answered by the HTTP server itself.
      if (response.status >= 400 && response.status !== 431) expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
    await fc.assert(property, fuzzSettings(80, 15_000)).catch((error: unknown) => {
      throw withSeed(error);
    });
    const ask = await fetch(`${server.url}/sparql?query=${encodeURIComponent(`ASK { <${EX}item/1> ?p ?o }`)}`, { headers: { accept: 'application/sparql-results+json' } });
    expect(await ask.json()).toMatchObject({ boolean: true });
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  }, 300_000);
});
