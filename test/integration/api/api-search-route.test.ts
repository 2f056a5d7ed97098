/**
 * The search route on its own (a fake read model that answers a fixed list of hits, over records
 * published in a real store): what reaches the read model, the page a client gets (totals,
 * facets, rank order, score and distance, next links that carry the read model's cursor, in
 * JSON-LD, JSON and Turtle), problem+json for bad parameters, conditional GET with Node's fetch,
 * /api/v1/events as an alias, and the list of before when no search parameter is given.
 * test/integration/api/api-search.test.ts runs the real read model on the demo data.
 */
import express from 'express';
import request from 'supertest';
import { errorHandler } from '../../../src/api/http-errors.js';
import { createApiV1Router } from '../../../src/api/routes/api-v1.js';
import { closeApp, createApp } from '../../../src/api/app.js';
import { entityIri } from '../../../src/core/identifiers.js';
import { literal } from '../../../src/core/rdf.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { FakeSearchModel } from '../../helpers/fake-search-model.js';
import { listen, type Listening } from './http-server.js';
import { openTestHub, publish, t, type TestHub } from './api-helpers.js';

const DCT = 'http://purl.org/dc/terms/';

describe('The search route (fake read model)', () => {
  let th: TestHub;
  let fake: FakeSearchModel;
  let app: ReturnType<typeof createApp>;
  let iris: string[];
  let built = 0;

  beforeAll(async () => {
    th = await openTestHub({ sources: [{ id: 'uit', entityType: 'activiteit', organisation: 'publiq' }] });
    const base = th.hub.config.hub.baseIri;
    iris = ['a', 'b', 'c'].map((id) => entityIri(base, 'activiteit', 'uit', id));
    await publish(th.hub, 'uit', ['a', 'b', 'c'].map((id, i) => ({ recordId: id, quads: [t(iris[i]!, `${DCT}title`, literal(`Jazz ${id}`, 'nl'))] })));
    // Ranked c, a, b: not IRI order, so the page must keep the read model's order.
    const graph = (id: string) => `${base}graph/uit/${id}`;
    fake = new FakeSearchModel(
      [
        { entity: iris[2]!, recordGraph: graph('c'), score: 3.25, distanceKm: 1.5 },
        { entity: iris[0]!, recordGraph: graph('a'), score: 2.5, distanceKm: 2 },
        { entity: iris[1]!, recordGraph: graph('b'), score: 1, distanceKm: 7.25 },
      ],
      { facets: { type: [{ value: '0.50.4.0.0', label: 'Concert', count: 3 }] } },
    );
    app = createApp({ ...hubPorts(th.hub), log: () => undefined, searchModel: () => (built++, fake) });
  });
  afterAll(async () => {
    closeApp(app);
    await th.close();
  });

  it('asks the read model once per request with the translated query, and answers a ranked page', async () => {
    const r = await request(app).get('/api/v1/activities?text=jazz&coordinates=51.05,3.72&distance=10km&facets[]=types&limit=2').set('accept', 'application/ld+json');
    expect(r.status).toBe(200);
    expect(fake.queries.at(-1)).toMatchObject({ kind: 'activities', text: 'jazz', limit: 2, facets: ['type'], origin: { lat: 51.05, lon: 3.72 }, filter: { field: 'location', near: { lat: 51.05, lon: 3.72, km: 10 } } });
    const body = JSON.parse(r.text);
    expect(body).toMatchObject({ totalItems: 3, totalItemsExact: true, itemsPerPage: 2, facets: { types: [{ value: '0.50.4.0.0', label: 'Concert', count: 3 }] } });
    expect(body.member).toEqual([iris[2], iris[0]]);
    const node = (iri: string) => body['@graph'].find((n: { '@id': string }) => n['@id'] === iri);
    expect([node(iris[2]!).score, node(iris[2]!).distanceKm, node(iris[0]!).score]).toEqual([3.25, 1.5, 2.5]);
    expect(body['@graph'].slice(1, 3).map((n: { '@id': string }) => n['@id'])).toEqual([iris[2], iris[0]]);
    expect(JSON.stringify(node(iris[2]!))).toContain('Jazz c');
    expect(built).toBe(1);
  });

  it('links the next page with the read model cursor, keeping the parameters; the last page has none', async () => {
    const first = await request(app).get('/api/v1/activities?text=jazz&facets[]=types&limit=2');
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.link)?.[1];
    expect(next).toMatch(/\/api\/v1\/activities\?text=jazz&facets\[\]=types&limit=2&cursor=/);
    expect(JSON.stringify(JSON.parse(first.text)['@graph'][0])).toContain(next!);
    const second = await request(app).get(new URL(next!).pathname + new URL(next!).search);
    expect(second.status).toBe(200);
    expect(JSON.parse(second.text).member).toEqual([iris[1]]);
    expect(second.headers.link).not.toContain('rel="next"');
  });

  it('answers format=json with the same keys, and Turtle with hydra:totalItems and the scores', async () => {
    const json = await request(app).get('/api/v1/activities?text=jazz&format=json');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(json.text)).toMatchObject({ totalItems: 3, totalItemsExact: true, member: [iris[2], iris[0], iris[1]] });
    const ttl = await request(app).get('/api/v1/activities?text=jazz').set('accept', 'text/turtle');
    expect(ttl.text).toMatch(/hydra:totalItems 3/);
    expect(ttl.text).toMatch(/hub:score 3\.25/);
  });

  it('serves /api/v1/events as activities', async () => {
    const r = await request(app).get('/api/v1/events?text=jazz&limit=1');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text).member).toEqual([iris[2]]);
    expect(r.headers.link).toContain('/api/v1/events?text=jazz&limit=1&cursor=');
    const single = await request(app).get('/api/v1/events/uit:a').set('accept', 'text/turtle');
    expect([single.status, single.text.includes('Jazz a')]).toEqual([200, true]);
  });

  it('answers bad parameters with problem+json naming each one', async () => {
    const r = await request(app).get('/api/v1/activities?coordinates=51,3&distance=abc&limit=abc');
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(r.text)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'Parameter distance is "abc": expected a number with km or m, e.g. 10km. Parameter limit is "abc": expected a whole number from 0 to 500.',
      'invalid-params': [
        { name: 'distance', value: 'abc', reason: 'expected a number with km or m, e.g. 10km' },
        { name: 'limit', value: 'abc', reason: 'expected a whole number from 0 to 500' },
      ],
    });
  });

  it('keeps the list of before for the list parameters alone (the read model is not asked)', async () => {
    const asked = fake.queries.length;
    const r = await request(app).get('/api/v1/activities?q=Jazz&limit=2');
    expect(r.status).toBe(200);
    expect(fake.queries.length).toBe(asked);
    expect(r.text).not.toContain('totalItemsExact');
    const bad = await request(app).get('/api/v1/activities?limit=abc');
    expect(JSON.parse(bad.text)['invalid-params']).toEqual([{ name: 'limit', value: 'abc', reason: 'expected a whole number from 1 to 500' }]);
  });

  describe('HTTP caching (Node fetch over a real server)', () => {
    let server: Listening;
    beforeAll(async () => void (server = await listen(app)));
    afterAll(() => server.close());
    const url = () => `${server.url}/api/v1/activities?text=jazz&facets[]=types&sort[score]=desc`;

    it('gives the ETag fetch received back a 304 (fetch adds Cache-Control: no-cache), with Accept-Language: *', async () => {
      const first = await fetch(url(), { headers: { 'accept-language': '*' } });
      await first.arrayBuffer();
      expect([first.status, first.headers.get('vary'), first.headers.get('cache-control')]).toEqual([200, 'Accept', 'public, max-age=60']);
      const etag = first.headers.get('etag')!;
      const again = await fetch(url(), { headers: { 'accept-language': '*', 'if-none-match': etag } });
      expect([again.status, again.headers.get('etag'), again.headers.get('vary')]).toEqual([304, etag, 'Accept']);
      // Another language preference changes nothing: the answer does not depend on it.
      const english = await fetch(url(), { headers: { 'accept-language': 'en', 'if-none-match': etag } });
      expect(english.status).toBe(304);
    });

    it('gives each representation, query and read-model state its own ETag', async () => {
      const tag = async (u: string, accept = 'application/ld+json') => (await fetch(u, { headers: { accept } })).headers.get('etag');
      const jsonld = await tag(url());
      expect(await tag(url(), 'text/turtle')).not.toBe(jsonld);
      expect(await tag(`${url()}&limit=1`)).not.toBe(jsonld);
      const before = fake.asOf;
      fake.asOf = '2026-12-02T00:00:00.000Z';
      try {
        expect(await tag(url())).not.toBe(jsonld);
      } finally {
        fake.asOf = before;
      }
      expect(await tag(url())).toBe(jsonld);
    });
  });

  it('answers 503 for a search when the router has no read model, and closes the read model with the app', async () => {
    const bare = express().use(createApiV1Router(hubPorts(th.hub))).use(errorHandler(() => undefined));
    const r = await request(bare).get('/api/v1/activities?text=jazz');
    expect([r.status, JSON.parse(r.text).detail]).toEqual([503, expect.stringContaining('Search is not available on this hub')]);
    const closes = fake.closed;
    const other = createApp({ ...hubPorts(th.hub), log: () => undefined, searchModel: () => fake });
    closeApp(other);
    expect(fake.closed).toBe(closes);
    const used = createApp({ ...hubPorts(th.hub), log: () => undefined, searchModel: () => fake });
    await request(used).get('/api/v1/activities?text=jazz');
    closeApp(used);
    closeApp(used);
    expect(fake.closed).toBe(closes + 1);
  });
});
