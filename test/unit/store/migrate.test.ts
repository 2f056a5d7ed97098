/**
 * migrateStore (src/store/migrate.ts) between two in-memory stores: the remote is a fake whose
 * loader can lose quads or fail part-way, so the refusal, verify and resume paths are exercised
 * without a SPARQL server (store-migrate-virtuoso.test.ts runs it against Virtuoso).
 */
import { blankNode, literal, namedNode, quad, type Quad } from '../../../src/core/rdf.js';
import { MigrateError, migrateStore, type GraphLoader, type MigrationTarget } from '../../../src/store/migrate.js';
import type { GraphWrite } from '../../../src/store/store.js';
import { MemoryStore } from '../../helpers/memory-store.js';

const BASE = 'http://hub.test/';
const ENTITIES = `${BASE}graph/entities`;
const recordGraph = (i: number) => `${BASE}graph/src/r${i}`;

function recordQuads(i: number): Quad[] {
  const s = namedNode(`${BASE}id/object/r${i}`);
  const g = namedNode(recordGraph(i));
  const dim = blankNode(`d${i}`);
  return [
    quad(s, namedNode('http://purl.org/dc/terms/title'), literal(`Object ${i}`, 'nl'), g),
    quad(s, namedNode('http://example.org/dimension'), dim, g),
    quad(dim, namedNode('http://example.org/value'), literal(String(i)), g),
  ];
}

/** A source like the embedded store: record graphs, provenance graphs, and the entities graph merging the record graphs. */
async function sourceWith(records: number): Promise<MemoryStore> {
  const store = new MemoryStore();
  const put: GraphWrite[] = [];
  for (let i = 0; i < records; i++) {
    put.push({ graph: recordGraph(i), quads: recordQuads(i) });
    put.push({ graph: `${recordGraph(i)}/provenance`, quads: [quad(namedNode(recordGraph(i)), namedNode('http://www.w3.org/ns/prov#generatedAtTime'), literal('2026-01-01'), namedNode(`${recordGraph(i)}/provenance`))] });
  }
  await store.commit({ put });
  const merged = (await Promise.all(Array.from({ length: records }, (_, i) => store.graph(recordGraph(i))))).flat();
  await store.commit({ put: [{ graph: ENTITIES, quads: merged }] });
  return store;
}

/** The fake remote: a memory store that builds its entities graph as a SparqlStore does (from its record graphs, in place). */
function fakeRemote(): { store: MemoryStore; target: MigrationTarget } {
  const store = new MemoryStore();
  const target: MigrationTarget = {
    select: (q) => store.select(q),
    commit: (c) => store.commit(c),
    async rebuildEntities() {
      const rows = await store.select(`SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(REGEX(STR(?g), "^${BASE}graph/[^/]+/[^/]+$")) }`);
      const quads = (await Promise.all(rows.map((r) => store.graph(r.g!.value)))).flat();
      await store.commit({ put: [{ graph: ENTITIES, quads }] });
    },
  };
  return { store, target };
}

async function countUnder(store: MemoryStore, base = BASE): Promise<number> {
  const [row] = await store.select(`SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${base}")) }`);
  return Number(row!.n!.value);
}

const options = (source: MemoryStore, target: MigrationTarget) => ({ source, sourceName: 'the embedded store', target, targetName: 'the fake remote', baseIri: BASE, batchQuads: 10 });

describe('migrateStore', () => {
  it('copies every graph, has the target build its entities graph, and verifies by counts', async () => {
    const source = await sourceWith(8);
    const { store, target } = fakeRemote();
    const outcome = await migrateStore(options(source, target));
    expect(outcome).toMatchObject({ graphs: 16, quads: 8 * 4, entitiesQuads: 8 * 3, copiedGraphs: 16, copiedQuads: 32, verified: true, mismatches: [] });
    expect(await countUnder(store)).toBe(await countUnder(source));
    expect(await store.graph(recordGraph(5))).toHaveLength(3);
    expect(await store.graph(ENTITIES)).toHaveLength(24);
  });

  it('writes nothing on a dry run', async () => {
    const source = await sourceWith(3);
    const { store, target } = fakeRemote();
    const outcome = await migrateStore({ ...options(source, target), dryRun: true });
    expect(outcome).toMatchObject({ dryRun: true, graphs: 6, copiedGraphs: 0 });
    expect(await countUnder(store)).toBe(0);
  });

  it('refuses a target holding graphs under the base IRI, naming the store and the step, and leaves it as it was', async () => {
    const source = await sourceWith(2);
    const { store, target } = fakeRemote();
    await store.commit({ put: [{ graph: `${BASE}graph/other/x`, quads: recordQuads(99).map((q) => quad(q.subject, q.predicate, q.object, namedNode(`${BASE}graph/other/x`))) }] });
    const failure = migrateStore(options(source, target));
    await expect(failure).rejects.toThrow(MigrateError);
    await expect(migrateStore(options(source, target))).rejects.toThrow(/checking that it is empty on the fake remote failed: it already holds 3 quads in 1 graphs under http:\/\/hub\.test\/; use --replace/);
    expect(await countUnder(store)).toBe(3);
  });

  it('with replace, drops what the target held under the base IRI and keeps graphs outside it', async () => {
    const source = await sourceWith(2);
    const { store, target } = fakeRemote();
    const foreign = 'http://elsewhere.test/graph';
    await store.commit({ put: [{ graph: `${BASE}graph/other/x`, quads: recordQuads(99) }, { graph: foreign, quads: recordQuads(98) }] });
    const outcome = await migrateStore({ ...options(source, target), replace: true });
    expect(outcome.verified).toBe(true);
    expect(await store.graph(`${BASE}graph/other/x`)).toHaveLength(0);
    expect(await store.graph(foreign)).toHaveLength(3);
    expect(await countUnder(store)).toBe(await countUnder(source));
  });

  it('reports the graphs whose counts differ when the target lost quads', async () => {
    const source = await sourceWith(4);
    const { target } = fakeRemote();
    const lossy: GraphLoader = (graphs) => target.commit({ put: graphs.map((g) => (g.graph === recordGraph(2) ? { ...g, quads: g.quads.slice(1) } : g)) });
    const outcome = await migrateStore({ ...options(source, target), loader: lossy });
    expect(outcome.verified).toBe(false);
    expect(outcome.mismatches).toContainEqual({ graph: recordGraph(2), source: 3, target: 2 });
  });

  it('resumes a migration cut short: copies only the graphs still missing, then verifies', async () => {
    const source = await sourceWith(10);
    const { store, target } = fakeRemote();
    let loads = 0;
    const failsSecond: GraphLoader = async (graphs) => {
      if (++loads === 2) throw new Error('connection reset');
      await target.commit({ put: graphs });
    };
    await expect(migrateStore({ ...options(source, target), loader: failsSecond })).rejects.toThrow(/store migrate: loading \d+ graphs \(\d+ quads\) on the fake remote failed: connection reset/);
    const partial = await countUnder(store);
    expect(partial).toBeGreaterThan(0);
    // Not empty now: refused without resume, finished with it.
    await expect(migrateStore(options(source, target))).rejects.toThrow(/use --replace/);
    const outcome = await migrateStore({ ...options(source, target), resume: true });
    expect(outcome.verified).toBe(true);
    expect(outcome.copiedGraphs).toBeLessThan(20);
    expect(outcome.copiedGraphs).toBeGreaterThan(0);
    expect(await countUnder(store)).toBe(await countUnder(source));
  });
});
