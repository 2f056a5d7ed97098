/**
 * The OpenAPI description of /reconcile (Reconciliation Service API 0.2). The request and
 * response bodies are the specification's own; their JSON Schemas are linked rather than copied.
 */
const SPEC = 'https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/';
const SCHEMAS = 'https://reconciliation-api.github.io/specs/0.2/schemas/';

const problem = (description: string, status: number, detail: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' }, example: { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail } } },
});
const TITLES: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 415: 'Unsupported Media Type', 429: 'Too Many Requests' };
const json = (description: string, schema: string, example: unknown) => ({ description, content: { 'application/json': { schema: { type: 'object', description: `Valid against ${SCHEMAS}${schema}` }, example } } });
const SUGGESTIONS = { result: [{ id: 'http://localhost:3000/id/agent/files-collectie/20000199', name: 'Royal Boch', description: 'agent' }] };
const BATCH = { q0: { result: [{ id: 'http://localhost:3000/id/agent/files-collectie/20000199', name: 'Royal Boch', score: 92.5, match: true, type: [{ id: 'agent', name: 'Agent' }] }] } };
const TAG = ['reconciliation'];
const ERRORS = {
  '400': problem('Invalid input: malformed JSON, too many queries, an unknown type or property, a limit over the maximum (the detail names it)', 400, 'queries: not JSON (Unexpected token } in JSON at position 12)'),
  '429': { ...problem('Too many requests from this client at once (the per-client gate of /sparql)', 429, 'Too many queries from this client at once; retry after 1 s'), headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } } },
};
const QUERIES = {
  name: 'queries',
  in: 'query',
  description: 'A batch of reconciliation queries as JSON: {"q0": {"query": "Royal Boch", "type": "agent", "limit": 5, "properties": [{"pid": "birthDate", "v": "1841"}]}}. Types: agent, organisation, place, concept, activity.',
  schema: { type: 'string' },
  example: '{"q0":{"query":"Royal Boch","type":"agent","limit":5}}',
};
const EXTEND = { name: 'extend', in: 'query', description: 'A data extension query as JSON: {"ids": [entity IRIs], "properties": [{"id": "sameAs"}]}', schema: { type: 'string' }, example: '{"ids":["http://localhost:3000/id/agent/files-collectie/20000199"],"properties":[{"id":"sameAs"}]}' };
const SUGGEST_PARAMS = [
  { name: 'prefix', in: 'query', required: true, description: 'The text typed so far', schema: { type: 'string' }, example: 'Roy' },
  { name: 'cursor', in: 'query', description: 'Offset of the first result', schema: { type: 'integer', minimum: 0 }, example: 0 },
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
        responses: { '200': json('The manifest, a reconciliation result batch, or a data extension response', 'manifest.json', BATCH), ...ERRORS },
      },
      post: {
        operationId: 'reconcileQueries',
        summary: 'A batch of reconciliation queries, or a data extension, form-encoded (as OpenRefine sends them)',
        description: 'The same as GET with queries= or extend=, for batches too long for a URL: OpenRefine posts them form-encoded. Read-only despite the method: nothing is stored.',
        tags: TAG,
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: { type: 'object', properties: { queries: { type: 'string', description: QUERIES.description }, extend: { type: 'string', description: EXTEND.description } } },
              example: { queries: QUERIES.example },
            },
          },
        },
        responses: { '200': json('A reconciliation result batch, or a data extension response', 'reconciliation-result-batch.json', BATCH), '415': problem('Not form-encoded', 415, 'Send the queries form-encoded (application/x-www-form-urlencoded)'), ...ERRORS },
      },
    },
    '/reconcile/suggest/entity': {
      get: {
        operationId: 'suggestEntities',
        summary: 'Entities whose label starts with the prefix (a whole label first, then a word of it)',
        description: 'Autocompletion of entity names, as OpenRefine asks while a curator types: entities whose whole label starts with the prefix come first, then those with a word that does.',
        tags: TAG,
        parameters: [...SUGGEST_PARAMS, { name: 'type', in: 'query', description: 'Only entities of this type', schema: { type: 'string', enum: ['agent', 'organisation', 'place', 'concept', 'activity'] }, example: 'agent' }],
        responses: { '200': json('Suggestions', 'suggest-entities-response.json', SUGGESTIONS), ...ERRORS },
      },
    },
    '/reconcile/suggest/type': {
      get: {
        operationId: 'suggestTypes',
        summary: 'Types by id or name',
        description: 'Autocompletion of the types a query can be restricted to (agent, organisation, place, concept, activity).',
        tags: TAG,
        parameters: SUGGEST_PARAMS,
        responses: { '200': json('Suggestions', 'suggest-types-response.json', { result: [{ id: 'agent', name: 'Agent' }] }), ...ERRORS },
      },
    },
    '/reconcile/suggest/property': {
      get: {
        operationId: 'suggestProperties',
        summary: 'Properties by id or name',
        description: 'Autocompletion of the properties a query can match on or a data extension can ask for (e.g. birthDate, sameAs).',
        tags: TAG,
        parameters: SUGGEST_PARAMS,
        responses: { '200': json('Suggestions', 'suggest-properties-response.json', { result: [{ id: 'birthDate', name: 'Birth date' }] }), ...ERRORS },
      },
    },
    '/reconcile/preview': {
      get: {
        operationId: 'previewEntity',
        summary: 'A small HTML card of an entity (name, types, dates, places, links)',
        description: 'The card OpenRefine shows when a curator hovers over a candidate, to tell two namesakes apart.',
        tags: TAG,
        parameters: [{ name: 'id', in: 'query', required: true, description: 'The entity IRI', schema: { type: 'string', format: 'uri' }, example: 'http://localhost:3000/id/agent/files-collectie/20000199' }],
        responses: {
          '200': { description: 'HTML', content: { 'text/html': { schema: { type: 'string' }, example: '<div><b>Royal Boch</b> (agent)</div>' } } },
          '404': problem('No such entity', 404, 'No entity http://localhost:3000/id/agent/files-collectie/none'),
          ...ERRORS,
        },
      },
    },
    '/reconcile/properties/propose': {
      get: {
        operationId: 'proposeProperties',
        summary: 'Properties a data extension can ask for, for a type',
        description: 'What OpenRefine offers under "Add columns from reconciled values" for entities of one type.',
        tags: TAG,
        parameters: [
          { name: 'type', in: 'query', required: true, description: 'A type id', schema: { type: 'string', enum: ['agent', 'organisation', 'place', 'concept', 'activity'] }, example: 'agent' },
          { name: 'limit', in: 'query', description: 'Most properties', schema: { type: 'integer', minimum: 1 }, example: 10 },
        ],
        responses: { '200': json('Proposed properties', 'data-extension-property-proposal.json', { type: 'agent', properties: [{ id: 'sameAs', name: 'Same as' }] }), ...ERRORS },
      },
    },
  };
}
