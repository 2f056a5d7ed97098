/**
 * SparqlStore against loopback servers that misbehave on purpose: how HTTP outcomes become
 * hub errors, what the update requests look like, Virtuoso's quirks, and authentication.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { BadRequestError, isTransient, StoreError } from '../../../src/core/errors.js';
import { blankNode, literal, namedNode, quad } from '../../../src/core/rdf.js';
import { QueryTimeoutError } from '../../../src/store/query-errors.js';
import { SparqlStore } from '../../../src/store/sparql-store.js';
import { updateRequests } from '../../../src/store/sparql/update-batches.js';

interface Seen {
  method: string;
  url: string;
  body: string;
  headers: IncomingMessage['headers'];
  form: URLSearchParams;
}

type Handler = (req: Seen, res: ServerResponse) => void;

async function serve(handler: Handler): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', body, headers: req.headers, form: new URLSearchParams(body) };
      seen.push(s);
      handler(s, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/sparql`, seen, server };
}

const servers: Server[] = [];
async function store(handler: Handler, options: Partial<ConstructorParameters<typeof SparqlStore>[0]> = {}) {
  const s = await serve(handler);
  servers.push(s.server);
  return { ...s, store: new SparqlStore({ queryUrl: s.url, ...options }) };
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const json = (res: ServerResponse, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(200, { 'content-type': 'application/sparql-results+json', ...headers });
  res.end(JSON.stringify(body));
};
const ok = (res: ServerResponse) => json(res, { head: {}, boolean: true });
const g = 'http://example.org/graph/1';
const sample = [quad(namedNode('http://example.org/s'), namedNode('http://example.org/p'), literal('x'))];

describe('A SparqlStore', () => {
  it('treats 5xx and 429 as STORE_UNAVAILABLE (transient) and 4xx on an update as permanent', async () => {
    for (const [status, code, transient] of [[503, 'STORE_UNAVAILABLE', true], [500, 'STORE_UNAVAILABLE', true], [429, 'STORE_UNAVAILABLE', true], [400, 'STORE_REJECTED', false], [403, 'STORE_FORBIDDEN', false]] as const) {
      const { store: s } = await store((req, res) => {
        if (req.form.has('query')) return ok(res);
        res.writeHead(status);
        res.end('no');
      }, { dialect: 'standard' });
      const error = await s.commit({ put: [{ graph: g, quads: sample }] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe(code);
      expect(isTransient(error)).toBe(transient);
      expect((error as Error).message).toContain(`HTTP ${status}`);
    }
  });

  it('sends an update again when Virtuoso chose it as a deadlock victim', async () => {
    let updates = 0;
    const { store: s } = await store((req, res) => {
      if (req.form.has('update') && ++updates < 3) {
        res.writeHead(500);
        return res.end('Virtuoso 40001 Error SR172: Transaction deadlocked');
      }
      ok(res);
    }, { dialect: 'standard' });
    await s.commit({ put: [{ graph: g, quads: sample }] });
    expect(updates).toBe(3);
  });

  it('treats a Virtuoso compile or permission error as permanent even when it comes as a 500', async () => {
    const { store: s } = await store((_req, res) => {
      res.writeHead(500);
      res.end('Virtuoso 42000 Error SR186:SECURITY: No permission to execute procedure DB.DBA.SPARQL_INSERT_DICT_CONTENT');
    }, { dialect: 'standard' });
    const error = await s.commit({ put: [{ graph: g, quads: sample }] }).catch((e: unknown) => e);
    expect((error as StoreError).code).toBe('STORE_REJECTED');
    expect(isTransient(error)).toBe(false);
  });

  it('reports a rejected query as QUERY_ERROR and an unsupported media type as NOT_ACCEPTABLE', async () => {
    const { store: s } = await store((_req, res) => {
      res.writeHead(400);
      res.end('Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error');
    });
    await expect(s.select('SELEC * {}')).rejects.toMatchObject({ code: 'QUERY_ERROR' });
    await expect(s.queryRaw('SELECT * WHERE { ?s ?p ?o }', { mediaType: 'text/turtle' })).rejects.toBeInstanceOf(BadRequestError);
    await expect(s.queryRaw('CONSTRUCT WHERE { ?s ?p ?o }', { mediaType: 'text/csv' })).rejects.toMatchObject({ code: 'NOT_ACCEPTABLE' });
    await expect(s.queryRaw('INSERT DATA { <a:b> <a:c> <a:d> }', { mediaType: 'text/csv' })).rejects.toMatchObject({ code: 'QUERY_ERROR' });
  });

  it('stops a query at its time limit with a QueryTimeoutError, passing the limit on to the store', async () => {
    const { store: s, seen } = await store(() => undefined); // never answers
    await expect(s.select('SELECT * WHERE { ?s ?p ?o }', { timeoutMs: 200 })).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
    expect(seen[0].form.get('timeout')).toBe('200');
  });

  it('treats its own read of a graph running out of time as STORE_UNAVAILABLE (the store is stuck, retry)', async () => {
    const { store: s } = await store(() => undefined, { timeoutMs: 200 });
    const error = await s.graph(g).catch((e: unknown) => e);
    expect((error as StoreError).code).toBe('STORE_UNAVAILABLE');
    expect(isTransient(error)).toBe(true);
  });

  it('lowers the LIMIT of a SELECT to maxResults + 1 and says the answer was cut', async () => {
    const row = (i: number) => ({ s: { type: 'uri', value: `http://example.org/${i}` } });
    const { store: s, seen } = await store((req, res) => {
      const limit = Number(/LIMIT (\d+)/.exec(req.form.get('query') ?? '')?.[1] ?? 1000);
      const bindings = Array.from({ length: Math.min(limit, 1000) }, (_, i) => row(i));
      json(res, { head: { vars: ['s'] }, results: { bindings } }, { server: 'Virtuoso/07.20.3229 (Linux)' });
    });
    const cut = await s.queryRaw('PREFIX ex: <http://example.org/> SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s', { mediaType: 'text/csv', maxResults: 10 });
    expect(seen[0].form.get('query')).toMatch(/ORDER BY \(?\?s\)?\s+LIMIT 11$/);
    expect(cut.truncated).toBe(true);
    expect(cut.body.trim().split('\r\n')).toHaveLength(11);
    await s.queryRaw('SELECT ?s WHERE { ?s ?p ?o } LIMIT 5', { mediaType: 'text/csv', maxResults: 10 });
    expect(seen[1].form.get('query')).toBe('SELECT ?s WHERE { ?s ?p ?o } LIMIT 5');
    // Virtuoso refuses ORDER BY with a LIMIT above 10000 (SR353): such queries go as written.
    await s.queryRaw('SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s', { mediaType: 'text/csv', maxResults: 20000 });
    expect(seen.at(-1)!.form.get('query')).toBe('SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s');
    seen.pop();
    // Store-specific syntax goes as written.
    await s.queryRaw('SELECT ?s WHERE { ?s ?p ?o . ?o bif:contains "gent" }', { mediaType: 'text/csv', maxResults: 10 });
    expect(seen[2].form.get('query')).toBe('SELECT ?s WHERE { ?s ?p ?o . ?o bif:contains "gent" }');
  });

  it("takes Virtuoso's refusal of a query estimated to run too long as a timeout, not a query error", async () => {
    const { store: s } = await store((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Virtuoso 42000 Error The estimated execution time 670913536 (sec) exceeds the limit of 400 (sec).\n\nSPARQL query:\nSELECT …');
    });
    await expect(s.select('SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }', { timeoutMs: 100 })).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
    await expect(s.queryRaw('SELECT * WHERE { ?a ?b ?c }', { mediaType: 'application/sparql-results+json' })).rejects.toBeInstanceOf(QueryTimeoutError);
  });

  it("takes Virtuoso's partial answer after its own time limit (X-SQL-State S1TAT) as a timeout", async () => {
    const { store: s } = await store((_req, res) => json(res, { head: { vars: ['s'] }, results: { bindings: [] } }, { 'x-sql-state': 'S1TAT' }));
    await expect(s.select('SELECT ?s WHERE { ?s ?p ?o }')).rejects.toMatchObject({ code: 'QUERY_TIMEOUT' });
  });

  it("reads Virtuoso's ASK answer (a __ASK_RETVAL binding) as a boolean and its 1/0 booleans as true/false", async () => {
    const { store: s } = await store((req, res) => {
      const q = req.form.get('query') ?? '';
      if (q.startsWith('ASK')) {
        const bindings = q.includes('yes') ? [{ __ASK_RETVAL: { type: 'typed-literal', datatype: 'http://www.w3.org/2001/XMLSchema#integer', value: '1' } }] : [];
        return json(res, { head: { link: [], vars: ['__ASK_RETVAL'] }, results: { bindings } });
      }
      json(res, { head: { vars: ['b'] }, results: { bindings: [{ b: { type: 'typed-literal', datatype: 'http://www.w3.org/2001/XMLSchema#boolean', value: '1' } }] } });
    });
    expect(await s.ask('ASK { <urn:yes> ?p ?o }')).toBe(true);
    expect(await s.ask('ASK { <urn:no> ?p ?o }')).toBe(false);
    const raw = await s.queryRaw('ASK { <urn:yes> ?p ?o }', { mediaType: 'application/sparql-results+json' });
    expect(JSON.parse(raw.body)).toEqual({ head: {}, boolean: true });
    const [row] = await s.select('SELECT ?b WHERE { ?s ?p ?b }');
    expect(row.b.equals(literal('true', namedNode('http://www.w3.org/2001/XMLSchema#boolean')))).toBe(true);
  });

  it('learns the Virtuoso dialect from the Server header and sends one request for many graphs', async () => {
    const { store: s, seen } = await store((req, res) => {
      res.setHeader('server', 'Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu');
      ok(res);
    });
    const puts = Array.from({ length: 50 }, (_, i) => ({ graph: `${g}/${i}`, quads: sample }));
    await s.commit({ put: puts, drop: ['http://example.org/graph/old'] });
    const updates = seen.filter((r) => r.form.has('update'));
    expect(updates).toHaveLength(1);
    const text = updates[0].form.get('update')!;
    expect(text.startsWith('define sql:big-data-const 1')).toBe(true);
    expect(text.match(/INSERT DATA/g)).toHaveLength(1);
    expect(text).toContain('<http://example.org/graph/old>');
    expect(s.requests).toBe(2); // the dialect probe, then the update
  });

  it('replaces a graph too large for one update with a Graph Store PUT, on Virtuoso beside /sparql-auth', async () => {
    const { store: s, seen, url } = await store((req, res) => {
      res.setHeader('server', 'Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu');
      if (req.method === 'PUT') return void res.writeHead(201).end();
      ok(res);
    }, { largeGraphTriples: 10 });
    const auth = new SparqlStore({ queryUrl: url.replace(/\/sparql$/, '/sparql-auth'), largeGraphTriples: 10 });
    const big = Array.from({ length: 11 }, (_, i) => quad(namedNode('http://example.org/report'), namedNode('http://example.org/result'), blankNode(`r${i}`)));
    await s.commit({ put: [{ graph: g, quads: sample }, { graph: `${g}/big`, quads: [...big, ...big] }], drop: [`${g}/big`, `${g}/old`] });
    const puts = seen.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.url).toBe(`/sparql-graph-crud?graph=${encodeURIComponent(`${g}/big`)}`);
    expect(puts[0]!.headers['content-type']).toMatch(/^application\/n-triples/);
    expect(puts[0]!.body.trim().split('\n')).toHaveLength(22);
    expect(puts[0]!.body).toContain('<http://example.org/report> <http://example.org/result> _:r10 .');
    // The small graph and the drops still go by SPARQL Update, the big graph not.
    const update = seen.find((r) => r.form.has('update'))!.form.get('update')!;
    expect(update).toContain(`<${g}/old>`);
    expect(update).not.toContain(`<${g}/big>`);
    expect(update).toContain('"x"');
    // Derived beside /sparql-auth: the authenticated Graph Store endpoint.
    await auth.commit({ put: [{ graph: `${g}/big`, quads: big }] }).catch(() => undefined);
    expect(seen.filter((r) => r.method === 'PUT').at(-1)!.url).toMatch(/^\/sparql-graph-crud-auth\?graph=/);
  });

  it('puts large graphs to a configured Graph Store endpoint on any store, and only there', async () => {
    const { store: plain, seen } = await store((_req, res) => ok(res), { dialect: 'standard', largeGraphTriples: 1 });
    await plain.commit({ put: [{ graph: g, quads: [...sample, quad(namedNode('http://example.org/s'), namedNode('http://example.org/q'), literal('y'))] }] });
    expect(seen.filter((r) => r.method === 'PUT')).toHaveLength(0);
    const { seen: seen2, url } = await store((req, res) => (req.method === 'PUT' ? void res.writeHead(204).end() : ok(res)));
    const withGsp = new SparqlStore({ queryUrl: url, graphStoreUrl: url.replace(/\/sparql$/, '/rdf-graph-store'), dialect: 'standard', largeGraphTriples: 1 });
    await withGsp.commit({ put: [{ graph: g, quads: [...sample, quad(namedNode('http://example.org/s'), namedNode('http://example.org/q'), literal('y'))] }] });
    expect(seen2.map((r) => `${r.method} ${r.url}`)).toEqual([`PUT /rdf-graph-store?graph=${encodeURIComponent(g)}`]);
  });

  it('authenticates with Digest after a challenge, never sending the password', async () => {
    const realm = 'SPARQL';
    const nonce = 'abc123';
    const md5 = (x: string) => createHash('md5').update(x).digest('hex');
    const { store: s, seen } = await store(
      (req, res) => {
        const auth = req.headers.authorization ?? '';
        const p = Object.fromEntries([...auth.matchAll(/(\w+)="?([^",]+)"?/g)].map((m) => [m[1], m[2]]));
        const expected = md5(`${md5(`hub:${realm}:s3cret`)}:${nonce}:${p.nc}:${p.cnonce}:auth:${md5(`POST:${p.uri}`)}`);
        if (!auth.startsWith('Digest ') || p.response !== expected) {
          res.writeHead(401, { 'www-authenticate': `Digest realm="${realm}", nonce="${nonce}", qop="auth", algorithm="MD5", opaque="xyz"` });
          return res.end();
        }
        ok(res);
      },
      { username: 'hub', password: 's3cret', dialect: 'standard' },
    );
    await s.commit({ put: [{ graph: g, quads: sample }] });
    await s.commit({ drop: [g] });
    expect(seen.map((r) => (r.headers.authorization ?? '').split(' ')[0])).toEqual(['', 'Digest', 'Digest']);
    expect(seen.some((r) => JSON.stringify(r.headers).includes('s3cret'))).toBe(false);
  });

  it('answers a Basic challenge with Basic', async () => {
    const { store: s } = await store(
      (req, res) => {
        if (req.headers.authorization !== `Basic ${Buffer.from('hub:pw').toString('base64')}`) {
          res.writeHead(401, { 'www-authenticate': 'Basic realm="store"' });
          return res.end();
        }
        ok(res);
      },
      { username: 'hub', password: 'pw' },
    );
    expect(await s.ask('ASK {}')).toBe(true);
  });

  it('reports refused credentials as STORE_FORBIDDEN, which is not retried', async () => {
    const { store: s } = await store((_req, res) => {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="store"' });
      res.end();
    }, { username: 'hub', password: 'wrong' });
    const error = await s.ask('ASK {}').catch((e: unknown) => e);
    expect((error as StoreError).code).toBe('STORE_FORBIDDEN');
    expect(isTransient(error)).toBe(false);
    expect((await s.health()).ok).toBe(false);
  });
});

describe('SparqlStore.fromConfig', () => {
  it('sends updates to the query URL when no update URL is configured', async () => {
    const { url, seen, server } = await serve((_req, res) => ok(res));
    servers.push(server);
    const s = SparqlStore.fromConfig({ store: { type: 'sparql', queryUrl: url, snapshotEveryOps: 1 }, sparql: { timeoutMs: 1000, maxResults: 10, queryWorkers: 1, federationAllowList: [] } } as any);
    await s.commit({ drop: [g] });
    expect(seen.filter((r) => r.form.has('update'))).toHaveLength(1);
  });
});

describe('updateRequests', () => {
  const graph = (i: number, n = 10) => ({ graph: `${g}/${i}`, quads: Array.from({ length: n }, (_, j) => quad(namedNode(`http://example.org/s${i}`), namedNode('http://example.org/p'), literal(`v${j}`))) });

  it('drops before it inserts, so a graph both dropped and put ends up put', () => {
    const [r] = updateRequests({ put: [graph(1)], drop: [`${g}/1`, `${g}/2`] }, 1e6, 'standard');
    expect(r.body.indexOf(`DROP SILENT GRAPH <${g}/2>`)).toBeLessThan(r.body.indexOf('INSERT DATA'));
    expect(r.body.match(/DROP SILENT GRAPH/g)).toHaveLength(2);
    expect(r.graphs).toEqual([`${g}/2`, `${g}/1`]);
  });

  it('packs graphs into requests of at most maxBytes, never splitting a graph', () => {
    const puts = Array.from({ length: 100 }, (_, i) => graph(i));
    const requests = updateRequests({ put: puts }, 5000, 'standard');
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.length).toBeLessThan(100);
    expect(requests.flatMap((r) => r.graphs)).toEqual(puts.map((p) => p.graph));
    for (const r of requests) expect(Buffer.byteLength(r.body)).toBeLessThanOrEqual(5000 + 200);
    // One graph larger than the limit still goes whole, in a request of its own.
    expect(updateRequests({ put: [graph(0, 500)] }, 1000, 'standard')).toHaveLength(1);
  });

  it('clears at most 500 graphs per request on Virtuoso, where clearing grows faster than the number of graphs', () => {
    const drop = Array.from({ length: 1200 }, (_, i) => `${g}/${i}`);
    const virtuoso = updateRequests({ drop }, 1e7, 'virtuoso');
    expect(virtuoso.map((r) => r.graphs.length)).toEqual([500, 500, 200]);
    expect(virtuoso.flatMap((r) => r.graphs)).toEqual(drop);
    expect(updateRequests({ drop }, 1e7, 'standard')).toHaveLength(1);
  });

  it('does not clear fresh put graphs, unless the change set also drops them', () => {
    const changes = { put: [graph(1), graph(2), graph(3)], drop: [`${g}/3`, `${g}/4`], fresh: [`${g}/1`, `${g}/2`, `${g}/3`] };
    const [standard] = updateRequests(changes, 1e6, 'standard');
    expect(standard.body.match(/DROP SILENT GRAPH <[^>]+>/g)).toEqual([`DROP SILENT GRAPH <${g}/4>`, `DROP SILENT GRAPH <${g}/3>`]);
    expect(standard.body).toContain(`GRAPH <${g}/1>`);
    const [virtuoso] = updateRequests(changes, 1e6, 'virtuoso');
    expect(/VALUES \?g \{ ([^}]*) \}/.exec(virtuoso.body)![1]).toBe(`<${g}/4> <${g}/3>`);
    // Nothing to clear: no DELETE at all.
    const [allFresh] = updateRequests({ put: [graph(1)], fresh: [`${g}/1`] }, 1e6, 'virtuoso');
    expect(allFresh.body).not.toMatch(/DELETE/);
    expect(allFresh.body).toContain('INSERT DATA');
  });

  it('gives blank nodes labels unique per graph and uses an INSERT template for them', () => {
    const b = blankNode('x');
    const puts = [0, 1].map((i) => ({ graph: `${g}/${i}`, quads: [quad(namedNode('http://example.org/s'), namedNode('http://example.org/p'), b)] }));
    const [standard] = updateRequests({ put: puts }, 1e6, 'standard');
    expect(standard.body).toMatch(/INSERT \{[\s\S]*_:g0b0[\s\S]*_:g1b0[\s\S]*\} WHERE \{\}/);
    expect(standard.body).not.toContain('INSERT DATA');
    const [virtuoso] = updateRequests({ put: puts }, 1e6, 'virtuoso');
    expect(virtuoso.body.match(/INSERT \{/g)).toHaveLength(2);
  });

  it('refuses IRIs that SPARQL cannot carry, naming the graph', () => {
    const bad = [quad(namedNode('http://example.org/a b'), namedNode('http://example.org/p'), literal('x'))];
    expect(() => updateRequests({ put: [{ graph: g, quads: bad }] }, 1e6)).toThrow(new RegExp(`graph ${g}`));
    expect(() => updateRequests({ drop: ['not an iri'] }, 1e6)).toThrow(StoreError);
  });
});
