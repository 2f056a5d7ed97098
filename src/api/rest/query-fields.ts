/**
 * The fields an advanced query `q` may name, per collection, and how each becomes a filter of
 * the search read model (publication/search/search-contract.ts). Activities take publiq's field
 * names (docs/search-api_advanced_advanced-queries.md; `{language}` segments such as `name.nl` or
 * `name.\*` are all read as "any language"); both collections also take the read model's own
 * field names (keeper, maker, period …). A documented publiq field the hub cannot answer is
 * refused with the reason, never silently ignored.
 */
import type { Filter, SearchField, SearchKind } from '../../publication/search/search-contract.js';
import type { QueryNode } from './advanced-query.js';
import { isoInstant, localTime } from './search-values.js';

type TextField = 'title' | 'description' | 'maker' | 'place';
type ValueKind = 'code' | 'bool' | 'date' | 'number' | 'time' | 'count';

interface FieldSpec {
  field: SearchField;
  kind: ValueKind;
}
type Spec = FieldSpec | { text: TextField } | { unsupported: string };

const BOTH: SearchField[] = ['id', 'source', 'organisation', 'place', 'postalCode', 'municipality', 'region', 'country', 'created', 'modified', 'language', 'hasImage', 'type', 'label'];
const ACTIVITY: SearchField[] = ['occurrence', 'localTime', 'calendarType', 'organizer', 'location', 'theme', 'termId', 'audienceType', 'age', 'price', 'isFree', 'availability', 'uitpas', 'hasVideo', 'status', 'mainLanguage'];
const HERITAGE: SearchField[] = ['keeper', 'objectType', 'maker', 'material', 'period', 'rights', 'rightsCategory', 'hasIiif'];

const KIND_OF: Partial<Record<SearchField, ValueKind>> = {
  created: 'date', modified: 'date', occurrence: 'date', localTime: 'time', age: 'number', price: 'number', period: 'number',
  hasImage: 'bool', isFree: 'bool', uitpas: 'bool', hasVideo: 'bool', hasIiif: 'bool',
};
const own = (fields: SearchField[]): Record<string, Spec> => Object.fromEntries(fields.map((f) => [f, { field: f, kind: KIND_OF[f] ?? 'code' }]));

const NOT_INDEXED = 'the hub does not keep this field of UiTdatabank records';
/** publiq's fields on /events, by their name with `{language}` written as `*`. */
const PUBLIQ: Record<string, Spec> = {
  'address.*.addressCountry': { field: 'country', kind: 'code' },
  'address.*.addressLocality': { field: 'municipality', kind: 'code' },
  'address.*.postalCode': { field: 'postalCode', kind: 'code' },
  'address.*.streetAddress': { unsupported: 'street addresses are not indexed; use postalCode, regions or coordinates' },
  allAges: { field: 'age', kind: 'code' },
  attendanceMode: { unsupported: NOT_INDEXED },
  audienceType: { field: 'audienceType', kind: 'code' },
  availableRange: { field: 'occurrence', kind: 'date' },
  birthdateRange: { unsupported: 'use typicalAgeRange or minAge/maxAge' },
  bookingAvailability: { field: 'availability', kind: 'code' },
  calendarType: { field: 'calendarType', kind: 'code' },
  completedLanguages: { unsupported: 'translations are not checked field by field; use languages' },
  completeness: { unsupported: NOT_INDEXED },
  created: { field: 'created', kind: 'date' },
  creator: { unsupported: NOT_INDEXED },
  dateRange: { field: 'occurrence', kind: 'date' },
  departurePlaces: { unsupported: NOT_INDEXED },
  id: { field: 'id', kind: 'code' },
  imagesCount: { unsupported: 'organizers only; use mediaObjectsCount' },
  labels: { field: 'label', kind: 'code' },
  languages: { field: 'language', kind: 'code' },
  localTimeRange: { field: 'localTime', kind: 'time' },
  'location.name.*': { text: 'place' },
  'location.id': { field: 'location', kind: 'code' },
  'location.labels': { unsupported: NOT_INDEXED },
  'location.terms.id': { unsupported: NOT_INDEXED },
  mainLanguage: { field: 'mainLanguage', kind: 'code' },
  mediaObjectsCount: { field: 'hasImage', kind: 'count' },
  modified: { field: 'modified', kind: 'date' },
  'name.*': { text: 'title' },
  'description.*': { text: 'description' },
  'organizer.name.*': { field: 'organisation', kind: 'code' },
  'organizer.id': { field: 'organizer', kind: 'code' },
  'organizer.labels': { unsupported: NOT_INDEXED },
  price: { field: 'price', kind: 'number' },
  priceRange: { field: 'price', kind: 'number' },
  regions: { field: 'region', kind: 'code' },
  status: { field: 'status', kind: 'code' },
  'terms.id': { field: 'termId', kind: 'code' },
  'terms.label': { unsupported: 'term labels change; use terms.id' },
  typicalAgeRange: { field: 'age', kind: 'number' },
  uitpas: { field: 'uitpas', kind: 'bool' },
  videosCount: { field: 'hasVideo', kind: 'count' },
  workflowStatus: { unsupported: 'the hub publishes only what its sources published; there is no workflow status to filter on' },
  _exists_: { unsupported: 'field existence is not indexed' },
};

const FIELDS: Record<SearchKind, Record<string, Spec>> = {
  activities: { ...own([...BOTH, ...ACTIVITY]), title: { text: 'title' }, description: { text: 'description' }, ...PUBLIQ },
  'heritage-objects': { ...own([...BOTH, ...HERITAGE]), title: { text: 'title' }, description: { text: 'description' }, 'maker.name': { text: 'maker' }, 'place.name': { text: 'place' } },
};

/** The field names `q` takes on a collection, for the error that lists them. */
export function supportedFields(kind: SearchKind): string[] {
  return Object.entries(FIELDS[kind]).filter(([, s]) => !('unsupported' in s)).map(([name]) => name.replace(/\*/g, '{language}'));
}

export class QueryFieldError extends Error {
  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
  }
}

/** `name.nl`, `name.\*`, `address.fr.postalCode` → their spec (any language segment reads as `*`). */
function specOf(kind: SearchKind, name: string): Spec {
  const table = FIELDS[kind];
  const direct = table[name];
  if (direct) return direct;
  const generic = name.replace(/^(address|name|description|location\.name|organizer\.name)\.([a-z]{2}|\*)(?=\.|$)/, '$1.*');
  const spec = table[generic];
  if (spec) return spec;
  throw new QueryFieldError(name, `is not a field this API searches on ${kind}; the fields are ${supportedFields(kind).join(', ')}`);
}

const MATCH_ALL: Filter = { and: [] };

/** The read model's filter for a parsed q; bare words become text filters. */
export function toFilter(kind: SearchKind, node: QueryNode): Filter {
  if ('all' in node) return { and: node.all.map((n) => toFilter(kind, n)) };
  if ('any' in node) return { or: node.any.map((n) => toFilter(kind, n)) };
  if ('not' in node) return { not: toFilter(kind, node.not) };
  if (node.field === undefined) {
    if (!('value' in node)) throw new QueryFieldError('(range)', 'a range needs a field, e.g. dateRange:[2026-01-01 TO 2026-12-31]');
    const words = node.value.replace(/[*?]/g, ' ').trim();
    return words ? { text: words } : MATCH_ALL;
  }
  const spec = specOf(kind, node.field);
  if ('unsupported' in spec) throw new QueryFieldError(node.field, `is not supported by this hub: ${spec.unsupported}`);
  if ('text' in spec) {
    const words = 'value' in node ? node.value.replace(/[*?]/g, ' ').trim() : '';
    if ('from' in node || 'to' in node) throw new QueryFieldError(node.field, 'is text: give words, not a range');
    return words ? { text: words, field: spec.text } : MATCH_ALL;
  }
  return 'value' in node ? valueFilter(node.field, spec, node.value, node.wildcard) : rangeFilter(node.field, spec, node.from, node.to, node.fromExclusive, node.toExclusive);
}

function valueFilter(name: string, spec: FieldSpec, value: string, wildcard: boolean): Filter {
  if (wildcard && value === '*') return MATCH_ALL;
  if (spec.field === 'age' && spec.kind === 'code') return allAges(bool(name, value));
  if (wildcard) {
    const prefix = /^(\d{1,3})\*$/.exec(value)?.[1];
    if (spec.field === 'postalCode' && prefix) return postalPrefix(prefix);
    throw new QueryFieldError(name, `takes no wildcards ("${value}"); wildcards work in postal codes (90*) and text fields (name.\\*:*word*)`);
  }
  switch (spec.kind) {
    case 'bool':
      return { field: spec.field, equals: String(bool(name, value)) };
    case 'count':
      return countFilter(name, spec.field, Number(value), Number(value));
    case 'number': {
      const n = number(name, value);
      return spec.field === 'price' && n === 0 ? { field: 'isFree', equals: 'true' } : { field: spec.field, from: n, to: n };
    }
    case 'date': {
      const d = isoInstant(value);
      if (!d) throw new QueryFieldError(name, `expected an ISO 8601 date or date-time, not "${value}"`);
      return { field: spec.field, from: d, to: d };
    }
    case 'time': {
      const t = localTime(value);
      if (!t) throw new QueryFieldError(name, `expected a time HHmm or HH:mm, not "${value}"`);
      return { field: spec.field, from: t, to: t };
    }
    default:
      return { field: spec.field, equals: value };
  }
}

function rangeFilter(name: string, spec: FieldSpec, from: string | undefined, to: string | undefined, fromExclusive: boolean, toExclusive: boolean): Filter {
  switch (spec.kind) {
    case 'count': {
      const lo = from === undefined ? 0 : number(name, from) + (fromExclusive ? 1 : 0);
      const hi = to === undefined ? Infinity : number(name, to) - (toExclusive ? 1 : 0);
      return countFilter(name, spec.field, lo, hi);
    }
    case 'number': {
      // Integers (ages, years) leave out an exclusive bound exactly; prices keep it (cents are not indexed apart).
      const integer = spec.field !== 'price';
      const lo = from === undefined ? undefined : number(name, from) + (fromExclusive && integer ? 1 : 0);
      const hi = to === undefined ? undefined : number(name, to) - (toExclusive && integer ? 1 : 0);
      return { field: spec.field, ...(lo !== undefined ? { from: lo } : {}), ...(hi !== undefined ? { to: hi } : {}) };
    }
    case 'date': {
      const parse = (v: string | undefined) => {
        if (v === undefined) return undefined;
        const d = isoInstant(v);
        if (!d) throw new QueryFieldError(name, `expected ISO 8601 dates or date-times in the range, not "${v}"`);
        return d;
      };
      return { field: spec.field, ...optional('from', parse(from)), ...optional('to', parse(to)) };
    }
    case 'time': {
      const parse = (v: string | undefined) => {
        if (v === undefined) return undefined;
        const t = localTime(v);
        if (!t) throw new QueryFieldError(name, `expected times HHmm from 0000 to 2359 in the range, not "${v}"`);
        return t;
      };
      return { field: spec.field, ...optional('from', parse(from)), ...optional('to', parse(to)) };
    }
    default:
      throw new QueryFieldError(name, 'takes one value, not a range');
  }
}

/**
 * allAges: an age range that covers both the youngest and the oldest ages (publiq's "-" and "0-");
 * the read model matches an age range that overlaps the one asked, so covering 0 and 150 means all.
 */
export function allAges(all: boolean): Filter {
  const covers: Filter = { and: [{ field: 'age', from: 0, to: 0 }, { field: 'age', from: 150, to: 150 }] };
  return all ? covers : { not: covers };
}

/** A Belgian postal-code prefix (publiq's example: 90*): any of the four-digit codes it starts. */
export function postalPrefix(prefix: string): Filter {
  const width = 4 - prefix.length;
  return { or: Array.from({ length: 10 ** width }, (_, i) => ({ field: 'postalCode', equals: `${prefix}${String(i).padStart(width, '0')}` })) };
}

const optional = <K extends string>(key: K, v: string | undefined) => (v === undefined ? {} : ({ [key]: v } as Record<K, string>));

/** mediaObjectsCount / videosCount: the hub keeps whether there is one, not how many. */
function countFilter(name: string, field: SearchField, lo: number, hi: number): Filter {
  if (lo >= 1 && hi === Infinity) return { field, equals: 'true' };
  if (lo <= 0 && hi === 0) return { field, equals: 'false' };
  if (lo <= 0 && hi === Infinity) return MATCH_ALL;
  throw new QueryFieldError(name, 'the hub keeps whether there is one, not how many: use >=1, [1 TO *] or 0');
}

function bool(name: string, value: string): boolean {
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw new QueryFieldError(name, `expected true or false, not "${value}"`);
}

function number(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new QueryFieldError(name, `expected a number, not "${value}"`);
  return n;
}
