/**
 * A replica whose WASM instance traps is discarded and rebuilt, never reused. The probe: `SELECT *
 * WHERE` + 700 nested `{ }` made Oxigraph trap ("memory access out of bounds") and every later
 * query, commit and /health failed until restart, and close threw without writing the snapshot.
 * Here the query goes straight to the store (the API refuses it before: query admission).
 */
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import { OxigraphStore } from '../../../src/store/oxigraph-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const deep = (depth: number) => `SELECT * WHERE ${'{ '.repeat(depth)}?s ?p ?o${' }'.repeat(depth)}`;
const graphOf = (i: number) => `http://test/graph/${i}`;
const write = (i: number) => ({ graph: graphOf(i), quads: [quad(namedNode(`http://test/s/${i}`), namedNode('http://test/p'), literal(`value ${i}`))] });

describe.each([1, 2])('The embedded store with %i replica(s), after a query that traps its WASM instance', (replicas) => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir('hub-trap-')));
  afterEach(() => dir.cleanup());

  it('replaces the replica: the next queries and commits work, health stays ok, close writes the snapshot', async () => {
    const notices: string[] = [];
    const store = new OxigraphStore({ dataDir: dir.path, queryWorkers: replicas, log: (m) => notices.push(m) });
    await store.open();
    await store.commit({ put: [write(1), write(2)] });
    await expect(store.select(deep(700))).rejects.toMatchObject({ code: 'QUERY_ERROR', message: expect.stringMatching(/query engine failed on this query and was restarted \(memory access out of bounds/) });
    expect(notices.some((m) => /trapped .*discarded and rebuilt/.test(m))).toBe(true);
    // Every replica answers as before (with two, ask often enough to reach both).
    for (let i = 0; i < 4; i++) expect(await store.ask('ASK {}')).toBe(true);
    expect(await store.graph(graphOf(2))).toHaveLength(1);
    await store.commit({ put: [write(3)] });
    expect(await store.select('SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?o')).toHaveLength(3);
    expect(await store.health()).toMatchObject({ ok: true });
    // A second trap is handled the same way.
    await expect(store.ask(`ASK ${'{ '.repeat(700)}?s ?p ?o${' }'.repeat(700)}`)).rejects.toMatchObject({ code: 'QUERY_ERROR' });
    expect(await store.ask('ASK { ?s ?p "value 3" }')).toBe(true);
    await store.close();
    // Close wrote a snapshot of seq 2 and emptied the journal.
    expect((await readFile(join(dir.path, 'store', 'snapshot.nq'), 'utf8')).split('\n')[0]).toMatch(/\b2\b/);
    expect((await stat(join(dir.path, 'store', 'journal.log'))).size).toBe(0);
    expect(notices.filter((m) => /no snapshot written/.test(m))).toEqual([]);
    const again = new OxigraphStore({ dataDir: dir.path, queryWorkers: 1 });
    await again.open();
    expect(await again.graph(graphOf(3))).toHaveLength(1);
    await again.close();
  }, 60000);
});

describe('Closing the embedded store with no replica that matches the journal', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir('hub-trap-close-')));
  afterEach(() => dir.cleanup());

  it('skips the snapshot, says why, and still closes the journal and releases the lock', async () => {
    const first = new OxigraphStore({ dataDir: dir.path, queryWorkers: 1 });
    await first.open();
    for (let i = 0; i < 5; i++) await first.commit({ put: [write(i)] });
    await first.close();
    const notices: string[] = [];
    const store = new OxigraphStore({ dataDir: dir.path, queryWorkers: 1, log: (m) => notices.push(m) });
    await store.open();
    await store.commit({ put: [write(9)] });
    // Damage the snapshot, then make the only replica rebuild (a query past its time limit): it cannot load.
    const snapshot = join(dir.path, 'store', 'snapshot.nq');
    const handle = await open(snapshot, 'r+');
    await handle.write(Buffer.from('ZZZZZZZZ'), 0, 8, 60);
    await handle.close();
    // Ten patterns over six triples: 6^10 rows, far past 50 ms on any machine (six patterns finished in time on a quiet one).
    await expect(store.select('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?q ?r ?t . ?u ?v ?w . ?x ?y ?z . ?a2 ?b2 ?c2 . ?d2 ?e2 ?f2 }', { timeoutMs: 50 })).rejects.toThrow();
    const until = Date.now() + 20000;
    while ((await store.health()).ok && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect((await store.health()).ok).toBe(false);
    await expect(store.close()).resolves.toBeUndefined();
    expect(notices.some((m) => /no snapshot written at close .*journal .* keeps every commit/.test(m))).toBe(true);
    // The lock is released: opening again fails on the damage, not on the lock; the journal still holds commit 6.
    const again = new OxigraphStore({ dataDir: dir.path, queryWorkers: 1 });
    await expect(again.open()).rejects.toMatchObject({ code: 'STORE_DAMAGED' });
    expect(await readFile(join(dir.path, 'store', 'journal.log'), 'utf8')).toContain('http://test/graph/9');
  }, 60000);
});

describe('Closing the embedded store while its only replica runs a long query', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir('hub-trap-busy-')));
  afterEach(() => dir.cleanup());

  it('does not wait for the query: it skips the snapshot, says why, and the journal keeps the commits', async () => {
    const notices: string[] = [];
    const store = new OxigraphStore({ dataDir: dir.path, queryWorkers: 1, timeoutMs: 60_000, log: (m) => notices.push(m) });
    await store.open();
    await store.commit({ put: Array.from({ length: 30 }, (_, i) => write(i)) });
    const runaway = store.select('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?q ?r ?t }').catch((e: Error) => e);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await store.close();
    // Well below the query's 60 s time limit.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await runaway) as Error).toMatchObject({ message: 'store is closed' });
    expect(notices.some((m) => /no snapshot written at close \(every replica was still busy with a query or being rebuilt after 2000 ms/.test(m))).toBe(true);
    const again = new OxigraphStore({ dataDir: dir.path, queryWorkers: 1 });
    await again.open();
    expect(await again.graph(graphOf(29))).toHaveLength(1);
    await again.close();
  }, 60000);
});
