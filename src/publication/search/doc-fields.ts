/**
 * What each `SearchField` is in a `SearchDoc`: the keys an `equals` filter compares with (lower
 * case: IRIs, their aliases, ids and labels), and the values a facet counts (one per thing, by its
 * canonical IRI or code, with labels).
 */
import type { SearchField } from './search-contract.js';
import type { Ref, SearchDoc } from './search-document.js';
import { rightsCategoryLabel } from './rights-category.js';
import { uuidIdentifier } from '../matching/normalise.js';

export interface FacetEntry {
  value: string;
  labels?: Record<string, string>;
}

const lower = (values: Iterable<string | undefined>) => {
  const out = new Set<string>();
  for (const v of values) if (v !== undefined && v !== '') out.add(v.toLowerCase());
  return [...out];
};
/**
 * publiq's id, organizerId and locationId name a document by its bare UUID: every IRI that ends in
 * one (https://io.uitdatabank.be/place/<uuid>) also answers to the UUID alone.
 */
const withUuids = (values: (string | undefined)[]) => values.flatMap((v) => {
  const uuid = v === undefined ? undefined : uuidIdentifier(v);
  return uuid ? [v, uuid.slice('urn:uuid:'.length)] : [v];
});
const refKeys = (refs: Ref[]) => lower(withUuids(refs.flatMap((r) => [r.id, ...(r.aliases ?? []), r.label, ...Object.values(r.labels ?? {})])));
const refFacet = (refs: Ref[]): FacetEntry[] => refs.map((r) => ({ value: r.id, labels: r.labels && Object.keys(r.labels).length ? r.labels : r.label ? { und: r.label } : undefined }));
const bool = (b: boolean) => [String(b)];
const codes = (values: (string | undefined)[]): FacetEntry[] => [...new Set(values.filter((v): v is string => v !== undefined))].map((value) => ({ value }));

/** Decades (first year) a period spans, at most 50 of them (a longer period says little about any decade). */
export function decades(doc: SearchDoc): number[] {
  if (doc.periodFrom === undefined || doc.periodTo === undefined) return [];
  const first = Math.floor(doc.periodFrom / 10) * 10;
  const last = Math.floor(doc.periodTo / 10) * 10;
  if ((last - first) / 10 >= 50) return [];
  const out: number[] = [];
  for (let d = first; d <= last; d += 10) out.push(d);
  return out;
}

/** Fields that `equals` filters and facets work on (the others are ranges, geo or text). */
export const KEYED_FIELDS = [
  'id', 'source', 'organisation', 'place', 'postalCode', 'municipality', 'region', 'country', 'language', 'hasImage', 'type', 'label',
  'calendarType', 'organizer', 'location', 'theme', 'termId', 'audienceType', 'isFree', 'availability', 'uitpas', 'hasVideo', 'status', 'mainLanguage',
  'keeper', 'objectType', 'maker', 'material', 'rights', 'rightsCategory', 'hasIiif', 'decade',
] as const satisfies readonly SearchField[];
export type KeyedField = (typeof KEYED_FIELDS)[number];

export function isKeyed(field: SearchField): field is KeyedField {
  return (KEYED_FIELDS as readonly string[]).includes(field);
}

const isFree = (doc: SearchDoc) => doc.prices.length > 0 && Math.min(...doc.prices) === 0;
const sourceId = (source: string) => decodeURIComponent(source.split('/').pop() ?? source);

export function fieldKeys(doc: SearchDoc, field: KeyedField): string[] {
  switch (field) {
    case 'id': return lower(withUuids([doc.entity, ...doc.aliases]));
    case 'source': return lower([doc.source, sourceId(doc.source)]);
    case 'organisation': return lower(doc.organisations);
    case 'place': case 'location': return refKeys(doc.places);
    case 'postalCode': return lower(doc.postalCodes);
    case 'municipality': return lower(doc.municipalities);
    case 'region': return lower(doc.regions.map((r) => r.id));
    case 'country': return lower(doc.countries);
    case 'language': return lower(doc.languages);
    case 'mainLanguage': return lower([doc.mainLanguage]);
    case 'hasImage': return bool(doc.hasImage);
    case 'hasVideo': return bool(doc.hasVideo);
    case 'hasIiif': return bool(doc.hasIiif);
    case 'uitpas': return bool(doc.uitpas);
    case 'isFree': return bool(isFree(doc));
    case 'type': case 'objectType': return lower([...refKeys(doc.types), ...doc.termIds.filter((t) => doc.types.some((r) => r.id.endsWith(t)))]);
    case 'theme': return lower([...refKeys(doc.themes), ...doc.termIds.filter((t) => doc.themes.some((r) => r.id.endsWith(t)))]);
    case 'termId': return lower(doc.termIds);
    case 'label': return lower(doc.labels);
    case 'calendarType': return lower([doc.calendarType]);
    case 'organizer': return refKeys(doc.organizers);
    case 'audienceType': return lower(doc.audienceTypes);
    case 'availability': return lower([doc.availability ?? 'available']);
    case 'status': return lower([doc.status]);
    case 'keeper': return lower([...refKeys(doc.keepers), ...doc.organisations]);
    case 'maker': return refKeys(doc.makers);
    case 'material': return refKeys(doc.materials);
    case 'rights': return lower(doc.rights);
    case 'rightsCategory': return lower([doc.rightsCategory]);
    case 'decade': return decades(doc).map(String);
  }
}

export function facetEntries(doc: SearchDoc, field: KeyedField): FacetEntry[] {
  switch (field) {
    case 'place': case 'location': return refFacet(doc.places);
    case 'region': return refFacet(doc.regions);
    case 'type': case 'objectType': return refFacet(doc.types);
    case 'theme': return refFacet(doc.themes);
    case 'organizer': return refFacet(doc.organizers);
    case 'keeper': return refFacet(doc.keepers);
    case 'maker': return refFacet(doc.makers);
    case 'material': return refFacet(doc.materials);
    case 'organisation': return codes(doc.organisations);
    case 'municipality': return codes(doc.municipalities);
    case 'rightsCategory': return doc.rightsCategory ? [{ value: doc.rightsCategory, labels: { nl: rightsCategoryLabel(doc.rightsCategory, 'nl'), en: rightsCategoryLabel(doc.rightsCategory, 'en') } }] : [];
    case 'decade': return decades(doc).map((d) => ({ value: String(d), labels: { und: `${d}s` } }));
    default: return codes(fieldKeys(doc, field));
  }
}
