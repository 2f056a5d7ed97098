/**
 * The probes of issue 21 against a real HTTP server: `SELECT * WHERE` + 700 nested `{ }` made
 * Oxigraph trap and broke every query, /oai and /health until restart; depth 3000 and 20000 held
 * the event loop for seconds to minutes. Query admission refuses them (400, naming the limit and
 * its setting) before any replica or parser sees them, and the hub stays whole.
 */
import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import { openTestHub, type TestHub } from './api-helpers.js';
import { listen, timed, type Listening } from './http-server.js';

const deep = (depth: number) => `SELECT * WHERE ${'{ '.repeat(depth)}?s ?p ?o${' }'.repeat(depth)}`;
const post = (query: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json' }, body: query });

let th: TestHub;
let server: Listening;
beforeAll(async () => {
  th = await openTestHub({ hub: { sparql: { queryWorkers: 1 } } });
  await th.hub.store.commit({ put: [{ graph: 'http://example.org/g', entity: true, quads: [quad(namedNode('http://example.org/s'), namedNode('http://example.org/p'), literal('o'))] }] });
  server = await listen(th.app);
});
afterAll(async () => {
  await server.close();
  await th.close();
});

const detail = (body: string) => (JSON.parse(body) as { detail: string }).detail;

describe('Query admission on /sparql', () => {
  it('refuses the 700-deep query with 400 naming the limit, and everything still works afterwards', async () => {
    const r = await timed(`${server.url}/sparql`, post(deep(700)));
    expect(r.status).toBe(400);
    expect(detail(r.body)).toMatch(/more than 64 deep; the limit is 64 \(hub\.sparql\.maxNestingDepth\)/);
    const ask = await timed(`${server.url}/sparql?query=${encodeURIComponent('ASK {}')}`);
    expect(ask.status).toBe(200);
    expect(JSON.parse(ask.body).boolean).toBe(true);
    expect((await timed(`${server.url}/oai?verb=Identify`)).status).toBe(200);
    const health = await timed(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body).status).toBe('ok');
  });

  it('refuses depth 3000 and 20000 at once while /health keeps answering within 100 ms', async () => {
    // What /health takes on this machine right now without the probes (other suites may share the CPU).
    const quiet: number[] = [];
    for (let i = 0; i < 5; i++) quiet.push((await timed(`${server.url}/health`)).ms);
    const allowed = Math.max(100, 2 * [...quiet].sort((x, y) => x - y)[2]! + 50);
    const probes = [3000, 20000, 3000, 20000, 20000, 20000].map((d) => timed(`${server.url}/sparql`, post(deep(d))));
    const healths: number[] = [];
    for (let i = 0; i < 5; i++) {
      const h = await timed(`${server.url}/health`);
      expect(h.status).toBe(200);
      healths.push(h.ms);
    }
    for (const r of await Promise.all(probes)) {
      expect(r.status).toBe(400);
      expect(detail(r.body)).toContain('hub.sparql.maxNestingDepth');
      // Refused from the text alone: no parser ran (the parse of depth 20000 took 324 s).
      expect(r.ms).toBeLessThan(2000);
    }
    // Within 100 ms (the median; or twice the quiet median when other work already makes /health slower), and none held up.
    expect([...healths].sort((x, y) => x - y)[2]).toBeLessThan(allowed);
    expect(Math.max(...healths)).toBeLessThan(1000);
    expect((await timed(`${server.url}/sparql?query=${encodeURIComponent('ASK { ?s ?p "o" }')}`)).body).toContain('true');
  });

  it('refuses nesting the brackets do not show (an operator chain), too many triple patterns and too large a query', async () => {
    const chain = `SELECT * WHERE { ?s ?p ?o FILTER(?o = ${Array.from({ length: 300 }, (_, i) => i).join(' + ')}) }`;
    const nested = await timed(`${server.url}/sparql`, post(chain));
    expect(nested.status).toBe(400);
    expect(detail(nested.body)).toMatch(/nests \d+ levels deep .*the limit is 64 \(hub\.sparql\.maxNestingDepth\)/);
    const many = `SELECT * WHERE { ${Array.from({ length: 1001 }, (_, i) => `?s${i} ?p ?o .`).join(' ')} }`;
    const patterns = await timed(`${server.url}/sparql`, post(many));
    expect(patterns.status).toBe(400);
    expect(detail(patterns.body)).toBe('The query has 1001 triple patterns; the limit is 1000 (hub.sparql.maxTriplePatterns)');
    const large = `SELECT * WHERE { ?s ?p ?o } # ${'x'.repeat(262_144)}`;
    const big = await timed(`${server.url}/sparql`, post(large));
    expect(big.status).toBe(400);
    expect(detail(big.body)).toMatch(/bytes; the limit is 262144 bytes \(hub\.sparql\.maxQueryBytes\)/);
  });

  it('takes its limits from hub.sparql and stops a parse past parseTimeoutMs', async () => {
    const strict = await openTestHub({ hub: { sparql: { maxNestingDepth: 8, maxTriplePatterns: 100_000, maxQueryBytes: 2_000_000, parseTimeoutMs: 1 } } });
    const s = await listen(strict.app);
    try {
      const r = await timed(`${s.url}/sparql`, post(deep(9)));
      expect(r.status).toBe(400);
      expect(detail(r.body)).toContain('the limit is 8 (hub.sparql.maxNestingDepth)');
      const slow = `SELECT * WHERE { ${Array.from({ length: 20_000 }, (_, i) => `?s${i} <http://example.org/p> "${i}" .`).join(' ')} }`;
      const p = await timed(`${s.url}/sparql`, post(slow));
      expect(p.status).toBe(400);
      expect(detail(p.body)).toBe('The query took longer than 1 ms to parse (hub.sparql.parseTimeoutMs)');
    } finally {
      await s.close();
      await strict.close();
    }
  });
});
