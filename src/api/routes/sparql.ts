/**
 * SPARQL 1.1 Protocol endpoint (read-only): GET ?query=, POST form, POST application/sparql-query.
 * The query passes admission first (size and nesting checked on the text, then parsed in a
 * worker thread: 400 with the parser's message or the limit passed; updates refused with 403), the
 * answer format is negotiated from Accept by query form (406 when none fits), and the store
 * runs it under a time limit (the `timeout` parameter in seconds, capped by the server maximum).
 * Without a query: the service description for RDF clients, the query page for browsers.
 */
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { HubSettings } from '../../config/schema.js';
import { normaliseBase } from '../../core/identifiers.js';
import type { StoreReader } from '../../store/store.js';
import { GRAPH_MEDIA_TYPES, RESULT_MEDIA_TYPES } from '../../store/results-format.js';
import { HttpError } from '../http-errors.js';
import { queryProblem } from '../rest/query-problems.js';
import { negotiate } from '../negotiation.js';
import { serviceDescription } from './service-description.js';
import { queryPage } from '../pages/query-page.js';
import { QueryAdmission } from '../admission/query-admission.js';
import { checkServices, runFederated } from './sparql-federation.js';
import { EntityCache } from '../../publication/indexes/entity-cache.js';
import { canonicalIriOf, distinctTriples, hubIriType } from '../../publication/indexes/entity-description.js';
import { serialise, toNTriples } from '../rest/rdf-serialise.js';

const BINDINGS_OFFERS = [RESULT_MEDIA_TYPES.json, RESULT_MEDIA_TYPES.xml, RESULT_MEDIA_TYPES.csv, RESULT_MEDIA_TYPES.tsv, 'application/json', 'text/plain'];
const GRAPH_OFFERS = ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml', 'application/n-quads', 'text/plain', 'application/json'];
/** Aliases answered with a canonical serialisation. */
const ALIAS: Record<string, string> = { 'application/json': RESULT_MEDIA_TYPES.json, 'text/plain': 'application/n-triples' };
/** Smallest body accepted (a form-encoded query is up to three times its text). */
const MIN_BODY_BYTES = 1_000_000;

export interface SparqlRouteOptions {
  store: StoreReader;
  settings: HubSettings['sparql'];
  baseIri: string;
  /** The per-client admission in front of the endpoint (admission/client-gate.ts). @defaultValue none */
  gate?: RequestHandler;
}

interface QueryInput {
  query?: string;
  timeout?: string;
  update?: boolean;
  /** Protocol dataset: default-graph-uri / named-graph-uri (they override FROM in the query). */
  defaultGraphs: string[];
  namedGraphs: string[];
}

/** A repeatable parameter's values. Past 20 repeats the extended query parser (qs) gives an object keyed by index. */
const list = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v.map(String) : typeof v === 'object' && v !== null ? Object.values(v).map(String) : [String(v)];

function readQuery(req: Request): QueryInput {
  const q = req.query as Record<string, unknown>;
  const one = (v: unknown, name: string): string | undefined => {
    if (v === undefined) return undefined;
    if (Array.isArray(v)) throw new HttpError(400, `Parameter ${name} given more than once`);
    return String(v);
  };
  const fromUrl = { defaultGraphs: list(q['default-graph-uri']), namedGraphs: list(q['named-graph-uri']) };
  if (req.method === 'GET') {
    if (q.update !== undefined) throw new HttpError(400, 'Updates cannot be sent with GET (and this endpoint is read-only)');
    return { query: one(q.query, 'query'), timeout: one(q.timeout, 'timeout'), ...fromUrl };
  }
  const [type = '', ...params] = (req.headers['content-type'] ?? '').split(';').map((p) => p.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') throw new HttpError(415, `Send the query as UTF-8, not ${charset}`);
  if (type === 'application/sparql-query') {
    return { query: typeof req.body === 'string' ? req.body : undefined, timeout: one(q.timeout, 'timeout'), ...fromUrl };
  }
  if (type === 'application/x-www-form-urlencoded') {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.update !== undefined) return { update: true, ...fromUrl };
    if (q.query !== undefined) throw new HttpError(400, 'With POST, give the query in the body, not also in the URL');
    return {
      query: one(body.query, 'query'),
      timeout: one(body.timeout ?? q.timeout, 'timeout'),
      defaultGraphs: [...fromUrl.defaultGraphs, ...list(body['default-graph-uri'])],
      namedGraphs: [...fromUrl.namedGraphs, ...list(body['named-graph-uri'])],
    };
  }
  if (type === 'application/sparql-update') return { update: true, ...fromUrl };
  throw new HttpError(415, `POST a query as application/sparql-query or application/x-www-form-urlencoded, not ${type || 'no content type'}`);
}

/** The protocol dataset's IRIs, checked before the query goes to the parser. */
function checkDataset(input: QueryInput): void {
  for (const iri of [...input.defaultGraphs, ...input.namedGraphs]) {
    if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]*$/i.test(iri)) throw new HttpError(400, `default-graph-uri / named-graph-uri must be absolute IRIs, not ${JSON.stringify(iri)}`);
  }
}

export function createSparqlRouter(options: SparqlRouteOptions): Router {
  const router = express.Router();
  const { store, settings } = options;
  const admission = new QueryAdmission(settings);
  const base = normaliseBase(options.baseIri);
  const describer = new EntityCache(store, base);
  /**
   * DESCRIBE of hub IRIs ({base}id/…) is answered from the same description their dereferencing
   * serves: the store's own DESCRIBE follows blank nodes (Oxigraph: a concise bounded
   * description) but not the IRI's hash IRIs (`IRI#productie`), which hold most of an entity.
   */
  const describeHubIris = async (iris: string[], mediaType: string): Promise<string> => {
    // A member IRI of a matched cluster is described as its dereferencing answers (303): by the cluster's IRI.
    const described = await Promise.all(
      iris.map(async (iri) => {
        const own = await describer.description(iri);
        if (own.state === 'published') return { iri, description: own };
        const canonical = await canonicalIriOf(store, base, iri);
        return canonical ? { iri: canonical, description: await describer.description(canonical) } : { iri, description: own };
      }),
    );
    const data = distinctTriples(described.map(({ description: d }, i) => ({ graph: String(i), quads: d.state === 'published' ? d.data : [] })));
    if (mediaType === 'application/n-quads') return toNTriples(data);
    return serialise(data, mediaType as 'text/turtle', { base, context: 'ghent-generiek-basis.jsonld', root: described.length === 1 ? described[0]!.iri : undefined });
  };
  const bodyLimit = Math.max(MIN_BODY_BYTES, settings.maxQueryBytes * 3);
  router.use('/sparql', (req, res, next) => {
    res.set('access-control-allow-origin', '*');
    res.set('access-control-allow-headers', 'content-type, accept');
    res.set('access-control-allow-methods', 'GET, POST, OPTIONS');
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next();
  });
  router.post('/sparql', express.text({ type: 'application/sparql-query', limit: bodyLimit }), express.urlencoded({ extended: false, limit: bodyLimit }));

  const gate: RequestHandler = options.gate ?? ((_req, _res, next) => next());
  const handle = async (req: Request, res: Response) => {
    const client = res.locals.client as string | undefined;
    const input = readQuery(req);
    if (input.update) throw new HttpError(403, 'Updates are not accepted on the public SPARQL endpoint (it is read-only)');
    // Every answer here (the page, the service description, a result) is chosen by Accept.
    res.vary('Accept');
    if (input.query === undefined) {
      if (req.method === 'GET') {
        const type = negotiate(req.headers.accept, ['text/html', 'text/turtle', 'application/ld+json', 'application/n-triples']);
        if (type === 'text/html') return void res.type('text/html').send(queryPage(options.baseIri));
        if (type) return void res.type(type).send(await serviceDescription(options.baseIri, type));
        throw new HttpError(406, 'Ask for text/html or an RDF type (text/turtle, application/ld+json)');
      }
      throw new HttpError(400, 'Missing the query parameter');
    }
    checkDataset(input);
    const { form, query, services, describes } = await admission.admit({ query: input.query, base: `${normaliseBase(options.baseIri)}sparql`, defaultGraphs: input.defaultGraphs, namedGraphs: input.namedGraphs });
    const offers = form === 'graph' ? GRAPH_OFFERS : BINDINGS_OFFERS.filter((t) => form === 'bindings' || t !== 'text/plain');
    const chosen = negotiate(req.headers.accept, offers);
    if (!chosen) throw new HttpError(406, `No acceptable format for a ${form === 'graph' ? 'CONSTRUCT/DESCRIBE' : form === 'boolean' ? 'ASK' : 'SELECT'} query; offered: ${offers.join(', ')}`);
    const mediaType = ALIAS[chosen] && !(form === 'graph' && chosen === 'application/json') ? ALIAS[chosen]! : chosen === 'application/json' ? 'application/ld+json' : chosen;
    let timeoutMs = settings.timeoutMs;
    if (input.timeout !== undefined) {
      const seconds = Number(input.timeout);
      if (!Number.isFinite(seconds) || seconds <= 0) throw queryProblem([{ name: 'timeout', value: String(input.timeout), reason: 'expected a positive number of seconds, e.g. 10' }]);
      timeoutMs = Math.min(timeoutMs, Math.round(seconds * 1000));
    }
    if (services.length > 0) {
      checkServices(services, settings.federationAllowList);
      const body = await runFederated({ query, store, mediaType, timeoutMs, client });
      return void res.type(`${mediaType}; charset=utf-8`).send(body);
    }
    if (describes && describes.length > 0 && describes.every((iri) => hubIriType(base, iri) !== undefined)) {
      return void res.type(`${mediaType}; charset=utf-8`).send(await describeHubIris(describes, mediaType));
    }
    // The public default graph is the entities graph (each record-data triple once); GRAPH and FROM reach the rest.
    const result = await store.queryRaw(query, { mediaType, timeoutMs, maxResults: settings.maxResults, client, defaultGraph: 'entities' });
    if (result.truncated) {
      res.set('x-result-truncated', String(settings.maxResults));
      res.set('warning', `199 - "result truncated to the first ${settings.maxResults} ${form === 'graph' ? 'triples' : 'solutions'}"`);
    }
    res.type(`${mediaType}; charset=utf-8`).send(result.body);
  };
  router.get('/sparql', gate, (req, res, next) => void handle(req, res).catch(next));
  router.post('/sparql', gate, (req, res, next) => void handle(req, res).catch(next));
  router.all('/sparql', (_req, _res, next) => next(new HttpError(405, 'Use GET or POST')));
  return router;
}

export { GRAPH_MEDIA_TYPES };
