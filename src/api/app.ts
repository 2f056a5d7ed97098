/**
 * The HTTP application: read surfaces over the store plus health. Built from its dependencies
 * (no globals), so tests mount it on port 0 with their own hub.
 */
import express, { type Express } from 'express';
import { EdmRecordBuilder } from '../publication/edm/edm-record.js';
import { RightsMap } from '../publication/edm/rights-map.js';
import type { AppPorts } from '../pipeline/ports.js';
import { httpMetrics } from './metrics/http-metrics.js';
import { errorHandler, HttpError } from './http-errors.js';
import { layout } from './pages/html.js';
import { securityHeaders } from './security-headers.js';
import { cachePolicy } from './http-cache/cache-policy.js';
import { conditionalGet } from './http-cache/conditional-get.js';
import { createJobsRouter } from './routes/jobs.js';
import { createLinksRouter } from './routes/links.js';
import { createPushRouter } from './routes/push.js';
import { createMetricsRouter } from './routes/metrics.js';
import { createOaiRouter } from './routes/oai.js';
import { createReportsRouter } from './routes/reports.js';
import { createSourcesRouter } from './routes/sources.js';
import { createSparqlRouter } from './routes/sparql.js';
import { createEditorAssetsRouter } from './routes/editor-assets.js';
import { createExamplesRouter } from './routes/examples.js';
import { createValidateRouter } from './routes/validate.js';
import { createApiV1Router } from './routes/api-v1.js';
import { createApiDocsRouter } from './routes/api-v1-docs.js';
import { createEntitiesRouter } from './routes/entities.js';
import { createMintedIrisRouter } from './routes/minted-iris.js';
import { createGraphStoreRouter } from './routes/graph-store.js';
import { createLdesRouter } from './routes/ldes.js';
import { createDatasetRouter } from './routes/dataset.js';
import { createReconcileRouter } from './routes/reconcile.js';
import { routeGates } from './admission/route-gates.js';
import type { SearchReadModel } from '../publication/search/search-contract.js';
import { createSearchReadModel } from '../publication/search/search-read-model.js';
import type { ListIndex } from '../publication/indexes/list-index.js';
import { normaliseBase, sourceIri } from '../core/identifiers.js';

/** The ports (pipeline/ports.ts; distributed mode adds `jobs` and `queue`) and where errors are logged. */
export interface AppDeps extends AppPorts {
  log?: (message: string, error: unknown) => void;
  /** Builds the search read model of /api/v1 (once per app, on the first search); it may share the API's list index. */
  searchModel?: (shared: { list: ListIndex }) => SearchReadModel;
}

const CLOSERS = Symbol('closers');

/** Closes what the app holds itself (the search read model); the store and queues belong to the caller. */
export function closeApp(app: Express): void {
  for (const close of ((app as unknown as Record<symbol, (() => void)[]>)[CLOSERS] ?? []).splice(0)) close();
}

export function createApp({ log = (m, e) => console.error(m, e), searchModel, ...ports }: AppDeps): Express {
  const app = express();
  const closers: (() => void)[] = [];
  (app as unknown as Record<symbol, (() => void)[]>)[CLOSERS] = closers;
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  // ETags and 304s come from conditionalGet (http-cache/conditional-get.ts says why not Express's).
  app.set('etag', false);
  const { config, store, queue: queues, runStates } = ports;
  // Per-client fairness on the CPU-heavy routes (hub.admission).
  const gates = routeGates(config.hub);
  // Behind a reverse proxy, req.ip (and so every per-client limit) is the client from X-Forwarded-For.
  app.set('trust proxy', config.hub.trustProxy);
  app.use(securityHeaders());
  app.use(cachePolicy());
  app.use(conditionalGet());

  app.use(httpMetrics());
  // Degraded when the store or (distributed mode) Redis does not answer; 503 so that probes notice.
  const checks = async () => {
    const storeHealth = await store.health().catch((e: Error) => ({ ok: false, message: e.message }));
    const queueHealth = queues ? await queues.health() : undefined;
    return { ok: storeHealth.ok && (queueHealth?.ok ?? true), store: storeHealth, queue: queueHealth };
  };
  // A run stuck behind a failed job degrades the hub too, with the reason, but answers 200:
  // restarting this process would not help, retrying the job does.
  app.get('/health', async (_req, res) => {
    const { ok, store: storeHealth, queue } = await checks();
    const stuck = runStates && (queue?.ok ?? true) ? await runStates.stuck().catch(() => []) : [];
    // A store nearly full still answers: ok, with the warning for whoever watches.
    const warning = (storeHealth as { capacity?: { warning?: string } }).capacity?.warning;
    res.status(ok ? 200 : 503).json({ status: ok && !stuck.length ? 'ok' : 'degraded', store: storeHealth, ...(queue ? { queue } : {}), ...(stuck.length ? { runs: { stuck } } : {}), ...(warning ? { warnings: [warning] } : {}) });
  });
  app.get('/ready', async (_req, res) => {
    const { ok } = await checks();
    res.status(ok ? 200 : 503).json({ ready: ok });
  });
  app.use(createMetricsRouter(queues, store));
  app.use(createJobsRouter(ports));
  app.use(createLinksRouter({ ...ports, log }));
  app.use(createPushRouter(ports));
  app.use(createEditorAssetsRouter());
  app.use(createExamplesRouter());
  app.use(createSparqlRouter({ store, settings: config.hub.sparql, baseIri: config.hub.baseIri, gate: gates.query.middleware }));
  app.use(createSourcesRouter(ports));
  // One EDM builder for /oai and the organisations' reports: the same rights (the rights map plus
  // each source's declared europeana.defaultRights) and one cache of validated records.
  const edmBuilder = new EdmRecordBuilder(store, { provider: config.hub.aggregator, rightsMap: RightsMap.load().withSourceDeclarations(config.sources) });
  app.use(createReportsRouter(ports, { edmBuilder }));
  app.use(createValidateRouter(ports, { gate: gates.validate.middleware }));
  // The search read model of /api/v1: its sources' declared rights count for records that state none.
  const base = normaliseBase(config.hub.baseIri);
  const defaultRights = (source: string) => config.sources.find((s) => sourceIri(base, s.id) === source)?.europeana?.defaultRights;
  const search = searchModel ?? (({ list }: { list: ListIndex }) => createSearchReadModel(store, base, { defaultRights, list }));
  app.use(createApiV1Router(ports, { searchModel: search, onClose: (close) => closers.push(close) }));
  app.use(createApiDocsRouter(ports));
  app.use(createEntitiesRouter(ports));
  app.use(createMintedIrisRouter(ports));
  app.use(createGraphStoreRouter(ports, gates.query.middleware));
  app.use(createLdesRouter(ports));
  app.use(createDatasetRouter(ports));
  // Reconciliation runs store queries per request: the same per-client gate as /sparql.
  app.use(createReconcileRouter(ports, gates.query.middleware));
  app.use(
    createOaiRouter({
      store,
      baseUrl: new URL('oai', config.hub.baseIri.endsWith('/') ? config.hub.baseIri : `${config.hub.baseIri}/`).toString(),
      baseIri: config.hub.baseIri,
      aggregator: config.hub.aggregator,
      sources: config.sources,
      builder: edmBuilder,
    }, gates.oai.middleware),
  );
  app.get('/', (_req, res) => {
    res.type('text/html').send(
      layout(
        'Culture LOD Hub',
        `<h1>Culture LOD Hub</h1><p>Linked open data of the Flemish culture sector, harvested, mapped to OSLO, validated and published.</p>
<ul><li><a href="/sparql">SPARQL endpoint and query page</a></li><li><a href="/sources">Sources and their last harvest</a></li><li><a href="/api/docs">Open REST API</a> and <a href="/examples/">an example app built on it</a></li><li><a href="/ldes">Linked Data Event Streams</a></li><li><a href="/catalog">Catalogue (DCAT-AP)</a></li><li><a href="/reports">Conformance reports</a></li><li><a href="/validate">Validate your data</a></li></ul>`,
      ),
    );
  });
  app.use((req, _res, next) => next(new HttpError(404, `Nothing at ${req.path}`)));
  app.use(errorHandler(log));
  return app;
}
