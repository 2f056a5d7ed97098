/**
 * The search parameters of /api/v1/activities (publiq Search API v3 names and semantics) and
 * /api/v1/heritage-objects (the hub's names), one table that the translator, the OpenAPI
 * document and docs/api-search.md read, and the translation of a request's parameters into the
 * read model's `SearchQuery`. Every value is checked here; every bad one becomes an
 * `invalid-params` entry that says what was expected, all of them in one 400.
 *
 * Repetition follows publiq: a parameter repeated (`termIds[]=a&termIds[]=b`) must all match
 * (AND); a comma list (`status=Available,Unavailable`) is any of them (OR). The hub applies no
 * default filters (publiq's availableFrom/To = now, addressCountry = BE, audienceType = everyone,
 * workflowStatus): it is an archive as well, so `*` and disableDefaultFilters are accepted and change nothing.
 */
import { z } from 'zod';
import type { Filter, SearchField, SearchKind, SearchQuery, SortKey } from '../../publication/search/search-contract.js';
import { AdvancedQueryError, hasField, parseAdvancedQuery } from './advanced-query.js';
import { allAges, postalPrefix, QueryFieldError, toFilter } from './query-fields.js';
import type { InvalidParam } from './query-problems.js';
import { listOf, valuesOf, type RawParam } from './raw-query.js';
import { boolean, bounds, coordinates, distanceKm, isoInstant, localTime, periodYear } from './search-values.js';
import { FORMAT_NAMES } from './representation.js';

export const MAX_START = 10_000;

/** One parameter: what it means (OpenAPI and docs), an example, and how it filters. */
export interface SearchParam {
  name: string;
  kinds: SearchKind[];
  description: string;
  example: string;
  /** JSON Schema of one value, for OpenAPI. */
  schema: Record<string, unknown>;
  /** Takes `name[]=…` repeated (AND) or a comma list (OR). */
  repeat?: 'and' | 'or';
  /** What a client reads when the value is wrong. */
  expected: string;
  /** Legacy list parameters: alone, they keep the IRI-ordered list of before (routes/api-v1.ts). */
  legacy?: boolean;
  /** Reads the values; returns filters, or throws a reason string. */
  read?: (values: string[], ctx: Context) => Filter[] | void;
}

interface Context {
  kind: SearchKind;
  query: SearchQuery;
  all: RawParam[];
}

const ACT: SearchKind[] = ['activities'];
const HER: SearchKind[] = ['heritage-objects'];
const BOTH: SearchKind[] = ['activities', 'heritage-objects'];

class Invalid extends Error {}
const fail = (reason: string): never => {
  throw new Invalid(reason);
};

const one = (values: string[]): string => (values.length > 1 ? fail(`was given ${values.length} times; give it once`) : values[0]!);
const eq = (field: SearchField) => (value: string): Filter => ({ field, equals: value });
const anyOf = (filters: Filter[]): Filter => (filters.length === 1 ? filters[0]! : { or: filters });
const enumOf = <T extends string>(values: readonly T[], value: string): T => values.find((v) => v.toLowerCase() === value.toLowerCase()) ?? fail('');
/** publiq writes some values quoted (`labels="ook voor kinderen"`). */
const unquote = (v: string) => (v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v);
const date = (v: string) => (v === '*' ? undefined : (isoInstant(v) ?? fail('')));
const num = (v: string) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : fail(''));
const bool = (v: string) => boolean(v) ?? fail('');
const range = (field: SearchField, from?: string | number, to?: string | number): Filter[] => (from === undefined && to === undefined ? [] : [{ field, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) }]);

const ISO = 'an ISO 8601 date or date-time, e.g. 2026-05-01 or 2026-05-01T20:00:00+02:00 (encode + as %2B), or *';
const TIME = 'a local time HHmm or HH:mm from 0000 to 2359, e.g. 1800 or 18:00';
const BOOL = 'true or false';
const STATUS = ['Available', 'Unavailable', 'TemporarilyUnavailable'] as const;
const CALENDAR = ['single', 'multiple', 'periodic', 'permanent'] as const;
const AUDIENCE = ['everyone', 'members', 'education'] as const;
const RIGHTS = ['open', 'attribution', 'restricted'] as const;

/** Sort keys per collection: the parameter's key → the read model's. */
export const SORT_KEYS: Record<SearchKind, Record<string, SortKey>> = {
  activities: { score: 'score', start: 'start', availableTo: 'availableTo', created: 'created', modified: 'modified', distance: 'distance' },
  'heritage-objects': { score: 'score', title: 'title', modified: 'modified', created: 'created', periodFrom: 'periodFrom' },
};

/** Facet names per collection (publiq's for activities) → the read model's fields. */
export const FACETS: Record<SearchKind, Record<string, SearchField>> = {
  activities: { types: 'type', themes: 'theme', regions: 'region', organisations: 'organisation', languages: 'language', labels: 'label' },
  'heritage-objects': { objectTypes: 'objectType', makers: 'maker', materials: 'material', organisations: 'organisation', rightsCategories: 'rightsCategory', decades: 'decade', regions: 'region' },
};

export const SEARCH_PARAMS: SearchParam[] = [
  { name: 'text', kinds: BOTH, description: 'Free text, ranked (each member gets a score): words in titles, descriptions, makers and places, in nl/fr/en/de, folded for case and accents, Dutch-stemmed.', example: 'concert gent', schema: { type: 'string', maxLength: 500 }, expected: 'text of 1 to 500 characters', read: (v, c) => void (c.query.text = [c.query.text, words(one(v))].filter(Boolean).join(' ')) },
  {
    name: 'q',
    kinds: BOTH,
    legacy: true,
    description: 'publiq advanced query (Lucene syntax, subset): field:value, field:"phrase", field:[a TO b], field:>=n, AND/OR/NOT, parentheses, + and -. Without any field: free text, words that must all occur (as before). docs/api-search.md lists the fields.',
    example: 'address.\\*.postalCode:(9000 OR 3000) AND terms.id:0.50.4.0.0',
    schema: { type: 'string', maxLength: 2000 },
    expected: 'an advanced query, e.g. terms.id:0.50.4.0.0 AND price:0',
    read: (v, c) => {
      const q = one(v);
      if (q.length > 2000) fail('is longer than 2000 characters');
      if (!hasField(q)) return void (c.query.text = [c.query.text, q].filter(Boolean).join(' '));
      try {
        return [toFilter(c.kind, parseAdvancedQuery(q))];
      } catch (e) {
        if (e instanceof AdvancedQueryError || e instanceof QueryFieldError) fail(e.message);
        throw e;
      }
    },
  },
  // Activities: dates and times.
  { name: 'dateFrom', kinds: ACT, description: 'Activities with an occurrence on or after this instant (any occurrence of a multiple or periodic calendar; permanent ones always match).', example: '2026-07-01T00:00:00+02:00', schema: { type: 'string' }, expected: ISO, read: (v) => range('occurrence', date(one(v))) },
  { name: 'dateTo', kinds: ACT, description: 'Activities with an occurrence on or before this instant.', example: '2026-08-31T23:59:59+02:00', schema: { type: 'string' }, expected: ISO, read: (v) => range('occurrence', undefined, date(one(v))) },
  { name: 'localTimeFrom', kinds: ACT, description: 'Activities happening at some point after this local time of day, whatever the date.', example: '1800', schema: { type: 'string' }, expected: TIME, read: (v) => range('localTime', localTime(one(v)) ?? fail('')) },
  { name: 'localTimeTo', kinds: ACT, description: 'Activities happening at some point before this local time of day.', example: '23:59', schema: { type: 'string' }, expected: TIME, read: (v) => range('localTime', undefined, localTime(one(v)) ?? fail('')) },
  { name: 'calendarType', kinds: ACT, repeat: 'or', description: 'single, multiple, periodic or permanent; a comma list is any of them.', example: 'single', schema: { type: 'string', enum: [...CALENDAR] }, expected: `one or more of ${CALENDAR.join(', ')}, comma-separated`, read: (v) => [anyOf(v.map((x) => eq('calendarType')(enumOf(CALENDAR, x))))] },
  { name: 'status', kinds: ACT, repeat: 'or', description: 'Available (as planned), TemporarilyUnavailable (postponed) or Unavailable (cancelled); a comma list is any of them.', example: 'Available', schema: { type: 'string', enum: [...STATUS] }, expected: `one or more of ${STATUS.join(', ')}, comma-separated`, read: (v) => [anyOf(v.map((x) => eq('status')(enumOf(STATUS, x))))] },
  { name: 'availableFrom', kinds: ACT, description: 'Still visible on calendars after this instant (the hub: an occurrence ends after it). `*` (publiq\'s way to drop its default) is accepted; the hub has no default.', example: '*', schema: { type: 'string' }, expected: ISO, read: (v) => range('occurrence', date(one(v))) },
  { name: 'availableTo', kinds: ACT, description: 'Visible on calendars up to this instant (the hub: created before it). `*` is accepted; the hub has no default.', example: '*', schema: { type: 'string' }, expected: ISO, read: (v) => range('created', undefined, date(one(v))) },
  // Location.
  { name: 'postalCode', kinds: BOTH, description: 'Postal code of the address; a prefix with * (90*) is every code it starts.', example: '9000', schema: { type: 'string' }, expected: 'a postal code, e.g. 9000, or a prefix such as 90*', read: (v) => [postal(one(v))] },
  { name: 'regions', kinds: BOTH, repeat: 'and', description: 'publiq region id (province, municipality, submunicipality), e.g. nis-44021 (Gent), gem-leuven, prv-vlaams-brabant; repeated: in all of them.', example: 'nis-44021', schema: { type: 'string' }, expected: 'a region id, e.g. nis-44021 or gem-leuven', read: (v) => v.map(eq('region')) },
  { name: 'addressCountry', kinds: ACT, description: 'ISO 3166-1 alpha-2 country of the address. `*` is accepted (no default: the hub does not limit to BE).', example: 'BE', schema: { type: 'string', pattern: '^([A-Z]{2}|\\*)$' }, expected: 'a two-letter country code, e.g. BE, or *', read: (v) => (one(v) === '*' ? [] : [eq('country')(/^[A-Za-z]{2}$/.test(one(v)) ? one(v).toUpperCase() : fail(''))]) },
  { name: 'coordinates', kinds: ACT, description: 'lat,lon (WGS84) of a point: with distance, activities within that distance; each member then has distanceKm, and sort[distance] sorts from it.', example: '51.0543,3.7174', schema: { type: 'string' }, expected: 'lat,lon in decimal degrees, e.g. 51.0543,3.7174', read: (v, c) => near(one(v), c) },
  { name: 'distance', kinds: ACT, description: 'With coordinates: the radius, a number with km or m (also mi).', example: '10km', schema: { type: 'string', pattern: '^\\d+(\\.\\d+)?\\s*(km|m|mi)$' }, expected: 'a number with km or m, e.g. 10km', read: (v, c) => {
      if (distanceKm(one(v)) === undefined) fail('');
      if (!valuesOf(c.all, 'coordinates').length) fail('needs coordinates, e.g. coordinates=51.0543,3.7174');
    } },
  { name: 'bounds', kinds: ACT, description: 'swLat,swLon|neLat,neLon: inside this box (south-west corner first).', example: '50.98,3.60|51.10,3.85', schema: { type: 'string' }, expected: 'swLat,swLon|neLat,neLon, e.g. 50.98,3.60|51.10,3.85', read: (v) => [{ field: 'location', within: bounds(one(v)) ?? fail('') }] },
  // Who, where, what.
  { name: 'organizerId', kinds: ACT, description: 'The organiser: its UiTdatabank id (the last segment of its IRI) or its IRI.', example: '4fa5dddf-73d5-47f8-b54f-45d88cc1661a', schema: { type: 'string' }, expected: 'an organiser id or IRI', read: (v) => [eq('organizer')(one(v))] },
  { name: 'locationId', kinds: ACT, description: 'The place: its UiTdatabank id (the last segment of its IRI) or its IRI.', example: 'a0368d10-ded0-4925-b94a-2835f73e255e', schema: { type: 'string' }, expected: 'a place id or IRI', read: (v) => [eq('location')(one(v))] },
  { name: 'id', kinds: ACT, description: 'The activity itself: its UiTdatabank id or its IRI (hub or source).', example: '75573a64-ddc8-4fd0-8b07-d258939dd74f', schema: { type: 'string' }, expected: 'an id or IRI', read: (v) => [eq('id')(one(v))] },
  { name: 'termIds', kinds: ACT, repeat: 'and', description: 'UiTdatabank taxonomy term id (type, theme or facility), e.g. 0.50.4.0.0 (concert); repeated: all of them.', example: '0.50.4.0.0', schema: { type: 'string' }, expected: 'a term id, e.g. 0.50.4.0.0', read: (v) => v.map(eq('termId')) },
  { name: 'labels', kinds: ACT, repeat: 'and', description: 'A label (quotes allowed, as publiq writes them); repeated: all of them.', example: 'ook voor kinderen', schema: { type: 'string' }, expected: 'a label', read: (v) => v.map((x) => eq('label')(unquote(x))) },
  { name: 'audienceType', kinds: ACT, description: 'everyone, members or education. `*` is accepted (the hub has no default audience).', example: 'everyone', schema: { type: 'string', enum: [...AUDIENCE, '*'] }, expected: `one of ${AUDIENCE.join(', ')}, or *`, read: (v) => (one(v) === '*' ? [] : [eq('audienceType')(enumOf(AUDIENCE, one(v)))]) },
  { name: 'minAge', kinds: ACT, description: 'Targets participants of at least this age (the age range overlaps [minAge, maxAge]).', example: '6', schema: { type: 'integer', minimum: 0 }, expected: 'a whole number of years, e.g. 6', read: (v) => range('age', age(one(v))) },
  { name: 'maxAge', kinds: ACT, description: 'Targets participants of at most this age.', example: '12', schema: { type: 'integer', minimum: 0 }, expected: 'a whole number of years, e.g. 12', read: (v) => range('age', undefined, age(one(v))) },
  { name: 'allAges', kinds: ACT, description: 'true: suitable for all ages; false: for a specific age group only.', example: 'true', schema: { type: 'boolean' }, expected: BOOL, read: (v) => [allAges(bool(one(v)))] },
  { name: 'price', kinds: ACT, description: 'Exactly this base price in EUR; 0 is free.', example: '0', schema: { type: 'number', minimum: 0 }, expected: 'a price in EUR, e.g. 0 or 12.50', read: (v) => [price(num(one(v)))] },
  { name: 'minPrice', kinds: ACT, description: 'A base price of at least this (EUR).', example: '5', schema: { type: 'number', minimum: 0 }, expected: 'a price in EUR, e.g. 5', read: (v) => range('price', num(one(v))) },
  { name: 'maxPrice', kinds: ACT, description: 'A base price of at most this (EUR).', example: '20', schema: { type: 'number', minimum: 0 }, expected: 'a price in EUR, e.g. 20', read: (v) => range('price', undefined, num(one(v))) },
  { name: 'bookingAvailability', kinds: ACT, description: 'available (tickets left) or unavailable (sold out).', example: 'available', schema: { type: 'string', enum: ['available', 'unavailable'] }, expected: 'available or unavailable', read: (v) => [eq('availability')(enumOf(['available', 'unavailable'], one(v)))] },
  { name: 'uitpas', kinds: ACT, description: 'true: UiTPAS activities; false: the others.', example: 'true', schema: { type: 'boolean' }, expected: BOOL, read: (v) => [eq('uitpas')(String(bool(one(v))))] },
  { name: 'languages', kinds: BOTH, repeat: 'and', description: 'Has a title or description in this language (nl, fr, en, de); repeated: all of them.', example: 'fr', schema: { type: 'string', pattern: '^[a-z]{2}$' }, expected: 'a two-letter language code, e.g. nl', read: (v) => v.map((x) => eq('language')(/^[a-z]{2}$/i.test(x) ? x.toLowerCase() : fail(''))) },
  { name: 'mainLanguage', kinds: ACT, description: 'The main (original) language.', example: 'nl', schema: { type: 'string', pattern: '^[a-z]{2}$' }, expected: 'a two-letter language code, e.g. nl', read: (v) => [eq('mainLanguage')(/^[a-z]{2}$/i.test(one(v)) ? one(v).toLowerCase() : fail(''))] },
  { name: 'hasMediaObjects', kinds: ACT, description: 'true: has an image; false: has none.', example: 'true', schema: { type: 'boolean' }, expected: BOOL, read: (v) => [eq('hasImage')(String(bool(one(v))))] },
  { name: 'hasVideos', kinds: ACT, description: 'true: has a video; false: has none.', example: 'true', schema: { type: 'boolean' }, expected: BOOL, read: (v) => [eq('hasVideo')(String(bool(one(v))))] },
  { name: 'createdFrom', kinds: BOTH, description: 'Created at the source on or after this instant.', example: '2026-01-01T00:00:00Z', schema: { type: 'string' }, expected: ISO, read: (v) => range('created', date(one(v))) },
  { name: 'createdTo', kinds: BOTH, description: 'Created at the source on or before this instant.', example: '2026-12-31T23:59:59Z', schema: { type: 'string' }, expected: ISO, read: (v) => range('created', undefined, date(one(v))) },
  { name: 'modifiedFrom', kinds: BOTH, description: 'Modified at the source on or after this instant.', example: '2026-01-01T00:00:00Z', schema: { type: 'string' }, expected: ISO, read: (v) => range('modified', date(one(v))) },
  { name: 'modifiedTo', kinds: BOTH, description: 'Modified at the source on or before this instant.', example: '2026-12-31T23:59:59Z', schema: { type: 'string' }, expected: ISO, read: (v) => range('modified', undefined, date(one(v))) },
  { name: 'disableDefaultFilters', kinds: ACT, description: 'Accepted for publiq clients; the hub applies no default filters, so it changes nothing.', example: 'true', schema: { type: 'boolean' }, expected: BOOL, read: (v) => void bool(one(v)) },
  { name: 'workflowStatus', kinds: ACT, description: 'Only `*` is accepted (publiq\'s way to drop its default): the hub publishes what its sources published and keeps no workflow status.', example: '*', schema: { type: 'string', enum: ['*'] }, expected: '* (the hub keeps no workflow status)', read: (v) => void (one(v) === '*' || fail('')) },
  { name: 'embed', kinds: ACT, description: 'Accepted for publiq clients: members always carry their full description.', example: 'true', schema: { type: 'boolean' }, expected: BOOL, read: (v) => void bool(one(v)) },
  // Heritage objects.
  { name: 'keeper', kinds: HER, description: 'The keeping organisation: its IRI or its name.', example: 'Design Museum Gent', schema: { type: 'string' }, expected: 'an organisation IRI or name', read: (v) => [eq('keeper')(one(v))] },
  { name: 'objectType', kinds: HER, description: 'Object type: an AAT IRI or a label.', example: 'http://vocab.getty.edu/aat/300037680', schema: { type: 'string' }, expected: 'an AAT IRI or a type label', read: (v) => [eq('objectType')(one(v))] },
  { name: 'maker', kinds: HER, description: 'The maker: an agent IRI (the reconciled one; any IRI of the same agent finds it).', example: 'http://vocab.getty.edu/ulan/500006348', schema: { type: 'string', format: 'uri' }, expected: 'an agent IRI', read: (v) => [eq('maker')(one(v))] },
  { name: 'material', kinds: HER, description: 'A material: concept IRI or label.', example: 'olieverf', schema: { type: 'string' }, expected: 'a material IRI or label', read: (v) => [eq('material')(one(v))] },
  { name: 'periodFrom', kinds: HER, description: 'Made in a period ending on or after this year (a year, or an EDTF date such as 189X or 1890-05).', example: '1880', schema: { type: 'string' }, expected: 'a year or EDTF date, e.g. 1880 or 188X', read: (v) => range('period', periodYear(one(v), false) ?? fail('')) },
  { name: 'periodTo', kinds: HER, description: 'Made in a period starting on or before this year.', example: '1920', schema: { type: 'string' }, expected: 'a year or EDTF date, e.g. 1920 or 192X', read: (v) => range('period', undefined, periodYear(one(v), true) ?? fail('')) },
  { name: 'place', kinds: HER, description: 'A place (of production or of the keeper): IRI or name.', example: 'Gent', schema: { type: 'string' }, expected: 'a place IRI or name', read: (v) => [eq('place')(one(v))] },
  { name: 'rights', kinds: HER, description: 'A rights statement IRI (Europeana rights list).', example: 'http://creativecommons.org/publicdomain/mark/1.0/', schema: { type: 'string', format: 'uri' }, expected: 'a rights statement IRI', read: (v) => [eq('rights')(one(v))] },
  { name: 'rightsCategory', kinds: HER, repeat: 'or', description: 'open (PDM, CC0, CC BY, CC BY-SA), attribution (the other CC licences) or restricted (in copyright, rightsstatements.org); a comma list is any of them.', example: 'open', schema: { type: 'string', enum: [...RIGHTS] }, expected: `one or more of ${RIGHTS.join(', ')}, comma-separated`, read: (v) => [anyOf(v.map((x) => eq('rightsCategory')(enumOf(RIGHTS, x))))] },
  { name: 'hasImage', kinds: HER, description: 'true: has an image; false: has none.', example: 'true', schema: { type: 'boolean' }, expected: BOOL, read: (v) => [eq('hasImage')(String(bool(one(v))))] },
  { name: 'hasIiif', kinds: HER, description: 'true: has a IIIF manifest; false: has none.', example: 'true', schema: { type: 'boolean' }, expected: BOOL, read: (v) => [eq('hasIiif')(String(bool(one(v))))] },
  // The list parameters of before, kept on both paths.
  { name: 'type', kinds: BOTH, legacy: true, description: 'An rdf:type IRI of the record.', example: 'https://data.vlaanderen.be/ns/cultuurparticipatie#Activiteit', schema: { type: 'string', format: 'uri' }, expected: 'an absolute IRI', read: (v) => [eq('type')(/^https?:\/\//.test(one(v)) ? one(v) : fail(''))] },
  { name: 'organisation', kinds: BOTH, legacy: true, description: 'Holding or organising organisation (name, case-insensitive).', example: 'Design Museum Gent', schema: { type: 'string' }, expected: 'an organisation name', read: (v) => [eq('organisation')(one(v))] },
  { name: 'location', kinds: BOTH, legacy: true, description: 'A place IRI or place name.', example: 'Gent', schema: { type: 'string' }, expected: 'a place IRI or name', read: (v) => [eq('place')(one(v))] },
  { name: 'from', kinds: BOTH, legacy: true, description: 'Has a date (occurrence, production) on or after this date.', example: '2026-05-01', schema: { type: 'string' }, expected: ISO, read: (v, c) => range(c.kind === 'activities' ? 'occurrence' : 'period', c.kind === 'activities' ? date(one(v)) : (periodYear(one(v).slice(0, 4), false) ?? fail(''))) },
  { name: 'to', kinds: BOTH, legacy: true, description: 'Has a date on or before this date.', example: '2026-05-31', schema: { type: 'string' }, expected: ISO, read: (v, c) => range(c.kind === 'activities' ? 'occurrence' : 'period', undefined, c.kind === 'activities' ? date(one(v)) : (periodYear(one(v).slice(0, 4), true) ?? fail(''))) },
  { name: 'modifiedSince', kinds: BOTH, legacy: true, description: 'Modified on or after this instant.', example: '2026-11-05T00:00:00Z', schema: { type: 'string', format: 'date-time' }, expected: 'an ISO 8601 date-time, e.g. 2026-05-01T00:00:00Z', read: (v) => range('modified', date(one(v))) },
  { name: 'source', kinds: BOTH, legacy: true, description: 'The source id, e.g. uit-events.', example: 'uit-events', schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' }, expected: 'a source id, e.g. uit-events', read: (v) => [eq('source')(/^[a-z0-9][a-z0-9-]*$/.test(one(v)) ? one(v) : fail(''))] },
  // Paging, sorting, facets, format (read by searchQuery itself).
  { name: 'sort', kinds: BOTH, description: 'sort[key]=asc|desc, repeatable, applied in order (ties: by IRI). Activities: score, start, availableTo, created, modified, distance (needs coordinates); heritage objects: score, title, modified, created, periodFrom. Default: score with text, else start (activities) or title.', example: 'sort[start]=asc', schema: { type: 'string', enum: ['asc', 'desc'] }, expected: 'sort[key]=asc or desc' },
  { name: 'facets', kinds: BOTH, repeat: 'or', description: 'Counts per value over all matches: activities types, themes, regions, organisations, languages, labels; heritage objects objectTypes, makers, materials, organisations, rightsCategories, decades, regions. facets[]=a&facets[]=b or facets=a,b.', example: 'types', schema: { type: 'string' }, expected: 'facet names' },
  { name: 'start', kinds: BOTH, description: `Skip this many matches (publiq's paging), at most ${MAX_START}; the cursor of the next link pages without a limit.`, example: '0', schema: { type: 'integer', minimum: 0, maximum: MAX_START }, expected: `a whole number from 0 to ${MAX_START}` },
  { name: 'limit', kinds: BOTH, legacy: true, description: 'Members per page (0: only totals and facets).', example: '20', schema: { type: 'integer', minimum: 0 }, expected: 'a whole number' },
  { name: 'cursor', kinds: BOTH, legacy: true, description: 'Opaque cursor of the next page (Link rel="next" / hydra:next); stable under the same query.', example: 'eyJrIjpbIjIwMjYtMDUtMDEiXX0', schema: { type: 'string' }, expected: 'the cursor of a next link, as the API gave it' },
  { name: 'format', kinds: BOTH, legacy: true, description: 'Representation, instead of the Accept header: jsonld, json, ttl, nt, rdf, html.', example: 'json', schema: { type: 'string', enum: FORMAT_NAMES }, expected: `one of ${FORMAT_NAMES.join(', ')}` },
];

/** publiq parameters the hub does not answer, with the reason a client reads. */
export const UNSUPPORTED: Record<string, string> = {
  contributors: 'contributors are not harvested',
  creator: 'creators (UiTdatabank users) are not harvested',
  birthdateRangeFrom: 'use minAge and maxAge',
  birthdateRangeTo: 'use minAge and maxAge',
  attendanceMode: 'attendance mode is not indexed',
  embedCalendarSummaries: 'calendar summaries are not generated; members carry their full calendar',
  embedUitpasPrices: 'UiTPAS prices are not harvested',
  groupBy: 'productions are not grouped',
  departurePlaces: 'departure places are not indexed',
  hasOvernight: 'overnight stays are not indexed',
  locationLabels: 'labels of places are not indexed',
  organizerLabels: 'labels of organisers are not indexed',
  completedLanguages: 'translations are not checked field by field; use languages',
  hasChildcare: 'childcare is not indexed',
  childrenOnly: 'use minAge and maxAge',
  termLabels: 'term labels change; use termIds',
  locationTermIds: 'terms of places are not indexed',
};

export function paramsOf(kind: SearchKind): SearchParam[] {
  return SEARCH_PARAMS.filter((p) => p.kinds.includes(kind));
}

/**
 * Whether the request needs the read model: any parameter beyond the list parameters of before,
 * or a q that names a field. Without one, the IRI-ordered list answers as it always did.
 */
export function isSearch(params: RawParam[], kind: SearchKind): boolean {
  const legacy = new Set(paramsOf(kind).filter((p) => p.legacy).map((p) => p.name));
  return params.some((p) => !legacy.has(p.name) || p.key !== undefined || (p.name === 'q' && hasField(p.value)));
}

const positiveInt = z.coerce.number().int();
/** The list's paging parameters, listed last. */
const PAGING = ['cursor', 'limit', 'format'];

/** The read model's query for the request's parameters, or the 400 listing every bad one. */
export function searchQuery(kind: SearchKind, params: RawParam[], limits: { pageSize: number; maxPageSize: number }): { query: SearchQuery; problems: InvalidParam[] } {
  const problems: InvalidParam[] = [];
  const query: SearchQuery = { kind, sort: [], limit: limits.pageSize, facets: [] };
  const ctx: Context = { kind, query, all: params };
  const filters: Filter[] = [];
  const known = paramsOf(kind);
  const byName = new Map(known.map((p) => [p.name, p]));
  const seen = new Set<string>();
  // Unknown parameters last, as for the list (query-problems.ts); the list's own first and its paging last.
  const unknown: InvalidParam[] = [];
  const names = [...known.filter((p) => p.legacy && !PAGING.includes(p.name)), ...known.filter((p) => !p.legacy)].map((p) => p.name).concat(PAGING);
  for (const raw of params) {
    if (seen.has(raw.name)) continue;
    seen.add(raw.name);
    const spec = byName.get(raw.name);
    const value = valuesOf(params, raw.name).join(',');
    if (!spec) {
      const why = kind === 'activities' ? UNSUPPORTED[raw.name] : undefined;
      unknown.push({ name: raw.sent, value, reason: why ? `is a publiq parameter this hub does not support: ${why}` : `is not a parameter here; the parameters are ${names.join(', ')}` });
      continue;
    }
    if (raw.key !== undefined && raw.name !== 'sort') {
      problems.push({ name: raw.sent, value, reason: `takes no [${raw.key}]; write ${raw.name}=… or ${raw.name}[]=…` });
      continue;
    }
    if (!spec.read) continue;
    const values = spec.repeat === 'or' ? listOf(params, raw.name) : valuesOf(params, raw.name);
    try {
      const out = spec.read(values, ctx);
      if (out) filters.push(...out);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      problems.push({ name: raw.name, value, reason: e.message ? (e.message.startsWith('was given') ? `${e.message}, as ${spec.expected}` : e.message) : `expected ${spec.expected}` });
    }
  }
  readPaging(params, limits, query, problems);
  readSort(kind, params, query, problems);
  readFacets(kind, params, query, problems);
  problems.push(...unknown);
  if (query.sort.length === 0) query.sort = query.text ? [{ key: 'score', order: 'desc' }] : [{ key: kind === 'activities' ? 'start' : 'title', order: 'asc' }];
  if (filters.length) query.filter = filters.length === 1 ? filters[0]! : { and: filters };
  return { query, problems };
}

function readPaging(params: RawParam[], limits: { maxPageSize: number }, query: SearchQuery, problems: InvalidParam[]): void {
  const number = (name: string, min: number, max: number): number | undefined => {
    const values = valuesOf(params, name);
    if (!values.length) return undefined;
    const parsed = positiveInt.safeParse(values[0]);
    if (values.length > 1 || values[0]!.trim() === '' || !parsed.success || parsed.data < min || parsed.data > max) {
      problems.push({ name, value: values.join(','), reason: `expected a whole number from ${min} to ${max}${name === 'start' ? ' (follow the next links to page further)' : ''}` });
      return undefined;
    }
    return parsed.data;
  };
  const limit = number('limit', 0, limits.maxPageSize);
  if (limit !== undefined) query.limit = limit;
  const start = number('start', 0, MAX_START);
  if (start !== undefined) query.start = start;
  const cursor = valuesOf(params, 'cursor');
  if (cursor.length > 1 || (cursor[0] !== undefined && (cursor[0] === '' || cursor[0].length > 2000))) problems.push({ name: 'cursor', value: cursor.join(','), reason: 'expected the cursor of a next link, as the API gave it' });
  else if (cursor[0] !== undefined) query.cursor = cursor[0];
}

function readSort(kind: SearchKind, params: RawParam[], query: SearchQuery, problems: InvalidParam[]): void {
  const keys = SORT_KEYS[kind];
  for (const p of params.filter((x) => x.name === 'sort')) {
    const key = p.key === undefined ? undefined : keys[p.key];
    const order = p.value.toLowerCase();
    if (key === undefined) problems.push({ name: p.sent, value: p.value, reason: `expected sort[key]=asc|desc with key one of ${Object.keys(keys).join(', ')}` });
    else if (order !== 'asc' && order !== 'desc') problems.push({ name: p.sent, value: p.value, reason: 'expected asc or desc' });
    else if (query.sort.some((s) => s.key === key)) problems.push({ name: p.sent, value: p.value, reason: 'is given twice' });
    else if (key === 'distance' && !query.origin) problems.push({ name: p.sent, value: p.value, reason: 'needs coordinates (and distance): the point to sort from' });
    else query.sort.push({ key, order });
  }
  if (query.sort.length > 5) problems.push({ name: 'sort', value: query.sort.map((s) => s.key).join(','), reason: 'at most 5 sort keys' });
}

function readFacets(kind: SearchKind, params: RawParam[], query: SearchQuery, problems: InvalidParam[]): void {
  const names = FACETS[kind];
  for (const name of listOf(params, 'facets')) {
    const field = names[name];
    if (field === undefined) problems.push({ name: 'facets', value: name, reason: `expected facet names from ${Object.keys(names).join(', ')}` });
    else if (!query.facets.includes(field)) query.facets.push(field);
  }
}

/** publiq's text may hold AND, OR and brackets (" dijle (wandelen OR fietsen)"); the read model ranks words. */
function words(text: string): string {
  return text.replace(/\b(AND|OR|NOT)\b|[()"]/g, ' ').replace(/\s+/g, ' ').trim() || fail('has no words');
}

function postal(value: string): Filter {
  const prefix = /^(\d{1,3})\*$/.exec(value)?.[1];
  if (prefix) return postalPrefix(prefix);
  return /^[A-Za-z0-9 -]{2,10}$/.test(value) ? { field: 'postalCode', equals: value } : fail('');
}

function age(value: string): number {
  const n = num(value);
  return Number.isInteger(n) && n >= 0 && n <= 150 ? n : fail('');
}

function price(n: number): Filter {
  if (n < 0) fail('');
  return n === 0 ? { field: 'isFree', equals: 'true' } : { field: 'price', from: n, to: n };
}

/** coordinates + distance: the circle; coordinates alone set the origin of sort[distance] and distanceKm. */
function near(value: string, ctx: Context): Filter[] {
  const point = coordinates(value) ?? fail('');
  ctx.query.origin = point;
  const distance = valuesOf(ctx.all, 'distance');
  if (!distance.length) fail('needs distance, e.g. distance=10km (publiq requires both)');
  const km = distanceKm(distance[0]!);
  return km === undefined ? [] : [{ field: 'location', near: { ...point, km } }];
}
