import N3 from 'n3';
import request from 'supertest';
import { entityIri, provenanceGraphIri, recordGraphIri } from '../../../src/core/identifiers.js';
import { blankNode, literal, namedNode, quad, type Quad } from '../../../src/core/rdf.js';
import { testStores } from '../../helpers/test-stores.js';
import { openTestHub, publish, t, unpublish, type TestHub } from './api-helpers.js';

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const PREF = 'http://www.w3.org/2004/02/skos/core#prefLabel';
const SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs';
const HAS_PROVENANCE = 'http://www.w3.org/ns/prov#has_provenance';

describe.each(testStores())('On the %s store,', (_name, store) => {
  let th: TestHub;
  let BASE: string;
  let PAINTING: string;
  let DRAWING: string;
  let PAINTER: string;
  let OIL: string;
  let GHENT: string;
  let KEEPER: string;
  const path = (iri: string) => iri.slice(BASE.length - 1);
  const nt = (text: string) => new N3.Parser({ format: 'N-Triples' }).parse(text);
  /** Every member of a collection, following rel="next". */
  const members = async (url: string): Promise<string[]> => {
    const out: string[] = [];
    let next: string | undefined = url;
    while (next) {
      const r = await request(th.app).get(next).set('accept', 'application/n-triples');
      expect([next, r.status]).toEqual([next, 200]);
      out.push(...nt(r.text).filter((q) => q.predicate.value === 'http://www.w3.org/ns/hydra/core#member').map((q) => q.object.value));
      const link = /<([^>]+)>; rel="next"/.exec(r.headers.link ?? '');
      next = link ? path(link[1]!) : undefined;
    }
    return out;
  };

  /** An object record as the mappings write it: the object, a production hash node, a blank dimension, and the things it names. */
  const objectRecord = (object: string, title: string): Quad[] => {
    const dimension = blankNode();
    return [
      t(object, RDF_TYPE, namedNode(`${CRM}E22_Human-Made_Object`)),
      t(object, `${CRM}P102_has_title`, literal(title, 'nl')),
      t(object, `${CRM}P108i_was_produced_by`, namedNode(`${object}#productie`)),
      t(`${object}#productie`, RDF_TYPE, namedNode(`${CRM}E12_Production`)),
      t(`${object}#productie`, `${CRM}P14_carried_out_by`, namedNode(PAINTER)),
      t(`${object}#productie`, `${CRM}P7_took_place_at`, namedNode(GHENT)),
      quad(namedNode(object), namedNode(`${CRM}P43_has_dimension`), dimension),
      quad(dimension, namedNode(RDF_TYPE), namedNode(`${CRM}E54_Dimension`)),
      quad(dimension, namedNode(`${CRM}P90_has_value`), literal('61')),
      t(object, `${CRM}P45_consists_of`, namedNode(OIL)),
      t(object, `${CRM}P50_has_current_keeper`, namedNode(KEEPER)),
      t(PAINTER, RDF_TYPE, namedNode(`${CRM}E39_Actor`)),
      t(PAINTER, LABEL, 'Jan Frans Portaels'),
      t(PAINTER, SAME_AS, namedNode('http://viaf.org/viaf/95218002')),
      t(GHENT, RDF_TYPE, namedNode('http://www.w3.org/ns/prov#Location')),
      t(GHENT, LABEL, literal('Gent', 'nl')),
      t(OIL, RDF_TYPE, namedNode('http://www.w3.org/2004/02/skos/core#Concept')),
      t(OIL, PREF, literal('olieverf', 'nl')),
      t(KEEPER, RDF_TYPE, namedNode(`${CRM}E39_Actor`)),
      t(KEEPER, LABEL, 'Museum voor Schone Kunsten'),
    ];
  };

  beforeAll(async () => {
    th = await openTestHub({ store, hub: { api: { anonymousPerMinute: 100000 } }, sources: [{ id: 'coll', entityType: 'mensgemaaktobject', organisation: 'MSK' }] });
    BASE = th.hub.config.hub.baseIri;
    PAINTING = entityIri(BASE, 'mensgemaaktobject', 'coll', 'p1');
    DRAWING = entityIri(BASE, 'mensgemaaktobject', 'coll', 'd2');
    PAINTER = `${BASE}id/agent/coll/20000199`;
    OIL = `${BASE}id/concept/coll/materiaal/olieverf`;
    GHENT = `${BASE}id/locatie/coll/Gent`;
    KEEPER = `${BASE}id/organisatie/coll/MSK%20Gent`;
    await publish(th.hub, 'coll', [
      { recordId: 'p1', quads: [...objectRecord(PAINTING, 'De bloemenverkoopster'), t(PAINTING, SAME_AS, namedNode('https://id.example/object/p1'))] },
      { recordId: 'd2', quads: objectRecord(DRAWING, 'Schets') },
    ]);
  });
  afterAll(() => th.close());

  describe('Dereferencing every hub IRI', () => {
    it('describes an IRI a record mentions: its own triples from every record describing it, once, linking each provenance graph', async () => {
      const r = await request(th.app).get(path(PAINTER)).set('accept', 'application/n-triples');
      expect(r.status).toBe(200);
      const quads = nt(r.text);
      expect(new Set(quads.map((q) => q.subject.value))).toEqual(new Set([PAINTER]));
      expect(quads).toHaveLength(3);
      const provenance = [...(r.headers.link ?? '').matchAll(/<([^>]*)>; rel="([^"]*)"/g)].filter((m) => m[2] === HAS_PROVENANCE).map((m) => decodeURIComponent(m[1]!.replace('/graph-store?graph=', '')));
      expect(provenance.sort()).toEqual([provenanceGraphIri(BASE, 'coll', 'd2'), provenanceGraphIri(BASE, 'coll', 'p1')].sort());
    });

    it('includes the hash IRIs and nested blank nodes of a main entity, and not the things it points at', async () => {
      const r = await request(th.app).get(path(PAINTING)).set('accept', 'application/n-triples');
      expect(r.status).toBe(200);
      const quads = nt(r.text);
      const subjects = new Set(quads.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject.value));
      // The record's blank dimension is published as a hash IRI of the object (entity-iris.ts).
      const dimension = [...subjects].find((s) => s.startsWith(`${PAINTING}#P43_has_dimension-`));
      expect(subjects).toEqual(new Set([PAINTING, `${PAINTING}#productie`, dimension]));
      expect(quads.some((q) => q.subject.value === dimension && q.object.value === '61')).toBe(true);
      expect(quads.some((q) => q.subject.value === PAINTER)).toBe(false);
    });

    it('answers every representation by Accept and ?format=, JSON-LD with the local context', async () => {
      for (const [accept, format, type] of [
        ['text/turtle', 'ttl', /^text\/turtle/],
        ['application/ld+json', 'jsonld', /^application\/ld\+json/],
        ['application/rdf+xml', 'rdf', /^application\/rdf\+xml/],
      ] as const) {
        const byAccept = await request(th.app).get(path(OIL)).set('accept', accept);
        expect([accept, byAccept.status, byAccept.headers['content-type']]).toEqual([accept, 200, expect.stringMatching(type)]);
        expect(byAccept.headers['content-location']).toBe(`${path(OIL)}?format=${format}`);
        expect(byAccept.headers.vary).toMatch(/Accept/);
        const byFormat = await request(th.app).get(`${path(OIL)}?format=${format}`);
        expect(byFormat.text).toBe(byAccept.text);
      }
      const ld = JSON.parse((await request(th.app).get(path(OIL)).set('accept', 'application/ld+json')).text);
      expect(JSON.stringify(ld['@context'])).toContain('/api/v1/contexts/ghent-generiek-basis.jsonld');
      expect(JSON.stringify(ld)).toContain('olieverf');
    });

    it('shows people nested nodes in place with their labels, never a blank-node label', async () => {
      const r = await request(th.app).get(path(PAINTING)).set('accept', 'text/html');
      expect(r.status).toBe(200);
      expect(r.text).toContain('De bloemenverkoopster');
      expect(r.text).not.toMatch(/_:[A-Za-z0-9]/);
      // The dimension and the production are blocks inside the object's table, not separate sections.
      const section = r.text.slice(r.text.indexOf('<section id="data">'));
      const objectBlock = section.slice(0, section.indexOf('</div>', section.lastIndexOf('61')) + 6);
      expect(objectBlock).toContain('crm:E54_Dimension');
      expect(objectBlock).toContain('#productie');
      expect(section.match(/<div class="node"/g)!.length).toBe(3);
      const agent = await request(th.app).get(path(KEEPER)).set('accept', 'text/html');
      expect(agent.status).toBe(200);
      expect(agent.text).toContain('<h1 id="title">Museum voor Schone Kunsten</h1>');
    });

    it('answers DESCRIBE of a hub IRI on /sparql with the same description, hash IRIs included', async () => {
      const r = await request(th.app).get('/sparql').query({ query: `DESCRIBE <${PAINTING}>` }).set('accept', 'application/n-triples');
      expect(r.status).toBe(200);
      const deref = nt((await request(th.app).get(path(PAINTING)).set('accept', 'application/n-triples')).text);
      const described = nt(r.text);
      expect(described).toHaveLength(deref.length);
      expect(described.some((q) => q.subject.value === `${PAINTING}#productie` && q.object.value === PAINTER)).toBe(true);
      const two = nt((await request(th.app).get('/sparql').query({ query: `DESCRIBE <${PAINTER}> <${OIL}>` }).set('accept', 'application/n-triples')).text);
      expect(new Set(two.map((q) => q.subject.value))).toEqual(new Set([PAINTER, OIL]));
    });

    it('answers 303 from a source IRI to the hub IRI owl:sameAs it', async () => {
      const r = await request(th.app).get('/id').query({ iri: 'https://id.example/object/p1' });
      expect(r.status).toBe(303);
      expect(r.headers.location).toBe(path(PAINTING));
      const viaf = await request(th.app).get('/id').query({ iri: 'http://viaf.org/viaf/95218002' });
      expect([viaf.status, viaf.headers.location]).toEqual([303, path(PAINTER)]);
      expect((await request(th.app).get('/id').query({ iri: 'https://id.example/unknown' })).status).toBe(404);
      expect((await request(th.app).get('/id')).status).toBe(400);
    });

    it('answers 404 for IRIs never minted', async () => {
      expect((await request(th.app).get('/id/agent/x/y').set('accept', 'text/turtle')).status).toBe(404);
      expect((await request(th.app).get('/id/agent/coll/20000199x').set('accept', 'text/html')).status).toBe(404);
    });
  });

  describe('REST collections of described things', () => {

    it('fill agents, organisations, places and concepts from the records, paged', async () => {
      expect(await members('/api/v1/agents?limit=1')).toEqual([PAINTER, KEEPER].sort());
      expect(await members('/api/v1/organisations')).toEqual([KEEPER]);
      expect(await members('/api/v1/places')).toEqual([GHENT]);
      expect(await members('/api/v1/concepts')).toEqual([OIL]);
    });

    it('filter by q, type and source, and carry each member description', async () => {
      expect(await members('/api/v1/agents?q=portaels')).toEqual([PAINTER]);
      expect(await members('/api/v1/agents?q=nobody')).toEqual([]);
      expect(await members(`/api/v1/places?type=${encodeURIComponent('http://www.w3.org/ns/prov#Location')}&source=coll`)).toEqual([GHENT]);
      expect(await members('/api/v1/places?source=other')).toEqual([]);
      const page = await request(th.app).get('/api/v1/concepts').set('accept', 'application/n-triples');
      expect(page.text).toContain('"olieverf"@nl');
      const html = await request(th.app).get('/api/v1/agents').set('accept', 'text/html');
      expect(html.text).toContain(`href="${path(PAINTER)}"`);
      expect(html.text).toContain('Jan Frans Portaels');
    });

    it('serve one member by {sourceId}:{rest of its IRI}', async () => {
      const r = await request(th.app).get('/api/v1/agents/coll:20000199').set('accept', 'application/n-triples');
      expect(r.status).toBe(200);
      expect(r.text).toContain('Jan Frans Portaels');
      expect((await request(th.app).get('/api/v1/concepts/coll:materiaal/olieverf')).status).toBe(404); // a slash ends the path segment
      expect((await request(th.app).get('/api/v1/concepts/coll:materiaal%2Folieverf').set('accept', 'text/turtle')).status).toBe(200);
      expect((await request(th.app).get('/api/v1/agents/coll:nobody')).status).toBe(404);
    });
  });

  describe('After deletes at the source', () => {
    it('keeps an IRI another record still describes, and answers 410 once the last record describing it is gone', async () => {
      await unpublish(th.hub, 'coll', ['p1'], '2026-11-20T08:00:00Z');
      expect((await request(th.app).get(path(PAINTING)).set('accept', 'text/turtle')).status).toBe(410);
      const painter = await request(th.app).get(path(PAINTER)).set('accept', 'application/n-triples');
      expect(painter.status).toBe(200);
      expect(painter.headers.link).not.toContain(encodeURIComponent(provenanceGraphIri(BASE, 'coll', 'p1')));
      expect(await members('/api/v1/agents')).toEqual([PAINTER, KEEPER].sort());
      await unpublish(th.hub, 'coll', ['d2'], '2026-11-21T08:00:00Z');
      // The tombstone lists what the record described (hub:describes, as the publisher writes it).
      const tombstone = provenanceGraphIri(BASE, 'coll', 'd2');
      const quads = await th.hub.store.graph(tombstone);
      const describes = [PAINTER, OIL, GHENT, KEEPER].map((iri) => quad(namedNode(recordGraphIri(BASE, 'coll', 'd2')), namedNode('https://w3id.org/culture-lod-hub/ns#describes'), namedNode(iri)));
      await th.hub.store.commit({ put: [{ graph: tombstone, quads: [...quads, ...describes] }] });
      expect((await request(th.app).get(path(PAINTER)).set('accept', 'text/turtle')).status).toBe(410);
      expect((await request(th.app).get(path(OIL)).set('accept', 'text/html')).status).toBe(410);
      expect(await members('/api/v1/agents')).toEqual([]);
    });
  });
});
