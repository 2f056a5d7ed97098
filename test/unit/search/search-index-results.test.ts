/**
 * What a search answers besides matches: facet counts over all matches (not only the page), the
 * sort orders with ties broken by IRI, cursors that page without repeats or gaps even when the
 * index changes between pages, offsets, totals, and ranked full text with folding and stemming.
 */
import { SearchIndex } from '../../../src/publication/search/search-index.js';
import { SearchQueryError, type SearchQuery } from '../../../src/publication/search/search-contract.js';
import { activity, ms, nl, object } from './search-docs.js';

const last = (e: string) => e.split('/').pop()!;

function many(n: number): SearchIndex {
  const index = new SearchIndex('activities');
  for (let i = 0; i < n; i++) {
    index.put(activity(`e${String(i).padStart(3, '0')}`, {
      titles: nl(`Activiteit ${i}`),
      modified: ms('2026-01-01T00:00:00Z') + (i % 7) * 86_400_000,
      occurrences: [{ start: ms('2026-10-01T00:00:00Z') + (i % 5) * 86_400_000, end: ms('2026-10-01T02:00:00Z') + (i % 5) * 86_400_000 }],
      regions: [{ id: i % 3 === 0 ? 'prv-antwerpen' : 'prv-limburg', label: i % 3 === 0 ? 'Antwerpen' : 'Limburg' }],
      themes: i % 2 === 0 ? [{ id: 'http://t/muziek', labels: { nl: 'Muziek', en: 'Music' } }] : [],
      lat: 51 + i / 1000,
      lon: 4,
    }));
  }
  return index;
}

const base = (extra: Partial<SearchQuery> = {}): SearchQuery => ({ kind: 'activities', sort: [], limit: 10, facets: [], ...extra });

/** Every page of a query through its cursors. */
function pages(index: SearchIndex, q: SearchQuery, between?: (page: number) => void): string[] {
  const out: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const r = index.search({ ...q, cursor });
    out.push(...r.items.map((h) => last(h.entity)));
    if (!r.next) break;
    cursor = r.next;
    between?.(page);
  }
  return out;
}

describe('Facets', () => {
  it('count every match, not only the page, with labels in the asked language', () => {
    const r = many(30).search(base({ limit: 2, facets: ['region', 'theme'], languages: ['en'] }));
    expect(r.items).toHaveLength(2);
    expect(r.facets.region).toEqual([{ value: 'prv-limburg', label: 'Limburg', count: 20 }, { value: 'prv-antwerpen', label: 'Antwerpen', count: 10 }]);
    expect(r.facets.theme).toEqual([{ value: 'http://t/muziek', label: 'Music', count: 15 }]);
  });

  it('count within the filter', () => {
    const r = many(30).search(base({ filter: { field: 'region', equals: 'prv-antwerpen' }, facets: ['theme'] }));
    expect(r.total).toBe(10);
    expect(r.facets.theme).toEqual([{ value: 'http://t/muziek', label: 'Muziek', count: 5 }]);
  });

  it('refuse a field without values', () => {
    expect(() => many(3).search(base({ facets: ['occurrence'] }))).toThrow(SearchQueryError);
  });
});

describe('Sorting and paging', () => {
  it('sorts on a key, ties broken by IRI in the same direction', () => {
    const index = many(30);
    const asc = index.search(base({ sort: [{ key: 'modified', order: 'asc' }], limit: 30 })).items.map((h) => last(h.entity));
    expect(asc.slice(0, 5)).toEqual(['e000', 'e007', 'e014', 'e021', 'e028']);
    const desc = index.search(base({ sort: [{ key: 'modified', order: 'desc' }], limit: 30 })).items.map((h) => last(h.entity));
    expect(desc).toEqual([...asc].reverse());
  });

  it('keeps its sorted orders through changes: the same answers as an index built afresh', () => {
    const index = many(60);
    const sorts: SearchQuery['sort'][] = [[{ key: 'modified', order: 'desc' }], [{ key: 'title', order: 'asc' }], [{ key: 'start', order: 'asc' }]];
    const answer = (ix: SearchIndex, sort: SearchQuery['sort']) => ix.search(base({ sort, limit: 100 })).items.map((h) => last(h.entity));
    for (const sort of sorts) answer(index, sort);
    // A few records change (one loses its date, one gets one), one goes, two come: slots are reused.
    const changed = [
      activity('e003', { titles: nl('Zzz laatst'), modified: ms('2025-01-01T00:00:00Z') }),
      activity('e010', { titles: nl('Activiteit 10') }),
      activity('new-1', { titles: nl('Aaa eerst'), modified: ms('2026-01-03T00:00:00Z'), occurrences: [{ start: ms('2026-10-02T00:00:00Z'), end: ms('2026-10-02T01:00:00Z') }] }),
      activity('new-2', { titles: nl('Activiteit 30'), modified: ms('2026-01-03T00:00:00Z') }),
    ];
    index.remove('http://hub.test/id/activiteit/src/e020');
    for (const doc of changed) index.put(doc);
    const fresh = many(60);
    fresh.remove('http://hub.test/id/activiteit/src/e020');
    for (const doc of changed) fresh.put(doc);
    for (const sort of sorts) {
      const kept = answer(index, sort);
      expect(kept).toHaveLength(61);
      expect(kept).toEqual(answer(fresh, sort));
    }
    expect(answer(index, [{ key: 'title', order: 'asc' }])[0]).toBe('new-1');
    expect(answer(index, [{ key: 'modified', order: 'desc' }]).at(-1)).toBe('e010');
  });

  it('sorts on distance from the origin, and reports it', () => {
    const r = many(30).search(base({ sort: [{ key: 'distance', order: 'asc' }], origin: { lat: 51.0204, lon: 4 }, limit: 3 }));
    expect(r.items.map((h) => last(h.entity))).toEqual(['e020', 'e021', 'e019']);
    // 0.0004° and 0.0006° of latitude.
    expect(r.items[0]!.distanceKm).toBeCloseTo(0.044, 3);
    expect(r.items[1]!.distanceKm).toBeCloseTo(0.067, 3);
    expect(() => many(3).search(base({ sort: [{ key: 'distance', order: 'asc' }] }))).toThrow(/distance/);
  });

  it('sorts on start after dateFrom: the next occurrence, not the first', () => {
    const index = new SearchIndex('activities');
    index.put(activity('early-then-late', { occurrences: [{ start: ms('2026-01-01T10:00:00Z'), end: ms('2026-01-01T12:00:00Z') }, { start: ms('2026-12-01T10:00:00Z'), end: ms('2026-12-01T12:00:00Z') }] }));
    index.put(activity('mid', { occurrences: [{ start: ms('2026-06-01T10:00:00Z'), end: ms('2026-06-01T12:00:00Z') }] }));
    const order = (filter?: SearchQuery['filter']) => index.search(base({ sort: [{ key: 'start', order: 'asc' }], filter })).items.map((h) => last(h.entity));
    expect(order()).toEqual(['early-then-late', 'mid']);
    expect(order({ field: 'occurrence', from: '2026-03-01' })).toEqual(['mid', 'early-then-late']);
  });

  it('pages with cursors through every match once, in order', () => {
    const index = many(95);
    for (const sort of [[{ key: 'modified', order: 'desc' }], [{ key: 'start', order: 'asc' }, { key: 'title', order: 'desc' }], [{ key: 'distance', order: 'asc' }]] as SearchQuery['sort'][]) {
      const q = base({ sort, origin: { lat: 51.05, lon: 4 }, limit: 7 });
      const all = index.search({ ...q, limit: 200 }).items.map((h) => last(h.entity));
      expect(all).toHaveLength(95);
      expect(pages(index, q)).toEqual(all);
    }
  });

  it('keeps cursor pages stable when records are added and removed between pages', () => {
    const index = many(40);
    const q = base({ sort: [{ key: 'title', order: 'asc' }], limit: 5 });
    const before = index.search({ ...q, limit: 100 }).items.map((h) => last(h.entity));
    const seen = pages(index, q, (page) => {
      if (page !== 1) return;
      // Between pages 2 and 3: one record from the pages already read goes, one that sorts first comes.
      index.remove(`http://hub.test/id/activiteit/src/${before[0]}`);
      index.put(activity('aaa', { titles: nl('Aaa eerst') }));
    });
    expect(seen).toEqual(before);
  });

  it('binds a cursor to its query and skips with start', () => {
    const index = many(30);
    const r = index.search(base({ sort: [{ key: 'modified', order: 'asc' }] }));
    expect(() => index.search(base({ sort: [{ key: 'modified', order: 'desc' }], cursor: r.next }))).toThrow(/another query/);
    expect(() => index.search(base({ cursor: 'nonsense' }))).toThrow(SearchQueryError);
    const all = index.search(base({ sort: [{ key: 'modified', order: 'asc' }], limit: 30 })).items;
    expect(index.search(base({ sort: [{ key: 'modified', order: 'asc' }], start: 10, limit: 5 })).items).toEqual(all.slice(10, 15));
  });

  it('reports exact totals and no next link on the last page', () => {
    const r = many(12).search(base({ limit: 12 }));
    expect(r).toMatchObject({ total: 12, totalExact: true });
    expect(r.next).toBeUndefined();
  });
});

describe('Full text', () => {
  const index = new SearchIndex('heritage-objects');
  index.put(object('museum', { titles: [{ lang: 'fr', text: 'Le muséum d’histoire naturelle' }] }));
  index.put(object('fiets', { titles: nl('Oude fiets'), descriptions: nl('Een herenfiets uit 1950') }));
  index.put(object('fietsen-in-beschrijving', { titles: nl('Foto van een straat'), descriptions: nl('Kinderen die fietsen op straat') }));
  index.put(object('maker', { titles: nl('Schoteltje'), makers: [{ id: 'http://a/1', label: 'Pieter Stockmans' }] }));
  const hits = (text: string) => index.search({ kind: 'heritage-objects', text, sort: [], limit: 10, facets: [] }).items.map((h) => last(h.entity));

  it('folds case and diacritics', () => {
    expect(hits('Museum')).toEqual(['museum']);
    expect(hits('MUSÉUM histoire')).toEqual(['museum']);
  });

  it('stems Dutch words, ranking title matches first', () => {
    expect(hits('fietsen')).toEqual(['fiets', 'fietsen-in-beschrijving']);
    expect(hits('fiets')).toEqual(['fiets', 'fietsen-in-beschrijving']);
  });

  it('needs every word, finds makers, and reports scores', () => {
    expect(hits('oude fiets')).toEqual(['fiets']);
    expect(hits('stockmans')).toEqual(['maker']);
    const r = index.search({ kind: 'heritage-objects', text: 'fiets', sort: [], limit: 10, facets: [] });
    expect(r.items[0]!.score).toBeGreaterThan(r.items[1]!.score!);
  });
});
