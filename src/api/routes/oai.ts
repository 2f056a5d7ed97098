/**
 * GET and POST (application/x-www-form-urlencoded) /oai: the OAI-PMH provider over HTTP.
 * All protocol logic lives in src/publication/oai-pmh/provider.ts; this only moves arguments in and
 * the XML out. Repeated arguments arrive as arrays, which the provider answers with badArgument.
 */
import express, { type Request, type RequestHandler, type Response, type NextFunction, type Router } from 'express';
import { handleOaiRequest, type OaiParams, type OaiProviderDeps } from '../../publication/oai-pmh/provider.js';

/** OAI requests are a handful of short arguments; anything bigger is not one. */
const MAX_FORM_BODY = '16kb';

function toParams(source: unknown): OaiParams {
  const out: OaiParams = {};
  if (source && typeof source === 'object') {
    for (const [k, v] of Object.entries(source as Record<string, unknown>)) {
      if (typeof v === 'string') out[k] = v;
      else if (Array.isArray(v)) out[k] = v.map(String);
      else if (v !== undefined) out[k] = [String(v)];
    }
  }
  return out;
}

function queryParams(originalUrl: string): OaiParams {
  const out: OaiParams = {};
  const search = new URL(originalUrl, 'http://localhost').searchParams;
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

/** `gate`: the per-client admission of /oai (hub.admission.oai); harvesters are sequential, so it only stops a client that floods. */
export function createOaiRouter(deps: OaiProviderDeps, gate: RequestHandler = (_req, _res, next) => next(), path = '/oai'): Router {
  const router = express.Router();
  const answer = (params: OaiParams, res: Response, next: NextFunction) => {
    handleOaiRequest(params, deps)
      .then((r) => {
        res.status(r.status).type(r.contentType).send(r.body);
      })
      .catch(next);
  };
  // The query string is read here rather than through the app's query parser, which may turn
  // `a[b]=c` into objects: OAI arguments are flat, and repeats must stay visible.
  router.get(path, gate, (req: Request, res: Response, next: NextFunction) => answer(queryParams(req.originalUrl), res, next));
  router.post(path, gate, express.urlencoded({ extended: false, limit: MAX_FORM_BODY }), (req: Request, res: Response, next: NextFunction) =>
    answer(toParams(req.body), res, next),
  );
  return router;
}
