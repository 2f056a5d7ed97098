/** Every query-parameter error is a problem+json that names the parameter, the value and what is expected, in plain words. */
import request from 'supertest';
import { entityIri } from '../../../src/core/identifiers.js';
import { openTestHub, publish, t, type TestHub } from './api-helpers.js';

let th: TestHub;
let chairPath: string;

beforeAll(async () => {
  th = await openTestHub({ hub: { api: { maxPageSize: 300 } }, sources: [{ id: 'dmg', entityType: 'mensgemaaktobject' }] });
  const base = th.hub.config.hub.baseIri;
  const chair = entityIri(base, 'mensgemaaktobject', 'dmg', 'c1');
  chairPath = chair.slice(base.length - 1);
  await publish(th.hub, 'dmg', [{ recordId: 'c1', quads: [t(chair, 'http://purl.org/dc/terms/title', 'Stoel')] }]);
});
afterAll(() => th.close());

const problemOf = async (path: string) => {
  const r = await request(th.app).get(path);
  expect(r.status).toBe(400);
  expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
  return JSON.parse(r.text) as { type: string; title: string; status: number; detail: string; 'invalid-params': { name: string; value?: string; reason: string }[] };
};

describe('query-parameter errors', () => {
  it('limit=abc: names limit, the value and the range, not the validator\'s words', async () => {
    const p = await problemOf('/api/v1/heritage-objects?limit=abc');
    expect(p).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 });
    expect(p.detail).toBe('Parameter limit is "abc": expected a whole number from 1 to 300.');
    expect(p.detail).not.toMatch(/nan|Expected number|received/i);
    expect(p['invalid-params']).toEqual([{ name: 'limit', value: 'abc', reason: 'expected a whole number from 1 to 300' }]);
  });

  it.each([
    ['limit=0', 'limit', '0', /whole number from 1 to 300/],
    ['limit=2.5', 'limit', '2.5', /whole number from 1 to 300/],
    ['limit=301', 'limit', '301', /whole number from 1 to 300.*follow the next links/],
    ['modifiedSince=2026-05-01', 'modifiedSince', '2026-05-01', /date-time with a time zone, e\.g\. 2026-05-01T00:00:00Z/],
    ['type=chair', 'type', 'chair', /absolute IRI/],
    ['source=Ghent%20DMG', 'source', 'Ghent DMG', /lower-case letters, digits and dashes/],
    ['format=pdf', 'format', 'pdf', /one of jsonld, json, ttl/],
    ['q=', 'q', '', /text of 1 to 200 characters/],
  ])('%s', async (query, name, value, reason) => {
    const p = await problemOf(`/api/v1/heritage-objects?${query}`);
    expect(p['invalid-params']).toHaveLength(1);
    expect(p['invalid-params'][0]).toMatchObject({ name, value });
    expect(p['invalid-params'][0]!.reason).toMatch(reason);
    expect(p.detail).toContain(`Parameter ${name} is "${value}"`);
  });

  it('a repeated parameter: says how often it came and to give it once', async () => {
    const p = await problemOf('/api/v1/heritage-objects?limit=1&limit=2');
    expect(p['invalid-params']).toEqual([{ name: 'limit', value: '1,2', reason: 'was given 2 times; give it once, as a whole number from 1 to 300' }]);
  });

  it('an unknown parameter, with the ones there are; several problems in one answer', async () => {
    const p = await problemOf('/api/v1/heritage-objects?colour=red&limit=x');
    expect(p['invalid-params'].map((i) => i.name)).toEqual(['limit', 'colour']);
    expect(p.detail).toMatch(/Parameter colour is "red": is not a parameter here; the parameters are q, type, organisation, .*limit, format\./);
  });

  it('on a single resource, an entity IRI and the SPARQL endpoint too', async () => {
    expect((await problemOf('/api/v1/heritage-objects/dmg:c1?format=pdf'))['invalid-params'][0]).toMatchObject({ name: 'format', value: 'pdf' });
    expect((await problemOf('/api/v1/heritage-objects/dmg:c1?page=2'))['invalid-params'][0]).toMatchObject({ name: 'page', value: '2' });
    expect((await problemOf(`${chairPath}?format=pdf`)).detail).toMatch(/^Parameter format is "pdf": expected one of jsonld/);
    expect((await problemOf('/id?iri=stoel'))['invalid-params']).toEqual([{ name: 'iri', value: 'stoel', reason: expect.stringMatching(/^expected one absolute IRI/) }]);
    expect((await problemOf('/id')).detail).toMatch(/^Parameter iri: expected one absolute IRI/);
    expect((await problemOf('/graph-store?graph=stoel'))['invalid-params'][0]).toMatchObject({ name: 'graph', value: 'stoel' });
    const sparql = await problemOf(`/sparql?query=${encodeURIComponent('ASK {}')}&timeout=soon`);
    expect(sparql['invalid-params']).toEqual([{ name: 'timeout', value: 'soon', reason: 'expected a positive number of seconds, e.g. 10' }]);
  });
});
