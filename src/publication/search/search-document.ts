/**
 * The flat search document of one published record: what the search index filters, sorts, counts
 * and ranks on, extracted once from the record graph (activity-document.ts,
 * heritage-document.ts) so that queries never touch RDF. Times are epoch milliseconds; IRIs are
 * kept as published (canonical after matching), with the other IRIs that name the same thing as
 * `aliases` so a filter on any of them finds the record.
 */
import type { SearchKind } from './search-contract.js';

export interface LangText {
  /** BCP 47 language tag, lower case; 'und' when the literal has none. */
  lang: string;
  text: string;
}

/** A thing a record points at (place, organizer, term, maker …), with its label and other IRIs. */
export interface Ref {
  id: string;
  label?: string;
  /** Labels by language when the graph has several. */
  labels?: Record<string, string>;
  aliases?: string[];
}

export interface Occurrence {
  start: number;
  end: number;
}

/** Weekly opening hours of a periodic or permanent activity (local time, Europe/Brussels). */
export interface OpeningHours {
  /** Days of the week, 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** Minutes after local midnight. */
  opens: number;
  closes: number;
}

export type CalendarType = 'single' | 'multiple' | 'periodic' | 'permanent';

export interface SearchDoc {
  kind: SearchKind;
  entity: string;
  /** The entity's other IRIs (owl:sameAs: the source's own IRI, e.g. UiTdatabank's event IRI). */
  aliases: string[];
  recordGraph: string;
  source: string;
  /** Organisations named by the record's provenance (lower case, as the list index keeps them). */
  organisations: string[];
  titles: LangText[];
  descriptions: LangText[];
  created?: number;
  modified?: number;
  /** Languages of the titles and descriptions. */
  languages: string[];
  mainLanguage?: string;
  hasImage: boolean;
  /** rdf:type-like classification: event types (activities), object types (heritage objects). */
  types: Ref[];
  /** Free labels (publiq labels / keywords). */
  labels: string[];
  /** Where: the activity's location, the object's places (production, depicted). */
  places: Ref[];
  postalCodes: string[];
  municipalities: string[];
  /** publiq-style region ids (province, municipality `gem-…`), see regions.ts. */
  regions: Ref[];
  /** ISO 3166 alpha-2, upper case. */
  countries: string[];
  lat?: number;
  lon?: number;

  // Activities
  calendarType?: CalendarType;
  /** Sorted by start. */
  occurrences: Occurrence[];
  openingHours: OpeningHours[];
  organizers: Ref[];
  themes: Ref[];
  /** Short publiq term ids (0.50.4.0.0) and full term IRIs of types and themes. */
  termIds: string[];
  audienceTypes: string[];
  ageMin?: number;
  ageMax?: number;
  /** Every price the record states (EUR). */
  prices: number[];
  availability?: 'available' | 'unavailable';
  uitpas: boolean;
  hasVideo: boolean;
  status?: 'Available' | 'Unavailable' | 'TemporarilyUnavailable';

  // Heritage objects
  keepers: Ref[];
  makers: Ref[];
  materials: Ref[];
  /** Years (astronomical: 1 BC is 0) the object's production falls in. */
  periodFrom?: number;
  periodTo?: number;
  rights: string[];
  rightsCategory?: 'open' | 'attribution' | 'restricted';
  hasIiif: boolean;
}

/** A document with every list empty: extraction and the benchmark fill in what they know. */
export function emptyDoc(kind: SearchKind, entity: string, recordGraph: string, source: string): SearchDoc {
  return {
    kind, entity, aliases: [], recordGraph, source, organisations: [], titles: [], descriptions: [], languages: [], hasImage: false, types: [], labels: [],
    places: [], postalCodes: [], municipalities: [], regions: [], countries: [], occurrences: [], openingHours: [], organizers: [], themes: [],
    termIds: [], audienceTypes: [], prices: [], uitpas: false, hasVideo: false, keepers: [], makers: [], materials: [], rights: [], hasIiif: false,
  };
}
