import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { runFederated, storeSource } from '../../../src/api/routes/sparql-federation.js';
import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import type { Store } from '../../../src/store/store.js';
import { testStores, type TestStore } from '../../helpers/test-stores.js';
import { openTestHub, type TestHub } from './api-helpers.js';

/**
 * The data lies under the hub's own base IRI (graphs `{base}graph/gen/…`, so a shared store drops them
 * afterwards, and subjects `{base}item/…`): on Virtuoso, which other suites share, assertions about
 * "the whole store" are made about this test's graphs, and on the embedded store, which holds only
 * them, also about the whole store.
 */
/** An API key makes its holder a client of its own (one client never holds every query replica). */
const RUNAWAY_CLIENT_KEY = 'runaway-client-key-0001';

/** 300 subjects with a label and a number each, in 30 record graphs (so in the public default graph too). */
function generated(EX: string, graphBase = EX) {
  return Array.from({ length: 30 }, (_, g) => ({
    graph: `${graphBase}graph/gen/${g}`,
    entity: true,
    quads: Array.from({ length: 10 }, (_, i) => {
      const s = namedNode(`${EX}item/${g * 10 + i}`);
      return [quad(s, namedNode(`${EX}label`), literal(`item ${g * 10 + i}`)), quad(s, namedNode(`${EX}n`), literal(String(g * 10 + i), namedNode('http://www.w3.org/2001/XMLSchema#integer')))];
    }).flat(),
  }));
}

describe.each(testStores())('The /sparql endpoint on the %s store', (_name, store) => {
  const embedded = store.name === 'embedded';
  /**
   * Embedded-only: the runaway-query tests are about the embedded store's own machinery, the worker
   * threads holding Oxigraph replicas and their termination and replacement at a time limit. Virtuoso
   * stops a query itself (its timeout is tested in test/integration/store/virtuoso-store.test.ts).
   */
  const embeddedOnly = embedded ? it : it.skip;
  let th: TestHub;
  let EX: string;
  let SELECT_ONE: string;
  /** This test's 30 graphs, and a pattern over them only (other suites' data lies in a shared store). */
  const ours = (pattern: string) => `GRAPH ?g { ${pattern} } FILTER(STRSTARTS(STR(?g), "${EX}graph/gen/"))`;

  beforeAll(async () => {
    th = await openTestHub({ store, hub: { sparql: { maxResults: 250, timeoutMs: 20000 }, api: { keys: [{ key: RUNAWAY_CLIENT_KEY }] } } });
    EX = th.hub.config.hub.baseIri;
    SELECT_ONE = `SELECT ?label WHERE { <${EX}item/7> <${EX}label> ?label }`;
    await th.hub.store.commit({ put: generated(EX) });
  });
  afterAll(() => th.close());

  it('answers GET with SPARQL JSON results by default', async () => {
    const r = await request(th.app).get('/sparql').query({ query: SELECT_ONE });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/sparql-results\+json/);
    expect(JSON.parse(r.text).results.bindings).toEqual([{ label: { type: 'literal', value: 'item 7' } }]);
  });

  it.each([
    ['application/sparql-results+xml', /<literal>item 7<\/literal>/],
    ['text/csv', /^label\r?\nitem 7/],
    ['text/tab-separated-values', /^\?label\r?\n"item 7"/],
  ])('negotiates %s for SELECT', async (accept, body) => {
    const r = await request(th.app).get('/sparql').query({ query: SELECT_ONE }).set('accept', accept);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain(accept);
    expect(r.headers.vary).toMatch(/accept/i);
    expect(r.text).toMatch(body);
  });

  it.each([
    ['text/turtle', /item 7/],
    ['application/n-triples', /<http:\/\/[^>]+\/item\/7> <http:\/\/[^>]+\/label> "item 7" \./],
    ['application/ld+json', /"item 7"/],
    ['application/rdf+xml', /rdf:RDF/],
  ])('negotiates %s for CONSTRUCT', async (accept, body) => {
    const r = await request(th.app)
      .post('/sparql')
      .set('content-type', 'application/sparql-query')
      .set('accept', accept)
      .send(`CONSTRUCT WHERE { <${EX}item/7> <${EX}label> ?l }`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain(accept);
    expect(r.text).toMatch(body);
  });

  it('answers ASK by form POST', async () => {
    const r = await request(th.app).post('/sparql').type('form').send({ query: `ASK { <${EX}item/299> ?p ?o }` });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).boolean).toBe(true);
  });

  it('answers 406 when no offered format fits, as problem+json', async () => {
    const r = await request(th.app).get('/sparql').query({ query: SELECT_ONE }).set('accept', 'image/png');
    expect(r.status).toBe(406);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(r.text).detail).toContain('application/sparql-results+json');
  });

  it("answers 400 with the parser's message for a malformed query", async () => {
    const r = await request(th.app).get('/sparql').query({ query: 'SELECT ?x WHERE { ?x ?y }' });
    expect(r.status).toBe(400);
    const problem = JSON.parse(r.text);
    expect(problem.detail).toMatch(/^Malformed query: Parse error on line 1/);
  });

  it('refuses updates, however they are sent, and leaves the data alone', async () => {
    const del = `DELETE WHERE { ?s ?p ?o }`;
    const direct = await request(th.app).post('/sparql').set('content-type', 'application/sparql-update').send(del);
    const form = await request(th.app).post('/sparql').type('form').send({ update: del });
    const asQuery = await request(th.app).post('/sparql').type('form').send({ query: del });
    const get = await request(th.app).get('/sparql').query({ update: del });
    expect([direct.status, form.status, asQuery.status]).toEqual([403, 403, 403]);
    expect(get.status).toBe(400);
    const count = await request(th.app).get('/sparql').query({ query: `SELECT (COUNT(*) AS ?n) WHERE { ${ours('?s ?p ?o')} }` });
    expect(JSON.parse(count.text).results.bindings[0].n.value).toBe('600');
    if (embedded) {
      const whole = await request(th.app).get('/sparql').query({ query: 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' });
      expect(JSON.parse(whole.text).results.bindings[0].n.value).toBe('600');
    }
  });

  it('rejects repeated queries, wrong media types and non-UTF-8 bodies with 4xx', async () => {
    expect((await request(th.app).get('/sparql?query=ASK%20%7B%7D&query=ASK%20%7B%7D')).status).toBe(400);
    expect((await request(th.app).post('/sparql').set('content-type', 'text/plain').send('ASK {}')).status).toBe(415);
    expect((await request(th.app).post('/sparql').set('content-type', 'application/sparql-query; charset=UTF-16').send('ASK {}')).status).toBe(415);
    expect((await request(th.app).put('/sparql?query=ASK%20%7B%7D')).status).toBe(405);
  });

  it('uses the protocol dataset (default-graph-uri, named-graph-uri) over the entities default graph', async () => {
    const count = async (params: string) => {
      const r = await request(th.app).get(`/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')}${params}`);
      return Number(JSON.parse(r.text).results.bindings[0].n.value);
    };
    const ten = Array.from({ length: 10 }, (_, g) => `&default-graph-uri=${encodeURIComponent(`${EX}graph/gen/${g}`)}`).join('');
    // The default graph is this hub's entities graph (on a shared store too): its record graphs' triples.
    expect(await count('')).toBe(600);
    expect(await count(ten)).toBe(200);
    // More than 20 repeats of a parameter (the extended query parser then gives an object, not an array).
    const all = Array.from({ length: 30 }, (_, g) => `&default-graph-uri=${encodeURIComponent(`${EX}graph/gen/${g}`)}`).join('');
    expect(await count(all)).toBe(600);
    expect(await count(`&default-graph-uri=${encodeURIComponent(`${EX}graph/gen/3`)}`)).toBe(20);
    expect(await count(`&default-graph-uri=${encodeURIComponent(`${EX}graph/gen/3`)}&default-graph-uri=${encodeURIComponent(`${EX}graph/gen/4`)}`)).toBe(40);
    const named = await request(th.app).get(
      `/sparql?query=${encodeURIComponent('SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }')}&named-graph-uri=${encodeURIComponent(`${EX}graph/gen/5`)}`,
    );
    expect(JSON.parse(named.text).results.bindings.map((b: any) => b.g.value)).toEqual([`${EX}graph/gen/5`]);
  });

  it('honours FROM in the query text', async () => {
    const r = await request(th.app).get('/sparql').query({ query: `SELECT (COUNT(*) AS ?n) FROM <${EX}graph/gen/1> WHERE { ?s ?p ?o }` });
    expect(JSON.parse(r.text).results.bindings[0].n.value).toBe('20');
  });

  it('says when it truncated the result', async () => {
    const r = await request(th.app).get('/sparql').query({ query: `SELECT * WHERE { ${ours('?s ?p ?o')} }` });
    expect(r.status).toBe(200);
    expect(r.headers['x-result-truncated']).toBe('250');
    expect(r.headers.warning).toContain('truncated');
    expect(JSON.parse(r.text).results.bindings).toHaveLength(250);
    const small = await request(th.app).get('/sparql').query({ query: `SELECT * WHERE { ${ours('?s ?p ?o')} } LIMIT 10` });
    expect(small.headers['x-result-truncated']).toBeUndefined();
  });

  it('allows cross-origin use (CORS, preflight)', async () => {
    const pre = await request(th.app).options('/sparql').set('origin', 'https://app.example').set('access-control-request-method', 'POST');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toContain('POST');
    const get = await request(th.app).get('/sparql').query({ query: SELECT_ONE }).set('origin', 'https://app.example');
    expect(get.headers['access-control-allow-origin']).toBe('*');
  });

  it('describes itself (SPARQL service description) to RDF clients and shows the query page to browsers', async () => {
    const sd = await request(th.app).get('/sparql').set('accept', 'text/turtle');
    expect(sd.status).toBe(200);
    expect(sd.text).toContain('sd:Service');
    expect(sd.text).toContain(`<${EX}sparql>`);
    const page = await request(th.app).get('/sparql').set('accept', 'text/html,application/xhtml+xml');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<textarea');
  });

  embeddedOnly('stops a runaway query at its timeout while other requests keep being answered (default: two query workers)', async () => {
    expect(th.hub.config.hub.sparql.queryWorkers).toBe(2);
    const runaway = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';
    const order: string[] = [];
    const slow = request(th.app)
      .get('/sparql')
      .set('x-api-key', RUNAWAY_CLIENT_KEY)
      .query({ query: runaway, timeout: '2' })
      .then((r) => {
        order.push('runaway');
        return r;
      });
    // Give the runaway query time to reach its worker, then ask for other things meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (let i = 0; i < 5; i++) {
      const r = await request(th.app).get('/sparql').query({ query: SELECT_ONE });
      expect(r.status).toBe(200);
      const h = await request(th.app).get('/health');
      expect(h.status).toBe(200);
      // A REST list reads through the query workers too.
      const list = await request(th.app).get('/api/v1/heritage-objects').set('accept', 'text/turtle');
      expect(list.status).toBe(200);
      order.push('other');
    }
    const r = await slow;
    expect(order).toEqual(['other', 'other', 'other', 'other', 'other', 'runaway']);
    expect(r.status).toBe(504);
    expect(JSON.parse(r.text).detail).toMatch(/stopped after 2000 ms/);
    // The terminated worker is replaced: the endpoint still answers everything.
    const after = await request(th.app).get('/sparql').query({ query: SELECT_ONE });
    expect(after.status).toBe(200);
  }, 20000);

  embeddedOnly('with a single query worker, runs the queries queued behind a runaway one again instead of failing them', async () => {
    const single = await openTestHub({ hub: { sparql: { queryWorkers: 1, timeoutMs: 20000 } } });
    try {
      await single.hub.store.commit({ put: generated(EX) });
      const order: string[] = [];
      const runaway = request(single.app)
        .get('/sparql')
        .query({ query: 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }', timeout: '2' })
        .then((r) => (order.push('runaway'), r));
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Queued on the only worker, behind the runaway query.
      const queued = request(single.app)
        .get('/sparql')
        .query({ query: SELECT_ONE })
        .then((r) => (order.push('queued'), r));
      const [stopped, answered] = await Promise.all([runaway, queued]);
      expect(stopped.status).toBe(504);
      expect(answered.status).toBe(200);
      expect(JSON.parse(answered.text).results.bindings).toEqual([{ label: { type: 'literal', value: 'item 7' } }]);
      expect(order).toEqual(['runaway', 'queued']);
    } finally {
      await single.close();
    }
  }, 30000);

  it('rejects a bad timeout parameter', async () => {
    const r = await request(th.app).get('/sparql').query({ query: SELECT_ONE, timeout: 'soon' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).detail).toContain('timeout');
  });
});

describe.each(testStores())('Federated queries (SERVICE) on the %s store', (_name, store: TestStore) => {
  /** Subjects both hubs speak of; the graphs lie under each hub's base (dropped afterwards on a shared store). */
  const EX = `${store.baseIri()}fed/`;
  let remote: TestHub;
  let remoteServer: Server;
  let remoteUrl: string;
  let local: TestHub;
  let localServer: Server;
  let localUrl: string;

  /** A server on port 0 first, so the hub's base IRI (and its service description) is its real URL. */
  const listen = async (options: Parameters<typeof openTestHub>[0] = {}): Promise<[TestHub, Server, string]> => {
    const holder: { app?: TestHub['app'] } = {};
    const server = createServer((req, res) => holder.app!(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const th = await openTestHub({ ...options, store, hub: { ...options.hub, baseIri: `${url}/` } });
    holder.app = th.app;
    return [th, server, url];
  };

  beforeAll(async () => {
    [remote, remoteServer, remoteUrl] = await listen();
    await remote.hub.store.commit({ put: [{ graph: `${remoteUrl}/graph/remote`, entity: true, quads: [quad(namedNode(`${EX}item/7`), namedNode(`${EX}colour`), literal('red'))] }] });
    [local, localServer, localUrl] = await listen({ hub: { sparql: { federationAllowList: [`${remoteUrl}/sparql`] } } });
    await local.hub.store.commit({ put: generated(EX, `${localUrl}/`).slice(0, 1) });
  });
  afterAll(async () => {
    for (const server of [remoteServer, localServer]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    await remote.close();
    await local.close();
  });

  it('joins local data with an allow-listed remote endpoint', async () => {
    const query = `SELECT ?label ?colour WHERE { <${EX}item/7> <${EX}label> ?label . SERVICE <${remoteUrl}/sparql> { <${EX}item/7> <${EX}colour> ?colour } }`;
    const r = await request(localUrl).get('/sparql').query({ query }).set('accept', 'application/sparql-results+json');
    expect(r.status).toBe(200);
    const rows = JSON.parse(r.text).results.bindings;
    expect(rows.map((b: any) => [b.label.value, b.colour.value])).toEqual([['item 7', 'red']]);
  }, 60000);

  it('refuses SERVICE to an endpoint that is not allow-listed, and variable endpoints', async () => {
    const other = await request(localUrl).get('/sparql').query({ query: `SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }` });
    expect(other.status).toBe(403);
    expect(JSON.parse(other.text).detail).toContain('allow-list');
    const variable = await request(localUrl).get('/sparql').query({ query: `SELECT * WHERE { SERVICE ?x { ?s ?p ?o } }` });
    expect(variable.status).toBe(403);
  });
});

/** Store stubs: the same on either store. */
describe('A federated query past its time limit', () => {
  const EX = 'http://example.org/';
  it('ends the store patterns of a stopped query without an error nobody would handle', async () => {
    let selects = 0;
    const store = { select: async () => (selects++, []) } as unknown as Store;
    const stopped = new AbortController();
    stopped.abort(new Error('time limit'));
    const stream = storeSource(store, Date.now() + 1000, stopped.signal).match(null, namedNode(`${EX}p`), null, null);
    const events: string[] = [];
    stream.on('error', () => events.push('error'));
    stream.on('end', () => events.push('end'));
    stream.resume();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([events, selects]).toEqual([['end'], 0]);
  });

  it('ends a pattern whose store read fails after the stop, and still reports failures before it', async () => {
    const running = new AbortController();
    const failing = { select: async () => { running.abort(new Error('time limit')); throw new Error('query worker terminated'); } } as unknown as Store;
    const after = storeSource(failing, Date.now() + 1000, running.signal).match(null, null, null, null);
    const afterEvents: string[] = [];
    after.on('error', () => afterEvents.push('error')).on('end', () => afterEvents.push('end')).resume();
    const broken = { select: async () => { throw new Error('store down'); } } as unknown as Store;
    const before = storeSource(broken, Date.now() + 1000, new AbortController().signal).match(null, null, null, null);
    const beforeEvents: string[] = [];
    before.on('error', (e) => beforeEvents.push(e.message)).resume();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([afterEvents, beforeEvents]).toEqual([['end'], ['store down']]);
  });

  it('stops asking the store for more once it has answered 504', async () => {
    // A store that answers every triple pattern slowly, with fresh IRIs, so the query has far more work than time.
    let started = 0;
    let next = 0;
    const slow = {
      select: async (query: string) => {
        started++;
        await new Promise((resolve) => setTimeout(resolve, 40));
        const vars = [...new Set([...query.matchAll(/\?([spog])\b/g)].map((m) => m[1]!))];
        return Array.from({ length: 4 }, () => Object.fromEntries(vars.map((v) => [v, namedNode(v === 'p' ? `${EX}p` : `${EX}n/${next++}`)])));
      },
    } as unknown as Store;
    // A property path over a graph that never ends: each step asks the store again.
    const query = `SELECT * WHERE { <${EX}start> <${EX}p>+ ?x }`;
    await expect(runFederated({ query, store: slow, mediaType: 'application/sparql-results+json', timeoutMs: 300 })).rejects.toMatchObject({ status: 504 });
    const atTimeout = started;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(started).toBe(atTimeout);
  }, 30000);
});
