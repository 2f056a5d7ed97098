/**
 * The OpenAPI 3.1 description of /api/v1, built from the same route list and zod schema the
 * router uses, so the two cannot drift apart silently (a test checks both directions).
 */
import type { z } from 'zod';
import { COLLECTIONS } from '../../publication/indexes/collections.js';

interface ParamSpec {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  description: string;
  schema: Record<string, unknown>;
}

const RDF_CONTENT = {
  // A Media Type Object has no description of its own (OAS 3.1 §4.8.14); the schema carries it.
  'application/ld+json': { schema: { type: 'object', description: 'JSON-LD compacted with the OSLO context of the collection' } },
  'text/turtle': { schema: { type: 'string' } },
  'application/n-triples': { schema: { type: 'string' } },
  'application/rdf+xml': { schema: { type: 'string' } },
  'text/html': { schema: { type: 'string' } },
};

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

const ERRORS = {
  '400': problem('Invalid parameter (the detail names it)'),
  '401': problem('Unknown API key'),
  '406': problem('No acceptable representation'),
  '429': { ...problem('Rate limit reached'), headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } },
};

function queryParams(schema: z.AnyZodObject): ParamSpec[] {
  return Object.entries(schema.shape as Record<string, z.ZodTypeAny>).map(([name, field]) => {
    const inner = (field as z.ZodOptional<z.ZodTypeAny>).unwrap?.() ?? field;
    const typeName = (inner._def as { typeName?: string }).typeName;
    const jsonSchema: Record<string, unknown> = typeName === 'ZodNumber' ? { type: 'integer', minimum: 1 } : typeName === 'ZodEnum' ? { type: 'string', enum: (inner as z.ZodEnum<[string, ...string[]]>).options } : { type: 'string' };
    if (name === 'modifiedSince') jsonSchema.format = 'date-time';
    if (name === 'type') jsonSchema.format = 'uri';
    return { name, in: 'query', description: field.description ?? inner.description ?? name, schema: jsonSchema };
  });
}

const FORMAT_PARAM: ParamSpec = { name: 'format', in: 'query', description: 'Representation, instead of the Accept header', schema: { type: 'string', enum: ['jsonld', 'json', 'ttl', 'turtle', 'nt', 'rdf', 'rdfxml', 'html'] } };

export function openApiDocument(base: string, listSchema: z.AnyZodObject, limits: { pageSize: number; maxPageSize: number; anonymousPerMinute: number }): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/api/v1': {
      get: {
        operationId: 'listCollections',
        summary: 'The collections',
        tags: ['index'],
        responses: { '200': { description: 'Collections and links', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
    '/api/v1/contexts/{file}': {
      get: {
        operationId: 'getContext',
        summary: 'A JSON-LD context the API uses (local copies of the OSLO contexts)',
        tags: ['index'],
        parameters: [{ name: 'file', in: 'path', required: true, description: 'Context file name', schema: { type: 'string' } }],
        responses: { '200': { description: 'The context', content: { 'application/ld+json': { schema: { type: 'object' } } } }, '404': problem('No such context') },
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
      parameters: [{ name: 'iri', in: 'query', required: true, description: 'A source IRI, e.g. https://stad.gent/id/mensgemaaktobject/dmg/530000002', schema: { type: 'string', format: 'uri' } }],
      responses: { '303': { description: 'See Other: Location is the hub IRI', headers: { Location: { schema: { type: 'string' } } } }, '400': problem('No or a malformed iri parameter'), '404': problem('No hub IRI is owl:sameAs that IRI') },
    },
  };
  paths['/id/{type}/{sourceId}/{id}'] = {
    get: {
      operationId: 'dereference',
      summary: 'A hub IRI: its description',
      description: 'Every IRI the hub mints (records\' main entities and the agents, places, concepts, organisations they mention; concepts have one more segment). The description: every triple whose subject is the IRI or one of its hash IRIs (IRI#…) and the nested nodes they lead to, from every record that describes it; Link rel=has_provenance names each record\'s provenance graph.',
      tags: ['linked-data'],
      parameters: [
        { name: 'type', in: 'path', required: true, description: 'Entity type segment, e.g. mensgemaaktobject, agent, concept, locatie, organisatie', schema: { type: 'string' } },
        { name: 'sourceId', in: 'path', required: true, description: 'Source id', schema: { type: 'string' } },
        { name: 'id', in: 'path', required: true, description: 'Record or entity id (percent-encoded)', schema: { type: 'string' } },
        FORMAT_PARAM,
      ],
      responses: { '200': { description: 'The description', content: RDF_CONTENT }, '404': problem('Never minted'), '410': problem('No record describes it any more'), ...ERRORS },
    },
  };
  for (const c of COLLECTIONS) {
    const list = c.name === 'sources' ? [FORMAT_PARAM] : queryParams(listSchema);
    paths[`/api/v1/${c.name}`] = {
      get: {
        operationId: `list_${c.name.replace(/-/g, '_')}`,
        summary: `${c.title}: one page`,
        description:
          c.name === 'sources'
            ? 'The sources the hub harvests.'
            : c.classes
              ? `Every hub IRI the published records describe with rdf:type ${c.classes.join(', ')}, or minted as {base}id/{${c.entityTypes.join('|')}}/…, sorted by IRI; each member is its description. q and type apply to the member itself, source, organisation and modifiedSince to a record that describes it, location, from and to to that record's content. Cursor paging with no cap: follow \`Link: <…>; rel="next"\` or \`hydra:view/hydra:next\` until there is none. Default ${limits.pageSize} items per page, at most ${limits.maxPageSize}.`
              : `Published entities of types ${c.entityTypes.join(', ')}, sorted by IRI. Cursor paging with no cap: follow \`Link: <…>; rel="next"\` or \`hydra:view/hydra:next\` until there is none. Default ${limits.pageSize} items per page, at most ${limits.maxPageSize}.`,
        tags: [c.name],
        parameters: list,
        responses: {
          '200': { description: 'One page (hydra:Collection with a hydra:PartialCollectionView)', headers: { Link: { description: 'rel="next" and rel="first" page links', schema: { type: 'string' } }, ETag: { schema: { type: 'string' } } }, content: RDF_CONTENT },
          '304': { description: 'Not modified (If-None-Match)' },
          ...ERRORS,
        },
      },
    };
    paths[`/api/v1/${c.name}/{id}`] = {
      get: {
        operationId: `get_${c.name.replace(/-/g, '_')}`,
        summary: `${c.title}: one resource`,
        tags: [c.name],
        parameters: [
          { name: 'id', in: 'path', required: true, description:
              c.name === 'sources' ? 'Source id' : c.classes ? '{sourceId}:{rest of the hub IRI after /id/{type}/{sourceId}/}, e.g. files-collectie:20000199 for /id/agent/files-collectie/20000199' : '{sourceId}:{recordId}, e.g. ghent-dmg:530000002', schema: { type: 'string' } },
          FORMAT_PARAM,
        ],
        responses: {
          '200': { description: 'The resource', headers: { ETag: { schema: { type: 'string' } } }, content: RDF_CONTENT },
          '304': { description: 'Not modified (If-None-Match)' },
          '404': problem('Unknown resource'),
          '410': problem('Deleted at its source'),
          ...ERRORS,
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Culture LOD Hub open API',
      version: '1.0.0',
      description: `Linked open data of the Flemish culture sector as a REST API. Anonymous use: ${limits.anonymousPerMinute} requests per minute per IP; an API key (header x-api-key) has its own limit. Every resource is also available as Linked Data at its IRI and through SPARQL at /sparql.`,
      license: { name: 'Data: see each source', identifier: 'CC0-1.0' },
    },
    servers: [{ url: base.replace(/\/$/, '') }],
    tags: [{ name: 'index' }, { name: 'linked-data', description: 'Dereferenceable hub IRIs' }, ...COLLECTIONS.map((c) => ({ name: c.name, description: c.title }))],
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
