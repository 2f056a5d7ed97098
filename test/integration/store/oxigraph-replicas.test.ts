/**
 * The embedded store keeps its dataset only in its replica workers: these tests check that a
 * replica stuck in a runaway query holds up neither publishing nor the store's own reads when
 * another replica is free, and that every replica serves what was committed.
 */
import { namedNode, literal, quad } from '../../../src/core/rdf.js';
import { OxigraphStore } from '../../../src/store/oxigraph-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const RUNAWAY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }';

function graph(i: number) {
  const g = `http://example.org/graph/${i}`;
  const quads = Array.from({ length: 20 }, (_, k) => quad(namedNode(`http://example.org/s/${i}`), namedNode(`http://example.org/p/${k}`), literal(`value ${i} ${k}`), namedNode(g)));
  return { graph: g, quads };
}

describe('The embedded store with two replicas', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let store: OxigraphStore;

  beforeEach(async () => {
    dir = await tempDir('hub-replicas-');
    store = new OxigraphStore({ dataDir: dir.path, queryWorkers: 2, timeoutMs: 4000 });
    await store.open();
    await store.commit({ put: Array.from({ length: 30 }, (_, i) => graph(i)) });
  });

  afterEach(async () => {
    await store.close();
    await dir.cleanup();
  });

  it('acknowledges commits and answers graph reads while the other replica runs a runaway query', async () => {
    const order: string[] = [];
    const runaway = store.select(RUNAWAY).then(
      () => order.push('runaway answered'),
      (error: Error) => order.push(`runaway ${(error as { code?: string }).code}`),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await store.commit({ put: [graph(100)] });
    order.push('committed');
    const read = await store.graph('http://example.org/graph/100');
    order.push('read');
    await runaway;
    expect(read).toHaveLength(20);
    expect(order).toEqual(['committed', 'read', 'runaway QUERY_TIMEOUT']);
    // The stopped replica is replaced; the store still answers with every commit.
    const rows = await store.select('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }');
    expect(rows[0]!.n!.value).toBe('620');
  }, 30000);

  it('writes a snapshot holding every acknowledged commit, which a reopened store loads', async () => {
    for (let i = 200; i < 205; i++) await store.commit({ put: [graph(i)] });
    await store.commit({ drop: ['http://example.org/graph/0'] });
    await store.snapshot();
    await store.close();
    store = new OxigraphStore({ dataDir: dir.path, queryWorkers: 2 });
    await store.open();
    expect(await store.quadCount()).toBe((30 + 5 - 1) * 20);
    expect(await store.graph('http://example.org/graph/0')).toEqual([]);
    expect(await store.graph('http://example.org/graph/204')).toHaveLength(20);
  }, 30000);
});
