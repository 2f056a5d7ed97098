/**
 * URL parameters → the read model's SearchQuery: publiq's names and repetition rules on
 * activities, the hub's on heritage objects, and one readable problem per bad parameter.
 * URLs are written as a client sends them (publiq's documented examples where there is one).
 */
import { rawQuery } from '../../../../src/api/rest/raw-query.js';
import { isSearch, searchQuery } from '../../../../src/api/rest/search-params.js';
import type { SearchKind } from '../../../../src/publication/search/search-contract.js';

const LIMITS = { pageSize: 20, maxPageSize: 500 };
const translate = (url: string, kind: SearchKind = 'activities') => searchQuery(kind, rawQuery(url), LIMITS);
const ok = (url: string, kind: SearchKind = 'activities') => {
  const { query, problems } = translate(url, kind);
  expect(problems).toEqual([]);
  return query;
};
const problems = (url: string, kind: SearchKind = 'activities') => translate(url, kind).problems;

describe('Search parameters', () => {
  it('reads the raw query string: brackets, repeats and order, without the extended parser', () => {
    expect(rawQuery('/x?facets[]=a&facets[]=b&sort[start]=asc&q=a%2Bb+c')).toEqual([
      { name: 'facets', sent: 'facets[]', value: 'a', key: undefined },
      { name: 'facets', sent: 'facets[]', value: 'b', key: undefined },
      { name: 'sort', key: 'start', sent: 'sort[start]', value: 'asc' },
      { name: 'q', sent: 'q', value: 'a+b c', key: undefined },
    ]);
    const many = Array.from({ length: 30 }, (_, i) => `facets[]=${i % 2 ? 'types' : 'themes'}`).join('&');
    expect(ok(`/x?${many}`).facets).toEqual(['theme', 'type']);
  });

  it('bounds the number of parameters and values', () => {
    expect(() => rawQuery(`/x?${Array.from({ length: 201 }, () => 'a=1').join('&')}`)).toThrow('at most 200 parameters');
    expect(() => translate(`/x?${Array.from({ length: 51 }, () => 'termIds[]=1').join('&')}`)).toThrow('termIds is "51 values": at most 50 values');
  });

  it("dates: dateFrom/dateTo over occurrences, publiq's summer example with an unencoded + read back", () => {
    expect(ok('/events/?dateFrom=2025-07-01T00:00:00+02:00&dateTo=2025-08-31T23:59:59+02:00&availableTo=*&availableFrom=*').filter).toEqual({
      and: [{ field: 'occurrence', from: '2025-07-01T00:00:00+02:00' }, { field: 'occurrence', to: '2025-08-31T23:59:59+02:00' }],
    });
    expect(ok('/events?localTimeFrom=1800&localTimeTo=23:59').filter).toEqual({ and: [{ field: 'localTime', from: '18:00' }, { field: 'localTime', to: '23:59' }] });
  });

  it('location: postal code (and its prefix), regions, coordinates with distance, bounds', () => {
    expect(ok('/events/?postalCode=90*').filter).toEqual({ or: Array.from({ length: 100 }, (_, i) => ({ field: 'postalCode', equals: `90${String(i).padStart(2, '0')}` })) });
    expect(ok('/offers/?regions[]=prv-vlaams-brabant&regions[]=gem-leuven').filter).toEqual({ and: [{ field: 'region', equals: 'prv-vlaams-brabant' }, { field: 'region', equals: 'gem-leuven' }] });
    const near = ok('/offers/?coordinates=50.8511740,4.3386740&distance=10km&sort[distance]=asc');
    expect(near.filter).toEqual({ field: 'location', near: { lat: 50.851174, lon: 4.338674, km: 10 } });
    expect(near.origin).toEqual({ lat: 50.851174, lon: 4.338674 });
    expect(near.sort).toEqual([{ key: 'distance', order: 'asc' }]);
    expect(ok('/events?coordinates=51,3.7&distance=500m').filter).toEqual({ field: 'location', near: { lat: 51, lon: 3.7, km: 0.5 } });
    expect(ok('/offers/?bounds=34.172684,-118.604794|34.236144,-118.500938').filter).toEqual({ field: 'location', within: { south: 34.172684, west: -118.604794, north: 34.236144, east: -118.500938 } });
    expect(ok('/places/?addressCountry=NL').filter).toEqual({ field: 'country', equals: 'NL' });
    expect(ok('/offers/?addressCountry=*&audienceType=*&workflowStatus=*&disableDefaultFilters=true').filter).toBeUndefined();
  });

  it('repetition: name[] repeated is AND, a comma list is OR', () => {
    expect(ok('/places/?termIds[]=3.23.3.0.0&termIds[]=0.50.4.0.0').filter).toEqual({ and: [{ field: 'termId', equals: '3.23.3.0.0' }, { field: 'termId', equals: '0.50.4.0.0' }] });
    expect(ok('/events?status=Available,TemporarilyUnavailable').filter).toEqual({ or: [{ field: 'status', equals: 'Available' }, { field: 'status', equals: 'TemporarilyUnavailable' }] });
    expect(ok('/events/?labels="ook voor kinderen"').filter).toEqual({ field: 'label', equals: 'ook voor kinderen' });
  });

  it('audience, price, availability, media, UiTPAS and dates of the record', () => {
    expect(ok('/events?minAge=6&maxAge=12&price=0&bookingAvailability=available&uitpas=true&hasMediaObjects=true&hasVideos=false&createdFrom=2026-01-01').filter).toEqual({
      and: [
        { field: 'age', from: 6 },
        { field: 'age', to: 12 },
        { field: 'isFree', equals: 'true' },
        { field: 'availability', equals: 'available' },
        { field: 'uitpas', equals: 'true' },
        { field: 'hasImage', equals: 'true' },
        { field: 'hasVideo', equals: 'false' },
        { field: 'created', from: '2026-01-01' },
      ],
    });
    expect(ok('/events?minPrice=5&maxPrice=20').filter).toEqual({ and: [{ field: 'price', from: 5 }, { field: 'price', to: 20 }] });
  });

  it('sort keys in the order given, facets, start, limit and cursor; default sort by score with text', () => {
    const q = ok('/offers/?sort[availableTo]=asc&sort[score]=desc&facets=types,regions&start=10&limit=5&text=jazz');
    expect(q).toMatchObject({ text: 'jazz', sort: [{ key: 'availableTo', order: 'asc' }, { key: 'score', order: 'desc' }], facets: ['type', 'region'], start: 10, limit: 5 });
    expect(ok('/events?text=jazz').sort).toEqual([{ key: 'score', order: 'desc' }]);
    expect(ok('/events?text=%20dijle%20(wandelen%20OR%20fietsen)').text).toBe('dijle wandelen fietsen');
    expect(ok('/events?facets[]=themes').sort).toEqual([{ key: 'start', order: 'asc' }]);
    expect(ok('/x?sort[periodFrom]=desc&facets[]=decades&facets[]=makers', 'heritage-objects')).toMatchObject({ sort: [{ key: 'periodFrom', order: 'desc' }], facets: ['decade', 'maker'] });
  });

  it('q: fields become filters, a q without fields is free text', () => {
    expect(ok('/events/?q=terms.id:0.50.4.0.0%20NOT%20terms.id:1.8.2.0.0').filter).toEqual({ and: [{ field: 'termId', equals: '0.50.4.0.0' }, { not: { field: 'termId', equals: '1.8.2.0.0' } }] });
    const text = ok('/events/?q=jazz%20gent');
    expect([text.text, text.filter]).toEqual(['jazz gent', undefined]);
  });

  it('heritage objects take the hub names', () => {
    expect(ok('/x?maker=http://vocab.getty.edu/ulan/500006348&periodFrom=188X&periodTo=1920&rightsCategory=open,attribution&hasIiif=true', 'heritage-objects').filter).toEqual({
      and: [
        { field: 'maker', equals: 'http://vocab.getty.edu/ulan/500006348' },
        { field: 'period', from: 1880 },
        { field: 'period', to: 1920 },
        { or: [{ field: 'rightsCategory', equals: 'open' }, { field: 'rightsCategory', equals: 'attribution' }] },
        { field: 'hasIiif', equals: 'true' },
      ],
    });
  });

  it('names every bad parameter with its value and what is expected', () => {
    expect(problems('/events?distance=abc&coordinates=51,3')).toEqual([{ name: 'distance', value: 'abc', reason: 'expected a number with km or m, e.g. 10km' }]);
    expect(problems('/events?limit=abc&start=20000&calendarType=weekly&sort[colour]=asc&facets=colours')).toEqual([
      { name: 'calendarType', value: 'weekly', reason: 'expected one or more of single, multiple, periodic, permanent, comma-separated' },
      { name: 'limit', value: 'abc', reason: 'expected a whole number from 0 to 500' },
      { name: 'start', value: '20000', reason: 'expected a whole number from 0 to 10000 (follow the next links to page further)' },
      { name: 'sort[colour]', value: 'asc', reason: 'expected sort[key]=asc|desc with key one of score, start, availableTo, created, modified, distance' },
      { name: 'facets', value: 'colours', reason: 'expected facet names from types, themes, regions, organisations, languages, labels' },
    ]);
    expect(problems('/events?coordinates=51,3')).toEqual([{ name: 'coordinates', value: '51,3', reason: 'needs distance, e.g. distance=10km (publiq requires both)' }]);
    expect(problems('/events?distance=10km')).toEqual([{ name: 'distance', value: '10km', reason: 'needs coordinates, e.g. coordinates=51.0543,3.7174' }]);
    expect(problems('/events?sort[distance]=asc')).toEqual([{ name: 'sort[distance]', value: 'asc', reason: 'needs coordinates (and distance): the point to sort from' }]);
    expect(problems('/events?dateFrom=yesterday&dateFrom=today')[0]).toEqual({ name: 'dateFrom', value: 'yesterday,today', reason: expect.stringMatching(/^was given 2 times; give it once, as an ISO 8601 date/) });
    expect(problems('/events?q=colour:red')[0]).toMatchObject({ name: 'q', value: 'colour:red', reason: expect.stringContaining('colour: is not a field this API searches on activities') });
    expect(problems('/events?groupBy=productionId')).toEqual([{ name: 'groupBy', value: 'productionId', reason: 'is a publiq parameter this hub does not support: productions are not grouped' }]);
    expect(problems('/x?dateFrom=2026-01-01', 'heritage-objects')[0]).toMatchObject({ name: 'dateFrom', reason: expect.stringMatching(/^is not a parameter here; the parameters are q, type, organisation, .*text, .*keeper, objectType, maker, .*start, cursor, limit, format$/) });
    expect(problems('/events?status[x]=Available')[0]).toMatchObject({ name: 'status[x]', reason: 'takes no [x]; write status=… or status[]=…' });
  });

  it('only a search parameter, or a q with a field, leaves the list of before', () => {
    expect(isSearch(rawQuery('/x?q=stoel&type=http://x&limit=5&cursor=abc&format=ttl'), 'activities')).toBe(false);
    expect(isSearch(rawQuery('/x?q=terms.id:1'), 'activities')).toBe(true);
    expect(isSearch(rawQuery('/x?text=stoel'), 'activities')).toBe(true);
    expect(isSearch(rawQuery('/x?sort[start]=asc'), 'activities')).toBe(true);
    expect(isSearch(rawQuery('/x?maker=x'), 'heritage-objects')).toBe(true);
  });
});
