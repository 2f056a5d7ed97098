/**
 * The search read model on the demo's real mapped records: config/demo.yaml's sources harvested
 * from the fixture servers `hub demo` starts (UiTdatabank events and places, Ticketmatic, the
 * Ghent LDES, the Datahub and meemoo OAI-PMH, the files source). Each assertion checks a search
 * against the records themselves (their graphs in the store) or against another search, not
 * against counts written down here.
 */
import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startDemoFixtures, type DemoFixtures } from '../../../fixtures/serve-all.js';
import { parseConfig } from '../../../src/config/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { StoreSearchReadModel } from '../../../src/publication/search/search-read-model.js';
import type { Filter, SearchHit, SearchKind, SearchQuery } from '../../../src/publication/search/search-contract.js';
import { tempDir } from '../../helpers/temp-dir.js';

jest.setTimeout(300_000);

const BASE = 'http://hub.test/';
const M8G = 'http://data.europa.eu/m8g/';
const GENT = { lat: 51.0543, lon: 3.7174 };

let hub: Hub;
let fixtures: DemoFixtures;
let model: StoreSearchReadModel;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const dir = await tempDir('hub-search-demo-');
  cleanup = dir.cleanup;
  fixtures = await startDemoFixtures(5200 + (process.pid % 400) * 6, `${dir.path}/data`);
  const file = projectPath('config/demo.yaml');
  const config = parseConfig(readFileSync(file, 'utf8'), file, { env: { ...fixtures.env, DEMO_UIT_PUSH: 'false', HUB_BASE_IRI: BASE, HUB_DATA_DIR: `${dir.path}/data` }, checkConnector: checkConnectorSettings });
  hub = await Hub.open(config);
  for (const s of config.sources) expect(await hub.harvest(s.id)).toMatchObject({ status: 'completed' });
  const rights = new Map(config.sources.map((s) => [`${BASE}source/${s.id}`, s.europeana?.defaultRights]));
  model = new StoreSearchReadModel(hub.store, BASE, { defaultRights: (source) => rights.get(source) });
});

afterAll(async () => {
  model?.close();
  await hub?.close();
  await fixtures?.close();
  await cleanup?.();
});

const search = (kind: SearchKind, q: Partial<SearchQuery> = {}) => model.search({ kind, sort: [], limit: 500, facets: [], ...q });
const ids = (hits: SearchHit[]) => hits.map((h) => h.entity);
const texts = async (hit: SearchHit) => (await hub.store.graph(hit.recordGraph)).filter((q) => q.object.termType === 'Literal').map((q) => q.object.value.toLowerCase());

describe('Search on the demo records', () => {
  it('indexes both collections', async () => {
    const size = await model.size();
    expect(size.activities).toBeGreaterThan(20);
    expect(size['heritage-objects']).toBeGreaterThan(20);
  });

  it('finds words in the records\' own texts, folded and stemmed', async () => {
    const jazz = await search('activities', { text: 'JAZZ' });
    expect(jazz.total).toBeGreaterThan(0);
    for (const hit of jazz.items) expect((await texts(hit)).some((t) => t.includes('jazz'))).toBe(true);
    // "Schoteltje" (Design Museum Gent) through its plural stem.
    const dishes = await search('heritage-objects', { text: 'schoteltjes' });
    expect(dishes.total).toBeGreaterThan(0);
    for (const hit of dishes.items) expect((await texts(hit)).some((t) => t.includes('schoteltje'))).toBe(true);
  });

  it('counts facets as the matching filter finds', async () => {
    for (const [kind, facet] of [['activities', 'region'], ['activities', 'theme'], ['heritage-objects', 'maker'], ['heritage-objects', 'decade'], ['heritage-objects', 'objectType']] as const) {
      const r = await search(kind, { facets: [facet] });
      expect(r.facets[facet]!.length).toBeGreaterThan(0);
      for (const value of r.facets[facet]!.slice(0, 4)) expect((await search(kind, { filter: { field: facet, equals: value.value } })).total).toBe(value.count);
    }
  });

  it('filters on distance and sorts nearest first', async () => {
    const r = await search('activities', { filter: { field: 'location', near: { ...GENT, km: 5 } }, sort: [{ key: 'distance', order: 'asc' }] });
    expect(r.total).toBeGreaterThan(0);
    const km = r.items.map((h) => h.distanceKm!);
    expect(km.every((d) => d <= 5)).toBe(true);
    expect(km).toEqual([...km].sort((a, b) => a - b));
    const gent = await search('activities', { filter: { field: 'region', equals: 'gem-gent' } });
    expect(ids(r.items).every((e) => ids(gent.items).includes(e))).toBe(true);
  });

  it('matches a date range when an occurrence in the record overlaps it', async () => {
    const range: Filter = { field: 'occurrence', from: '2026-10-01', to: '2026-10-07' };
    const [from, to] = [Date.parse('2026-09-30T22:00:00Z'), Date.parse('2026-10-07T22:00:00Z')];
    const inRange = await search('activities', { filter: range, sort: [{ key: 'start', order: 'asc' }] });
    const all = await search('activities');
    expect(inRange.total).toBeGreaterThan(0);
    for (const hit of all.items) {
      const quads = await hub.store.graph(hit.recordGraph);
      const starts = quads.filter((q) => q.predicate.value === `${M8G}startTime`).map((q) => Date.parse(q.object.value));
      const ends = quads.filter((q) => q.predicate.value === `${M8G}endTime`).map((q) => Date.parse(q.object.value));
      const overlaps = starts.length === 0 || starts.some((s, i) => s < to && (ends[i] ?? s) >= from);
      expect([hit.entity, ids(inRange.items).includes(hit.entity)]).toEqual([hit.entity, overlaps]);
    }
  });

  it('finds a maker by any IRI of its cluster', async () => {
    const r = await search('heritage-objects', { facets: ['maker'] });
    const maker = r.facets.maker![0]!;
    const byCanonical = await search('heritage-objects', { filter: { field: 'maker', equals: maker.value } });
    expect(byCanonical.total).toBe(maker.count);
    const quads = await hub.store.graph(byCanonical.items[0]!.recordGraph);
    const aliases = quads.filter((q) => q.subject.value === maker.value && q.predicate.value === 'http://www.w3.org/2002/07/owl#sameAs').map((q) => q.object.value);
    expect(aliases.length).toBeGreaterThan(0);
    for (const alias of aliases) expect(ids((await search('heritage-objects', { filter: { field: 'maker', equals: alias } })).items).sort()).toEqual(ids(byCanonical.items).sort());
  });

  it('knows IIIF manifests, images and the sources\' declared rights', async () => {
    expect((await search('heritage-objects', { filter: { field: 'hasIiif', equals: 'true' } })).total).toBeGreaterThan(0);
    const r = await search('heritage-objects', { facets: ['rightsCategory'] });
    expect(r.facets.rightsCategory!.reduce((n, v) => n + v.count, 0)).toBe(r.total);
  });

  it('pages through every object with cursors, in title order', async () => {
    const all = await search('heritage-objects', { sort: [{ key: 'title', order: 'asc' }] });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search('heritage-objects', { sort: [{ key: 'title', order: 'asc' }], limit: 17, cursor });
      seen.push(...ids(page.items));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual(ids(all.items));
  });
});
