/** The embedded store refuses a commit past maxQuads before journaling it (Oxigraph WASM memory is finite). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import { OxigraphStore } from '../../../src/store/oxigraph-store.js';

const quads = (n: number, tag: string) => Array.from({ length: n }, (_, i) => quad(namedNode(`http://h/s${i}`), namedNode('http://h/p'), literal(`${tag}${i}`)));

describe('An embedded store with maxQuads', () => {
  let dataDir: string;
  let store: OxigraphStore;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hub-capacity-'));
    store = new OxigraphStore({ dataDir, maxQuads: 10 });
    await store.open();
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a commit that would pass the limit, journals nothing of it, and still takes replacements', async () => {
    await store.commit({ put: [{ graph: 'http://h/g1', quads: quads(8, 'a') }] });
    await expect(store.commit({ put: [{ graph: 'http://h/g2', quads: quads(3, 'b') }] })).rejects.toMatchObject({ code: 'STORE_FULL' });
    // Replacing g1 frees its 8 quads first: 10 in the end is within the limit.
    await store.commit({ put: [{ graph: 'http://h/g1', quads: quads(10, 'c') }] });
    expect(await store.quadCount()).toBe(10);
    await store.close();
    store = new OxigraphStore({ dataDir, maxQuads: 10 });
    await store.open();
    expect(await store.quadCount()).toBe(10);
    expect((await store.graph('http://h/g2')).length).toBe(0);
  });
});
