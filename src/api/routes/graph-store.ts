/**
 * SPARQL 1.1 Graph Store HTTP Protocol, read side: GET /graph-store?graph=<iri> for one named
 * graph (record, provenance, report, entities graphs) and ?default for the default graph (the
 * SPARQL endpoint's: the entities graph, each record-data triple once; limited like SPARQL answers). Writes are not offered: the hub's pipeline owns the data.
 */
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { AppPorts } from '../../pipeline/ports.js';
import { normaliseBase } from '../../core/identifiers.js';
import { HttpError } from '../http-errors.js';
import { queryProblem } from '../rest/query-problems.js';
import { negotiate } from '../negotiation.js';
import { serialise, type RdfMediaType } from '../rest/rdf-serialise.js';

const OFFERS = ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml', 'application/n-quads'];

/** `gate`: the per-client admission in front of it (a default-graph read is a whole-dataset query). */
export function createGraphStoreRouter({ store, config }: Pick<AppPorts, 'store' | 'config'>, gate: RequestHandler = (_req, _res, next) => next()): Router {
  const router = express.Router();
  const base = normaliseBase(config.hub.baseIri);
  const settings = config.hub.sparql;

  const handle = async (req: Request, res: Response) => {
    const { graph } = req.query as Record<string, unknown>;
    const isDefault = req.query.default !== undefined;
    if (isDefault === (graph !== undefined)) throw new HttpError(400, 'Give exactly one of ?graph=<iri> or ?default');
    if (graph !== undefined && (typeof graph !== 'string' || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(graph))) throw queryProblem([{ name: 'graph', value: String(graph), reason: 'expected one absolute IRI, e.g. http://localhost:3000/graph/ghent-dmg/530000002' }]);
    const type = negotiate(req.headers.accept, OFFERS);
    if (!type) throw new HttpError(406, `No acceptable RDF format; offered: ${OFFERS.join(', ')}`);
    res.set('vary', 'Accept');
    res.set('access-control-allow-origin', '*');
    if (isDefault) {
      const mediaType = type === 'application/n-quads' ? 'application/n-triples' : type;
      const result = await store.queryRaw('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }', { mediaType, maxResults: settings.maxResults, timeoutMs: settings.timeoutMs, client: res.locals.client as string | undefined, defaultGraph: 'entities' });
      if (result.truncated) res.set('x-result-truncated', String(settings.maxResults));
      return void res.type(`${mediaType}; charset=utf-8`).send(result.body);
    }
    const quads = await store.graph(graph as string);
    if (quads.length === 0) throw new HttpError(404, `No graph ${String(graph)}`);
    if (type === 'application/n-quads') {
      const { toNQuads } = await import('../../core/rdf.js');
      return void res.type('application/n-quads; charset=utf-8').send(toNQuads(quads));
    }
    const body = await serialise(quads, type as RdfMediaType, { base, context: 'ghent-generiek-basis.jsonld' });
    res.type(`${type}; charset=utf-8`).send(body);
  };
  router.get('/graph-store', gate, (req, res, next) => void handle(req, res).catch(next));
  router.all('/graph-store', (_req, _res, next) => next(new HttpError(405, 'The graph store is read-only here: use GET')));
  return router;
}
