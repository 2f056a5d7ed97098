/**
 * The search read model's index, independent of the store: documents in numbered slots, a
 * column (typed array) per numeric field, postings per keyed field (built at the first filter or
 * facet on that field, then kept), full text on MiniSearch (full-text.ts), and per sort key an
 * order of all slots kept sorted until the next change. A query marks its matches in a byte mask
 * (no object per document), counts facets over every match, and reads one page off a pre-sorted
 * order from the cursor's position, or selects the page's hits from the matches when the sort key
 * depends on the query (distance, start after dateFrom, score).
 */
import { SearchQueryError, type FacetValue, type Filter, type SearchField, type SearchHit, type SearchKind, type SearchQuery, type SearchResult, type SortKey } from './search-contract.js';
import type { SearchDoc } from './search-document.js';
import { facetEntries, fieldKeys, isKeyed, type KeyedField } from './doc-fields.js';
import { FullText } from './full-text.js';
import { matchesLocalTime, matchesRange, startAfter } from './calendar-match.js';
import { parseInstant } from './brussels-time.js';
import { edtfYears } from './edtf-years.js';
import { fold } from './text-analysis.js';
import { pickLabel } from './record-graph.js';
import { decodeCursor, encodeCursor, queryHash, type CursorPosition, type SortValue } from './search-cursor.js';
import { haversineKm } from './haversine.js';
import { selectTop } from './select-top.js';

/** Facet values returned per field, most frequent first. */
const FACET_LIMIT = 100;
const NUMERIC = ['lat', 'lon', 'created', 'modified', 'firstStart', 'lastEnd', 'minPrice', 'ageMin', 'ageMax', 'periodFrom', 'periodTo'] as const;
type Numeric = (typeof NUMERIC)[number];
/** Sort keys whose order does not depend on the query: kept pre-sorted. */
const STATIC_SORT: Record<string, Numeric | 'title' | 'entity'> = { modified: 'modified', created: 'created', availableTo: 'lastEnd', title: 'title', start: 'firstStart', periodFrom: 'periodFrom' };

interface SortOrder {
  defined: Int32Array;
  missing: Int32Array;
}

interface FacetColumn {
  values: string[];
  labels: (Record<string, string> | undefined)[];
  ids: Map<string, number>;
  /** Value ids per slot: one number, several, or none. */
  perSlot: (number | number[] | undefined)[];
}

export class SearchIndex {
  private docs: (SearchDoc | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private capacity = 0;
  /** 1 for each slot holding a document: the starting point of every query's match mask. */
  private live = new Uint8Array(0);
  private readonly columns = {} as Record<Numeric, Float64Array>;
  private titles: string[] = [];
  private readonly text = new FullText();
  private readonly postings = new Map<KeyedField, Map<string, Set<number>>>();
  private readonly facetColumns = new Map<KeyedField, FacetColumn>();
  /**
   * Slots sorted ascending per static sort key (defined values, then missing ones, ties by IRI),
   * built at the first query sorting on the key and then kept: the slots changed since (`stale`)
   * are merged in at the next query that needs an order, not sorted again.
   */
  private readonly orders = new Map<string, SortOrder>();
  private readonly stale = new Set<number>();
  private changedAt = Date.now();

  /** When the index last changed (ISO). */
  get asOf(): string {
    return new Date(this.changedAt).toISOString();
  }

  constructor(readonly kind: SearchKind) {
    for (const c of NUMERIC) this.columns[c] = new Float64Array(0);
  }

  get size(): number {
    return this.slots.size;
  }

  /** Adds or replaces the document of `doc.entity`. */
  put(doc: SearchDoc): void {
    this.remove(doc.entity);
    const slot = this.free.pop() ?? this.docs.length;
    if (slot >= this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    this.text.add(slot, doc);
    // Descriptions live on only in the full-text index: kept here they would double its memory.
    doc = { ...doc, descriptions: [] };
    this.docs[slot] = doc;
    this.live[slot] = 1;
    this.slots.set(doc.entity, slot);
    const c = this.columns;
    c.lat[slot] = doc.lat ?? NaN;
    c.lon[slot] = doc.lon ?? NaN;
    c.created[slot] = doc.created ?? NaN;
    c.modified[slot] = doc.modified ?? NaN;
    c.firstStart[slot] = doc.occurrences[0]?.start ?? NaN;
    c.lastEnd[slot] = doc.occurrences.length ? Math.max(...doc.occurrences.map((o) => o.end)) : NaN;
    c.minPrice[slot] = doc.prices.length ? Math.min(...doc.prices) : NaN;
    c.ageMin[slot] = doc.ageMin ?? (doc.ageMax !== undefined ? 0 : NaN);
    c.ageMax[slot] = doc.ageMax ?? (doc.ageMin !== undefined ? Infinity : NaN);
    c.periodFrom[slot] = doc.periodFrom ?? NaN;
    c.periodTo[slot] = doc.periodTo ?? NaN;
    this.titles[slot] = fold(pickLabel(Object.fromEntries(doc.titles.map((t) => [t.lang, t.text]))) ?? '');
    for (const [field, map] of this.postings) for (const key of fieldKeys(doc, field)) addTo(map, key, slot);
    for (const [field, column] of this.facetColumns) column.perSlot[slot] = this.facetIds(column, doc, field);
    this.changed(slot);
  }

  remove(entity: string): void {
    const slot = this.slots.get(entity);
    if (slot === undefined) return;
    const doc = this.docs[slot]!;
    for (const [field, map] of this.postings) for (const key of fieldKeys(doc, field)) map.get(key)?.delete(slot);
    for (const column of this.facetColumns.values()) column.perSlot[slot] = undefined;
    this.text.discard(slot);
    this.docs[slot] = undefined;
    this.live[slot] = 0;
    this.slots.delete(entity);
    this.free.push(slot);
    this.changed(slot);
  }

  get(entity: string): SearchDoc | undefined {
    const slot = this.slots.get(entity);
    return slot === undefined ? undefined : this.docs[slot];
  }

  entities(): IterableIterator<string> {
    return this.slots.keys();
  }

  private changed(slot: number): void {
    if (this.orders.size > 0) this.stale.add(slot);
    this.changedAt = Date.now();
  }

  private grow(capacity: number): void {
    for (const c of NUMERIC) {
      const next = new Float64Array(capacity).fill(NaN);
      next.set(this.columns[c]);
      this.columns[c] = next;
    }
    const live = new Uint8Array(capacity);
    live.set(this.live);
    this.live = live;
    this.capacity = capacity;
  }

  search(query: SearchQuery): SearchResult {
    if (query.kind !== this.kind) throw new SearchQueryError('kind', `this index holds ${this.kind}, not ${query.kind}`);
    const n = this.docs.length;
    const mask = this.live.slice(0, n);
    let scores: ReadonlyMap<number, number> | undefined;
    if (query.text !== undefined && query.text.trim() !== '') {
      scores = this.text.search(query.text);
      andSet(mask, scores);
    }
    if (query.filter) this.narrow(query.filter, mask);
    let count = 0;
    const all = new Int32Array(n);
    for (let i = 0; i < n; i++) if (mask[i] === 1) all[count++] = i;
    const matches = all.subarray(0, count);

    const facets: SearchResult['facets'] = {};
    for (const field of query.facets) facets[field] = this.countFacet(field, matches, query.languages);

    const sort = query.sort.length > 0 ? query.sort : [{ key: scores ? 'score' : this.kind === 'activities' ? 'start' : 'title', order: scores ? 'desc' : 'asc' } as const];
    const origin = query.origin ?? nearPoint(query.filter);
    if (sort.some((s) => s.key === 'distance') && !origin) throw new SearchQueryError('sort', 'distance needs a point to measure from (coordinates)');
    const dateFrom = occurrenceFrom(query.filter);
    const hash = queryHash(query);
    const after = query.cursor !== undefined ? decodeCursor(query.cursor, hash) : undefined;
    const skip = after ? 0 : Math.max(0, query.start ?? 0);
    const want = skip + query.limit + 1;

    const value = (key: SortKey, slot: number): SortValue => {
      switch (key) {
        case 'score': return scores?.get(slot) ?? 0;
        case 'start': return nullable(dateFrom === undefined ? this.columns.firstStart[slot]! : startAfter(this.docs[slot]!.occurrences, dateFrom));
        case 'distance': return nullable(haversineKm(origin!.lat, origin!.lon, this.columns.lat[slot]!, this.columns.lon[slot]!));
        case 'title': return this.titles[slot]!;
        case 'availableTo': return nullable(this.columns.lastEnd[slot]!);
        default: return nullable(this.columns[key as Numeric][slot]!);
      }
    };
    const afterCursor = after ? (slot: number) => comparePosition(sort, sort.map((s) => value(s.key, slot)), this.docs[slot]!.entity, after) > 0 : undefined;

    let page: number[];
    const staticKey = sort.length === 1 && (sort[0]!.key !== 'start' || dateFrom === undefined) ? STATIC_SORT[sort[0]!.key] ?? (sort[0]!.key === 'score' && !scores ? 'entity' : undefined) : undefined;
    if (staticKey !== undefined) page = this.fromOrder(staticKey, sort[0]!.order, mask, after, afterCursor, want);
    else {
      // Sort values computed once per match (distance, next start), not once per comparison.
      const keys = sort.map((s) => Array.from(matches, (slot) => value(s.key, slot)));
      const entity = (i: number) => this.docs[matches[i]!]!.entity;
      const byIndex = (a: number, b: number): number => {
        for (let k = 0; k < sort.length; k++) {
          const c = compareValues(keys[k]![a]!, keys[k]![b]!, sort[k]!.order);
          if (c !== 0) return c;
        }
        return compareIri(entity(a), entity(b), sort[0]!.order);
      };
      const isAfter = (i: number): boolean => {
        for (let k = 0; k < sort.length; k++) {
          const c = compareValues(keys[k]![i]!, after!.values[k] ?? null, sort[k]!.order);
          if (c !== 0) return c > 0;
        }
        return compareIri(entity(i), after!.entity, sort[0]!.order) > 0;
      };
      if (after) {
        const candidates = Array.from(matches.keys()).filter(isAfter);
        page = selectTop(candidates.length, want, (a, b) => byIndex(candidates[a]!, candidates[b]!)).map((i) => matches[candidates[i]!]!);
      } else page = selectTop(matches.length, want, byIndex).map((i) => matches[i]!);
    }
    page = page.slice(skip);
    const more = page.length > query.limit;
    page = page.slice(0, query.limit);

    const items: SearchHit[] = page.map((slot) => {
      const doc = this.docs[slot]!;
      const hit: SearchHit = { entity: doc.entity, recordGraph: doc.recordGraph };
      if (scores) hit.score = scores.get(slot);
      if (origin) {
        const km = haversineKm(origin.lat, origin.lon, this.columns.lat[slot]!, this.columns.lon[slot]!);
        if (Number.isFinite(km)) hit.distanceKm = Math.round(km * 1000) / 1000;
      }
      return hit;
    });
    const last = page.at(-1);
    const next = more && last !== undefined ? encodeCursor({ values: sort.map((s) => value(s.key, last)), entity: this.docs[last]!.entity }, hash) : undefined;
    return { total: matches.length, totalExact: true, items, next, facets, asOf: this.asOf };
  }

  /** The first `want` matching slots of a pre-sorted order, after the cursor. */
  private fromOrder(key: Numeric | 'title' | 'entity', order: 'asc' | 'desc', mask: Uint8Array, after: CursorPosition | undefined, afterCursor: ((slot: number) => boolean) | undefined, want: number): number[] {
    const { defined, missing } = this.order(key);
    const out: number[] = [];
    // Past the cursor's own sort value every slot is after it: only ties need the full comparison.
    const take = (list: Int32Array, reverse: boolean, from: number, tieValue: SortValue | undefined) => {
      let ties = afterCursor !== undefined;
      for (let k = from; k < list.length && out.length < want; k++) {
        const slot = list[reverse ? list.length - 1 - k : k]!;
        if (mask[slot] !== 1) continue;
        if (ties && tieValue !== undefined && this.sortValue(key, slot) !== tieValue) ties = false;
        if (!ties || afterCursor!(slot)) out.push(slot);
      }
    };
    const reverse = order === 'desc';
    // With a cursor, start scanning at its position (binary search), not at the top.
    let startDefined = 0;
    const probe = key === 'entity' ? after?.entity : after?.values[0];
    if (after && probe !== null && probe !== undefined) {
      let lo = 0;
      let hi = defined.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const slot = defined[reverse ? defined.length - 1 - mid : mid]!;
        if (compareValues(this.sortValue(key, slot), probe, order) < 0) lo = mid + 1;
        else hi = mid;
      }
      startDefined = lo;
    } else if (after) startDefined = defined.length;
    const tie = probe === null || probe === undefined ? undefined : probe;
    take(defined, reverse, startDefined, tie);
    take(missing, reverse, 0, undefined);
    return out;
  }

  private sortValue(key: Numeric | 'title' | 'entity', slot: number): SortValue {
    return key === 'title' ? this.titles[slot]! : key === 'entity' ? this.docs[slot]!.entity : nullable(this.columns[key][slot]!);
  }

  /** Ascending order of two slots on `key` (both with a value), ties by IRI. */
  private comparator(key: Numeric | 'title' | 'entity'): (a: number, b: number) => number {
    const iri = (a: number, b: number) => compareIri(this.docs[a]!.entity, this.docs[b]!.entity, 'asc');
    if (key === 'title' || key === 'entity') return (a, b) => compareValues(this.sortValue(key, a), this.sortValue(key, b), 'asc') || iri(a, b);
    const col = this.columns[key];
    return (a, b) => col[a]! - col[b]! || iri(a, b);
  }

  private order(key: Numeric | 'title' | 'entity'): SortOrder {
    this.mergeStale();
    const cached = this.orders.get(key);
    if (cached) return cached;
    const defined: number[] = [];
    const missing: number[] = [];
    for (let i = 0; i < this.docs.length; i++) {
      if (this.docs[i] === undefined) continue;
      (this.sortValue(key, i) === null ? missing : defined).push(i);
    }
    defined.sort(this.comparator(key));
    missing.sort(this.comparator('entity'));
    const built = { defined: Int32Array.from(defined), missing: Int32Array.from(missing) };
    this.orders.set(key, built);
    return built;
  }

  /**
   * Brings the kept orders up to date with the slots changed since: each order drops those slots
   * and merges in the ones that hold a document now (sorted among themselves), O(n + k log k)
   * rather than a new sort. Past an eighth of the index changed, the orders are built again.
   */
  private mergeStale(): void {
    if (this.stale.size === 0) return;
    if (this.stale.size > this.slots.size / 8) {
      this.orders.clear();
      this.stale.clear();
      return;
    }
    const drop = new Uint8Array(this.docs.length);
    for (const s of this.stale) drop[s] = 1;
    for (const [key, order] of this.orders) {
      const defined: number[] = [];
      const missing: number[] = [];
      for (const s of this.stale) if (this.docs[s] !== undefined) (this.sortValue(key as Numeric | 'title' | 'entity', s) === null ? missing : defined).push(s);
      order.defined = mergeSorted(order.defined, drop, defined, this.comparator(key as Numeric | 'title' | 'entity'));
      order.missing = mergeSorted(order.missing, drop, missing, this.comparator('entity'));
    }
    this.stale.clear();
  }

  /** Narrows `mask` (1 = still a match) to the slots that pass `filter`. */
  private narrow(filter: Filter, mask: Uint8Array): void {
    if ('and' in filter) {
      for (const f of filter.and) this.narrow(f, mask);
      return;
    }
    if ('or' in filter) {
      const any = new Uint8Array(mask.length);
      for (const f of filter.or) {
        const m = mask.slice();
        this.narrow(f, m);
        for (let i = 0; i < m.length; i++) any[i]! |= m[i]!;
      }
      mask.set(any);
      return;
    }
    if ('not' in filter) {
      const m = mask.slice();
      this.narrow(filter.not, m);
      for (let i = 0; i < m.length; i++) if (m[i] === 1) mask[i] = 0;
      return;
    }
    if ('text' in filter) {
      andSet(mask, this.text.search(filter.text, filter.field));
      return;
    }
    if ('near' in filter) {
      const { lat, lon, km } = filter.near;
      const dLat = km / 111.2;
      const dLon = km / (111.32 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
      const la = this.columns.lat;
      const lo = this.columns.lon;
      // Inline loops over the columns in the hot filters: a callback per slot costs more than the test.
      for (let s = 0; s < mask.length; s++) {
        if (mask[s] === 0) continue;
        if (!(Math.abs(la[s]! - lat) <= dLat && Math.abs(lo[s]! - lon) <= dLon && haversineKm(lat, lon, la[s]!, lo[s]!) <= km)) mask[s] = 0;
      }
      return;
    }
    if ('within' in filter) {
      const { south, west, north, east } = filter.within;
      const la = this.columns.lat;
      const lo = this.columns.lon;
      for (let s = 0; s < mask.length; s++) {
        if (mask[s] === 0) continue;
        if (!(la[s]! >= south && la[s]! <= north && (west <= east ? lo[s]! >= west && lo[s]! <= east : lo[s]! >= west || lo[s]! <= east))) mask[s] = 0;
      }
      return;
    }
    if ('equals' in filter) {
      const numeric = ['price', 'age', 'period', 'created', 'modified'];
      if (numeric.includes(filter.field)) return this.narrow({ field: filter.field, from: filter.equals, to: filter.equals }, mask);
      if (!isKeyed(filter.field)) throw new SearchQueryError(filter.field, 'cannot be compared with one value (give a range)');
      andSet(mask, this.postingsOf(filter.field).get(filter.equals.toLowerCase()) ?? new Set());
      return;
    }
    this.narrowRange(filter.field, filter.from, filter.to, mask);
  }

  private narrowRange(field: SearchField, from: string | number | undefined, to: string | number | undefined, mask: Uint8Array): void {
    const c = this.columns;
    switch (field) {
      case 'created':
      case 'modified': {
        const lo = instant(field, from, false) ?? -Infinity;
        const hi = instant(field, to, true) ?? Infinity;
        return between(mask, c[field], lo, hi);
      }
      case 'occurrence': {
        const lo = instant(field, from, false) ?? -Infinity;
        const hi = instant(field, to, true) ?? Infinity;
        // The first start and last end bound every occurrence: most records fall outside the range on them alone.
        const first = c.firstStart;
        const lastEnd = c.lastEnd;
        for (let s = 0; s < mask.length; s++) {
          if (mask[s] === 0 || first[s]! > hi || lastEnd[s]! < lo) {
            mask[s] = 0;
            continue;
          }
          // (A permanent record has no bounds, NaN, and passes them; one occurrence without hours is its bounds.)
          const d = this.docs[s]!;
          if ((d.occurrences.length !== 1 || d.openingHours.length > 0) && !matchesRange(d.calendarType, d.occurrences, d.openingHours, lo, hi)) mask[s] = 0;
        }
        return;
      }
      case 'localTime': {
        const lo = from === undefined ? 0 : clock(String(from));
        const hi = to === undefined ? 24 * 60 : clock(String(to));
        return this.scan(mask, (s) => {
          const d = this.docs[s]!;
          return matchesLocalTime(d.calendarType, d.occurrences, d.openingHours, lo, hi);
        });
      }
      case 'price': {
        const lo = number(field, from) ?? -Infinity;
        const hi = number(field, to) ?? Infinity;
        return between(mask, c.minPrice, lo, hi);
      }
      case 'age': {
        const lo = number(field, from) ?? -Infinity;
        const hi = number(field, to) ?? Infinity;
        return overlaps(mask, c.ageMin, c.ageMax, lo, hi);
      }
      case 'period': {
        const lo = year(from, 0) ?? -Infinity;
        const hi = year(to, 1) ?? Infinity;
        return overlaps(mask, c.periodFrom, c.periodTo, lo, hi);
      }
      default:
        throw new SearchQueryError(field, 'has no range (give one value)');
    }
  }

  private scan(mask: Uint8Array, keep: (slot: number) => boolean): void {
    for (let i = 0; i < mask.length; i++) if (mask[i] === 1 && !keep(i)) mask[i] = 0;
  }

  private postingsOf(field: KeyedField): Map<string, Set<number>> {
    let map = this.postings.get(field);
    if (!map) {
      map = new Map();
      for (let i = 0; i < this.docs.length; i++) {
        const d = this.docs[i];
        if (d) for (const key of fieldKeys(d, field)) addTo(map, key, i);
      }
      this.postings.set(field, map);
    }
    return map;
  }

  private facetIds(column: FacetColumn, doc: SearchDoc, field: KeyedField): number | number[] | undefined {
    const ids: number[] = [];
    for (const e of facetEntries(doc, field)) {
      let id = column.ids.get(e.value);
      if (id === undefined) {
        id = column.values.length;
        column.ids.set(e.value, id);
        column.values.push(e.value);
        column.labels.push(e.labels);
      } else if (e.labels && !column.labels[id]) column.labels[id] = e.labels;
      if (!ids.includes(id)) ids.push(id);
    }
    return ids.length === 0 ? undefined : ids.length === 1 ? ids[0] : ids;
  }

  private facetColumn(field: KeyedField): FacetColumn {
    let column = this.facetColumns.get(field);
    if (!column) {
      column = { values: [], labels: [], ids: new Map(), perSlot: [] };
      for (let i = 0; i < this.docs.length; i++) {
        const d = this.docs[i];
        if (d) column.perSlot[i] = this.facetIds(column, d, field);
      }
      this.facetColumns.set(field, column);
    }
    return column;
  }

  private countFacet(field: SearchField, matches: Int32Array, languages: string[] = ['nl', 'en']): FacetValue[] {
    if (!isKeyed(field)) throw new SearchQueryError(`facets`, `${field} has no facet (facets count values of fields like type, theme, region, organisation)`);
    const column = this.facetColumn(field);
    const counts = new Int32Array(column.values.length);
    for (const slot of matches) {
      const ids = column.perSlot[slot];
      if (ids === undefined) continue;
      if (typeof ids === 'number') counts[ids]!++;
      else for (const id of ids) counts[id]!++;
    }
    const out: FacetValue[] = [];
    for (let id = 0; id < counts.length; id++) {
      if (counts[id] === 0) continue;
      const labels = column.labels[id];
      const label = labels ? pickLabel(labels, [...languages, 'nl', 'en', 'und']) : undefined;
      out.push(label === undefined ? { value: column.values[id]!, count: counts[id]! } : { value: column.values[id]!, label, count: counts[id]! });
    }
    out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    return out.slice(0, FACET_LIMIT);
  }
}

/** Keeps the slots whose column value lies in [lo, hi] (a missing value, NaN, never does). */
function between(mask: Uint8Array, col: Float64Array, lo: number, hi: number): void {
  for (let s = 0; s < mask.length; s++) if (mask[s] === 1 && !(col[s]! >= lo && col[s]! <= hi)) mask[s] = 0;
}

/** Keeps the slots whose range [from, to] overlaps [lo, hi]. */
function overlaps(mask: Uint8Array, from: Float64Array, to: Float64Array, lo: number, hi: number): void {
  for (let s = 0; s < mask.length; s++) if (mask[s] === 1 && !(from[s]! <= hi && to[s]! >= lo)) mask[s] = 0;
}

/** `list` without the slots marked in `drop`, with `add` (unsorted) merged in, all in `compare` order. */
function mergeSorted(list: Int32Array, drop: Uint8Array, add: number[], compare: (a: number, b: number) => number): Int32Array {
  add.sort(compare);
  const out = new Int32Array(list.length + add.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < list.length || j < add.length) {
    if (i < list.length && drop[list[i]!] === 1) i++;
    else if (j >= add.length || (i < list.length && compare(list[i]!, add[j]!) <= 0)) out[k++] = list[i++]!;
    else out[k++] = add[j++]!;
  }
  return out.slice(0, k);
}

function addTo(map: Map<string, Set<number>>, key: string, slot: number): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(slot);
}

/** Keeps in `mask` only the slots in `keep` (a set or the keys of a map). */
function andSet(mask: Uint8Array, keep: { keys(): IterableIterator<number> }): void {
  const inside = new Uint8Array(mask.length);
  for (const s of keep.keys()) if (s < mask.length) inside[s] = 1;
  for (let i = 0; i < mask.length; i++) mask[i]! &= inside[i]!;
}

const nullable = (v: number | undefined): SortValue => (v === undefined || Number.isNaN(v) ? null : v);

/** Ascending or descending; a missing value (null) sorts last either way. */
export function compareValues(a: SortValue, b: SortValue, order: 'asc' | 'desc'): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const c = a < b ? -1 : a > b ? 1 : 0;
  return order === 'asc' ? c : -c;
}

const compareIri = (a: string, b: string, order: 'asc' | 'desc') => (a === b ? 0 : (a < b) === (order === 'asc') ? -1 : 1);

function comparePosition(sort: SearchQuery['sort'], values: SortValue[], entity: string, at: CursorPosition): number {
  for (let i = 0; i < sort.length; i++) {
    const c = compareValues(values[i] ?? null, at.values[i] ?? null, sort[i]!.order);
    if (c !== 0) return c;
  }
  return compareIri(entity, at.entity, sort[0]!.order);
}

/** The date range's start of the query's occurrence filter (for sorting on the next occurrence). */
function occurrenceFrom(filter: Filter | undefined): number | undefined {
  if (!filter) return undefined;
  if ('and' in filter) {
    for (const f of filter.and) {
      const t = occurrenceFrom(f);
      if (t !== undefined) return t;
    }
    return undefined;
  }
  if ('field' in filter && filter.field === 'occurrence' && 'from' in filter && filter.from !== undefined) return parseInstant(String(filter.from));
  return undefined;
}

function nearPoint(filter: Filter | undefined): { lat: number; lon: number } | undefined {
  if (!filter) return undefined;
  if ('near' in filter) return filter.near;
  if ('and' in filter) for (const f of filter.and) {
    const p = nearPoint(f);
    if (p) return p;
  }
  return undefined;
}

function instant(field: string, value: string | number | undefined, endOfDay: boolean): number | undefined {
  if (value === undefined) return undefined;
  const t = parseInstant(String(value), endOfDay);
  if (t === undefined) throw new SearchQueryError(field, `"${value}" is not an ISO date or date-time`);
  return t;
}

function number(field: string, value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new SearchQueryError(field, `"${value}" is not a number`);
  return n;
}

function year(value: string | number | undefined, side: 0 | 1): number | undefined {
  if (value === undefined) return undefined;
  const range = typeof value === 'number' ? [value, value] : edtfYears(value);
  if (!range) throw new SearchQueryError('period', `"${value}" is not a year or an EDTF date`);
  return range[side];
}

function clock(value: string): number {
  const m = /^(\d{1,2}):?(\d{2})$/.exec(value.trim());
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) throw new SearchQueryError('localTime', `"${value}" is not a time of day (HH:MM or HHMM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}
