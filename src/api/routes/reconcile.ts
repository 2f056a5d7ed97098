/**
 * Reconciliation Service API 0.2 (W3C Entity Reconciliation CG) at /reconcile, the protocol
 * OpenRefine speaks: GET /reconcile gives the manifest; `queries=` (GET, or POST form-encoded
 * as OpenRefine sends it) reconciles a batch; `extend=` extends reconciled rows with data;
 * /reconcile/suggest/{entity,type,property}, /reconcile/preview and
 * /reconcile/properties/propose are the services the manifest points to. Read-only, CORS open
 * like the other public endpoints, behind the per-client gate of /sparql (each request runs
 * store queries) with bounded batches and limits.
 */
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { AppPorts } from '../../pipeline/ports.js';
import type { HubSettings } from '../../config/schema.js';
import { normaliseBase } from '../../core/identifiers.js';
import { HttpError } from '../http-errors.js';
import { esc } from '../pages/html.js';
import { LabelIndex } from '../../publication/reconciliation/label-index.js';
import { DEFAULT_RECONCILE_SETTINGS, Reconciler, parseBatch, type ReconcileSettings } from '../../publication/reconciliation/reconciler.js';
import { reconciliationManifest } from '../../publication/reconciliation/manifest.js';
import { parseSuggest, suggestEntities, suggestProperties, suggestTypes } from '../../publication/reconciliation/suggest.js';
import { ENTITY_ID, extendData, parseExtend, proposeProperties } from '../../publication/reconciliation/extend.js';
import { readPropertyValues } from '../../publication/reconciliation/entity-data.js';
import { RECONCILE_PROPERTIES, typeById } from '../../publication/reconciliation/vocabulary.js';

/** Largest form body: a batch of maxQueries queries with properties fits well under it. */
const BODY_LIMIT = '1mb';

/** A JSON parameter (queries, extend), with the parser's complaint naming the parameter. */
function jsonParameter(name: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new HttpError(400, `parameter ${name}: not valid JSON (${(e as Error).message})`);
  }
}

/** One value of a parameter from the form body (POST) or the URL; twice is an error. */
function parameter(req: Request, name: string): string | undefined {
  const fromBody = req.method === 'POST' ? (req.body as Record<string, unknown> | undefined)?.[name] : undefined;
  const value = fromBody ?? (req.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, `parameter ${name}: give it once, as text`);
  return value;
}

/** hub.reconciliation: the ports' hub view (pipeline/ports.ts) does not list it yet, the loaded config carries it. */
export const reconcileSettingsOf = (hub: AppPorts['config']['hub']): ReconcileSettings => (hub as Partial<Pick<HubSettings, 'reconciliation'>>).reconciliation ?? DEFAULT_RECONCILE_SETTINGS;

export function createReconcileRouter({ store, config }: Pick<AppPorts, 'store' | 'config'>, gate: RequestHandler = (_req, _res, next) => next()): Router {
  const router = express.Router();
  const base = normaliseBase(config.hub.baseIri);
  const index = new LabelIndex(store, base);
  const reconciler = new Reconciler(index, store, base, reconcileSettingsOf(config.hub));
  const manifest = reconciliationManifest(base, config.hub.aggregator);

  router.use('/reconcile', (req, res, next) => {
    res.set('access-control-allow-origin', '*');
    res.set('access-control-allow-headers', 'content-type, accept, x-api-key');
    res.set('access-control-allow-methods', 'GET, POST, OPTIONS');
    if (req.method === 'OPTIONS') return void res.status(204).end();
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') return next(new HttpError(405, 'The reconciliation service is read-only: use GET or POST'));
    next();
  });
  router.post('/reconcile', express.urlencoded({ extended: false, limit: BODY_LIMIT }));

  const wrap = (fn: (req: Request, res: Response) => Promise<void> | void) => (req: Request, res: Response, next: (e?: unknown) => void) =>
    void Promise.resolve()
      .then(() => fn(req, res))
      .catch(next);

  const service = async (req: Request, res: Response) => {
    if (req.method === 'POST' && !req.is('application/x-www-form-urlencoded')) throw new HttpError(415, `POST queries or extend as application/x-www-form-urlencoded (queries=… or extend=…), not ${req.get('content-type') ?? 'no content type'}`);
    const queries = parameter(req, 'queries');
    const extend = parameter(req, 'extend');
    if (queries !== undefined && extend !== undefined) throw new HttpError(400, 'Give queries or extend, not both');
    if (queries !== undefined) return void res.json(await reconciler.reconcileBatch(parseBatch(jsonParameter('queries', queries), reconciler.settings)));
    if (extend !== undefined) return void res.json(await extendData(store, base, parseExtend(jsonParameter('extend', extend))));
    if (req.method === 'POST') throw new HttpError(400, 'Missing the queries (or extend) parameter');
    res.json(manifest);
  };
  router.get('/reconcile', gate, wrap(service));
  router.post('/reconcile', gate, wrap(service));

  router.get(
    '/reconcile/suggest/entity',
    gate,
    wrap(async (req, res) => void res.json(await suggestEntities(index, parseSuggest(req.query as Record<string, unknown>)))),
  );
  router.get('/reconcile/suggest/type', wrap((req, res) => void res.json(suggestTypes(parseSuggest(req.query as Record<string, unknown>)))));
  router.get('/reconcile/suggest/property', wrap((req, res) => void res.json(suggestProperties(parseSuggest(req.query as Record<string, unknown>)))));
  router.get('/reconcile/properties/propose', wrap((req, res) => void res.json(proposeProperties(req.query.type, req.query.limit))));

  router.get(
    '/reconcile/preview',
    gate,
    wrap(async (req, res) => {
      const id = req.query.id;
      if (typeof id !== 'string' || !ENTITY_ID.test(id)) throw new HttpError(400, 'parameter id: one entity IRI (http or https)');
      await index.refresh();
      const entity = index.get(id);
      if (!entity) throw new HttpError(404, `No entity ${id} in the reconciliation index`);
      const shown = RECONCILE_PROPERTIES.filter((p) => p.id !== 'label' && p.id !== 'type');
      const values = (await readPropertyValues(store, base, [id], shown)).get(id)!;
      const rows = shown
        .map((p) => [p.name, (values.get(p.id) ?? []).slice(0, 5).map((v) => v.text ?? v.id ?? '')] as const)
        .filter(([, vs]) => vs.length > 0)
        .map(([name, vs]) => `<tr><th>${esc(name)}</th><td>${vs.map(esc).join('<br>')}</td></tr>`)
        .join('');
      res.type('text/html').send(
        `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(entity.name)}</title><style>body{font:13px sans-serif;margin:4px}th{text-align:left;padding-right:8px;vertical-align:top}</style></head><body>` +
          `<p><a href="${esc(id)}" target="_blank"><strong>${esc(entity.name)}</strong></a> <small>${esc(entity.types.map((t) => typeById(t)!.name).join(', '))}</small></p>` +
          (entity.labels.length > 1 ? `<p>Also: ${entity.labels.slice(1, 6).map(esc).join('; ')}</p>` : '') +
          `<table>${rows}</table></body></html>`,
      );
    }),
  );
  return router;
}
