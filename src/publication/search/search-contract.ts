/**
 * The contract between the search read model (publication/search, fed by the store's commit
 * feed) and the open API that asks it (api/routes). The API turns query parameters (publiq
 * Search API v3 names, and the hub's own for heritage objects) into a `SearchQuery`; the read
 * model answers with a `SearchResult`. Neither side knows the other's internals.
 *
 * Filters are a tree so that publiq's advanced queries (`q=a:x AND (b:y OR NOT c:z)`) and the
 * URL parameters (a conjunction) reach the same evaluator.
 */

export type SearchKind = 'activities' | 'heritage-objects';

/** Fields a filter, facet or sort can name. Which fields a kind has is in `SearchDoc`. */
export type SearchField =
  // both kinds
  | 'id' | 'source' | 'organisation' | 'place' | 'postalCode' | 'municipality' | 'region' | 'country'
  | 'created' | 'modified' | 'language' | 'hasImage' | 'type' | 'label'
  // activities
  | 'occurrence' | 'localTime' | 'calendarType' | 'organizer' | 'location' | 'theme' | 'termId'
  | 'audienceType' | 'age' | 'price' | 'isFree' | 'availability' | 'uitpas' | 'hasVideo' | 'status' | 'mainLanguage'
  // heritage objects
  | 'keeper' | 'objectType' | 'maker' | 'material' | 'period' | 'rights' | 'rightsCategory' | 'hasIiif'
  /** Heritage objects: decades (first year, e.g. '1880') the period spans; for facets and `equals`. */
  | 'decade';

export type Filter =
  | { and: Filter[] }
  | { or: Filter[] }
  | { not: Filter }
  /** Exact value (IRI, id, code, term id, boolean as 'true'/'false'); case-insensitive for text codes. */
  | { field: SearchField; equals: string }
  /** Inclusive range: ISO dates/times for date fields, 'HH:MM' for localTime, numbers for age/price/period years. Either end may be open. */
  | { field: SearchField; from?: string | number; to?: string | number }
  /** Within `km` of a point (WGS84). */
  | { field: 'location'; near: { lat: number; lon: number; km: number } }
  /** Inside a box (south-west, north-east corners). */
  | { field: 'location'; within: { south: number; west: number; north: number; east: number } }
  /** Words (folded, stemmed) in one field or in all text fields. */
  | { text: string; field?: 'title' | 'description' | 'maker' | 'place' };

/** `periodFrom`: heritage objects, the first year of their period. */
export type SortKey = 'score' | 'start' | 'modified' | 'created' | 'distance' | 'availableTo' | 'title' | 'periodFrom';

export interface SearchQuery {
  kind: SearchKind;
  /** Free text (ranked): all words should match, folded for case and diacritics, Dutch-stemmed. */
  text?: string;
  filter?: Filter;
  /** Applied in order; ties are broken by entity IRI so cursors are stable. Default: score when `text`, else start (activities) / title (heritage). */
  sort: { key: SortKey; order: 'asc' | 'desc' }[];
  /** The point `distance` sorts from (required by that sort). */
  origin?: { lat: number; lon: number };
  /** Opaque, from a previous `SearchResult.next`; bound to the same query. */
  cursor?: string;
  /** Skip this many results (publiq's `start`); ignored with `cursor`. */
  start?: number;
  limit: number;
  /** Facet fields to count over all results (not only the page). */
  facets: SearchField[];
  /** Preferred languages for labels and facet values. */
  languages?: string[];
}

export interface SearchHit {
  entity: string;
  recordGraph: string;
  score?: number;
  /** Kilometres from `origin`, when given. */
  distanceKm?: number;
}

export interface FacetValue {
  value: string;
  label?: string;
  count: number;
}

export interface SearchResult {
  total: number;
  /** False when `total` is an estimate (past the exact-count bound). */
  totalExact: boolean;
  items: SearchHit[];
  /** Cursor of the next page, absent on the last page. */
  next?: string;
  facets: Partial<Record<SearchField, FacetValue[]>>;
  /** When the read model last applied a commit (ISO), for `Last-Modified`/ETag. */
  asOf: string;
}

/** A query the read model cannot answer as asked: names the parameter or field and why. */
export class SearchQueryError extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'SearchQueryError';
  }
}

export interface SearchReadModel {
  search(query: SearchQuery): Promise<SearchResult>;
  /** Documents indexed per kind (for /health and the benchmark). */
  size(): Promise<Record<SearchKind, number>>;
  close(): void;
}
