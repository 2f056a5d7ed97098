/**
 * The Cache-Control policy of each route, in one table (documented in docs/http-caching.md). The
 * middleware sets the route's policy before the route runs; a route that knows better sets its
 * own (a closed LDES page is immutable, the open one short-lived: routes/ldes.ts). Every policy
 * that lets a cache keep an answer pairs with the ETag of conditional-get.ts, so a stale copy is
 * revalidated with one 304. Writes, admin routes, probes and errors are never stored.
 */
import type { RequestHandler } from 'express';

export const NO_STORE = 'no-store';

export interface CacheRule {
  /** What the rule covers, for the documentation and the tests. */
  name: string;
  path: RegExp;
  cacheControl: string;
}

/** First match wins; GET and HEAD only (any other method gets no-store). */
export const CACHE_RULES: readonly CacheRule[] = [
  { name: 'admin routes and pages', path: /^\/admin(\/|$)/, cacheControl: NO_STORE },
  { name: 'health, readiness and metrics', path: /^\/(health|ready|metrics)$/, cacheControl: NO_STORE },
  { name: 'static assets (query editor)', path: /^\/assets\//, cacheControl: 'public, max-age=86400' },
  { name: 'JSON-LD contexts of the API', path: /^\/api\/v1\/contexts\//, cacheControl: 'public, max-age=86400' },
  { name: 'OpenAPI document and API docs', path: /^\/api\/(openapi\.json|docs)$/, cacheControl: 'public, max-age=3600' },
  { name: 'REST API lists and resources', path: /^\/api\/v1(\/|$)/, cacheControl: 'public, max-age=60' },
  { name: 'entity pages (dereferenced IRIs)', path: /^\/id(\/|$)/, cacheControl: 'public, max-age=60' },
  { name: 'SPARQL GET (queries and the query page)', path: /^\/sparql$/, cacheControl: 'public, max-age=60' },
  { name: 'graph store (GET a named graph)', path: /^\/graph-store$/, cacheControl: 'public, max-age=60' },
  { name: 'LDES streams (pages set their own: closed immutable, open 10 s)', path: /^\/ldes(\/|$)/, cacheControl: 'public, max-age=60' },
  { name: 'OAI-PMH (each answer carries its responseDate: revalidate every time)', path: /^\/oai$/, cacheControl: 'no-cache' },
  { name: 'DCAT catalogue and VoID', path: /^\/(catalog|\.well-known\/void)$/, cacheControl: 'public, max-age=300' },
  { name: 'reconciliation service', path: /^\/reconcile(\/|$)/, cacheControl: 'public, max-age=60' },
  { name: 'everything else (sources, reports, validate form, home): revalidate', path: /^/, cacheControl: 'no-cache' },
];

export function cacheControlFor(method: string, path: string, rules: readonly CacheRule[] = CACHE_RULES): string {
  if (method !== 'GET' && method !== 'HEAD') return NO_STORE;
  return rules.find((r) => r.path.test(path))?.cacheControl ?? 'no-cache';
}

export function cachePolicy(rules: readonly CacheRule[] = CACHE_RULES): RequestHandler {
  return (req, res, next) => {
    res.set('cache-control', cacheControlFor(req.method, req.path, rules));
    next();
  };
}
