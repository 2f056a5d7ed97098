import N3 from 'n3';
import request from 'supertest';
import { entityIri } from '../../../src/core/identifiers.js';
import { testStores } from '../../helpers/test-stores.js';
import { openTestHub, publish, t, type TestHub } from './api-helpers.js';

const VOID = 'http://rdfs.org/ns/void#';
const DCAT = 'http://www.w3.org/ns/dcat#';

const parse = (text: string) => new N3.Store(new N3.Parser().parse(text));

describe.each(testStores())('Dataset description on the %s store', (_name, store) => {
  let th: TestHub;
  let BASE: string;
  beforeAll(async () => {
    th = await openTestHub({ store, sources: [{ id: 'dmg', entityType: 'mensgemaaktobject', organisation: 'Design Museum Gent', name: 'DMG objects' }, { id: 'uit', entityType: 'activiteit' }] });
    BASE = th.hub.config.hub.baseIri;
    // Records a and b both say what the material is called: one triple in the default graph.
    const material = t(`${BASE}id/concept/wood`, 'http://www.w3.org/2000/01/rdf-schema#label', 'hout');
    await publish(th.hub, 'dmg', ['a', 'b', 'c'].map((id) => ({ recordId: id, quads: [t(entityIri(BASE, 'mensgemaaktobject', 'dmg', id), 'http://purl.org/dc/terms/title', `Object ${id}`), t(entityIri(BASE, 'mensgemaaktobject', 'dmg', id), 'http://purl.org/dc/terms/description', 'x'), ...(id === 'c' ? [] : [material])] })));
    await publish(th.hub, 'uit', [{ recordId: 'e', quads: [t(entityIri(BASE, 'activiteit', 'uit', 'e'), 'http://purl.org/dc/terms/title', 'Event')] }]);
  });
  afterAll(() => th.close());

  it('publishes VoID with counts from the store', async () => {
    const r = await request(th.app).get('/.well-known/void').set('accept', 'text/turtle');
    expect(r.status).toBe(200);
    const g = parse(r.text);
    const value = (s: string, p: string) => Number(g.getObjects(s, p, null)[0]?.value);
    expect(value(`${BASE}source/dmg`, `${VOID}triples`)).toBe(8);
    expect(value(`${BASE}source/dmg`, `${VOID}entities`)).toBe(3);
    expect(value(`${BASE}source/uit`, `${VOID}entities`)).toBe(1);
    // The hub's dataset counts the distinct triples of the SPARQL default graph: 9 record triples, one said twice.
    const count = async (query: string) => Number(JSON.parse((await request(th.app).get('/sparql').query({ query })).text).results.bindings[0].n.value);
    expect(value(`${BASE}dataset`, `${VOID}triples`)).toBe(8);
    expect(await count('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')).toBe(8);
    expect(await count('SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }')).toBe(8);
    expect(g.getObjects(`${BASE}dataset`, `${VOID}sparqlEndpoint`, null)[0]?.value).toBe(`${BASE}sparql`);
    const kinds = ['entities', 'records', 'provenance', 'reports'].map((k) => `${BASE}dataset#${k}`);
    expect(g.getObjects(`${BASE}dataset`, `${VOID}subset`, null).map((o) => o.value).sort()).toEqual([...kinds, `${BASE}source/dmg`, `${BASE}source/uit`].sort());
    // Each kind says how to query it; its example query runs on /sparql.
    for (const kind of kinds) {
      const comment = g.getObjects(kind, 'http://www.w3.org/2000/01/rdf-schema#comment', null)[0]?.value ?? '';
      const example = comment.replace(/^Example query: /, '');
      const r = await request(th.app).get('/sparql').query({ query: example }).set('accept', 'application/sparql-results+json');
      expect([kind, r.status]).toEqual([kind, 200]);
      if (!kind.endsWith('reports')) expect([kind, JSON.parse(r.text).results.bindings.length > 0]).toEqual([kind, true]);
    }
  });

  it('publishes a DCAT-AP catalogue with datasets, publishers and distributions', async () => {
    const r = await request(th.app).get('/catalog').set('accept', 'text/turtle');
    const g = parse(r.text);
    const catalog = `${BASE}catalog`;
    expect(g.getObjects(catalog, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', null)[0]?.value).toBe(`${DCAT}Catalog`);
    const datasets = g.getObjects(catalog, `${DCAT}dataset`, null).map((o) => o.value);
    expect(datasets.sort()).toEqual([`${BASE}dataset`, `${BASE}source/dmg`, `${BASE}source/uit`]);
    for (const d of datasets) {
      for (const p of ['http://purl.org/dc/terms/title', 'http://purl.org/dc/terms/description', 'http://purl.org/dc/terms/publisher', 'http://purl.org/dc/terms/identifier']) expect([d, p, g.getObjects(d, p, null).length > 0]).toEqual([d, p, true]);
    }
    const distributions = g.getObjects(`${BASE}dataset`, `${DCAT}distribution`, null);
    const access = distributions.map((d) => g.getObjects(d, `${DCAT}accessURL`, null)[0]?.value);
    expect(access).toEqual(expect.arrayContaining([`${BASE}sparql`, `${BASE}api/v1`, `${BASE}ldes/activities`]));
    const publisher = g.getObjects(`${BASE}source/dmg`, 'http://purl.org/dc/terms/publisher', null)[0]!;
    expect(g.getObjects(publisher, 'http://xmlns.com/foaf/0.1/name', null)[0]?.value).toBe('Design Museum Gent');
    expect((await request(th.app).get('/catalog').set('accept', 'application/ld+json')).status).toBe(200);
  });
});
