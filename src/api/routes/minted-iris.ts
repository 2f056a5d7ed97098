/**
 * The hub's other minted IRIs dereference too, by 303 See Other to the document that describes
 * them (the entity IRIs, {base}id/…, answer themselves: entities.ts):
 *   {base}graph/…                  named graphs → the Graph Store Protocol (/graph-store?graph=);
 *                                  a deleted record's graph answers 410, its provenance being a tombstone
 *   {base}source/{id}              → /api/v1/sources/{id}
 *   {base}run/{source}/{run}       → /reports/{source}/{run} (the run and its conformance report)
 *   {base}report/{source}/{run}    → /reports/{source}/{run}
 *   {base}ldes/version/{entity}/{time}  an LDES member (a version) → the entity it is a version of
 *   {base}ldes/{collection}/shape  the stream's tree:shape → the stream document, which describes it
 */
import express, { type Request, type Response, type Router } from 'express';
import type { AppPorts } from '../../pipeline/ports.js';
import { normaliseBase } from '../../core/identifiers.js';
import { PROV } from '../../core/vocab.js';
import { HttpError } from '../http-errors.js';

export function createMintedIrisRouter({ store, config }: Pick<AppPorts, 'store' | 'config'>): Router {
  const router = express.Router();
  const base = normaliseBase(config.hub.baseIri);
  const rawPath = (req: Request) => req.originalUrl.split('?')[0]!;
  const wrap = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: (e?: unknown) => void) => void fn(req, res).catch(next);

  router.get(
    /^\/graph\/.+/,
    wrap(async (req, res) => {
      const graph = `${base}${rawPath(req).slice(1)}`;
      if ((await store.ask(`ASK { GRAPH <${graph.replace(/[<>"{}|^`\\\s]/g, encodeURIComponent)}> { ?s ?p ?o } }`)) === true) {
        return void res.redirect(303, `/graph-store?graph=${encodeURIComponent(graph)}`);
      }
      const provenance = await store.graph(`${graph}/provenance`);
      if (provenance.some((q) => q.subject.value === graph && q.predicate.value === PROV('wasInvalidatedBy'))) {
        res.set('link', `</graph-store?graph=${encodeURIComponent(`${graph}/provenance`)}>; rel="http://www.w3.org/ns/prov#has_provenance"`);
        throw new HttpError(410, `${graph} was dropped: its record was deleted at the source`);
      }
      throw new HttpError(404, `No graph ${graph}`);
    }),
  );
  router.get('/source/:id', (req, res) => res.redirect(303, `/api/v1/sources/${encodeURIComponent(String(req.params.id))}`));
  router.get(['/run/:sourceId/:runId', '/report/:sourceId/:runId'], (req, res) => res.redirect(303, `/reports/${encodeURIComponent(String(req.params.sourceId))}/${encodeURIComponent(String(req.params.runId))}`));
  router.get('/ldes/:collection/shape', (req, res) => res.redirect(303, `/ldes/${encodeURIComponent(String(req.params.collection))}`));
  router.get(/^\/ldes\/version\/.+\/[^/]+$/, (req, res, next) => {
    const entityPath = rawPath(req).slice('/ldes/version/'.length).replace(/\/[^/]+$/, '');
    if (!entityPath.startsWith('id/')) return next(new HttpError(404, `No version ${rawPath(req)}`));
    res.redirect(303, `/${entityPath}`);
  });
  return router;
}
