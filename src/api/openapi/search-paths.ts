/**
 * The OpenAPI parameters, description and examples of the search collections (/api/v1/activities,
 * its publiq alias /api/v1/events, and /api/v1/heritage-objects), from the same parameter table
 * the translator reads (rest/search-params.ts), so the two cannot drift apart.
 */
import type { SearchKind } from '../../publication/search/search-contract.js';
import { FACETS, paramsOf, SORT_KEYS } from '../rest/search-params.js';

interface ParamSpec {
  name: string;
  in: 'query';
  description: string;
  schema: Record<string, unknown>;
  example?: unknown;
  style?: string;
  explode?: boolean;
}

/** Examples that differ per collection (the table's are the activities'). */
const HERITAGE_EXAMPLES: Record<string, string> = { q: 'title:stoel AND (hasImage:true OR hasIiif:true)' };

/** An example value of the schema's type (Spectral checks examples against schemas). */
const typed = (schema: Record<string, unknown>, example: string): unknown => (schema.type === 'integer' || schema.type === 'number' ? Number(example) : schema.type === 'boolean' ? example === 'true' : example);

export function searchParameters(kind: SearchKind): ParamSpec[] {
  const out: ParamSpec[] = [];
  for (const p of paramsOf(kind)) {
    if (p.name === 'sort') {
      for (const key of Object.keys(SORT_KEYS[kind])) {
        out.push({ name: `sort[${key}]`, in: 'query', description: `Sort by ${key}${key === 'distance' ? ' from coordinates' : key === 'periodFrom' ? ' (first year of the period)' : ''}: asc or desc. Several sort parameters apply in the order given; ties are broken by IRI.`, schema: { type: 'string', enum: ['asc', 'desc'] }, example: key === 'score' ? 'desc' : 'asc' });
      }
      continue;
    }
    if (p.name === 'facets') {
      const names = Object.keys(FACETS[kind]);
      out.push({ name: 'facets[]', in: 'query', description: p.description, schema: { type: 'array', items: { type: 'string', enum: names } }, style: 'form', explode: true, example: [names[0]] });
      continue;
    }
    const repeat = p.repeat === 'and' ? ' Repeatable as name[]=… (all must match).' : p.repeat === 'or' ? ' A comma list matches any.' : '';
    const example = (kind === 'heritage-objects' && HERITAGE_EXAMPLES[p.name]) || p.example;
    out.push({ name: p.name, in: 'query', description: `${p.description}${repeat}`, schema: p.schema, example: typed(p.schema, example) });
  }
  return out;
}

export function searchDescription(kind: SearchKind, limits: { pageSize: number; maxPageSize: number }): string {
  const common = `Without search parameters (only q without a field, type, organisation, location, from, to, modifiedSince, source, limit, cursor, format) the list is sorted by IRI as before. Any other parameter searches the read model: hydra:totalItems (exact up to 10,000 matches; totalItemsExact says which), facets, each member's score (with text) and distanceKm (with coordinates), members in rank order (JSON: the member array), and Link rel="next" / hydra:next carrying an opaque cursor that stays stable for the same query. Default ${limits.pageSize} members per page, at most ${limits.maxPageSize}. Every bad parameter is named in a problem+json invalid-params list. docs/api-search.md has the details.`;
  return kind === 'activities'
    ? `Activities (events) with publiq Search API v3 parameters and semantics: dates over every calendar type, local time, location (postal code, region, coordinates and distance, bounds), terms, audience and age, price, availability, UiTPAS, languages, media, created and modified, and the advanced query q (Lucene syntax subset). No default filters are applied (the hub is an archive as well). ${common}`
    : `Heritage objects by keeper, object type (AAT), maker (the reconciled agent), material, period (years or EDTF), place, rights and rights category, image and IIIF manifest, with ranked text in nl/fr/en/de. ${common}`;
}

/** A search page as JSON-LD, with the keys a JSON client reads. */
export function searchExample(base: string, kind: SearchKind, context: string): Record<string, unknown> {
  const path = kind === 'activities' ? 'api/v1/activities?text=concert&facets[]=types&limit=1' : 'api/v1/heritage-objects?maker=http://vocab.getty.edu/ulan/500006348&facets[]=decades&limit=1';
  const member = kind === 'activities' ? `${base}id/activiteit/uit-events/0c6dacfd-6649-4fdf-aa29-e5910618fbaa` : `${base}id/mensgemaaktobject/files-collectie/S-40`;
  return {
    '@context': [`${base}api/v1/contexts/${context}`, { totalItems: 'hydra:totalItems', facets: { '@id': 'hub:facets', '@type': '@json' } }],
    totalItems: 42,
    totalItemsExact: true,
    itemsPerPage: 1,
    facets: kind === 'activities' ? { types: [{ value: 'https://taxonomy.uitdatabank.be/terms/0.50.4.0.0', label: 'Concert', count: 30 }] } : { decades: [{ value: '1880', label: '1880s', count: 12 }] },
    member: [member],
    '@graph': [
      { '@id': `${base}${path}`, '@type': 'hydra:Collection', 'hydra:view': { '@id': `${base}${path}`, 'hydra:next': `${base}${path}&cursor=eyJ2IjoxfQ` } },
      { '@id': member, ...(kind === 'activities' ? { score: 3.214 } : {}) },
    ],
  };
}
