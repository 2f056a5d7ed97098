/**
 * The Reconciliation Service API on a small test hub: requests as OpenRefine sends them
 * (GET manifest, POST form-encoded queries= and extend=, the suggest and preview URLs from the
 * manifest), every answer validated against the specification's JSON Schemas, matching by
 * normalised labels with property evidence, and clear 400s for bad input.
 */
import { jest } from '@jest/globals';
import request from 'supertest';
import { blankNode, literal, namedNode, quad } from '../../../src/core/rdf.js';
import { describeErrors, validate } from '../../helpers/reconciliation-schemas.js';
import { testStores } from '../../helpers/test-stores.js';
import { BASE, openTestHub, publish, t, unpublish, type TestHub } from './api-helpers.js';

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const SCHEMA = 'https://schema.org/';
const PROV = 'http://www.w3.org/ns/prov#';
const OWL_SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs';
const DCT_TITLE = 'http://purl.org/dc/terms/title';

// The hub's IRIs, under the base of the store's test hub (a shared Virtuoso gives each hub its own).
let base = BASE;
let HENRY = '';
let HENRI = '';
const BOCH = 'https://stad.gent/id/agent/530024296';
let GENT = '';
let STOEL = '';
let MUSEUM = '';
let EXPO = '';
function useBase(b: string): void {
  base = b;
  HENRY = `${b}id/agent/dmg/henry-van-de-velde`;
  HENRI = `${b}id/agent/dmg/henri-van-de-velde`;
  GENT = `${b}id/locatie/dmg/gent`;
  STOEL = `${b}id/concept/dmg/stoel`;
  MUSEUM = `${b}id/organisatie/dmg/design-museum-gent`;
  EXPO = `${b}id/activiteit/events/expo-1`;
}

/** An object record whose production names a maker (with birth date and residence). */
function objectWithMaker(id: string, maker: string, makerLabel: string, born: string) {
  const object = `${base}id/mensgemaaktobject/dmg/${id}`;
  const production = blankNode(`production-${id}`);
  return [
    t(object, RDF_TYPE, namedNode(`${CRM}E22_Human-Made_Object`)),
    t(object, DCT_TITLE, literal(`Object ${id}`)),
    quad(namedNode(object), namedNode(`${CRM}P108i_was_produced_by`), production),
    quad(production, namedNode(`${CRM}P14_carried_out_by`), namedNode(maker)),
    t(maker, RDF_TYPE, namedNode(`${CRM}E39_Actor`)),
    t(maker, RDFS_LABEL, literal(makerLabel)),
    t(maker, `${SCHEMA}birthDate`, literal(born, namedNode('http://www.w3.org/2001/XMLSchema#date'))),
    t(maker, `${CRM}P74_has_current_or_former_residence`, namedNode(GENT)),
    t(GENT, RDF_TYPE, namedNode(`${PROV}Location`)),
    t(GENT, RDFS_LABEL, literal('Gent', 'nl')),
    t(object, `${CRM}P2_has_type`, namedNode(STOEL)),
    t(STOEL, RDF_TYPE, namedNode(`${SKOS}Concept`)),
    t(STOEL, `${SKOS}prefLabel`, literal('stoel', 'nl')),
  ];
}

const queries = (batch: unknown) => ({ queries: JSON.stringify(batch) });

describe.each(testStores())('/reconcile (Reconciliation Service API 0.2) on the %s store', (_name, store) => {
  let th: TestHub;
  beforeAll(async () => {
    th = await openTestHub({
      store,
      hub: { reconciliation: { maxQueries: 3, maxLimit: 10 } },
      sources: [
        { id: 'dmg', entityType: 'mensgemaaktobject' },
        { id: 'events', entityType: 'activiteit' },
      ],
    });
    useBase(th.hub.config.hub.baseIri);
    const anonymous = blankNode('anonymous');
    await publish(th.hub, 'dmg', [
      { recordId: 'chair-1', quads: objectWithMaker('chair-1', HENRY, 'Henry van de Velde', '1863-04-03') },
      { recordId: 'chair-2', quads: objectWithMaker('chair-2', HENRI, 'Henri van de Velde', '1901-01-01') },
      {
        recordId: 'vase-3',
        quads: [
          t(`${base}id/mensgemaaktobject/dmg/vase-3`, RDF_TYPE, namedNode(`${CRM}E22_Human-Made_Object`)),
          t(`${base}id/mensgemaaktobject/dmg/vase-3`, `${CRM}P14_carried_out_by`, namedNode(BOCH)),
          t(BOCH, RDF_TYPE, namedNode(`${PROV}Agent`)),
          t(BOCH, RDFS_LABEL, literal('Royal Boch')),
          t(BOCH, OWL_SAME_AS, namedNode('https://rkd.nl/explore/artists/1')),
          // A maker without an IRI cannot be a candidate: there is no id to give back.
          quad(namedNode(`${base}id/mensgemaaktobject/dmg/vase-3`), namedNode(`${CRM}P14_carried_out_by`), anonymous),
          quad(anonymous, namedNode(RDF_TYPE), namedNode(`${PROV}Agent`)),
          quad(anonymous, namedNode(RDFS_LABEL), literal('Anonieme maker')),
          t(MUSEUM, RDF_TYPE, namedNode(`${CRM}E74_Group`)),
          t(MUSEUM, RDFS_LABEL, literal('Design Museum Gent')),
        ],
      },
    ]);
    await publish(th.hub, 'events', [{ recordId: 'expo-1', quads: [t(EXPO, RDF_TYPE, namedNode(`${CRM}E7_Activity`)), t(EXPO, DCT_TITLE, literal('Art nouveau in Gent', 'nl'))] }]);
  });
  afterAll(() => th.close());

  const expectValid = (kind: string, body: unknown) => {
    const errors = validate(kind, body);
    if (errors.length) throw new Error(`${kind}: ${describeErrors(errors)}\n${JSON.stringify(body)}`);
  };
  const reconcile = (batch: unknown) => request(th.app).post('/reconcile').type('form').send(queries(batch));

  it('GET /reconcile gives the manifest, valid against manifest.json, with CORS', async () => {
    const res = await request(th.app).get('/reconcile').expect(200);
    expectValid('manifest', res.body);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body.identifierSpace).toBe(`${base}id/`);
    expect(res.body.defaultTypes.map((t: { id: string }) => t.id)).toEqual(['agent', 'organisation', 'place', 'concept', 'activity']);
    expect(res.body.preview.url).toBe(`${base}reconcile/preview?id={{id}}`);
    expect(res.body.suggest.entity).toEqual({ service_url: `${base}reconcile`, service_path: '/suggest/entity' });
  });

  it('finds a maker written with another casing and accents (POST form queries=, as OpenRefine sends it)', async () => {
    const res = await reconcile({ q0: { query: 'ROYAL BÖCH', type: 'agent' }, q1: { query: 'boch, royal' } });
    expect(res.status).toBe(200);
    expectValid('reconciliation-result-batch', res.body);
    for (const key of ['q0', 'q1']) {
      expect(res.body[key].result[0]).toMatchObject({ id: BOCH, name: 'Royal Boch', score: 100, match: true });
    }
    expect(res.body.q0.result[0].type).toEqual([expect.objectContaining({ id: 'agent' })]);
  });

  it('gives no match to a nonsense query', async () => {
    const res = await reconcile({ q0: { query: 'qxzv wplk', type: 'agent' } }).expect(200);
    expectValid('reconciliation-result-batch', res.body);
    expect(res.body.q0.result).toEqual([]);
  });

  it('answers GET ?queries= too', async () => {
    const res = await request(th.app).get('/reconcile').query(queries({ q0: { query: 'gent', type: 'place' } })).expect(200);
    expectValid('reconciliation-result-batch', res.body);
    expect(res.body.q0.result[0]).toMatchObject({ id: GENT, match: true });
  });

  it('leaves two near-equal names unmatched, and lets a birth date decide between them', async () => {
    const res = await reconcile({
      plain: { query: 'henry van de velde', type: 'agent' },
      dated: { query: 'Henry van de Velde', type: 'agent', properties: [{ pid: 'birthDate', v: '1863' }] },
      other: { query: 'Henry van de Velde', type: 'agent', properties: [{ pid: 'birthDate', v: '1901' }] },
    }).expect(200);
    expectValid('reconciliation-result-batch', res.body);
    const [first, second] = res.body.plain.result;
    expect(first).toMatchObject({ id: HENRY, score: 100, match: false });
    expect(second.id).toBe(HENRI);
    expect(first.score - second.score).toBeLessThan(10);
    expect(res.body.dated.result[0]).toMatchObject({ id: HENRY, match: true });
    expect(res.body.dated.result[0].features).toContainEqual({ id: 'property:birthDate', value: true });
    expect(res.body.dated.result[1].features).toContainEqual({ id: 'property:birthDate', value: false });
    // The other one's birth year outweighs one letter of the name: Henri, born 1901, leads.
    expect(res.body.other.result[0]).toMatchObject({ id: HENRI, match: true });
    expect(res.body.other.result[1]).toMatchObject({ id: HENRY, match: false });
  });

  it('filters by type and limit, in a deterministic order', async () => {
    const res = await reconcile({ q0: { query: 'van de velde', type: ['agent'], limit: 1 }, q1: { query: 'Design Museum Gent', type: 'organisation' }, q2: { query: 'art nouveau', type: 'activity' } }).expect(200);
    expect(res.body.q0.result).toHaveLength(1);
    expect(res.body.q1.result[0]).toMatchObject({ id: MUSEUM, match: true });
    expect(res.body.q2.result[0]).toMatchObject({ id: EXPO });
    const again = await reconcile({ q0: { query: 'van de velde', type: ['agent'], limit: 1 }, q1: { query: 'Design Museum Gent', type: 'organisation' }, q2: { query: 'art nouveau', type: 'activity' } });
    expect(again.body).toEqual(res.body);
  });

  it('never offers a maker nested in one record (a blank node there, a hash IRI here)', async () => {
    const res = await reconcile({ q0: { query: 'Anonieme maker' } }).expect(200);
    expect(res.body.q0.result).toEqual([]);
  });

  it('serves suggest and preview at the URLs the manifest gives (as a client follows them)', async () => {
    const manifest = (await request(th.app).get('/reconcile').expect(200)).body;
    const path = (url: string) => new URL(url).pathname + new URL(url).search;
    for (const kind of ['entity', 'type', 'property']) {
      const { service_url, service_path } = manifest.suggest[kind];
      const res = await request(th.app).get(path(`${service_url}${service_path}`)).query({ prefix: 'g' }).expect(200);
      expectValid(`suggest-${kind === 'entity' ? 'entities' : kind === 'type' ? 'types' : 'properties'}-response`, res.body);
    }
    // OpenRefine puts the id into the preview URL percent-encoded.
    const preview = await request(th.app).get(path(manifest.preview.url.replace('{{id}}', encodeURIComponent(BOCH)))).expect(200);
    expect(preview.text).toContain('Royal Boch');
    const propose = manifest.extend.propose_properties;
    expectValid('data-extension-property-proposal', (await request(th.app).get(path(`${propose.service_url}${propose.service_path}`)).query({ type: 'place' }).expect(200)).body);
  });

  it('suggests entities, types and properties (valid against their schemas)', async () => {
    const entities = await request(th.app).get('/reconcile/suggest/entity').query({ prefix: 'roy' }).expect(200);
    expectValid('suggest-entities-response', entities.body);
    expect(entities.body.result.map((r: { id: string }) => r.id)).toEqual([BOCH]);
    const places = await request(th.app).get('/reconcile/suggest/entity').query({ prefix: 'ge', type: 'place' }).expect(200);
    expect(places.body.result.map((r: { id: string }) => r.id)).toEqual([GENT]);
    const types = await request(th.app).get('/reconcile/suggest/type').query({ prefix: 'pla' }).expect(200);
    expectValid('suggest-types-response', types.body);
    expect(types.body.result).toEqual([{ id: 'place', name: 'Place' }]);
    const properties = await request(th.app).get('/reconcile/suggest/property').query({ prefix: 'birth' }).expect(200);
    expectValid('suggest-properties-response', properties.body);
    expect(properties.body.result.map((r: { id: string }) => r.id)).toContain('birthDate');
  });

  it('previews an entity as HTML', async () => {
    const res = await request(th.app).get('/reconcile/preview').query({ id: HENRY }).expect(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('Henry van de Velde');
    expect(res.text).toContain('1863-04-03');
    expect(res.text).toContain('Gent');
    await request(th.app).get('/reconcile/preview').query({ id: `${base}id/agent/dmg/nobody` }).expect(404);
  });

  it('extends reconciled rows with data (form extend=), valid against data-extension-response.json', async () => {
    const extend = { ids: [HENRY, BOCH], properties: [{ id: 'label' }, { id: 'sameAs' }, { id: 'type' }, { id: 'birthDate' }, { id: 'place' }] };
    const res = await request(th.app).post('/reconcile').type('form').send({ extend: JSON.stringify(extend) }).expect(200);
    expectValid('data-extension-response', res.body);
    expect(res.body.rows[HENRY].birthDate).toEqual([{ date: '1863-04-03T00:00:00Z' }]);
    expect(res.body.rows[HENRY].place).toEqual([{ id: GENT, name: 'Gent' }]);
    expect(res.body.rows[BOCH].sameAs).toEqual([{ id: 'https://rkd.nl/explore/artists/1', name: 'https://rkd.nl/explore/artists/1' }]);
    expect(res.body.rows[BOCH].label).toEqual([{ str: 'Royal Boch' }]);
    const proposal = await request(th.app).get('/reconcile/properties/propose').query({ type: 'agent', limit: '3' }).expect(200);
    expectValid('data-extension-property-proposal', proposal.body);
    expect(proposal.body.properties).toHaveLength(3);
  });

  it('follows commits: a new maker is found, a deleted one is gone', async () => {
    const newMaker = `${base}id/agent/dmg/maria-sibylla`;
    await publish(th.hub, 'dmg', [{ recordId: 'print-9', quads: objectWithMaker('print-9', newMaker, 'Maria Sibylla Merian', '1647-04-02') }]);
    const found = await reconcile({ q0: { query: 'merian maria sibylla', type: 'agent' } }).expect(200);
    expect(found.body.q0.result[0]).toMatchObject({ id: newMaker, match: true });
    await unpublish(th.hub, 'dmg', ['print-9']);
    const gone = await reconcile({ q0: { query: 'merian maria sibylla', type: 'agent' } }).expect(200);
    expect(gone.body.q0.result).toEqual([]);
  });

  it('is described in the OpenAPI document, every route of it', async () => {
    const doc = (await request(th.app).get('/api/openapi.json').expect(200)).body as { paths: Record<string, unknown> };
    const documented = Object.keys(doc.paths).filter((p) => p.startsWith('/reconcile')).sort();
    expect(documented).toEqual(['/reconcile', '/reconcile/preview', '/reconcile/properties/propose', '/reconcile/suggest/entity', '/reconcile/suggest/property', '/reconcile/suggest/type']);
  });

  describe('bad input gets a 400 naming the problem', () => {
    const bad = async (send: Record<string, string>, detail: RegExp) => {
      const res = await request(th.app).post('/reconcile').type('form').send(send).expect(400);
      expect(res.body.detail).toMatch(detail);
    };
    it('malformed JSON', () => bad({ queries: '{"q0": {"query": ' }, /parameter queries: not valid JSON/));
    it('too many queries', () => bad(queries({ a: { query: 'a' }, b: { query: 'b' }, c: { query: 'c' }, d: { query: 'd' } }), /4 queries in one batch, the most is 3/));
    it('an unknown type', () => bad(queries({ q0: { query: 'x', type: 'painter' } }), /query "q0": unknown type "painter"/));
    it('a limit over the maximum', () => bad(queries({ q0: { query: 'x', limit: 1000 } }), /query "q0": "limit" 1000 is over the maximum 10/));
    it('an unknown property', () => bad(queries({ q0: { query: 'x', properties: [{ pid: 'shoeSize', v: '42' }] } }), /properties\[0\]: unknown property "shoeSize"/));
    it('a batch that is not an object', () => bad(queries([{ query: 'x' }]), /queries: must be a JSON object/));
    it('an extension of non-IRIs', () => bad({ extend: JSON.stringify({ ids: ['henry'], properties: [{ id: 'label' }] }) }, /extend: "ids" must be an array of entity IRIs/));
    it('a POST without queries', () => bad({}, /Missing the queries/));
    it('a suggest without prefix', async () => {
      const res = await request(th.app).get('/reconcile/suggest/entity').expect(400);
      expect(res.body.detail).toMatch(/parameter prefix: required/);
    });
  });
});

describe('/reconcile behind the per-client gate of /sparql (hub.admission.sparql)', () => {
  it('answers 429 with Retry-After past a client\'s running and waiting requests, and serves it again after', async () => {
    const th = await openTestHub({ hub: { admission: { sparql: { concurrency: 1, queue: 0 } } } });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The first store read (the label index build) waits: the first request stays running.
    let reads = 0;
    const select = th.hub.store.select.bind(th.hub.store);
    jest.spyOn(th.hub.store, 'select').mockImplementation(async (q, o) => {
      if (reads++ === 0) await held;
      return select(q, o);
    });
    const server = th.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/reconcile`;
    const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(queries({ q0: { query: 'Boch' } })).toString() });
    try {
      const first = post();
      while (reads === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const second = await post();
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await second.json()) as { detail: string }).detail).toMatch(/1 running and 0 waiting is the limit for SPARQL queries/);
      release();
      expect((await first).status).toBe(200);
      expect((await post()).status).toBe(200);
    } finally {
      release();
      await new Promise((resolve) => server.close(resolve));
      await th.close();
    }
  });
});
