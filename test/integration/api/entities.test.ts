import N3 from 'n3';
import request from 'supertest';
import { entityIri, provenanceGraphIri, recordGraphIri } from '../../../src/core/identifiers.js';
import { literal } from '../../../src/core/rdf.js';
import { testStores } from '../../helpers/test-stores.js';
import { openTestHub, publish, t, unpublish, type TestHub } from './api-helpers.js';

describe.each(testStores())('On the %s store,', (_name, store) => {
  let th: TestHub;
  let BASE: string;
  let CHAIR: string;
  const path = (iri: string) => iri.slice(BASE.length - 1);

  beforeAll(async () => {
    th = await openTestHub({ store, sources: [{ id: 'dmg', entityType: 'mensgemaaktobject' }] });
    BASE = th.hub.config.hub.baseIri;
    CHAIR = entityIri(BASE, 'mensgemaaktobject', 'dmg', 'inv 2024/1');
    await publish(th.hub, 'dmg', [
      { recordId: 'inv 2024/1', link: 'https://dmg.example/api/objects/inv-2024-1', quads: [t(CHAIR, 'http://purl.org/dc/terms/title', literal('Stoel <b>bold</b>', 'nl')), t(CHAIR, 'http://purl.org/dc/terms/description', 'A chair')] },
      { recordId: 'lamp', quads: [t(entityIri(BASE, 'mensgemaaktobject', 'dmg', 'lamp'), 'http://purl.org/dc/terms/title', 'Lamp')] },
    ]);
    await unpublish(th.hub, 'dmg', ['lamp'], '2026-11-20T08:00:00Z', 'run-9');
  });
  afterAll(() => th.close());

  describe('Dereferenceable entity IRIs (direct content negotiation)', () => {
    it('answers RDF clients with the data, Vary: Accept and a Content-Location', async () => {
      const r = await request(th.app).get(path(CHAIR)).set('accept', 'text/turtle');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/turtle/);
      expect(r.headers.vary).toMatch(/Accept/);
      expect(r.headers['content-location']).toBe('/id/mensgemaaktobject/dmg/inv%202024%2F1?format=ttl');
      const quads = new N3.Parser().parse(r.text);
      expect(quads.map((q) => q.subject.value)).toEqual([CHAIR, CHAIR]);
      const ld = await request(th.app).get(path(CHAIR)).set('accept', 'application/ld+json');
      expect(JSON.parse(ld.text)['@id']).toBe(CHAIR);
    });

    it('links RDF clients to the provenance (PROV-AQ has_provenance) and the source record', async () => {
      const r = await request(th.app).get(path(CHAIR)).set('accept', 'text/turtle');
      const links = Object.fromEntries([...(r.headers.link ?? '').matchAll(/<([^>]*)>; rel="([^"]*)"/g)].map((m) => [m[2], m[1]]));
      expect(links['http://www.w3.org/ns/prov#wasDerivedFrom']).toBe('https://dmg.example/api/objects/inv-2024-1');
      const provenance = links['http://www.w3.org/ns/prov#has_provenance'];
      expect(provenance).toBe(`/graph-store?graph=${encodeURIComponent(provenanceGraphIri(BASE, 'dmg', 'inv 2024/1'))}`);
      // The provenance names the run's publication node, part of the run whose conformance report the HTML page links.
      const prov = await request(th.app).get(provenance!).set('accept', 'application/n-triples');
      expect(prov.status).toBe(200);
      const publication = /<http:\/\/www\.w3\.org\/ns\/prov#wasGeneratedBy> <([^>]*run-1\/published\/[^>]*)>/.exec(prov.text)?.[1];
      expect(publication).toBeDefined();
      const node = await request(th.app).get('/graph-store').query({ graph: publication }).set('accept', 'application/n-triples');
      expect(node.text).toMatch(/<http:\/\/purl\.org\/dc\/terms\/isPartOf> <[^>]*run\/dmg\/run-1>/);
      // The link to the source record is a fact of the record graph, about itself (docs/data-model.md, Provenance).
      const record = await request(th.app).get('/graph-store').query({ graph: recordGraphIri(BASE, 'dmg', 'inv 2024/1') }).set('accept', 'application/n-triples');
      expect(record.text).toContain('<http://www.w3.org/ns/prov#wasDerivedFrom> <https://dmg.example/api/objects/inv-2024-1>');
    });

    it('answers browsers with a page: the data, escaped, and links to record, provenance and report', async () => {
      const r = await request(th.app).get(path(CHAIR)).set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect(r.status).toBe(200);
      expect(r.text).toContain('Stoel &lt;b&gt;bold&lt;/b&gt;');
      expect(r.text).not.toContain('<b>bold</b>');
      expect(r.text).toContain(`/graph-store?graph=${encodeURIComponent(recordGraphIri(BASE, 'dmg', 'inv 2024/1'))}`);
      expect(r.text).toContain(`/graph-store?graph=${encodeURIComponent(provenanceGraphIri(BASE, 'dmg', 'inv 2024/1'))}`);
      expect(r.text).toContain('href="/reports/dmg/run-1"');
    });

    it('escapes harvested text on the collection page too', async () => {
      const r = await request(th.app).get('/api/v1/heritage-objects').set('accept', 'text/html');
      expect(r.status).toBe(200);
      expect(r.text).toContain('Stoel &lt;b&gt;bold&lt;/b&gt;');
      expect(r.text).not.toContain('<b>bold</b>');
    });

    it('never serves a cached description older than the latest commit', async () => {
      const vase = entityIri(BASE, 'mensgemaaktobject', 'dmg', 'vase');
      await publish(th.hub, 'dmg', [{ recordId: 'vase', quads: [t(vase, 'http://purl.org/dc/terms/title', 'Vaas')] }]);
      expect((await request(th.app).get(path(vase)).set('accept', 'application/n-triples')).text).toContain('"Vaas"');
      await publish(th.hub, 'dmg', [{ recordId: 'vase', quads: [t(vase, 'http://purl.org/dc/terms/title', 'Blauwe vaas')] }]);
      expect((await request(th.app).get(path(vase)).set('accept', 'application/n-triples')).text).toContain('"Blauwe vaas"');
      await unpublish(th.hub, 'dmg', ['vase']);
      expect((await request(th.app).get(path(vase)).set('accept', 'application/n-triples')).status).toBe(410);
    });

    it('answers 404 for unknown IRIs and a wrong type segment, 410 for deleted entities', async () => {
      expect((await request(th.app).get('/id/mensgemaaktobject/dmg/nothing')).status).toBe(404);
      expect((await request(th.app).get('/id/activiteit/dmg/lamp')).status).toBe(404);
      const gone = await request(th.app).get('/id/mensgemaaktobject/dmg/lamp').set('accept', 'text/turtle');
      expect(gone.status).toBe(410);
      expect(JSON.parse(gone.text).detail).toContain('2026-11-20T08:00:00Z');
      const page = await request(th.app).get('/id/mensgemaaktobject/dmg/lamp').set('accept', 'text/html');
      expect(page.status).toBe(410);
      expect(page.text).toContain('Gone');
    });
  });

  describe('The Graph Store Protocol (read)', () => {
    it('serves a named graph with content negotiation', async () => {
      const graph = recordGraphIri(BASE, 'dmg', 'inv 2024/1');
      const r = await request(th.app).get('/graph-store').query({ graph }).set('accept', 'application/n-triples');
      expect(r.status).toBe(200);
      // The two mapped triples and the record's link to its source record (about the graph itself).
      const triples = new N3.Parser({ format: 'N-Triples' }).parse(r.text);
      expect(triples.filter((q) => q.subject.value !== graph)).toHaveLength(2);
      expect(triples.filter((q) => q.subject.value === graph).map((q) => q.predicate.value)).toEqual(['http://www.w3.org/ns/prov#wasDerivedFrom']);
      const prov = await request(th.app).get('/graph-store').query({ graph: provenanceGraphIri(BASE, 'dmg', 'inv 2024/1') }).set('accept', 'text/turtle');
      expect(prov.text).toContain('prov:wasGeneratedBy');
    });

    it('serves the default graph (the union) and refuses bad requests', async () => {
      // A shared store's union holds every other suite's graphs too: read it on the embedded store only.
      if (store.name === 'embedded') {
        const r = await request(th.app).get('/graph-store?default').set('accept', 'application/n-triples');
        expect(r.status).toBe(200);
        expect(r.text).toContain('"A chair"');
      }
      expect((await request(th.app).get('/graph-store').query({ graph: `${BASE}graph/none` })).status).toBe(404);
      expect((await request(th.app).get('/graph-store')).status).toBe(400);
      expect((await request(th.app).get('/graph-store?default').set('accept', 'image/png')).status).toBe(406);
      expect((await request(th.app).put('/graph-store?default')).status).toBe(405);
    });
  });
});
