/**
 * The embedded store's commit feed (Store.onCommit): which graphs each commit put and dropped,
 * in commit order, visible to queries issued by the listener.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import { OxigraphStore } from '../../../src/store/oxigraph-store.js';
import type { StoreChange } from '../../../src/store/store.js';

const G = (n: number) => `http://hub.test/graph/s/${n}`;
const write = (n: number, value: string) => ({ graph: G(n), quads: [quad(namedNode(`http://hub.test/id/x/s/${n}`), namedNode('http://purl.org/dc/terms/title'), literal(value))] });

describe('An OxigraphStore commit feed', () => {
  let dataDir: string;
  let store: OxigraphStore;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hub-store-feed-'));
    store = new OxigraphStore({ dataDir });
    await store.open();
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('tells each listener the graphs a commit put and dropped, with the change counter, in order', async () => {
    const seen: StoreChange[] = [];
    const stop = store.onCommit((c) => seen.push(c));
    await store.commit({ put: [write(1, 'a'), write(2, 'b')] });
    await store.commit({ put: [write(2, 'c')], drop: [G(1), G(2), G(3)] });
    await store.commit({});
    stop();
    await store.commit({ drop: [G(2)] });
    expect(seen).toEqual([
      { seq: 1, put: [G(1), G(2)], drop: [] },
      { seq: 2, put: [G(2)], drop: [G(1), G(3)] },
    ]);
    expect(store.changeSeq()).toBe(3);
  });

  it('calls listeners once the commit is visible to queries sent from then on', async () => {
    const counts: Promise<number>[] = [];
    store.onCommit(() => counts.push(store.select('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }').then((r) => Number(r[0]!.n!.value))));
    await store.commit({ put: [write(1, 'a')] });
    await store.commit({ put: [write(2, 'b'), write(3, 'c')] });
    await store.commit({ drop: [G(1)] });
    expect(await Promise.all(counts)).toEqual([1, 3, 2]);
  });

  it('keeps a commit whose listener throws', async () => {
    const warn = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    store.onCommit(() => {
      throw new Error('listener broke');
    });
    await expect(store.commit({ put: [write(1, 'a')] })).resolves.toBeUndefined();
    expect((await store.graph(G(1))).length).toBe(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('listener broke'));
    warn.mockRestore();
  });
});
