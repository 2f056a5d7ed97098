/**
 * The search index's filters: each kind (equals on codes and references, ranges on dates, prices,
 * ages and periods, geo near and within, text in one field) and the boolean tree (and, or, not).
 */
import { SearchIndex } from '../../../src/publication/search/search-index.js';
import type { Filter, SearchQuery } from '../../../src/publication/search/search-contract.js';
import { SearchQueryError } from '../../../src/publication/search/search-contract.js';
import { activity, ms, nl, object } from './search-docs.js';

const GENT = { lat: 51.0543, lon: 3.7174 };
const LEUVEN = { lat: 50.8798, lon: 4.7005 };
const ANTWERPEN = { lat: 51.2194, lon: 4.4025 };

function events(): SearchIndex {
  const index = new SearchIndex('activities');
  index.put(activity('gent', { titles: nl('Concert in Gent'), ...GENT, postalCodes: ['9000'], municipalities: ['Gent'], regions: [{ id: 'prv-oost-vlaanderen' }, { id: 'gem-gent' }], countries: ['BE'], prices: [0, 12], ageMin: 6, ageMax: 12, hasImage: true, uitpas: true, availability: 'available', organizers: [{ id: 'http://org/a', label: 'Vooruit', aliases: ['https://io.uitdatabank.be/organizers/a'] }], types: [{ id: 'https://taxonomy.uitdatabank.be/terms/0.50.4.0.0', label: 'Concert' }], termIds: ['https://taxonomy.uitdatabank.be/terms/0.50.4.0.0', '0.50.4.0.0'], created: ms('2026-01-01T00:00:00Z'), modified: ms('2026-03-01T00:00:00Z'), languages: ['nl'] }));
  index.put(activity('leuven', { titles: nl('Theater in Leuven'), ...LEUVEN, postalCodes: ['3000'], municipalities: ['Leuven'], regions: [{ id: 'prv-vlaams-brabant' }, { id: 'gem-leuven' }], countries: ['BE'], prices: [25], ageMin: 16, availability: 'unavailable', hasVideo: true, types: [{ id: 'https://taxonomy.uitdatabank.be/terms/0.55.0.0.0', label: 'Theatervoorstelling' }], termIds: ['0.55.0.0.0'], created: ms('2026-02-01T00:00:00Z'), modified: ms('2026-02-15T00:00:00Z'), languages: ['nl', 'fr'] }));
  index.put(activity('antwerpen', { titles: nl('Expo in Antwerpen'), ...ANTWERPEN, postalCodes: ['2000'], municipalities: ['Antwerpen'], regions: [{ id: 'prv-antwerpen' }], countries: ['BE'], created: ms('2025-12-01T00:00:00Z'), modified: ms('2026-01-10T00:00:00Z') }));
  return index;
}

const query = (filter: Filter, extra: Partial<SearchQuery> = {}): SearchQuery => ({ kind: 'activities', filter, sort: [], limit: 50, facets: [], ...extra });
const ids = (index: SearchIndex, filter: Filter) => index.search(query(filter)).items.map((h) => h.entity.split('/').pop()).sort();

describe('A SearchIndex of activities, filtering', () => {
  const index = events();

  it('matches codes, regions and postal codes exactly', () => {
    expect(ids(index, { field: 'postalCode', equals: '9000' })).toEqual(['gent']);
    expect(ids(index, { field: 'region', equals: 'prv-vlaams-brabant' })).toEqual(['leuven']);
    expect(ids(index, { field: 'municipality', equals: 'ANTWERPEN' })).toEqual(['antwerpen']);
    expect(ids(index, { field: 'country', equals: 'be' })).toEqual(['antwerpen', 'gent', 'leuven']);
  });

  it('matches a reference by its IRI, any alias or its label, and a term by its short publiq id', () => {
    expect(ids(index, { field: 'organizer', equals: 'http://org/a' })).toEqual(['gent']);
    expect(ids(index, { field: 'organizer', equals: 'https://io.uitdatabank.be/organizers/a' })).toEqual(['gent']);
    expect(ids(index, { field: 'termId', equals: '0.50.4.0.0' })).toEqual(['gent']);
    expect(ids(index, { field: 'type', equals: '0.55.0.0.0' })).toEqual(['leuven']);
  });

  it('matches booleans: free, uitpas, image, video, availability', () => {
    expect(ids(index, { field: 'isFree', equals: 'true' })).toEqual(['gent']);
    expect(ids(index, { field: 'uitpas', equals: 'true' })).toEqual(['gent']);
    expect(ids(index, { field: 'hasImage', equals: 'false' })).toEqual(['antwerpen', 'leuven']);
    expect(ids(index, { field: 'hasVideo', equals: 'true' })).toEqual(['leuven']);
    expect(ids(index, { field: 'availability', equals: 'unavailable' })).toEqual(['leuven']);
  });

  it('filters prices on the lowest price and age ranges on overlap', () => {
    expect(ids(index, { field: 'price', from: 10, to: 30 })).toEqual(['leuven']);
    expect(ids(index, { field: 'price', to: 0 })).toEqual(['gent']);
    expect(ids(index, { field: 'age', from: 10, to: 14 })).toEqual(['gent']);
    expect(ids(index, { field: 'age', from: 30 })).toEqual(['leuven']);
  });

  it('filters created and modified on ISO dates, a date alone covering its whole day', () => {
    expect(ids(index, { field: 'created', from: '2026-01-01' })).toEqual(['gent', 'leuven']);
    expect(ids(index, { field: 'modified', to: '2026-02-15' })).toEqual(['antwerpen', 'leuven']);
  });

  it('filters on distance from a point and on a bounding box', () => {
    expect(ids(index, { field: 'location', near: { ...GENT, km: 10 } })).toEqual(['gent']);
    expect(ids(index, { field: 'location', near: { ...GENT, km: 60 } })).toEqual(['antwerpen', 'gent']);
    expect(ids(index, { field: 'location', within: { south: 50.8, west: 4.3, north: 51.3, east: 4.8 } })).toEqual(['antwerpen', 'leuven']);
  });

  it('combines filters with and, or and not', () => {
    expect(ids(index, { and: [{ field: 'country', equals: 'BE' }, { not: { field: 'region', equals: 'prv-antwerpen' } }] })).toEqual(['gent', 'leuven']);
    expect(ids(index, { or: [{ field: 'postalCode', equals: '2000' }, { field: 'postalCode', equals: '3000' }] })).toEqual(['antwerpen', 'leuven']);
    expect(ids(index, { and: [{ or: [{ field: 'postalCode', equals: '2000' }, { field: 'postalCode', equals: '3000' }] }, { field: 'hasVideo', equals: 'true' }] })).toEqual(['leuven']);
  });

  it('filters full text in one field', () => {
    expect(ids(index, { text: 'leuven', field: 'title' })).toEqual(['leuven']);
    expect(ids(index, { text: 'leuven', field: 'description' })).toEqual([]);
  });

  it('refuses what it cannot answer, naming the field', () => {
    expect(() => index.search(query({ field: 'localTime', from: '25:99' }))).toThrow(SearchQueryError);
    expect(() => index.search(query({ field: 'created', from: 'yesterday' }))).toThrow(/created/);
    expect(() => index.search(query({ field: 'country', from: 'a', to: 'b' }))).toThrow(/country/);
  });
});

describe('A SearchIndex of heritage objects, filtering', () => {
  const index = new SearchIndex('heritage-objects');
  index.put(object('manna', { titles: nl('Het Manna'), periodFrom: 1601, periodTo: 1620, makers: [{ id: 'http://hub.test/id/agent/a', label: 'Anoniem', aliases: ['https://stad.gent/id/agent/1'] }], materials: [{ id: 'http://vocab.getty.edu/aat/300015050', label: 'olieverf' }], rights: ['http://creativecommons.org/publicdomain/mark/1.0/'], rightsCategory: 'open', hasIiif: true, keepers: [{ id: 'http://www.wikidata.org/entity/Q1809071', label: 'Design Museum Gent' }] }));
  index.put(object('schotel', { titles: nl('Schoteltje'), periodFrom: 2007, periodTo: 2008, rights: ['http://rightsstatements.org/vocab/InC/1.0/'], rightsCategory: 'restricted', organisations: ['design museum gent'] }));
  const find = (filter: Filter) => index.search({ kind: 'heritage-objects', filter, sort: [], limit: 10, facets: [] }).items.map((h) => h.entity.split('/').pop());

  it('filters periods on overlap with years or EDTF', () => {
    expect(find({ field: 'period', from: 1600, to: 1610 })).toEqual(['manna']);
    expect(find({ field: 'period', from: '2008' })).toEqual(['schotel']);
    expect(find({ field: 'period', from: '1615-03', to: '1650~' })).toEqual(['manna']);
  });

  it('finds a maker by a member IRI of its cluster, keepers by IRI, label or organisation', () => {
    expect(find({ field: 'maker', equals: 'https://stad.gent/id/agent/1' })).toEqual(['manna']);
    expect(find({ field: 'keeper', equals: 'Design Museum Gent' }).sort()).toEqual(['manna', 'schotel']);
    expect(find({ field: 'rightsCategory', equals: 'open' })).toEqual(['manna']);
    expect(find({ field: 'hasIiif', equals: 'true' })).toEqual(['manna']);
    expect(find({ field: 'decade', equals: '1610' })).toEqual(['manna']);
  });
});
