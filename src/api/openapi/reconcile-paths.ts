/**
 * The OpenAPI description of /reconcile (Reconciliation Service API 0.2). The request and
 * response bodies are the specification's own; their JSON Schemas are linked rather than copied.
 */
const SPEC = 'https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/';
const SCHEMAS = 'https://reconciliation-api.github.io/specs/0.2/schemas/';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
const json = (description: string, schema: string) => ({ description, content: { 'application/json': { schema: { type: 'object', description: `Valid against ${SCHEMAS}${schema}` } } } });
const TAG = ['reconciliation'];
const ERRORS = {
  '400': problem('Invalid input: malformed JSON, too many queries, an unknown type or property, a limit over the maximum (the detail names it)'),
  '429': { ...problem('Too many requests from this client at once (the per-client gate of /sparql)'), headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } },
};
const QUERIES = {
  name: 'queries',
  in: 'query',
  description: 'A batch of reconciliation queries as JSON: {"q0": {"query": "Royal Boch", "type": "agent", "limit": 5, "properties": [{"pid": "birthDate", "v": "1841"}]}}. Types: agent, organisation, place, concept, activity.',
  schema: { type: 'string' },
};
const EXTEND = { name: 'extend', in: 'query', description: 'A data extension query as JSON: {"ids": [entity IRIs], "properties": [{"id": "sameAs"}]}', schema: { type: 'string' } };
const SUGGEST_PARAMS = [
  { name: 'prefix', in: 'query', required: true, description: 'The text typed so far', schema: { type: 'string' } },
  { name: 'cursor', in: 'query', description: 'Offset of the first result', schema: { type: 'integer', minimum: 0 } },
];

export function reconcilePaths(limits: { maxQueries: number; maxLimit: number }): Record<string, unknown> {
  return {
    '/reconcile': {
      get: {
        operationId: 'reconcileManifestOrQueries',
        summary: 'Reconciliation service: the manifest, or a batch of queries (queries=), or a data extension (extend=)',
        description: `The Reconciliation Service API 0.2 (${SPEC}), as OpenRefine speaks it. Without parameters: the service manifest. At most ${limits.maxQueries} queries per batch and ${limits.maxLimit} candidates per query. Candidates are the hub's named agents, organisations, places, concepts and activities; \`match\` is true only when the best candidate's score reaches hub.reconciliation.matchThreshold and leads the next by hub.reconciliation.matchMargin.`,
        tags: TAG,
        parameters: [QUERIES, EXTEND],
        responses: { '200': json('The manifest, a reconciliation result batch, or a data extension response', 'manifest.json'), ...ERRORS },
      },
      post: {
        operationId: 'reconcileQueries',
        summary: 'A batch of reconciliation queries, or a data extension, form-encoded (as OpenRefine sends them)',
        tags: TAG,
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { queries: { type: 'string', description: QUERIES.description }, extend: { type: 'string', description: EXTEND.description } } } } },
        },
        responses: { '200': json('A reconciliation result batch, or a data extension response', 'reconciliation-result-batch.json'), '415': problem('Not form-encoded'), ...ERRORS },
      },
    },
    '/reconcile/suggest/entity': {
      get: {
        operationId: 'suggestEntities',
        summary: 'Entities whose label starts with the prefix (a whole label first, then a word of it)',
        tags: TAG,
        parameters: [...SUGGEST_PARAMS, { name: 'type', in: 'query', description: 'Only entities of this type', schema: { type: 'string', enum: ['agent', 'organisation', 'place', 'concept', 'activity'] } }],
        responses: { '200': json('Suggestions', 'suggest-entities-response.json'), ...ERRORS },
      },
    },
    '/reconcile/suggest/type': {
      get: { operationId: 'suggestTypes', summary: 'Types by id or name', tags: TAG, parameters: SUGGEST_PARAMS, responses: { '200': json('Suggestions', 'suggest-types-response.json'), ...ERRORS } },
    },
    '/reconcile/suggest/property': {
      get: { operationId: 'suggestProperties', summary: 'Properties by id or name', tags: TAG, parameters: SUGGEST_PARAMS, responses: { '200': json('Suggestions', 'suggest-properties-response.json'), ...ERRORS } },
    },
    '/reconcile/preview': {
      get: {
        operationId: 'previewEntity',
        summary: 'A small HTML card of an entity (name, types, dates, places, links)',
        tags: TAG,
        parameters: [{ name: 'id', in: 'query', required: true, description: 'The entity IRI', schema: { type: 'string', format: 'uri' } }],
        responses: { '200': { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } }, '404': problem('No such entity'), ...ERRORS },
      },
    },
    '/reconcile/properties/propose': {
      get: {
        operationId: 'proposeProperties',
        summary: 'Properties a data extension can ask for, for a type',
        tags: TAG,
        parameters: [
          { name: 'type', in: 'query', required: true, description: 'A type id', schema: { type: 'string', enum: ['agent', 'organisation', 'place', 'concept', 'activity'] } },
          { name: 'limit', in: 'query', description: 'Most properties', schema: { type: 'integer', minimum: 1 } },
        ],
        responses: { '200': json('Proposed properties', 'data-extension-property-proposal.json'), ...ERRORS },
      },
    },
  };
}
