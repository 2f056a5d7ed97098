/**
 * Entity matching end to end in the embedded run (runSource over the hub's Oxigraph store, with a
 * small test matcher and union-find clusters: test/helpers/test-matching.ts): two sources naming
 * one place give one canonical IRI in every record graph, owl:sameAs both members and both source
 * IRIs, whatever the order they are harvested in; the SPARQL default graph holds the merged
 * description; a member's IRI answers 303 to the canonical; an unchanged re-harvest writes no
 * record; a deleted record leaves its cluster; a curator's never-merge splits it at once.
 */
import request from 'supertest';
import { join } from 'node:path';
import { createApp } from '../../../src/api/app.js';
import { ConfigSchema } from '../../../src/config/schema.js';
import type { Connector, ConnectorMessage, RawRecord } from '../../../src/connectors/contract.js';
import { entityIri, provenanceGraphIri, recordGraphIri } from '../../../src/core/identifiers.js';
import { namedNode, nQuadLines, parseRdf, quad, literal, type Quad } from '../../../src/core/rdf.js';
import { HUB, OWL, RDF } from '../../../src/core/vocab.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { runSource, type SourceRuntime } from '../../../src/pipeline/run-source.js';
import type { LinkDecision } from '../../../src/publication/matching/contract.js';
import { MatchStep } from '../../../src/pipeline/steps/match.js';
import { ShaclValidator } from '../../../src/validation/shacl-validator.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { IDENTIFIER, NAME, testMatching } from '../../helpers/test-matching.js';

const BASE = 'http://hub.test/';
const SCHEMA_PLACE = 'https://schema.org/Place';
const SHAPES = `@prefix sh: <http://www.w3.org/ns/shacl#> .
<urn:shape> a sh:NodeShape ; sh:targetClass <${SCHEMA_PLACE}> ; sh:property [ sh:path <${NAME}> ; sh:minCount 1 ] .`;
const SAME = OWL('sameAs');

type Place = { id: string; name: string; ids?: string[] };
const record = (source: string, p: Place): ConnectorMessage => ({ type: 'record', record: { sourceId: source, recordId: p.id, mediaType: 'application/json', body: JSON.stringify(p) } });
const complete: ConnectorMessage = { type: 'listing', complete: true };

function runtime(hub: Hub, sourceId: string, messages: ConnectorMessage[]): SourceRuntime {
  const connector: Connector = {
    type: 'fake',
    check: async () => ({ ok: true, message: 'ok' }),
    async *read() {
      yield* messages;
    },
  };
  return {
    source: hub.source(sourceId),
    connector,
    connectorConfig: {},
    mapper: {
      id: 'places',
      version: '1',
      async map(r: RawRecord) {
        const p = JSON.parse(r.body) as Place;
        const s = namedNode(`https://${sourceId}.example/place/${p.id}`);
        return { quads: [quad(s, namedNode(RDF('type')), namedNode(SCHEMA_PLACE)), quad(s, namedNode(NAME), literal(p.name)), ...(p.ids ?? []).map((i) => quad(s, namedNode(IDENTIFIER), namedNode(i)))] };
      },
    },
    validator: new ShaclValidator(parseRdf(SHAPES), { id: 'places-shapes', version: '1' }),
  };
}

async function openHub(decisions: LinkDecision[] = [], at?: string): Promise<{ hub: Hub; close: () => Promise<void> }> {
  const dir = at ? { path: at, cleanup: async () => undefined } : await tempDir('hub-matching-');
  const source = (id: string, extra: object = {}) => ({ id, entityType: 'plaats', mapping: 'none.yml', shapes: ['none.ttl'], connector: { type: 'files' }, ...extra });
  const parsed = ConfigSchema.parse({ hub: { baseIri: BASE, dataDir: join(dir.path, 'data') }, sources: [source('a'), source('b'), source('c', { matching: false })] });
  const hub = await Hub.open({ ...parsed, baseDir: dir.path }, { matching: testMatching(decisions) });
  return {
    hub,
    close: async () => {
      await hub.close();
      await dir.cleanup();
    },
  };
}

const harvest = (hub: Hub, sourceId: string, places: Place[], listing = true, match = hub.match) =>
  runSource(hub.config.hub, runtime(hub, sourceId, [...places.map((p) => record(sourceId, p)), ...(listing ? [complete] : [])]), hub.store, hub.states, { full: true, batchSize: 2, match });

const A_PLACES: Place[] = [
  { id: 'a1', name: 'Vooruit', ids: ['urn:venue:vooruit'] },
  { id: 'a2', name: 'Minard' },
];
const B_PLACES: Place[] = [
  { id: 'b1', name: 'Vooruit - Theaterzaal', ids: ['urn:venue:vooruit'] },
  { id: 'b2', name: 'Handelsbeurs' },
];
const A1 = entityIri(BASE, 'plaats', 'a', 'a1');
const B1 = entityIri(BASE, 'plaats', 'b', 'b1');
const LINKS = `${BASE}graph/links`;

/** A graph as sorted N-Triples lines (comparable across stores). */
const lines = (quads: Quad[]) => nQuadLines(quads.map((q) => quad(q.subject, q.predicate, q.object))).sort();
/** The entities a record graph describes (not the graph's facts about itself, docs/data-model.md, Provenance). */
const subjects = (quads: Quad[]) => [...new Set(quads.map((q) => q.subject.value))].filter((s) => !s.startsWith(`${BASE}graph/`)).sort();

describe('Entity matching in the embedded run', () => {
  let first: Awaited<ReturnType<typeof openHub>>;
  const decisions: LinkDecision[] = [];

  beforeAll(async () => {
    first = await openHub(decisions);
    expect(await harvest(first.hub, 'a', A_PLACES)).toMatchObject({ status: 'completed', published: 2 });
    expect(await harvest(first.hub, 'b', B_PLACES)).toMatchObject({ status: 'completed', published: 2 });
  });
  afterAll(() => first.close());

  it('gives two sources describing one place one canonical IRI (the smallest member), owl:sameAs each member and each source IRI', async () => {
    const { store } = first.hub;
    const b1 = await store.graph(recordGraphIri(BASE, 'b', 'b1'));
    expect(subjects(b1)).toEqual([A1]);
    expect(lines(b1)).toEqual(expect.arrayContaining(lines([quad(namedNode(A1), namedNode(SAME), namedNode(B1)), quad(namedNode(A1), namedNode(SAME), namedNode('https://b.example/place/b1'))])));
    // The provenance names the canonical IRI as the record's entity; the matching graph keeps what the record itself described.
    const prov = await store.graph(provenanceGraphIri(BASE, 'b', 'b1'));
    expect(prov.find((q) => q.predicate.value === HUB('entity'))?.object.value).toBe(A1);
    const matching = await store.graph(`${recordGraphIri(BASE, 'b', 'b1')}/matching`);
    expect(matching.filter((q) => q.predicate.value === HUB('describes')).map((q) => q.object.value)).toEqual([B1]);
    // a1's own record is on its own IRI (it is the canonical) and says nothing of b1.
    expect(subjects(await store.graph(recordGraphIri(BASE, 'a', 'a1')))).toEqual([A1]);
    // The places no other source names stay apart.
    expect(subjects(await store.graph(recordGraphIri(BASE, 'b', 'b2')))).toEqual([entityIri(BASE, 'plaats', 'b', 'b2')]);
  });

  it('keeps the links graph: the link with its evidence, and canonical owl:sameAs member', async () => {
    const links = await first.hub.store.graph(LINKS);
    const link = links.find((q) => q.predicate.value === HUB('linkSubject'))!.subject.value;
    const about = (p: string) => links.find((q) => q.subject.value === link && q.predicate.value === p)?.object.value;
    expect(about(HUB('linkSubject'))).toBe(A1);
    expect(about(HUB('linkObject'))).toBe(B1);
    expect(about(HUB('verdict'))).toBe('match');
    expect(JSON.parse(about(HUB('evidence'))!)).toEqual([expect.objectContaining({ rule: 'shared-identifier' })]);
    expect(links.filter((q) => q.predicate.value === SAME).map((q) => [q.subject.value, q.object.value])).toEqual([[A1, B1]]);
    // It is no record graph: none of it is in the entities graph.
    expect(await first.hub.store.ask(`ASK { GRAPH <${BASE}graph/entities> { ?l <${HUB('linkSubject')}> ?x } }`)).toBe(false);
  });

  it('serves the merged description in the SPARQL default graph', async () => {
    const rows = await first.hub.store.select(`SELECT ?name WHERE { <${A1}> <${NAME}> ?name } ORDER BY ?name`, { defaultGraph: 'entities' });
    expect(rows.map((r) => r.name!.value)).toEqual(['Vooruit', 'Vooruit - Theaterzaal']);
    const same = await first.hub.store.select(`SELECT ?x WHERE { <${A1}> <${SAME}> ?x } ORDER BY ?x`, { defaultGraph: 'entities' });
    expect(same.map((r) => r.x!.value)).toEqual([B1, 'https://a.example/place/a1', 'https://b.example/place/b1'].sort());
    expect(await first.hub.store.ask(`ASK { <${B1}> ?p ?o }`, { defaultGraph: 'entities' })).toBe(false);
  });

  it("answers 303 at the member's IRI to the canonical IRI, whose page has both sources' statements", async () => {
    const app = createApp({ ...hubPorts(first.hub), log: () => undefined });
    const member = await request(app).get('/id/plaats/b/b1').set('accept', 'text/turtle');
    expect(member.status).toBe(303);
    expect(member.headers.location).toBe('/id/plaats/a/a1');
    const canonical = await request(app).get('/id/plaats/a/a1').set('accept', 'application/n-triples');
    expect(canonical.status).toBe(200);
    expect(canonical.text).toContain('"Vooruit - Theaterzaal"');
    expect(canonical.text).toContain('"Vooruit"');
  });

  it('lists the merged place once in the REST collection, under its canonical IRI', async () => {
    const app = createApp({ ...hubPorts(first.hub), log: () => undefined });
    const r = await request(app).get('/api/v1/places').set('accept', 'application/n-triples');
    expect(r.status).toBe(200);
    const members = parseRdf(r.text, { format: 'application/n-triples' })
      .filter((q) => q.predicate.value === 'http://www.w3.org/ns/hydra/core#member')
      .map((q) => q.object.value)
      .sort();
    expect(members).toEqual([A1, entityIri(BASE, 'plaats', 'a', 'a2'), entityIri(BASE, 'plaats', 'b', 'b2')].sort());
  });

  it('gives the same graphs when the sources are harvested in the other order', async () => {
    const other = await openHub();
    try {
      await harvest(other.hub, 'b', B_PLACES);
      await harvest(other.hub, 'a', A_PLACES);
      for (const [src, id] of [
        ['a', 'a1'],
        ['a', 'a2'],
        ['b', 'b1'],
        ['b', 'b2'],
      ] as const) {
        expect(lines(await other.hub.store.graph(recordGraphIri(BASE, src, id)))).toEqual(lines(await first.hub.store.graph(recordGraphIri(BASE, src, id))));
        const entity = async (h: Hub) => (await h.store.graph(provenanceGraphIri(BASE, src, id))).find((q) => q.predicate.value === HUB('entity'))?.object.value;
        expect(await entity(other.hub)).toBe(await entity(first.hub));
      }
      expect(lines(await other.hub.store.graph(LINKS))).toEqual(lines(await first.hub.store.graph(LINKS)));
    } finally {
      await other.close();
    }
  });

  it('writes no record again on an unchanged re-harvest', async () => {
    const puts: string[] = [];
    const off = first.hub.store.onCommit!((c) => puts.push(...c.put));
    try {
      expect(await harvest(first.hub, 'b', B_PLACES)).toMatchObject({ status: 'completed', published: 2, unchanged: 2 });
      expect(await harvest(first.hub, 'a', A_PLACES)).toMatchObject({ status: 'completed', published: 2, unchanged: 2 });
    } finally {
      off();
    }
    expect(puts.filter((g) => g.startsWith(`${BASE}graph/a/`) || g.startsWith(`${BASE}graph/b/`) || g === LINKS)).toEqual([]);
  });

  it('leaves a source that opts out (matching: false) on its own IRIs', async () => {
    await harvest(first.hub, 'c', [{ id: 'c1', name: 'Vooruit', ids: ['urn:venue:vooruit'] }]);
    expect(subjects(await first.hub.store.graph(recordGraphIri(BASE, 'c', 'c1')))).toEqual([entityIri(BASE, 'plaats', 'c', 'c1')]);
    expect((await first.hub.match!.clusters()).map((c) => c.members)).toEqual([[A1, B1]]);
  });

  it("applies a curator's never-merge at once (ReclusterPort): the member gets its own IRI back", async () => {
    decisions.push({ kind: 'never-merge', a: A1, b: B1, curator: 'test', at: '2026-12-07T10:00:00Z', id: 'd1' });
    await first.hub.match!.recluster([A1, B1]);
    expect(subjects(await first.hub.store.graph(recordGraphIri(BASE, 'b', 'b1')))).toEqual([B1]);
    expect((await first.hub.store.graph(LINKS)).filter((q) => q.predicate.value === SAME)).toEqual([]);
    decisions.length = 0;
    await first.hub.match!.recluster([A1, B1]);
    expect(subjects(await first.hub.store.graph(recordGraphIri(BASE, 'b', 'b1')))).toEqual([A1]);
  });

  it('takes a deleted record out of its cluster: the other member gets its own IRI back', async () => {
    // When the record was published: its publication node's time (docs/data-model.md, Provenance).
    const publishedAt = async () => {
      const by = (await first.hub.store.graph(provenanceGraphIri(BASE, 'b', 'b1'))).find((q) => q.predicate.value === 'http://www.w3.org/ns/prov#wasGeneratedBy')?.object.value;
      return by && (await first.hub.store.graph(by)).find((q) => q.predicate.value === 'http://www.w3.org/ns/prov#endedAtTime')?.object.value;
    };
    const before = await publishedAt();
    // a's listing without a1: a1 is deleted by difference.
    expect(await harvest(first.hub, 'a', A_PLACES.slice(1))).toMatchObject({ status: 'completed', deleted: 1 });
    // b1 moved back: a new version of it (LDES keys versions by entity and time).
    expect(await publishedAt()).not.toBe(before);
    const b1 = await first.hub.store.graph(recordGraphIri(BASE, 'b', 'b1'));
    expect(subjects(b1)).toEqual([B1]);
    expect(b1.some((q) => q.object.value === A1)).toBe(false);
    expect((await first.hub.store.graph(provenanceGraphIri(BASE, 'b', 'b1'))).find((q) => q.predicate.value === HUB('entity'))?.object.value).toBe(B1);
    expect((await first.hub.store.graph(LINKS)).filter((q) => q.predicate.value === SAME)).toEqual([]);
    const app = createApp({ ...hubPorts(first.hub), log: () => undefined });
    expect((await request(app).get('/id/plaats/b/b1').set('accept', 'text/turtle')).status).toBe(200);
  });
});

describe('Entity matching after a restart', () => {
  it('loads the index from the store (features page by page, the links graph) and goes on matching', async () => {
    const dir = await tempDir('hub-matching-restart-');
    try {
      const before = await openHub([], dir.path);
      await harvest(before.hub, 'a', [...A_PLACES, { id: 'a3', name: 'Handelsbeurs Concertzaal' }]);
      await before.hub.close();
      const after = await openHub([], dir.path);
      try {
        // A step of its own that loads one feature row per query: the keyset paging must not lose a record.
        const step = new MatchStep(testMatching(), after.hub.store, BASE, { loadPage: 1 });
        await harvest(after.hub, 'b', B_PLACES, true, step);
        expect(subjects(await after.hub.store.graph(recordGraphIri(BASE, 'b', 'b1')))).toEqual([A1]);
        expect((await step.clusters()).map((c) => c.members)).toEqual([[A1, B1]]);
        // The review pair (one name inside the other) is kept as a link, not clustered.
        const verdicts = (await after.hub.store.graph(LINKS)).filter((q) => q.predicate.value === HUB('verdict')).map((q) => q.object.value).sort();
        expect(verdicts).toEqual(['match', 'review']);
      } finally {
        await after.hub.close();
      }
    } finally {
      await dir.cleanup();
    }
  });
});
