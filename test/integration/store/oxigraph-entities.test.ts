/**
 * The embedded store's entities graph beyond the store contract: a store written before it (a
 * snapshot and journal without it, by a hub that gave the store no base IRI) gets it built once
 * at open, and keeps it from then on.
 */
import { literal, namedNode, quad, blankNode } from '../../../src/core/rdf.js';
import { OxigraphStore } from '../../../src/store/oxigraph-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BASE = 'http://hub.test/';
const ENTITIES = `${BASE}graph/entities`;
const t = (s: string, p: string, o: string) => quad(namedNode(`${BASE}${s}`), namedNode(`${BASE}${p}`), literal(o));

const lines = async (store: OxigraphStore, query: string) =>
  (await store.select(query)).map((r) => `${r.s!.termType === 'BlankNode' ? `_:${r.s!.value}` : r.s!.value} ${r.p!.value} ${r.o!.termType === 'BlankNode' ? `_:${r.o!.value}` : r.o!.value}`).sort();
const merged = (store: OxigraphStore) => lines(store, `SELECT ?s ?p ?o WHERE { GRAPH <${ENTITIES}> { ?s ?p ?o } }`);
const recordTriples = (store: OxigraphStore) => lines(store, `SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(REGEX(STR(?g), "^${BASE}graph/[^/]+/[^/]+$")) }`);

describe('The embedded store opened on data written before the entities graph', () => {
  it('builds the entities graph once, from the record graphs only, and keeps it from then on', async () => {
    const dir = await tempDir();
    try {
      // The old hub: no entities graph; 2500 records (two build batches), each with the shared triple and a blank node;
      // two opens, so the snapshot holds the commits of both.
      const old = new OxigraphStore({ dataDir: dir.path });
      await old.open();
      const put = Array.from({ length: 2500 }, (_, i) => [
        { graph: `${BASE}graph/src/r${i}`, quads: [t('id/place', 'label', 'Gent'), t(`id/o${i}`, 'title', `Object ${i}`), quad(namedNode(`${BASE}id/o${i}`), namedNode(`${BASE}size`), blankNode('d')), quad(blankNode('d'), namedNode(`${BASE}value`), literal(`${i}`))] },
        { graph: `${BASE}graph/src/r${i}/provenance`, quads: [t(`graph/src/r${i}`, 'publishedAt', '2026-01-01')] },
      ]).flat();
      await old.commit({ put: put.slice(0, 3000) });
      await old.close(); // writes a snapshot without the entities graph
      const older = new OxigraphStore({ dataDir: dir.path });
      await older.open();
      await older.commit({ put: put.slice(3000) });
      await older.close();

      const notes: string[] = [];
      const store = new OxigraphStore({ dataDir: dir.path, baseIri: BASE, log: (m) => notes.push(m), snapshotEveryOps: 100000 });
      await store.open();
      expect(notes.filter((n) => n.includes('no entities graph'))).toEqual([expect.stringContaining('built it from 2500 record graphs')]);
      const built = await merged(store);
      expect(built).toHaveLength(1 + 2500 * 3);
      expect(built).toEqual(await recordTriples(store));
      expect(built.some((l) => l.includes('publishedAt'))).toBe(false);
      // Kept from then on: a replaced record loses its stale triples.
      await store.commit({ put: [{ graph: `${BASE}graph/src/r7`, quads: [t('id/place', 'label', 'Gent')], entity: true }] });
      expect(await merged(store)).toEqual(await recordTriples(store));
      expect(await merged(store)).toHaveLength(1 + 2499 * 3);
      await store.close();

      const again = new OxigraphStore({ dataDir: dir.path, baseIri: BASE, log: (m) => notes.push(m) });
      await again.open();
      expect(notes.filter((n) => n.includes('no entities graph'))).toHaveLength(1);
      expect(await merged(again)).toHaveLength(1 + 2499 * 3);
      await again.close();
    } finally {
      await dir.cleanup();
    }
  }, 120_000);
});
