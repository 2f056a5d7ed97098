/**
 * REST lists and text search (`q`) answer alike on the embedded store and on Virtuoso, and stay
 * up under concurrent page requests: before, a page on Virtuoso sent one query per member at once
 * (~50 connections against Virtuoso's 10 server threads) and answered 503 to most of ten
 * concurrent requests, and `q` failed with 400 (Virtuoso cannot run a zero-or-one path whose ends
 * are both unbound: "transitive derived table").
 */
import { jest } from '@jest/globals';
import request from 'supertest';
import { entityIri } from '../../../src/core/identifiers.js';
import { literal, namedNode, type Quad } from '../../../src/core/rdf.js';
import { SparqlStore } from '../../../src/store/sparql-store.js';
import { testStores } from '../../helpers/test-stores.js';
import { openTestHub, publish, t, type TestHub } from './api-helpers.js';

jest.setTimeout(120_000);

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const DCT = 'http://purl.org/dc/terms/';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const EVENTS = 60;

/** An event; every tenth is a jazz concert, and every seventh carries its title on a nested node (crm:P102_has_title [ rdfs:label ]). */
const event = (base: string, i: number): Quad[] => {
  const s = entityIri(base, 'activiteit', 'uit', `event-${String(i).padStart(3, '0')}`);
  const title = i % 10 === 0 ? `Jazz concert ${i}` : `Theatre evening ${i}`;
  const out = [t(s, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', namedNode(`${CRM}E7_Activity`)), t(s, `${DCT}description`, `An event numbered ${i}`)];
  if (i % 7 === 0) out.push(t(s, `${CRM}P102_has_title`, namedNode(`${s}#title`)), t(`${s}#title`, `${RDFS}label`, literal(title, 'nl')));
  else out.push(t(s, `${DCT}title`, literal(title, 'nl')));
  return out;
};

describe.each(testStores())('The REST API on the %s store', (_name, store) => {
  let th: TestHub;
  let base: string;

  beforeAll(async () => {
    th = await openTestHub({ store, hub: { api: { pageSize: 20, maxPageSize: 100, anonymousPerMinute: 100000 } }, sources: [{ id: 'uit', entityType: 'activiteit', organisation: 'publiq' }] });
    base = th.hub.config.hub.baseIri;
    await publish(th.hub, 'uit', Array.from({ length: EVENTS }, (_, i) => ({ recordId: `event-${String(i).padStart(3, '0')}`, quads: event(base, i) })), '2026-11-01T10:00:00Z');
  });
  afterAll(() => th?.close());

  const ids = (body: { member?: { '@id'?: string; id?: string }[] }) => JSON.stringify(body);
  const members = (text: string) => [...new Set([...text.matchAll(/activiteit\/uit\/(event-\d{3})/g)].map((m) => m[1]!))].sort();

  it('answers ten concurrent 50-member pages, each whole', async () => {
    const pages = await Promise.all(Array.from({ length: 10 }, () => request(th.app).get('/api/v1/activities?source=uit&limit=50').set('accept', 'application/ld+json')));
    expect(pages.map((r) => r.status)).toEqual(Array(10).fill(200));
    for (const r of pages) expect(members(r.text)).toHaveLength(50);
    expect(ids(pages[0]!.body)).toContain('Theatre evening');
    if (th.hub.store instanceof SparqlStore) expect(th.hub.store.maxInFlight).toBeLessThanOrEqual(8);
  });

  it('finds records by words of their titles, nested title nodes too (q)', async () => {
    const r = await request(th.app).get('/api/v1/activities?source=uit&q=jazz&limit=100').set('accept', 'application/ld+json');
    expect(r.status).toBe(200);
    expect(members(r.text)).toEqual(['event-000', 'event-010', 'event-020', 'event-030', 'event-040', 'event-050']);
    const both = await request(th.app).get('/api/v1/activities?source=uit&q=JAZZ%20concert%2070&limit=100').set('accept', 'application/ld+json');
    expect(both.status).toBe(200);
    expect(members(both.text)).toEqual([]);
    const nested = await request(th.app).get('/api/v1/activities?source=uit&q=evening%2049&limit=100').set('accept', 'application/ld+json');
    expect(members(nested.text)).toEqual(['event-049']);
  });
});
