/**
 * JSON-LD collection and search pages are assembled from each record's kept compaction
 * (src/api/rest/jsonld-page.ts). On synthetic records shaped as the demo's mappings publish them
 * (bench/api/search-data.ts: events that share a venue, objects that share a maker, so nodes are
 * described by several records), each page must be the very JSON jsonld.js gives when it compacts
 * the whole page at once (computed here from the Turtle page of the same request), and the jsonld
 * package itself must read the same triples from it as the Turtle page carries.
 */
import jsonld from 'jsonld';
import N3 from 'n3';
import request from 'supertest';
import { closeApp, createApp } from '../../../src/api/app.js';
import { withSearchKeys } from '../../../src/api/routes/api-v1-search.js';
import { toJsonLd } from '../../../src/api/rest/rdf-serialise.js';
import type { Quad } from '../../../src/core/rdf.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import type { SearchResult } from '../../../src/publication/search/search-contract.js';
import { EVENTS_SOURCE, eventIri, eventQuads, HERITAGE_SOURCE, objectQuads, SEARCH_NS } from '../../../bench/api/search-data.js';
import { FakeSearchModel } from '../../helpers/fake-search-model.js';
import { openTestHub, publish, type TestHub } from './api-helpers.js';

const HUB = 'https://w3id.org/culture-lod-hub/ns#';
type Doc = Record<string, unknown> & { '@graph': Record<string, unknown>[] };
const EVENTS = 300;
const OBJECTS = 300;
const EVENT_CONTEXT = 'ghent-cultureel-erfgoed-event-ap.jsonld';
const OBJECT_CONTEXT = 'ghent-cultureel-erfgoed-object-ap.jsonld';
const venueOf = (i: number) => eventQuads(i).find((q) => q.subject.value.includes('/locatie/'))!.subject.value;

let th: TestHub;
let app: ReturnType<typeof createApp>;
/** Events ranked so that several share a venue, not in IRI order. */
let ranked: number[];

beforeAll(async () => {
  th = await openTestHub({ hub: { baseIri: SEARCH_NS }, sources: [{ id: EVENTS_SOURCE, entityType: 'activiteit', organisation: 'Cultuurcentrum' }, { id: HERITAGE_SOURCE, entityType: 'mensgemaaktobject' }] });
  await publish(th.hub, EVENTS_SOURCE, Array.from({ length: EVENTS }, (_, i) => ({ recordId: `ev-${i}`, quads: eventQuads(i) })));
  await publish(th.hub, HERITAGE_SOURCE, Array.from({ length: OBJECTS }, (_, i) => ({ recordId: `obj-${i}`, ...objectQuads(i) })));
  const byVenue = new Map<string, number[]>();
  for (let i = 0; i < EVENTS; i++) byVenue.set(venueOf(i), [...(byVenue.get(venueOf(i)) ?? []), i]);
  const shared = [...byVenue.values()].filter((l) => l.length > 1).flat();
  ranked = [...shared.slice(0, 14), 7, 250, 3, 199, 42, 120].reverse();
  const hits = ranked.map((i, k) => ({ entity: eventIri(i), recordGraph: `${SEARCH_NS}graph/${EVENTS_SOURCE}/ev-${i}`, score: 10 - k / 3, distanceKm: k * 1.25 }));
  const fake = new FakeSearchModel(hits, { facets: { type: [{ value: '0.50.4.0.0', label: 'Concert', count: 3 }] } });
  app = createApp({ ...hubPorts(th.hub), log: () => undefined, searchModel: () => fake });
}, 120_000);
afterAll(async () => {
  closeApp(app);
  await th.close();
});

const firstLink = (link: string) => /<([^>]+)>; rel="first"/.exec(link)![1]!;
const turtle = async (url: string): Promise<Quad[]> => new N3.Parser().parse((await request(app).get(url).set('accept', 'text/turtle').expect(200)).text) as Quad[];
/** The page as jsonld.js compacts it whole (the serialisation before pages were assembled): from the Turtle page's triples, in their order. */
const compactedWhole = async (url: string, context: string, root: string) => JSON.parse(await toJsonLd(await turtle(url), SEARCH_NS, context, root)) as Doc;

const loader = async (url: string) => {
  const path = url.slice(SEARCH_NS.length - 1);
  const r = await request(app).get(path).expect(200);
  return { contextUrl: null, documentUrl: url, document: JSON.parse(r.text) };
};
const key = (q: Quad) => [q.subject, q.predicate, q.object].map((t) => `${t.termType}|${t.value}|${t.termType === 'Literal' ? `${(t as N3.Literal).language}|${(t as N3.Literal).datatype.value}` : ''}`).join(' ');
/** The triples the jsonld package reads from a JSON-LD page (graphs aside). */
const jsonldTriples = async (doc: unknown) => (new N3.Parser({ format: 'N-Quads' }).parse((await jsonld.toRDF(doc as never, { format: 'application/n-quads', documentLoader: loader as never })) as unknown as string) as Quad[]).map(key);

describe('JSON-LD pages assembled from kept compactions', () => {
  it('has shared nodes to merge: venues of several events on the search page', () => {
    const venues = ranked.map(venueOf);
    expect(new Set(venues).size).toBeLessThan(venues.length);
  });

  for (const [name, path, context] of [
    ['activities list page (JSON-LD)', '/api/v1/activities?limit=60', EVENT_CONTEXT],
    ['activities list page, second page', '/api/v1/activities?limit=60&cursor=', EVENT_CONTEXT],
    ['heritage-objects list page (JSON-LD)', '/api/v1/heritage-objects?limit=100', OBJECT_CONTEXT],
    ['heritage-objects list page (format=json)', '/api/v1/heritage-objects?limit=100&format=json', OBJECT_CONTEXT],
  ] as const) {
    it(`${name}: the JSON jsonld.js gives for the whole page, twice (kept compactions), and the Turtle page's triples`, async () => {
      let url = path as string;
      if (url.endsWith('cursor=')) {
        const first = await request(app).get(url.replace('&cursor=', '')).set('accept', 'application/ld+json').expect(200);
        url = /<([^>]+)>; rel="next"/.exec(first.headers.link as string)![1]!.slice(SEARCH_NS.length - 1);
      }
      const r = await request(app).get(url).set('accept', 'application/ld+json').expect(200);
      const again = await request(app).get(url).set('accept', 'application/ld+json').expect(200);
      const body = JSON.parse(r.text) as Doc;
      const expected = await compactedWhole(url.replace('&format=json', ''), context, firstLink(r.headers.link as string));
      expect(body['@graph'].length).toBeGreaterThan(60);
      expect(body).toEqual(expected);
      expect(r.text).toBe(JSON.stringify(expected, null, 1));
      expect(again.text).toBe(r.text);
      expect(new Set(await jsonldTriples(body))).toEqual(new Set((await turtle(url.replace('&format=json', ''))).map(key)));
    });
  }

  it('search page: the JSON of before (whole-page compaction plus the search keys), and every triple of the Turtle page', async () => {
    const url = '/api/v1/activities?text=concert&facets[]=types&limit=20';
    const r = await request(app).get(url).set('accept', 'application/ld+json').expect(200);
    const body = JSON.parse(r.text) as Doc & { member: string[] };
    expect(body.member).toEqual(ranked.map(eventIri));
    const collectionUrl = firstLink(r.headers.link as string);
    const node = (iri: string) => body['@graph'].find((n) => n['@id'] === iri)!;
    const result = { items: body.member.map((entity) => ({ entity, score: node(entity).score, distanceKm: node(entity).distanceKm })), total: body.totalItems, totalExact: body.totalItemsExact, facets: { type: (body.facets as Record<string, unknown>).types } } as unknown as SearchResult;
    const expected = withSearchKeys(await compactedWhole(url, EVENT_CONTEXT, collectionUrl), collectionUrl, result, 20);
    expect(r.text).toBe(expected);
    const again = await request(app).get(url).set('accept', 'application/ld+json').expect(200);
    expect(again.text).toBe(r.text);
    // The jsonld package reads every Turtle triple but the members' hub:rank (JSON gives the rank as the order of `member`) and
    // hub:score / hub:distanceKm, which JSON gives as plain numbers (read back as doubles), and the collection's totals, which
    // JSON gives on the top-level page object (a blank node: totals, facets, the ranked member list), as before.
    const searchKeys = new RegExp(`\\|(${HUB}(rank|score|distanceKm|totalItemsExact)|http://www.w3.org/ns/hydra/core#totalItems)\\|`);
    const fromJsonLd = new Set(await jsonldTriples(body));
    const fromTurtle = new Set((await turtle(url)).map(key));
    expect([...fromTurtle].filter((t) => !fromJsonLd.has(t) && !searchKeys.test(t))).toEqual([]);
    const extra = [...fromJsonLd].filter((t) => !fromTurtle.has(t));
    expect(extra.filter((t) => t.startsWith('BlankNode|')).length).toBeGreaterThan(0);
    expect(extra.filter((t) => !t.startsWith('BlankNode|') && !searchKeys.test(t))).toEqual([]);
    // score and distanceKm: the same numbers for every member.
    const numbers = (keys: Iterable<string>, name: string) => [...keys].filter((t) => t.includes(`|${HUB}${name}|`)).map((t) => `${t.split(' ')[0]} ${Number(t.split(' ')[2]!.split('|')[1])}`).sort();
    for (const name of ['score', 'distanceKm']) expect(numbers(fromJsonLd, name)).toEqual(numbers(fromTurtle, name));
    expect([body.totalItems, body.totalItemsExact]).toEqual([ranked.length, true]);
  });
});
