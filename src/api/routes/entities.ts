/**
 * Dereferenceable IRIs: every IRI the hub mints under {base}id/ (a record's main entity, and the
 * agents, places, concepts and organisations records mention) answers by direct content
 * negotiation, not a 303: the IRI names the thing and serves its description
 * (publication/indexes/entity-description.ts), with `Vary: Accept` and a `Content-Location`
 * naming the representation sent (the `?format=` URL). Browsers get HTML, RDF clients JSON-LD,
 * Turtle, N-Triples or RDF/XML; IRIs never minted get 404 and IRIs no record describes any more
 * 410 Gone. Every answer links the provenance graph of each record that describes the IRI
 * (PROV-AQ `has_provenance`, which names the run and so its conformance report) and, for a main
 * entity, the source record, so RDF clients find them as the HTML page shows them.
 *
 * `GET /id?iri=<source IRI>` answers 303 See Other to the hub IRI that is owl:sameAs that IRI.
 * A hub IRI that entity matching put in a cluster under another IRI, and that no record states
 * anything of itself any more, answers 303 See Other to the cluster's canonical IRI.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { AppPorts } from '../../pipeline/ports.js';
import { normaliseBase, segment } from '../../core/identifiers.js';
import { HUB, PROV } from '../../core/vocab.js';
import { HttpError } from '../http-errors.js';
import { queryProblem } from '../rest/query-problems.js';
import { gonePage } from '../pages/entity-page.js';
import { descriptionPage } from '../pages/description-page.js';
import { collectionForEntityType } from '../../publication/indexes/collections.js';
import { EntityCache } from '../../publication/indexes/entity-cache.js';
import { canonicalIriOf, hubIrisFor, type Description } from '../../publication/indexes/entity-description.js';
import { serialise } from '../rest/rdf-serialise.js';
import { chooseRepresentation, sendRepresentation } from '../rest/representation.js';

const FORMAT_OF: Record<string, string> = { 'application/ld+json': 'jsonld', 'application/json': 'json', 'text/turtle': 'ttl', 'application/n-triples': 'nt', 'application/rdf+xml': 'rdf', 'text/html': 'html' };

/** Only an IRI a header can carry as it is (ASCII, nothing that ends the reference). */
const headerSafe = (iri: string) => /^https?:\/\/[\x21-\x7e]+$/.test(iri) && !/[<>"]/.test(iri);

/** The path as the client sent it, and the same path with each segment encoded as the hub mints it. */
function candidatePaths(rawPath: string): string[] {
  const canonical = rawPath
    .split('/')
    .map((s) => {
      try {
        return segment(decodeURIComponent(s));
      } catch {
        return s;
      }
    })
    .join('/');
  return [...new Set([rawPath, canonical])];
}

export function createEntitiesRouter({ store, config }: Pick<AppPorts, 'store' | 'config'>): Router {
  const router = express.Router();
  const base = normaliseBase(config.hub.baseIri);
  const cache = new EntityCache(store, base);

  const find = async (rawPath: string): Promise<{ iri: string; path: string; description: Description }> => {
    let first: { iri: string; path: string; description: Description } | undefined;
    for (const path of candidatePaths(rawPath)) {
      const iri = `${base}${path.slice(1)}`;
      const description = await cache.description(iri);
      if (description.state !== 'unknown') return { iri, path, description };
      first ??= { iri, path, description };
    }
    return first!;
  };

  const handle = async (req: Request, res: Response) => {
    const format = typeof req.query.format === 'string' ? req.query.format : undefined;
    const type = chooseRepresentation(req, format);
    const rawPath = req.originalUrl.split('?')[0]!;
    const { iri, path, description } = await find(rawPath);
    if (description.state !== 'published') {
      const canonical = await canonicalIriOf(store, base, iri);
      if (canonical?.startsWith(`${base}id/`)) {
        res.set('vary', 'Accept');
        return void res.redirect(303, `/${canonical.slice(base.length)}${format ? `?format=${encodeURIComponent(format)}` : ''}`);
      }
    }
    if (description.state === 'unknown') throw new HttpError(404, `No entity ${rawPath}: the hub never minted ${iri}`);
    res.set('vary', 'Accept');
    res.set('content-location', `${path}?format=${FORMAT_OF[type]}`);
    const links = [`<${path}?format=ttl>; rel="alternate"; type="text/turtle"`, `<${path}?format=jsonld>; rel="alternate"; type="application/ld+json"`];
    for (const graph of description.provenanceGraphs) links.push(`</graph-store?graph=${encodeURIComponent(graph)}>; rel="${PROV('has_provenance')}"`);
    const pv = (p: string) => description.provenance.find((q) => q.predicate.value === p)?.object.value;
    const derived = pv(HUB('entity')) === iri ? pv(PROV('wasDerivedFrom')) : undefined;
    if (derived && headerSafe(derived)) links.push(`<${derived}>; rel="${PROV('wasDerivedFrom')}"`);
    res.set('link', links.join(', '));
    if (description.state === 'deleted') {
      const deletedAt = pv(PROV('invalidatedAtTime'));
      // A main entity was deleted with its record; anything else lost the last record describing it.
      const why = pv(HUB('entity')) === iri ? 'was deleted at its source' : 'is no longer described by any record (the last one was deleted at its source)';
      if (type === 'text/html') return void res.status(410).type('text/html').send(gonePage(iri, deletedAt, why));
      throw new HttpError(410, `${iri} ${why}${deletedAt ? ` (withdrawn ${deletedAt})` : ''}`);
    }
    const published = description;
    const body = await cache.descriptionBody(iri, `id ${type}`, () => {
      if (type === 'text/html') return descriptionPage({ ...published, base, path });
      const context = collectionForEntityType(published.entityType)?.context ?? 'ghent-generiek-basis.jsonld';
      return serialise(published.data, type === 'application/json' ? 'application/ld+json' : type, { base, context, root: iri });
    });
    sendRepresentation(res, type, body);
  };

  const lookup = async (req: Request, res: Response) => {
    const source = req.query.iri;
    if (typeof source !== 'string' || !/^[a-z][a-z0-9+.-]*:[^\s<>"{}|^`\\]+$/i.test(source)) throw queryProblem([{ name: 'iri', ...(source === undefined ? {} : { value: String(source) }), reason: 'expected one absolute IRI, e.g. /id?iri=https://stad.gent/id/mensgemaaktobject/dmg/530000002' }]);
    const hubIris = source.startsWith(`${base}id/`) ? [source] : await hubIrisFor(store, base, source);
    if (hubIris.length === 0) throw new HttpError(404, `No hub IRI is owl:sameAs ${source}`);
    const target = `/${hubIris[0]!.slice(base.length)}`;
    if (hubIris.length > 1) res.set('link', hubIris.slice(1).map((h) => `</${h.slice(base.length)}>; rel="alternate"`).join(', '));
    res.redirect(303, target);
  };

  router.get('/id', (req, res, next) => void lookup(req, res).catch(next));
  router.get(/^\/id\/[^/]+\/.+/, (req, res, next) => void handle(req, res).catch(next));
  return router;
}
