/**
 * Dereferenceable IRIs: every entity IRI the hub mints ({base}id/{type}/{source}/{record})
 * answers by direct content negotiation, not a 303: the IRI names the entity and serves a
 * description of it, with `Vary: Accept` and a `Content-Location` naming the representation
 * sent (the `?format=` URL). Browsers get HTML, RDF clients JSON-LD, Turtle, N-Triples or
 * RDF/XML; unknown IRIs get 404 and entities deleted at their source 410 Gone. Every answer
 * links the provenance graph (PROV-AQ `has_provenance`, which names the run and so its
 * conformance report) and the source record, so RDF clients find them as the HTML page shows them.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { AppPorts } from '../../pipeline/ports.js';
import { normaliseBase, segment } from '../../core/identifiers.js';
import { PROV } from '../../core/vocab.js';
import { HttpError } from '../http-errors.js';
import { entityPage, gonePage } from '../pages/entity-page.js';
import { collectionForEntityType } from '../../publication/indexes/collections.js';
import { EntityCache } from '../../publication/indexes/entity-cache.js';
import { serialise } from '../rest/rdf-serialise.js';
import { chooseRepresentation, sendRepresentation } from '../rest/representation.js';

const FORMAT_OF: Record<string, string> = { 'application/ld+json': 'jsonld', 'application/json': 'json', 'text/turtle': 'ttl', 'application/n-triples': 'nt', 'application/rdf+xml': 'rdf', 'text/html': 'html' };

export function createEntitiesRouter({ store, config }: Pick<AppPorts, 'store' | 'config'>): Router {
  const router = express.Router();
  const base = normaliseBase(config.hub.baseIri);
  const cache = new EntityCache(store, base);

  const handle = async (req: Request, res: Response) => {
    const p = req.params as Record<string, string>;
    const format = typeof req.query.format === 'string' ? req.query.format : undefined;
    const type = chooseRepresentation(req, format);
    const state = await cache.state(p.source!, p.id!);
    if (state.state === 'unknown' || state.entityType !== p.type) throw new HttpError(404, `No entity ${req.path}`);
    const path = `/id/${p.type}/${p.source}/${segment(p.id!)}`;
    res.set('vary', 'Accept');
    res.set('content-location', `${path}?format=${FORMAT_OF[type]}`);
    const links = [`<${path}?format=ttl>; rel="alternate"; type="text/turtle"`, `<${path}?format=jsonld>; rel="alternate"; type="application/ld+json"`];
    links.push(`</graph-store?graph=${encodeURIComponent(state.provenanceGraph)}>; rel="${PROV('has_provenance')}"`);
    const derived = state.provenance.find((q) => q.predicate.value === PROV('wasDerivedFrom'))?.object.value;
    // Only an IRI a header can carry as it is (ASCII, nothing that ends the reference).
    if (derived && /^https?:\/\/[\x21-\x7e]+$/.test(derived) && !/[<>"]/.test(derived)) links.push(`<${derived}>; rel="${PROV('wasDerivedFrom')}"`);
    res.set('link', links.join(', '));
    if (state.state === 'deleted') {
      const deletedAt = state.provenance.find((q) => q.predicate.value === PROV('invalidatedAtTime'))?.object.value;
      if (type === 'text/html') return void res.status(410).type('text/html').send(gonePage(state.entity, deletedAt));
      throw new HttpError(410, `${state.entity} was deleted at its source${deletedAt ? ` (withdrawn ${deletedAt})` : ''}`);
    }
    const published = state;
    const body = await cache.body(p.source!, p.id!, `id ${type}`, () => {
      if (type === 'text/html') return entityPage({ ...published, base, path });
      const context = collectionForEntityType(published.entityType)?.context ?? 'ghent-generiek-basis.jsonld';
      return serialise(published.data, type === 'application/json' ? 'application/ld+json' : type, { base, context, root: published.entity });
    });
    sendRepresentation(res, type, body);
  };
  router.get('/id/:type/:source/:id', (req, res, next) => void handle(req, res).catch(next));
  return router;
}
