/**
 * The OpenAPI 3.1 description of /api/v1 (and /reconcile, reconcile-paths.ts), built from the same route list and zod schema the
 * router uses, so the two cannot drift apart silently (a test checks both directions).
 */
import type { z } from 'zod';
import { COLLECTIONS } from '../../publication/indexes/collections.js';
import { DEFAULT_RECONCILE_SETTINGS } from '../../publication/reconciliation/reconciler.js';
import { reconcilePaths } from './reconcile-paths.js';
import { searchDescription, searchExample, searchParameters } from './search-paths.js';
import type { SearchKind } from '../../publication/search/search-contract.js';

interface ParamSpec {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  description: string;
  schema: Record<string, unknown>;
  example?: unknown;
}

/** One realistic value per list parameter, from the demo data. */
const PARAM_EXAMPLES: Record<string, unknown> = {
  q: 'stoel',
  type: 'https://data.vlaanderen.be/ns/cultuurparticipatie#Activiteit',
  organisation: 'Design Museum Gent',
  location: 'Gent',
  from: '2026-05-01',
  to: '2026-05-31',
  modifiedSince: '2026-11-05T00:00:00Z',
  source: 'ghent-dmg',
  cursor: 'aHR0cDovL2xvY2FsaG9zdDozMDAwL2lkL21lbnNnZW1hYWt0b2JqZWN0L2doZW50LWRtZy81MzAwMDAwMDI',
  limit: 20,
  format: 'ttl',
};

const RDF_CONTENT = {
  // A Media Type Object has no description of its own (OAS 3.1 §4.8.14); the schema carries it.
  'application/ld+json': { schema: { type: 'object', description: 'JSON-LD compacted with the OSLO context of the collection' } },
  'text/turtle': { schema: { type: 'string' } },
  'application/n-triples': { schema: { type: 'string' } },
  'application/rdf+xml': { schema: { type: 'string' } },
  'text/html': { schema: { type: 'string' } },
};

/** An error answer: RFC 9457 problem details, with an example of what a client reads. */
export const problem = (description: string, status: number, detail: string, extensions: Record<string, unknown> = {}) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, example: { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extensions } } },
});

const TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 406: 'Not Acceptable', 410: 'Gone', 415: 'Unsupported Media Type', 429: 'Too Many Requests' };

const ERRORS = {
  '400': problem('Invalid parameter: the detail names the parameter, the value and what is expected; invalid-params lists the same for programs', 400, 'Parameter limit is "abc": expected a whole number from 1 to 500.', {
    'invalid-params': [{ name: 'limit', value: 'abc', reason: 'expected a whole number from 1 to 500' }],
  }),
  '401': problem('Unknown API key', 401, 'Unknown API key (x-api-key); leave the header out for anonymous access'),
  '406': problem('No acceptable representation', 406, 'No acceptable representation; offered: application/ld+json, application/json, text/turtle, application/n-triples, application/rdf+xml, text/html'),
  '429': { ...problem('Rate limit reached', 429, 'Rate limit reached (anonymous access); retry after 12 s or use an API key with a higher limit'), headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } },
};

/** A 200 with RDF: JSON-LD by default (with an example), or the other formats by Accept or ?format=. */
const rdfContent = (example: Record<string, unknown>) => ({ ...RDF_CONTENT, 'application/ld+json': { ...RDF_CONTENT['application/ld+json'], example } });

const ETAG_HEADER = { description: 'Strong tag of this representation; send it back in If-None-Match to get 304 (docs/http-caching.md)', schema: { type: 'string' }, example: '"m9IwIBDEG0-wZ6p5qbqjKrN6RAT"' };
const NOT_MODIFIED = { description: 'Not modified: If-None-Match named the current ETag (weak comparison, lists allowed)', headers: { ETag: ETAG_HEADER } };

function queryParams(schema: z.AnyZodObject): ParamSpec[] {
  return Object.entries(schema.shape as Record<string, z.ZodTypeAny>).map(([name, field]) => {
    const inner = (field as z.ZodOptional<z.ZodTypeAny>).unwrap?.() ?? field;
    const typeName = (inner._def as { typeName?: string }).typeName;
    const jsonSchema: Record<string, unknown> = typeName === 'ZodNumber' ? { type: 'integer', minimum: 1 } : typeName === 'ZodEnum' ? { type: 'string', enum: (inner as z.ZodEnum<[string, ...string[]]>).options } : { type: 'string' };
    if (name === 'modifiedSince') jsonSchema.format = 'date-time';
    if (name === 'type') jsonSchema.format = 'uri';
    return { name, in: 'query', description: field.description ?? inner.description ?? name, schema: jsonSchema, ...(PARAM_EXAMPLES[name] !== undefined ? { example: PARAM_EXAMPLES[name] } : {}) };
  });
}

const FORMAT_PARAM: ParamSpec = { name: 'format', in: 'query', description: 'Representation, instead of the Accept header', schema: { type: 'string', enum: ['jsonld', 'json', 'ttl', 'turtle', 'nt', 'rdf', 'rdfxml', 'html'] }, example: 'ttl' };

const RESOURCE_EXAMPLE = (base: string) => ({
  '@context': `${base}api/v1/contexts/ghent-cultureel-erfgoed-object-ap.jsonld`,
  '@id': `${base}id/mensgemaaktobject/ghent-dmg/530000002`,
  '@type': 'MensgemaaktObject',
  'MensgemaaktObject.titel': { '@value': 'Stoel', '@language': 'nl' },
});

const LIST_EXAMPLE = (base: string, c: { name: string; context: string; entityTypes: readonly string[] }) => ({
  '@context': `${base}api/v1/contexts/${c.context}`,
  '@id': `${base}api/v1/${c.name}`,
  '@type': 'hydra:Collection',
  'hydra:view': { '@id': `${base}api/v1/${c.name}?limit=20`, '@type': 'hydra:PartialCollectionView', 'hydra:first': `${base}api/v1/${c.name}?limit=20` },
  'hydra:member': c.name === 'sources' ? [{ '@id': `${base}source/ghent-dmg` }] : [{ '@id': `${base}id/${c.entityTypes[0] ?? 'entity'}/ghent-dmg/530000002` }],
});

export function openApiDocument(
  base: string,
  listSchema: z.AnyZodObject,
  limits: { pageSize: number; maxPageSize: number; anonymousPerMinute: number },
  reconcileLimits: { maxQueries: number; maxLimit: number } = DEFAULT_RECONCILE_SETTINGS,
): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/api/v1': {
      get: {
        operationId: 'listCollections',
        summary: 'The collections',
        description: 'The entry point: every collection with its URL, and links to this document and its rendering. Start here and follow the links.',
        tags: ['index'],
        responses: {
          '200': {
            description: 'Collections and links',
            content: {
              'application/json': {
                schema: { type: 'object' },
                example: { title: 'Culture LOD Hub open API v1', openapi: `${base}api/openapi.json`, docs: `${base}api/docs`, collections: [{ name: 'activities', title: 'Activities (events)', href: `${base}api/v1/activities` }] },
              },
            },
          },
        },
      },
    },
    '/api/v1/contexts/{file}': {
      get: {
        operationId: 'getContext',
        summary: 'A JSON-LD context the API uses (local copies of the OSLO contexts)',
        description: 'The JSON-LD contexts the API compacts its answers with, served by the hub itself (never fetched from elsewhere), so a client can expand an answer offline. Cached for a day.',
        tags: ['index'],
        parameters: [{ name: 'file', in: 'path', required: true, description: 'Context file name', schema: { type: 'string' }, example: 'ghent-generiek-basis.jsonld' }],
        responses: {
          '200': { description: 'The context', content: { 'application/ld+json': { schema: { type: 'object' }, example: { '@context': { dcterms: 'http://purl.org/dc/terms/' } } } } },
          '404': problem('No such context', 404, 'No context nope.jsonld'),
        },
      },
    },
  };
  paths['/id'] = {
    get: {
      operationId: 'hubIriOf',
      summary: 'The hub IRI of a source IRI',
      description:
        'Answers 303 See Other to the hub IRI ({base}id/…) that is owl:sameAs the given source IRI (a record\'s own IRI, an actor\'s VIAF/RKD/Wikidata IRI); further matches are in Link rel="alternate". Every hub IRI dereferences: HTML for browsers, JSON-LD (OSLO context), Turtle, N-Triples or RDF/XML by Accept or ?format=; 410 when no record describes it any more, 404 when the hub never minted it.',
      tags: ['linked-data'],
      parameters: [{ name: 'iri', in: 'query', required: true, description: 'A source IRI', schema: { type: 'string', format: 'uri' }, example: 'https://stad.gent/id/mensgemaaktobject/dmg/530000002' }],
      responses: {
        '303': { description: 'See Other: Location is the hub IRI', headers: { Location: { schema: { type: 'string' }, example: '/id/mensgemaaktobject/ghent-dmg/530000002' } } },
        '400': problem('No or a malformed iri parameter', 400, 'Parameter iri is "stoel": expected one absolute IRI, e.g. /id?iri=https://stad.gent/id/mensgemaaktobject/dmg/530000002.', {
          'invalid-params': [{ name: 'iri', value: 'stoel', reason: 'expected one absolute IRI, e.g. /id?iri=https://stad.gent/id/mensgemaaktobject/dmg/530000002' }],
        }),
        '404': problem('No hub IRI is owl:sameAs that IRI', 404, 'No hub IRI is owl:sameAs https://elsewhere.example/none'),
      },
    },
  };
  paths['/id/{type}/{sourceId}/{id}'] = {
    get: {
      operationId: 'dereference',
      summary: 'A hub IRI: its description',
      description: 'Every IRI the hub mints (records\' main entities and the agents, places, concepts, organisations they mention; concepts have one more segment). The description: every triple whose subject is the IRI or one of its hash IRIs (IRI#…) and the nested nodes they lead to, from every record that describes it; Link rel=has_provenance names each record\'s provenance graph.',
      tags: ['linked-data'],
      parameters: [
        { name: 'type', in: 'path', required: true, description: 'Entity type segment, e.g. mensgemaaktobject, agent, concept, locatie, organisatie', schema: { type: 'string' }, example: 'mensgemaaktobject' },
        { name: 'sourceId', in: 'path', required: true, description: 'Source id', schema: { type: 'string' }, example: 'ghent-dmg' },
        { name: 'id', in: 'path', required: true, description: 'Record or entity id (percent-encoded)', schema: { type: 'string' }, example: '530000002' },
        FORMAT_PARAM,
      ],
      responses: {
        '200': { description: 'The description', headers: { ETag: ETAG_HEADER }, content: rdfContent(RESOURCE_EXAMPLE(base)) },
        '304': NOT_MODIFIED,
        '404': problem('Never minted', 404, `No entity /id/mensgemaaktobject/ghent-dmg/none: the hub never minted ${base}id/mensgemaaktobject/ghent-dmg/none`),
        '410': problem('No record describes it any more', 410, `${base}id/mensgemaaktobject/ghent-dmg/530000002 was deleted at its source`),
        ...ERRORS,
      },
    },
  };
  const SEARCH_ERRORS = {
    ...ERRORS,
    '400': problem('Invalid parameters: each one named, with its value and what is expected', 400, 'Parameter distance is "abc": expected a number with km or m, e.g. 10km.', {
      'invalid-params': [{ name: 'distance', value: 'abc', reason: 'expected a number with km or m, e.g. 10km' }],
    }),
    '503': problem('Search is unavailable: the store cannot be followed (no commit feed or change counter)', 503, 'Search needs a store the hub can follow (a commit feed or a change counter); this store has neither.'),
  };
  for (const c of COLLECTIONS) {
    const kind = (c.name === 'activities' || c.name === 'heritage-objects' ? c.name : undefined) as SearchKind | undefined;
    const list = c.name === 'sources' ? [FORMAT_PARAM] : kind ? searchParameters(kind) : queryParams(listSchema);
    const listPath = {
      get: {
        operationId: `list_${c.name.replace(/-/g, '_')}`,
        summary: `${c.title}: one page${kind ? ', or a search' : ''}`,
        description: kind
          ? searchDescription(kind, limits)
          : c.name === 'sources'
            ? 'The sources the hub harvests.'
            : c.classes
              ? `Every hub IRI the published records describe with rdf:type ${c.classes.join(', ')}, or minted as {base}id/{${c.entityTypes.join('|')}}/…, sorted by IRI; each member is its description. q and type apply to the member itself, source, organisation and modifiedSince to a record that describes it, location, from and to to that record's content. Cursor paging with no cap: follow \`Link: <…>; rel="next"\` or \`hydra:view/hydra:next\` until there is none. Default ${limits.pageSize} items per page, at most ${limits.maxPageSize}.`
              : `Published entities of types ${c.entityTypes.join(', ')}, sorted by IRI. Cursor paging with no cap: follow \`Link: <…>; rel="next"\` or \`hydra:view/hydra:next\` until there is none. Default ${limits.pageSize} items per page, at most ${limits.maxPageSize}.`,
        tags: [c.name],
        parameters: list,
        responses: {
          '200': {
            description: 'One page (hydra:Collection with a hydra:PartialCollectionView)',
            headers: { Link: { description: 'rel="next" and rel="first" page links', schema: { type: 'string' }, example: `<${base}api/v1/${c.name}>; rel="first"` }, ETag: ETAG_HEADER },
            content: kind ? { ...rdfContent(searchExample(base, kind, c.context)), 'application/json': { schema: { type: 'object', description: 'The JSON-LD document (format=json)' } } } : rdfContent(LIST_EXAMPLE(base, c)),
          },
          '304': NOT_MODIFIED,
          ...(kind ? SEARCH_ERRORS : ERRORS),
        },
      },
    };
    paths[`/api/v1/${c.name}`] = listPath;
    if (c.name === 'activities') {
      // publiq's path name for the same search.
      paths['/api/v1/events'] = { get: { ...listPath.get, operationId: 'list_events', summary: 'Events (publiq Search API v3 path): the same as /api/v1/activities' } };
    }
    paths[`/api/v1/${c.name}/{id}`] = {
      get: {
        operationId: `get_${c.name.replace(/-/g, '_')}`,
        summary: `${c.title}: one resource`,
        description:
          c.name === 'sources'
            ? 'One configured source: its id, name, organisation, connector type and the entity type its records describe.'
            : `One resource of ${c.title.toLowerCase()} by its API id: the same description as its hub IRI serves (Linked Data), in the representation Accept or ?format= asks for. 410 when its source deleted it.`,
        tags: [c.name],
        parameters: [
          { name: 'id', in: 'path', required: true, description:
              c.name === 'sources' ? 'Source id' : c.classes ? '{sourceId}:{rest of the hub IRI after /id/{type}/{sourceId}/}, e.g. files-collectie:20000199 for /id/agent/files-collectie/20000199' : '{sourceId}:{recordId}, e.g. ghent-dmg:530000002', schema: { type: 'string' }, example: c.name === 'sources' ? 'ghent-dmg' : c.classes ? 'files-collectie:20000199' : 'ghent-dmg:530000002' },
          FORMAT_PARAM,
        ],
        responses: {
          '200': { description: 'The resource', headers: { ETag: ETAG_HEADER }, content: rdfContent(RESOURCE_EXAMPLE(base)) },
          '304': NOT_MODIFIED,
          '404': problem('Unknown resource', 404, `No ${c.name} resource ghent-dmg:none`),
          '410': problem('Deleted at its source', 410, `${base}id/mensgemaaktobject/ghent-dmg/530000002 was deleted at its source`),
          ...ERRORS,
        },
      },
    };
  }
  Object.assign(paths, reconcilePaths(reconcileLimits));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Culture LOD Hub open API',
      version: '1.0.0',
      description: `Linked open data of the Flemish culture sector as a REST API. Anonymous use: ${limits.anonymousPerMinute} requests per minute per IP; an API key (header x-api-key) has its own limit. Every resource is also available as Linked Data at its IRI and through SPARQL at /sparql.`,
      license: { name: 'Data: see each source', identifier: 'CC0-1.0' },
      contact: { name: 'Culture LOD Hub', url: base },
    },
    servers: [{ url: base.replace(/\/$/, '') }],
    tags: [
      { name: 'index' },
      { name: 'linked-data', description: 'Dereferenceable hub IRIs' },
      ...COLLECTIONS.map((c) => ({ name: c.name, description: c.title })),
      { name: 'reconciliation', description: "Reconciliation Service API 0.2 (OpenRefine): match names to the hub's agents, organisations, places, concepts and activities" },
    ],
    paths,
    components: {
      schemas: {
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details',
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
          required: ['title', 'status'],
        },
      },
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'Optional: a key gives a higher rate limit' } },
    },
    security: [{}, { apiKey: [] }],
  };
}
