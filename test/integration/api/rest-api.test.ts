import jsonld from 'jsonld';
import N3 from 'n3';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import request from 'supertest';
import { entityIri } from '../../../src/core/identifiers.js';
import { literal, namedNode, type Quad } from '../../../src/core/rdf.js';
import { testStores } from '../../helpers/test-stores.js';
import { openTestHub, publish, t, unpublish, type TestHub } from './api-helpers.js';

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const DCT = 'http://purl.org/dc/terms/';
const PROV = 'http://www.w3.org/ns/prov#';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const XSD_DATE = namedNode('http://www.w3.org/2001/XMLSchema#date');
const ACTIVITIES = 130;

const activity = (BASE: string, i: number): Quad[] => {
  const s = entityIri(BASE, 'activiteit', 'uit', `event-${String(i).padStart(3, '0')}`);
  const place = i % 2 === 0 ? 'https://example.org/place/vooruit' : 'https://example.org/place/ancienne-belgique';
  return [
    t(s, `${'http://www.w3.org/1999/02/22-rdf-syntax-ns#'}type`, namedNode(`${CRM}E7_Activity`)),
    t(s, `${DCT}title`, literal(i % 10 === 0 ? `Jazz concert ${i}` : `Theatre evening ${i}`, 'nl')),
    t(s, `${DCT}description`, `An event numbered ${i}`),
    t(s, 'http://data.europa.eu/m8g/startTime', literal(`2026-${String((i % 12) + 1).padStart(2, '0')}-15`, XSD_DATE)),
    t(s, `${PROV}atLocation`, namedNode(place)),
    t(place, 'http://www.w3.org/2000/01/rdf-schema#label', i % 2 === 0 ? 'Vooruit, Gent' : 'Ancienne Belgique, Brussel'),
  ];
};

const object = (BASE: string, id: string, title: string): Quad[] => {
  const s = entityIri(BASE, 'mensgemaaktobject', 'dmg', id);
  return [t(s, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', namedNode(`${CRM}E22_Human-Made_Object`)), t(s, `${CRM}P102_has_title`, literal(title, 'nl'))];
};

describe.each(testStores())('On the %s store,', (_name, store) => {
  let th: TestHub;
  let BASE: string;
  beforeAll(async () => {
    th = await openTestHub({
      store,
      hub: { api: { pageSize: 20, anonymousPerMinute: 100000 } },
      sources: [
        { id: 'uit', entityType: 'activiteit', organisation: 'publiq', name: 'UiTdatabank events' },
        { id: 'dmg', entityType: 'mensgemaaktobject', organisation: 'Design Museum Gent' },
      ],
    });
    BASE = th.hub.config.hub.baseIri;
    await publish(th.hub, 'uit', Array.from({ length: ACTIVITIES }, (_, i) => ({ recordId: `event-${String(i).padStart(3, '0')}`, quads: activity(BASE, i) })), '2026-11-01T10:00:00Z');
    await publish(th.hub, 'dmg', [{ recordId: 'chair-1', quads: object(BASE, 'chair-1', 'Stoel') }, { recordId: 'vase-2', quads: object(BASE, 'vase-2', 'Vaas') }], '2026-11-10T10:00:00Z');
    await publish(th.hub, 'dmg', [{ recordId: 'gone-3', quads: object(BASE, 'gone-3', 'Lamp') }], '2026-11-10T10:00:00Z');
    await unpublish(th.hub, 'dmg', ['gone-3'], '2026-11-11T10:00:00Z');
  });
  afterAll(() => th.close());

  const path = (url: string) => url.slice(BASE.length - 1);

  /** Follows rel="next" from the first page; returns every page's body. */
  async function allPages(first: string, accept: string): Promise<string[]> {
    const bodies: string[] = [];
    let next: string | undefined = first;
    while (next) {
      const r = await request(th.app).get(next).set('accept', accept);
      expect(r.status).toBe(200);
      bodies.push(r.text);
      const link = /<([^>]+)>; rel="next"/.exec(r.headers.link ?? '');
      next = link ? path(link[1]!) : undefined;
    }
    return bodies;
  }

  const documentLoader = async (url: string) => {
    const r = await request(th.app).get(path(url));
    if (r.status !== 200) throw new Error(`context ${url}: ${r.status}`);
    return { contextUrl: null, documentUrl: url, document: JSON.parse(r.text) };
  };

  const nt = (quads: Quad[]) => new Set(quads.map((q) => new N3.Writer({ format: 'N-Triples' }).quadToString(q.subject, q.predicate, q.object)));

  describe('REST API v1 collections', () => {
    it('pages through every activity with no cap, and JSON-LD and Turtle give the same resources', async () => {
      const jsonPages = await allPages('/api/v1/activities', 'application/ld+json');
      expect(jsonPages.length).toBe(Math.ceil(ACTIVITIES / 20));
      const fromJson: Quad[] = [];
      for (const body of jsonPages) {
        const nquads = (await jsonld.toRDF(JSON.parse(body), { format: 'application/n-quads', documentLoader: documentLoader as never })) as unknown as string;
        fromJson.push(...(new N3.Parser({ format: 'N-Quads' }).parse(nquads) as Quad[]));
      }
      const turtlePages = await allPages('/api/v1/activities', 'text/turtle');
      const fromTurtle = turtlePages.flatMap((body) => new N3.Parser({ baseIRI: BASE }).parse(body) as Quad[]);

      const members = (quads: Quad[]) => quads.filter((q) => q.predicate.value === `${HYDRA}member`).map((q) => q.object.value);
      const expected = Array.from({ length: ACTIVITIES }, (_, i) => entityIri(BASE, 'activiteit', 'uit', `event-${String(i).padStart(3, '0')}`));
      expect(members(fromJson)).toEqual(expected);
      expect(members(fromTurtle)).toEqual(expected);
      // Same data, triple for triple (paging triples included, since the page URLs are the same).
      expect(nt(fromJson)).toEqual(nt(fromTurtle));
      const titles = fromTurtle.filter((q) => q.predicate.value === `${DCT}title`);
      expect(titles).toHaveLength(ACTIVITIES);
    });

    it('pages through a full-text result (answered by the list and text indexes) without losing or repeating one', async () => {
      const pages = await allPages('/api/v1/activities?q=theatre&limit=25', 'text/turtle');
      expect(pages.length).toBe(5);
      const members = pages.flatMap((body) => new N3.Parser().parse(body).filter((q) => q.predicate.value === `${HYDRA}member`).map((q) => q.object.value));
      const expected = Array.from({ length: ACTIVITIES }, (_, i) => i).filter((i) => i % 10 !== 0).map((i) => entityIri(BASE, 'activiteit', 'uit', `event-${String(i).padStart(3, '0')}`));
      expect(members).toEqual(expected);
    });

    it('links pages in Hydra (hydra:view, hydra:next) and in Link headers', async () => {
      const r = await request(th.app).get('/api/v1/activities?limit=50').set('accept', 'text/turtle');
      const quads = new N3.Parser().parse(r.text);
      const next = quads.find((q) => q.predicate.value === `${HYDRA}next`)?.object.value;
      expect(next?.startsWith(`${BASE}api/v1/activities?limit=50&cursor=`)).toBe(true);
      expect(r.headers.link).toContain(`<${next}>; rel="next"`);
      expect(quads.some((q) => q.predicate.value === `${HYDRA}view` && q.subject.value === `${BASE}api/v1/activities?limit=50`)).toBe(true);
      const last = await request(th.app).get('/api/v1/activities?limit=200');
      expect(last.headers.link).not.toContain('rel="next"');
    });

    const ids = async (query: string, collection = 'activities') => {
      const r = await request(th.app).get(`/api/v1/${collection}?limit=500&${query}`).set('accept', 'text/turtle');
      expect(r.status).toBe(200);
      return new N3.Parser()
        .parse(r.text)
        .filter((q) => q.predicate.value === `${HYDRA}member`)
        .map((q) => q.object.value.split('/').pop());
    };

    it('filters by full text in titles and descriptions', async () => {
      expect(await ids('q=jazz')).toEqual(['event-000', 'event-010', 'event-020', 'event-030', 'event-040', 'event-050', 'event-060', 'event-070', 'event-080', 'event-090', 'event-100', 'event-110', 'event-120']);
      expect(await ids('q=numbered%2077')).toEqual(['event-077']);
      expect(await ids('q=stoel', 'heritage-objects')).toEqual(['chair-1']);
    });

    it('filters by type, organisation, source, location and date range', async () => {
      expect(await ids(`type=${encodeURIComponent(`${CRM}E22_Human-Made_Object`)}`, 'heritage-objects')).toEqual(['chair-1', 'vase-2']);
      expect(await ids(`type=${encodeURIComponent(`${CRM}E22_Human-Made_Object`)}`)).toEqual([]);
      expect(await ids('organisation=design%20museum%20gent', 'heritage-objects')).toEqual(['chair-1', 'vase-2']);
      expect((await ids('organisation=publiq')).length).toBe(ACTIVITIES);
      expect(await ids('source=dmg')).toEqual([]);
      expect((await ids('location=brussel')).length).toBe(ACTIVITIES / 2);
      expect((await ids(`location=${encodeURIComponent('https://example.org/place/vooruit')}`)).every((id) => Number(id!.slice(6)) % 2 === 0)).toBe(true);
      // Months are (i % 12) + 1: March is i % 12 === 2.
      const march = await ids('from=2026-03-01&to=2026-03-31');
      expect(march.length).toBeGreaterThan(0);
      expect(march.every((id) => Number(id!.slice(6)) % 12 === 2)).toBe(true);
    });

    it('filters by modifiedSince (hub publication time)', async () => {
      expect(await ids('modifiedSince=2026-11-05T00:00:00Z', 'heritage-objects')).toEqual(['chair-1', 'vase-2']);
      expect(await ids('modifiedSince=2026-11-05T00:00:00Z')).toEqual([]);
    });

    it('validates parameters and names the bad one (problem+json)', async () => {
      const unknown = await request(th.app).get('/api/v1/activities?colour=red');
      expect(unknown.status).toBe(400);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(unknown.text).detail).toContain('Parameter colour is "red": is not a parameter here');
      const date = await request(th.app).get('/api/v1/activities?from=yesterday');
      expect(JSON.parse(date.text).detail).toMatch(/Parameter from is "yesterday": expected an ISO 8601 date/);
      const limit = await request(th.app).get('/api/v1/activities?limit=100000');
      expect(JSON.parse(limit.text).detail).toMatch(/Parameter limit is "100000": expected a whole number from 1 to/);
      const cursor = await request(th.app).get('/api/v1/activities?cursor=bm9wZQ');
      expect(JSON.parse(cursor.text).detail).toMatch(/Parameter cursor is "bm9wZQ"/);
      expect((await request(th.app).get('/api/v1/nonsense')).status).toBe(404);
    });

    it('lists the configured sources', async () => {
      const r = await request(th.app).get('/api/v1/sources').set('accept', 'text/turtle');
      expect(r.status).toBe(200);
      expect(r.text).toContain('UiTdatabank events');
      expect((await request(th.app).get('/api/v1/sources/uit').set('accept', 'application/n-triples')).text).toContain('"publiq"');
    });
  });

  describe('REST API v1 single resources', () => {
    it('serves a resource as JSON-LD compacted with the OSLO context (served locally)', async () => {
      const r = await request(th.app).get('/api/v1/heritage-objects/dmg:chair-1');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/ld\+json/);
      const doc = JSON.parse(r.text);
      expect(doc['@context'][0]).toBe(`${BASE}api/v1/contexts/ghent-cultureel-erfgoed-object-ap.jsonld`);
      expect(doc['@id']).toBe(entityIri(BASE, 'mensgemaaktobject', 'dmg', 'chair-1'));
      // The OSLO context names the CRM class MensgemaaktObject.
      expect(JSON.stringify(doc)).toContain('MensgemaaktObject');
      const ctx = await request(th.app).get('/api/v1/contexts/ghent-cultureel-erfgoed-object-ap.jsonld');
      expect(ctx.status).toBe(200);
    });

    it('gives the same triples in Turtle, N-Triples and RDF/XML', async () => {
      const get = (accept: string) => request(th.app).get('/api/v1/heritage-objects/dmg:chair-1').set('accept', accept);
      const turtle = new N3.Parser().parse((await get('text/turtle')).text) as Quad[];
      const ntriples = new N3.Parser({ format: 'N-Triples' }).parse((await get('application/n-triples')).text) as Quad[];
      const xmlQuads: Quad[] = await new Promise((resolve, reject) => {
        const out: Quad[] = [];
        const parser = new RdfXmlParser();
        parser.on('data', (q: Quad) => out.push(q)).on('error', reject).on('end', () => resolve(out));
        void get('application/rdf+xml').then((r) => parser.end(r.text));
      });
      expect(turtle).toHaveLength(2);
      expect(nt(ntriples)).toEqual(nt(turtle));
      expect(nt(xmlQuads)).toEqual(nt(turtle));
    });

    it('answers If-None-Match with 304', async () => {
      const first = await request(th.app).get('/api/v1/heritage-objects/dmg:vase-2').set('accept', 'text/turtle');
      expect(first.headers.etag).toBeDefined();
      const again = await request(th.app).get('/api/v1/heritage-objects/dmg:vase-2').set('accept', 'text/turtle').set('if-none-match', first.headers.etag!);
      expect(again.status).toBe(304);
      const other = await request(th.app).get('/api/v1/heritage-objects/dmg:vase-2').set('accept', 'application/n-triples').set('if-none-match', first.headers.etag!);
      expect(other.status).toBe(200);
    });

    it('answers 404 for unknown resources, 410 for deleted ones, 406 when nothing fits', async () => {
      expect((await request(th.app).get('/api/v1/heritage-objects/dmg:nope')).status).toBe(404);
      expect((await request(th.app).get('/api/v1/activities/dmg:chair-1')).status).toBe(404);
      const gone = await request(th.app).get('/api/v1/heritage-objects/dmg:gone-3');
      expect(gone.status).toBe(410);
      expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await request(th.app).get('/api/v1/heritage-objects/dmg:chair-1').set('accept', 'image/png')).status).toBe(406);
    });

    it('serves HTML to browsers', async () => {
      const r = await request(th.app).get('/api/v1/heritage-objects/dmg:chair-1').set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.text).toContain('Stoel');
    });
  });
});

describe('REST API v1 rate limits', () => {
  let limited: TestHub;
  const KEY = 'k'.repeat(20);
  beforeAll(async () => {
    limited = await openTestHub({ hub: { api: { anonymousPerMinute: 3, keys: [{ key: KEY, perMinute: 6 }] } } });
  });
  afterAll(() => limited.close());

  it('limits anonymous clients and answers 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await request(limited.app).get('/api/v1')).status).toBe(200);
    const r = await request(limited.app).get('/api/v1');
    expect(r.status).toBe(429);
    // Seconds (RFC 9110 delay-seconds), within the one-minute window: never milliseconds.
    expect(r.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(r.body.detail).toContain(`retry after ${r.headers['retry-after']} s`);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('gives an API key its own limit and refuses unknown keys', async () => {
    for (let i = 0; i < 6; i++) expect((await request(limited.app).get('/api/v1').set('x-api-key', KEY)).status).toBe(200);
    expect((await request(limited.app).get('/api/v1').set('x-api-key', KEY)).status).toBe(429);
    expect((await request(limited.app).get('/api/v1').set('x-api-key', 'wrong-key-wrong-key')).status).toBe(401);
  });
});
