/**
 * SparqlStore's bulk load (hub.store.bulkLoad): put graphs go as TriG documents that the store
 * fetches from the hub with SPARQL LOAD. Here against a loopback store that really fetches and
 * parses what it is told to load, and misbehaves on purpose; on Virtuoso in virtuoso-store.test.ts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { blankNode, literal, namedNode, parseRdf, quad, type Quad } from '../../../src/core/rdf.js';
import { StoreError } from '../../../src/core/errors.js';
import { HubSettingsSchema } from '../../../src/config/schema.js';
import { SparqlStore } from '../../../src/store/sparql-store.js';
import { LoadStaging } from '../../../src/store/sparql/load-staging.js';
import { trigDocuments } from '../../../src/store/sparql/trig-documents.js';

const g = 'http://example.org/graph';
const s = namedNode('http://example.org/s');
const p = namedNode('http://example.org/p');

interface FakeStore {
  url: string;
  server: Server;
  /** Update requests in order, as sent. */
  updates: string[];
  /** What each LOAD fetched, by graph (the last load of a graph wins). */
  loaded: Map<string, Quad[]>;
  /** LOADs being answered now, and the most at once. */
  loading: number;
  maxLoading: number;
  /** A LOAD of a document holding this graph fails (HTTP 500). */
  failLoadOf?: string;
}

type Behaviour = 'loads' | 'cannot reach' | 'one graph' | 'busy once';

/** A store that answers ASK from what it loaded and, on LOAD <url>, fetches and parses the document. */
async function fakeStore(behaviour: Behaviour = 'loads', loadMs = 0): Promise<FakeStore> {
  const updates: string[] = [];
  const loaded = new Map<string, Quad[]>();
  const fake = { updates, loaded, loading: 0, maxLoading: 0 } as Omit<FakeStore, 'url' | 'server'>;
  const answer = async (form: URLSearchParams, res: ServerResponse) => {
    const update = form.get('update');
    if (update === null) {
      const m = /GRAPH <([^>]+)>/.exec(form.get('query') ?? '');
      res.writeHead(200, { 'content-type': 'application/sparql-results+json' });
      // A SELECT (the entities graph's look for record graphs to build it from) finds nothing here.
      if (/^\s*SELECT/i.test(form.get('query') ?? '')) return void res.end(JSON.stringify({ head: { vars: ['g'] }, results: { bindings: [] } }));
      return void res.end(JSON.stringify({ head: {}, boolean: m ? loaded.has(m[1]) : true }));
    }
    updates.push(update);
    const load = /^LOAD <([^>]+)>$/.exec(update);
    if (!load) return void res.writeHead(200).end();
    if (behaviour === 'cannot reach') return void res.writeHead(500).end('HTTP fetch failed: connection refused');
    if (behaviour === 'busy once' && updates.filter((u) => u.startsWith('LOAD')).length === 1) return void res.writeHead(503).end('Service Unavailable');
    fake.maxLoading = Math.max(fake.maxLoading, ++fake.loading);
    try {
      const doc = await fetch(load[1]);
      if (!doc.ok) return void res.writeHead(500).end(`fetch of ${load[1]} answered ${doc.status}`);
      const quads = parseRdf(await doc.text(), { format: 'application/trig' });
      if (quads.some((q) => q.graph.value === fake.failLoadOf)) return void res.writeHead(500).end('load failed');
      await new Promise((resolve) => setTimeout(resolve, loadMs));
      for (const q of quads) {
        const graph = behaviour === 'one graph' ? load[1] : q.graph.value;
        loaded.set(graph, [...(loaded.get(graph) ?? []), q]);
      }
      res.writeHead(200).end();
    } finally {
      fake.loading--;
    }
  };
  const server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => void answer(new URLSearchParams(body), res).catch((e: Error) => res.writeHead(500).end(e.message)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(fake, { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/sparql`, server });
}

const open: { close(): unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function bulkStore(behaviour?: Behaviour, maxBytes?: number) {
  const fake = await fakeStore(behaviour);
  const store = new SparqlStore({ queryUrl: fake.url, dialect: 'standard', bulkLoad: { maxBytes } });
  open.push({ close: () => new Promise((resolve) => fake.server.close(resolve)) }, store);
  return { fake, store };
}

describe('trigDocuments', () => {
  it('writes each graph whole, with blank node labels of its own, and packs graphs up to maxBytes', () => {
    const shared = blankNode('x');
    const puts = Array.from({ length: 20 }, (_, i) => ({ graph: `${g}/${i}`, quads: [quad(s, p, shared), quad(shared, p, literal(`v "${i}"\n`, 'nl'))] }));
    const documents = trigDocuments([...puts, { graph: `${g}/empty`, quads: [] }], 600);
    expect(documents.length).toBeGreaterThan(1);
    expect(documents.flatMap((d) => d.graphs)).toEqual(puts.map((x) => x.graph));
    const quads = documents.flatMap((d) => parseRdf(d.body, { format: 'application/trig' }));
    expect(quads).toHaveLength(40);
    // Within a graph the node is one node; across graphs, twenty.
    const nodes = new Set(quads.filter((q) => q.object.termType === 'BlankNode').map((q) => q.object.value));
    expect(nodes.size).toBe(20);
    for (const q of quads.filter((x) => x.subject.termType === 'BlankNode')) {
      expect(quads.some((o) => o.graph.equals(q.graph) && o.object.equals(q.subject))).toBe(true);
    }
    expect(quads.find((q) => q.graph.value === `${g}/3` && q.object.termType === 'Literal')!.object).toEqual(literal('v "3"\n', 'nl'));
  });

  it('splits the graphs into parts of about equal size to load side by side, maxBytes still holding', () => {
    const puts = Array.from({ length: 20 }, (_, i) => ({ graph: `${g}/${i}`, quads: [quad(s, p, literal(`value ${i}`))] }));
    const two = trigDocuments(puts, 1e6, 2);
    expect(two).toHaveLength(2);
    // Each within a graph's block of half the text.
    expect(Math.abs(two[0]!.body.length - two[1]!.body.length)).toBeLessThanOrEqual(2 * (two[0]!.body.length / two[0]!.graphs.length));
    expect(two.flatMap((d) => d.graphs)).toEqual(puts.map((x) => x.graph));
    expect(trigDocuments(puts.slice(0, 1), 1e6, 4)).toHaveLength(1);
    const capped = trigDocuments(puts, two[0]!.body.length / 2, 2);
    expect(capped.length).toBeGreaterThan(2);
    for (const d of capped) expect(d.body.length).toBeLessThanOrEqual(two[0]!.body.length / 2);
  });

  it('names the graph of a term TriG cannot carry', () => {
    expect(() => trigDocuments([{ graph: g, quads: [quad(namedNode('http://example.org/a b'), p, literal('x'))] }], 1e6)).toThrow(new RegExp(`graph ${g}`));
  });
});

describe('LoadStaging', () => {
  it('serves a staged document at an unguessable URL until it is released, and nothing else', async () => {
    const staging = new LoadStaging();
    open.push(staging);
    const staged = await staging.stage('<urn:g> { <urn:s> <urn:p> "é" . }');
    expect(staged.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hub-load\/[0-9a-f]{32}\.trig$/);
    expect(staged.fetched()).toBe(false);
    const res = await fetch(staged.url);
    expect(res.headers.get('content-type')).toBe('application/trig; charset=utf-8');
    expect(await res.text()).toBe('<urn:g> { <urn:s> <urn:p> "é" . }');
    expect(staged.fetched()).toBe(true);
    expect((await fetch(staged.url.replace(/[0-9a-f]{32}/, '0'.repeat(32)))).status).toBe(404);
    expect((await fetch(staged.url, { method: 'POST', body: 'x' })).status).toBe(405);
    staged.release();
    expect((await fetch(staged.url)).status).toBe(404);
  });

  it('needs an advertised URL to listen on every interface', async () => {
    await expect(new LoadStaging({ host: '0.0.0.0' }).start()).rejects.toMatchObject({ code: 'STORE_CONFIG', message: expect.stringMatching(/advertisedUrl/) });
    const staging = new LoadStaging({ host: '0.0.0.0', advertisedUrl: 'http://hub-worker.internal:7000/' });
    open.push(staging);
    expect((await staging.stage('')).url).toMatch(/^http:\/\/hub-worker\.internal:7000\/hub-load\//);
  });
});

describe('A SparqlStore with bulkLoad', () => {
  it('clears the graphs it replaces or drops, then has the store LOAD the put graphs, once probed', async () => {
    const { fake, store } = await bulkStore(undefined, 2000);
    const puts = Array.from({ length: 30 }, (_, i) => ({ graph: `${g}/${i}`, quads: [quad(s, p, literal(`value ${i}`)), quad(s, p, blankNode('b'))] }));
    await store.commit({ put: puts, drop: [`${g}/old`, `${g}/0`] });
    const [clear, probe, ...rest] = fake.updates;
    expect(clear).toContain(`DROP SILENT GRAPH <${g}/old>`);
    expect(clear).toContain(`DROP SILENT GRAPH <${g}/29>`);
    expect(clear).not.toMatch(/INSERT/);
    expect(probe).toMatch(/^LOAD <http:\/\/127\.0\.0\.1:\d+\/hub-load\/[0-9a-f]{32}\.trig>$/);
    const loads = rest.filter((u) => u.startsWith('LOAD'));
    expect(loads.length).toBeGreaterThan(1); // packed into documents of at most 2000 bytes
    expect(new Set(loads).size).toBe(loads.length);
    for (const put of puts) expect(fake.loaded.get(put.graph)?.map((q) => q.object.value)[0]).toBe(put.quads[0].object.value);
    // Every document is gone once its load is through.
    const gone = await fetch(/<([^>]+)>/.exec(loads[0])![1]);
    expect(gone.status).toBe(404);
    // The probe runs once per store, not per commit; a commit of drops only loads nothing.
    const before = fake.updates.length;
    await store.commit({ put: [puts[0]] });
    await store.commit({ drop: [`${g}/1`] });
    expect(fake.updates.slice(before).filter((u) => u.startsWith('LOAD'))).toHaveLength(1);
  });

  it('does not clear fresh graphs before loading them; a dropped one it clears', async () => {
    const { fake, store } = await bulkStore();
    const puts = [1, 2, 3].map((i) => ({ graph: `${g}/${i}`, quads: [quad(s, p, literal(`value ${i}`))] }));
    await store.commit({ put: puts, drop: [`${g}/3`], fresh: [`${g}/1`, `${g}/2`, `${g}/3`] });
    const clears = fake.updates.filter((u) => !u.startsWith('LOAD'));
    expect(clears.join('\n').match(/DROP SILENT GRAPH <http:\/\/example\.org[^>]+>/g)).toEqual([`DROP SILENT GRAPH <${g}/3>`]);
    for (const put of puts) expect(fake.loaded.get(put.graph)?.map((q) => q.object.value)).toEqual([put.quads[0]!.object.value]);
    // All fresh: no clearing request at all.
    const before = fake.updates.length;
    await store.commit({ put: [{ graph: `${g}/4`, quads: puts[0]!.quads }], fresh: [`${g}/4`] });
    expect(fake.updates.slice(before)).toEqual([expect.stringMatching(/^LOAD </)]);
  });

  it('with concurrency 2 loads a commit as two documents side by side, and ends the commit only when both are through', async () => {
    const fake = await fakeStore('loads', 150);
    const store = new SparqlStore({ queryUrl: fake.url, dialect: 'standard', bulkLoad: { concurrency: 2 } });
    open.push({ close: () => new Promise((resolve) => fake.server.close(resolve)) }, store);
    const puts = Array.from({ length: 10 }, (_, i) => ({ graph: `${g}/${i}`, quads: [quad(s, p, literal(`value ${i}`))] }));
    await store.commit({ put: puts.slice(0, 1) }); // the probe, one LOAD at a time
    fake.maxLoading = 0;
    await store.commit({ put: puts });
    expect(fake.maxLoading).toBe(2);
    for (const put of puts) expect(fake.loaded.has(put.graph)).toBe(true);

    // One of the two fails at once: the commit fails, but only once the other is through too.
    const more = puts.map((x) => ({ ...x, graph: `${x.graph}-again` }));
    fake.failLoadOf = `${g}/9-again`;
    await expect(store.commit({ put: more })).rejects.toThrow(/load failed/);
    expect(fake.loading).toBe(0);
    expect(fake.loaded.has(`${g}/0-again`)).toBe(true);
  });

  it('says the store cannot reach the hub when it does not fetch the probe, and tries again next commit', async () => {
    const { fake, store } = await bulkStore('cannot reach');
    const error = await store.commit({ put: [{ graph: g, quads: [quad(s, p, literal('x'))] }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'STORE_CONFIG', message: expect.stringMatching(/did not fetch http:\/\/127\.0\.0\.1:\d+\/hub-load\/.*advertisedUrl/) });
    await store.commit({ put: [{ graph: g, quads: [quad(s, p, literal('x'))] }] }).catch(() => undefined);
    expect(fake.updates.filter((u) => u.startsWith('LOAD'))).toHaveLength(2);
  });

  it('reports a store that is busy during the probe as unavailable (a job tries again), and probes again next commit', async () => {
    const { fake, store } = await bulkStore('busy once');
    const error = await store.commit({ put: [{ graph: g, quads: [quad(s, p, literal('x'))] }] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/could not try the TriG probe: .*HTTP 503/) });
    await store.commit({ put: [{ graph: g, quads: [quad(s, p, literal('x'))] }] });
    expect(fake.updates.filter((u) => u.startsWith('LOAD'))).toHaveLength(3);
    expect(fake.loaded.get(g)).toHaveLength(1);
  });

  it('refuses to bulk load into a store that loads the named graphs of TriG into one graph', async () => {
    const { fake, store } = await bulkStore('one graph');
    await expect(store.commit({ put: [{ graph: g, quads: [quad(s, p, literal('x'))] }] })).rejects.toMatchObject({
      code: 'STORE_CONFIG',
      message: expect.stringMatching(/did not load the TriG probe into its named graph/),
    });
    // Only the probe was loaded, and removed again; the record was not.
    expect(fake.updates.filter((u) => u.startsWith('LOAD'))).toHaveLength(1);
    expect(fake.updates.at(-1)).toMatch(/^DROP SILENT GRAPH <urn:hub:load-probe:/);
  });
});

describe('hub.store.bulkLoad', () => {
  it('turns bulk load on from the configuration, with its defaults', async () => {
    const fake = await fakeStore();
    open.push({ close: () => new Promise((resolve) => fake.server.close(resolve)) });
    const hub = HubSettingsSchema.parse({ store: { type: 'sparql', queryUrl: fake.url, bulkLoad: {} } });
    expect(hub.store.bulkLoad).toEqual({ host: '127.0.0.1', port: 0, maxBytes: 16_000_000, concurrency: 1 });
    const store = SparqlStore.fromConfig(hub);
    open.push(store);
    await store.commit({ put: [{ graph: g, quads: [quad(s, p, literal('from config'))] }] });
    expect(fake.loaded.get(g)?.map((q) => q.object.value)).toEqual(['from config']);
    expect(() => HubSettingsSchema.parse({ store: { type: 'sparql', queryUrl: fake.url, bulkLoad: { port: 70000 } } })).toThrow(/port/);
  });
});
