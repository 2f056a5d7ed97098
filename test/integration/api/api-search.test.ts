/**
 * The search API on the demo's data (config/demo.yaml over the demo's fixture servers: UiTdatabank
 * events and places with the Ticketmatic overlap, Ticketmatic, and the small museum's LIDO export),
 * through the real read model. The expected answers are worked out here from the source documents
 * the fixture serves (UiTdatabank JSON-LD), with publiq's semantics, never copied from the hub's
 * output; each filter family is asked at least once with a query from publiq's documentation,
 * verbatim. Facets are checked against the filters they stand for (a value's count is the total
 * that filtering on it gives), sorting against the source dates, paging by following every next link.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { closeApp, createApp } from '../../../src/api/app.js';
import { parseConfig } from '../../../src/config/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { lidoXml } from '../../../fixtures/files/folder.js';
import { makeLocations, type TmLocation } from '../../../fixtures/ticketmatic/dataset.js';
import { startTicketmaticFixture } from '../../../fixtures/ticketmatic/server.js';
import { startUitdatabankFixture, type UitFixture } from '../../../fixtures/uitdatabank/server.js';
import { ticketmaticOverlap } from '../../../fixtures/uitdatabank/ticketmatic-overlap.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BASE = 'http://hub.test/';
const ACCOUNT = 'demo-cc';
type Doc = Record<string, any>;
type Page = { totalItems: number; totalItemsExact: boolean; member: string[]; facets: Record<string, { value: string; label?: string; count: number }[]>; '@graph': Doc[] };

let dir: { path: string; cleanup: () => Promise<void> };
let hub: Hub;
let app: ReturnType<typeof createApp>;
let uit: UitFixture;
let tm: Awaited<ReturnType<typeof startTicketmaticFixture>>;
const closers: (() => Promise<void>)[] = [];
/** The uit-events activities the hub published, by hub IRI, with their source document. */
const events = new Map<string, Doc>();
/** The Ticketmatic activities the hub published, by hub IRI, with their venue (the fixture's locations). */
const tmVenues = new Map<string, TmLocation>();

beforeAll(async () => {
  dir = await tempDir('hub-search-');
  const folder = join(dir.path, 'files');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'collectie.xml'), lidoXml({ n: 10 }));
  const overlap = ticketmaticOverlap(ACCOUNT);
  uit = await startUitdatabankFixture({ count: 16, clientIds: ['demo-client'], extra: { events: overlap.events, places: overlap.places, organizers: overlap.organizers } });
  tm = await startTicketmaticFixture({ count: 8, account: ACCOUNT, accessKey: 'a1b2c3d4e5f6', secretKey: 'test-secret-key' });
  closers.push(uit.close, tm.close);
  const env = {
    HUB_BASE_IRI: BASE,
    HUB_DATA_DIR: join(dir.path, 'data'),
    DEMO_LDES_URL: 'http://127.0.0.1:9/ldes',
    DEMO_DATAHUB_OAI_URL: 'http://127.0.0.1:9/oai',
    DEMO_MEEMOO_OAI_URL: 'http://127.0.0.1:9/oai',
    DEMO_MEEMOO_USER: 'x',
    DEMO_MEEMOO_PASSWORD: 'x',
    DEMO_UIT_URL: uit.url,
    DEMO_UIT_CLIENT_ID: 'demo-client',
    DEMO_TM_BASE_URL: tm.url.replace(/\/[^/]+$/, ''),
    DEMO_TM_ACCOUNT: ACCOUNT,
    DEMO_TM_ACCESS_KEY: 'a1b2c3d4e5f6',
    DEMO_TM_SECRET_KEY: 'test-secret-key',
    DEMO_FILES_FOLDER: folder,
  };
  const file = projectPath('config/demo.yaml');
  const text = (await readFile(file, 'utf8')).replace(/^ {2}aggregator: (.*)$/m, '  aggregator: $1\n  api: { anonymousPerMinute: 1000000 }');
  hub = await Hub.open(parseConfig(text, file, { env, checkConnector: checkConnectorSettings }));
  for (const id of ['uit-places', 'uit-events', 'ticketmatic', 'files-collectie']) await hub.harvest(id);
  app = createApp({ ...hubPorts(hub), log: () => undefined });
  const byUuid = new Map(uit.docs.events.map((d) => [String(d['@id']).split('/').pop(), d]));
  const listed = await request(app).get('/api/v1/activities?limit=500&format=json');
  const venues = new Map(makeLocations().map((l) => [l.id, l]));
  for (const node of JSON.parse(listed.text)['@graph'] as Doc[]) {
    const iri = String(node['@id']);
    const [source, id] = iri.startsWith(`${BASE}id/activiteit/`) ? iri.slice(`${BASE}id/activiteit/`.length).split('/') : [];
    const doc = source === 'uit-events' ? byUuid.get(decodeURIComponent(id!)) : undefined;
    if (doc) events.set(iri, doc);
    const tmEvent = source === 'ticketmatic' ? tm.events.find((e) => String(e.id) === id) : undefined;
    if (tmEvent) tmVenues.set(iri, venues.get(tmEvent.locationid)!);
  }
}, 600_000);

afterAll(async () => {
  if (app) closeApp(app);
  await hub?.close();
  for (const close of closers) await close();
  await dir?.cleanup();
});

async function get(path: string): Promise<Page> {
  const r = await request(app).get(path).set('accept', 'application/ld+json');
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.text}`);
  return JSON.parse(r.text) as Page;
}

/** Every member of a search, following the next links (the read model's cursor) to the end. */
async function all(path: string): Promise<string[]> {
  const out: string[] = [];
  let next: string | undefined = path;
  while (next) {
    const r = await request(app).get(next);
    expect(r.status).toBe(200);
    out.push(...(JSON.parse(r.text) as Page).member);
    const link = /<([^>]+)>; rel="next"/.exec(r.headers.link ?? '')?.[1];
    next = link ? link.slice(BASE.length - 1) : undefined;
  }
  return out;
}

/** The uit-events activities for which `test` holds on their source document, sorted. */
const expected = (test: (d: Doc) => boolean) => [...events].filter(([, d]) => test(d)).map(([iri]) => iri).sort();
/** The uit-events members of a search, sorted (the demo's Ticketmatic events are in the search too). */
const uitMembers = async (path: string) => (await all(path)).filter((iri) => events.has(iri)).sort();

const occurrences = (d: Doc): [number, number][] => (d.subEvent?.length ? d.subEvent : d.startDate ? [d] : []).map((s: Doc) => [Date.parse(s.startDate), Date.parse(s.endDate ?? s.startDate)]);
const basePrice = (d: Doc): number | undefined => d.priceInfo?.find((p: Doc) => p.category === 'base')?.price;
function km(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

describe('Search on the demo data', () => {
  it('has the demo activities and objects to search', () => {
    expect(events.size).toBeGreaterThanOrEqual(16);
  });

  it('terms: terms.id, as publiq documents it (GET /events/?q=terms.id:0.50.4.0.0), and termIds', async () => {
    const concerts = expected((d) => d.terms?.some((t: Doc) => t.id === '0.50.4.0.0'));
    expect(concerts.length).toBeGreaterThan(0);
    expect(await uitMembers('/api/v1/events/?q=terms.id:0.50.4.0.0')).toEqual(concerts);
    expect(await uitMembers('/api/v1/activities?termIds[]=0.50.4.0.0&limit=7')).toEqual(concerts);
    const notJazz = expected((d) => d.terms?.some((t: Doc) => t.id === '0.50.4.0.0') && !d.terms?.some((t: Doc) => t.id === '1.8.2.0.0'));
    expect(await uitMembers(`/api/v1/events?q=${encodeURIComponent('terms.id:0.50.4.0.0 NOT terms.id:1.8.2.0.0')}`)).toEqual(notJazz);
  });

  it("publiq ids: id, locationId and organizerId as bare UUIDs (GET /events/?locationId=<uuid>), as publiq's clients send them", async () => {
    const uuid = (iri: unknown) => String(iri).split('/').pop()!;
    const [iri, doc] = [...events].find(([, d]) => d.location?.['@id'] && d.organizer?.['@id'])!;
    expect(await uitMembers(`/api/v1/events?id=${uuid(doc['@id'])}`)).toEqual([iri]);
    const atPlace = expected((d) => uuid(d.location?.['@id']) === uuid(doc.location['@id']));
    expect(await uitMembers(`/api/v1/events?locationId=${uuid(doc.location['@id'])}`)).toEqual(atPlace);
    const byOrganizer = expected((d) => uuid(d.organizer?.['@id']) === uuid(doc.organizer['@id']));
    expect(await uitMembers(`/api/v1/events?organizerId=${uuid(doc.organizer['@id'])}`)).toEqual(byOrganizer);
  });

  it('location (Ticketmatic venues): postal code, coordinates with distance (publiq: coordinates=50.8511740,4.3386740&distance=10km), bounds, sort by distance', async () => {
    const venueMembers = async (path: string) => (await all(path)).filter((iri) => tmVenues.has(iri)).sort();
    const at = (test: (v: TmLocation) => boolean) => [...tmVenues].filter(([, v]) => test(v)).map(([iri]) => iri).sort();
    const gent = at((v) => v.zip === '9000');
    expect(gent.length).toBeGreaterThan(0);
    expect(await venueMembers('/api/v1/events/?postalCode=9000')).toEqual(gent);
    expect(await venueMembers(`/api/v1/events/?q=${encodeURIComponent('address.\\*.postalCode:(9000 OR 3000)')}`)).toEqual(gent);
    expect(await venueMembers('/api/v1/events/?postalCode=90*')).toEqual(gent);
    const brussels = { lat: 50.851174, lon: 4.338674 };
    expect(await venueMembers('/api/v1/events/?coordinates=50.8511740,4.3386740&distance=10km')).toEqual(at((v) => km(brussels, { lat: v.lat, lon: v.long }) <= 10));
    const kouter = { lat: 51.0497, lon: 3.7253 };
    const near = at((v) => km(kouter, { lat: v.lat, lon: v.long }) <= 2);
    expect(near.length).toBeGreaterThan(0);
    expect(await venueMembers(`/api/v1/events?coordinates=${kouter.lat},${kouter.lon}&distance=2000m`)).toEqual(near);
    const page = await get(`/api/v1/events?coordinates=${kouter.lat},${kouter.lon}&distance=100km&sort[distance]=asc&limit=500`);
    const distances = page.member.map((m) => page['@graph'].find((n) => n['@id'] === m)!.distanceKm as number);
    expect(distances.length).toBeGreaterThan(near.length);
    expect(distances.every((v, i) => v <= 100 && (i === 0 || v >= distances[i - 1]!))).toBe(true);
    const box = '51.0,3.7|51.1,3.8';
    expect(await venueMembers(`/api/v1/events?bounds=${encodeURIComponent(box)}`)).toEqual(at((v) => v.lat >= 51 && v.lat <= 51.1 && v.long >= 3.7 && v.long <= 3.8));
  });

  it("dates: publiq's summer example (dateFrom/dateTo with an unencoded +) and an occurrence in June 2026", async () => {
    const overlaps = (from: number, to: number) => (d: Doc) => d.calendarType === 'permanent' || occurrences(d).some(([s, e]) => e >= from && s <= to);
    const summer = expected(overlaps(Date.parse('2025-07-01T00:00:00+02:00'), Date.parse('2025-08-31T23:59:59+02:00')));
    expect(await uitMembers('/api/v1/events/?dateFrom=2025-07-01T00:00:00+02:00&dateTo=2025-08-31T23:59:59+02:00&availableTo=*&availableFrom=*')).toEqual(summer);
    const june = expected(overlaps(Date.parse('2026-06-01T00:00:00+02:00'), Date.parse('2026-06-30T23:59:59+02:00')));
    expect(june.length).toBeGreaterThan(0);
    expect(await uitMembers('/api/v1/events?dateFrom=2026-06-01T00:00:00%2B02:00&dateTo=2026-06-30T23:59:59%2B02:00')).toEqual(june);
    expect(await uitMembers(`/api/v1/events?q=${encodeURIComponent('dateRange:[2026-06-01T00\\:00\\:00+02\\:00 TO 2026-06-30T23\\:59\\:59+02\\:00]')}`)).toEqual(june);
  });

  // Ages: mappings/uitdatabank-event.yml does not map typicalAgeRange, so the demo's activities have
  // no age range to filter on (the read model reads schema:typicalAgeRange); unit tests cover the translation.
  it("price: publiq's q=price:<10, minPrice/maxPrice", async () => {
    expect(await uitMembers(`/api/v1/events/?q=${encodeURIComponent('price:<10')}`)).toEqual(expected((d) => basePrice(d) !== undefined && basePrice(d)! <= 10));
    const paid = expected((d) => basePrice(d) !== undefined && basePrice(d)! >= 10 && basePrice(d)! <= 11);
    expect(paid.length).toBeGreaterThan(0);
    expect(await uitMembers('/api/v1/events?minPrice=10&maxPrice=11')).toEqual(paid);
  });

  it('calendar type, status, languages: q=calendarType:permanent, q=status:Available, q=languages:("fr" OR "de") as documented', async () => {
    expect(await uitMembers('/api/v1/events/?q=calendarType:permanent')).toEqual(expected((d) => d.calendarType === 'permanent'));
    expect(await uitMembers('/api/v1/events/?q=status:Available')).toEqual(expected((d) => (d.status?.type ?? 'Available') === 'Available'));
    const frOrDe = expected((d) => ['fr', 'de'].some((l) => d.name?.[l]));
    expect(frOrDe.length).toBeGreaterThan(0);
    expect(await uitMembers(`/api/v1/events/?q=${encodeURIComponent('languages:("fr" OR "de")')}`)).toEqual(frOrDe);
  });

  it('sorts by modified and created (GET /events/?sort[modified]=desc), pages through every result with the cursor', async () => {
    const sorted = (await all('/api/v1/events/?sort[modified]=desc&source=uit-events&limit=5')).filter((m) => events.has(m));
    expect(sorted.length).toBe(events.size);
    const modified = sorted.map((m) => Date.parse(events.get(m)!.modified));
    expect(modified.every((v, i) => i === 0 || v <= modified[i - 1]!)).toBe(true);
    const created = (await all('/api/v1/events?sort[created]=asc&source=uit-events&limit=4')).map((m) => Date.parse(events.get(m)!.created));
    expect(created.every((v, i) => i === 0 || v >= created[i - 1]!)).toBe(true);
    // start/limit pages agree with the cursor's.
    const first = await get('/api/v1/events?sort[modified]=desc&source=uit-events&limit=5&start=5');
    expect(first.member).toEqual(sorted.slice(5, 10));
  });

  it('ranks free text: the matching titles, best first, each with a score', async () => {
    const word = String(Object.values(events.values().next().value!.name)[0]).split(/\s+/)[0]!;
    const page = await get(`/api/v1/activities?text=${encodeURIComponent(word)}&source=uit-events&limit=500`);
    expect(page.member.sort()).toEqual(expected((d) => Object.values(d.name as Record<string, string>).some((n) => n.toLowerCase().includes(word.toLowerCase()))));
    const ranked = await get(`/api/v1/activities?text=${encodeURIComponent(word)}&limit=500`);
    const scores = ranked.member.map((m) => ranked['@graph'].find((n) => n['@id'] === m)!.score as number);
    expect(scores.every((s, i) => s > 0 && (i === 0 || s <= scores[i - 1]!))).toBe(true);
  });

  it('counts facets over all matches: each value counts what filtering on it finds (types, themes, regions)', async () => {
    const page = await get('/api/v1/activities?facets[]=types&facets[]=themes&facets=regions&limit=1');
    expect(page.totalItemsExact).toBe(true);
    expect(page.facets.types!.length).toBeGreaterThan(0);
    for (const [facet, param] of [['types', 'type'], ['themes', 'theme'], ['regions', 'regions']] as const) {
      for (const { value, count } of page.facets[facet]!.slice(0, 4)) {
        const filter = param === 'regions' ? `regions=${encodeURIComponent(value)}` : `q=${encodeURIComponent(`${param}:"${value}"`)}`;
        expect([facet, value, (await get(`/api/v1/activities?${filter}&limit=0`)).totalItems]).toEqual([facet, value, count]);
      }
    }
  });

  it('heritage objects: facets of makers, decades, rights categories and object types count what their filters find', async () => {
    const page = await get('/api/v1/heritage-objects?facets[]=makers&facets[]=decades&facets[]=rightsCategories&facets[]=objectTypes&limit=3');
    expect(page.totalItems).toBe(10);
    expect(page.member.length).toBe(3);
    const filterOf: Record<string, (v: string) => string> = {
      makers: (v) => `maker=${encodeURIComponent(v)}`,
      decades: (v) => `periodFrom=${v}&periodTo=${Number(v) + 9}`,
      rightsCategories: (v) => `rightsCategory=${v}`,
      objectTypes: (v) => `objectType=${encodeURIComponent(v)}`,
    };
    for (const facet of Object.keys(filterOf)) {
      expect([facet, page.facets[facet]!.length > 0]).toEqual([facet, true]);
      for (const { value, count } of page.facets[facet]!.slice(0, 3)) {
        expect([facet, value, (await get(`/api/v1/heritage-objects?${filterOf[facet]!(value)}&limit=0`)).totalItems]).toEqual([facet, value, count]);
      }
    }
  });

  it('answers unknown fields and bad values with problem+json that names them', async () => {
    const r = await request(app).get(`/api/v1/events?q=${encodeURIComponent('colour:red')}&distance=abc&coordinates=51,4`);
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    const params = JSON.parse(r.text)['invalid-params'] as { name: string; reason: string }[];
    expect(params.map((p) => p.name)).toEqual(['q', 'distance']);
    expect(params[0]!.reason).toMatch(/^colour: is not a field this API searches on activities; the fields are .*terms\.id/);
    expect(params[1]!.reason).toBe('expected a number with km or m, e.g. 10km');
  });
});
