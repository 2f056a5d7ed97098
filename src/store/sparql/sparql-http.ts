/**
 * HTTP for the remote store, with one place that turns transport outcomes into hub errors:
 * no connection, a timeout on a write, 5xx and 429 → StoreError STORE_UNAVAILABLE (jobs retry);
 * a query past its time limit → QueryTimeoutError; a rejected query → QuerySyntaxError;
 * refused credentials and other 4xx → permanent StoreErrors. No retries here: the queue retries
 * whole jobs with backoff, commits are idempotent, and sparql-store.ts retries reads.
 * At most `maxConcurrent` requests are in flight at once; the rest wait their turn. Fetch keeps
 * one connection per request in flight, so this also bounds the connections the store sees
 * (Virtuoso answers 503 past its ServerThreads, 10 by default, however many it could queue).
 */
import { StoreError, type ErrorContext } from '../../core/errors.js';
import { QuerySyntaxError, QueryTimeoutError } from '../query-errors.js';
import { HttpAuthenticator, type Credentials } from './http-auth.js';

export type Operation = 'query' | 'update' | 'graph store';

export interface SparqlRequest {
  operation: Operation;
  url: string;
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  context?: ErrorContext;
}

export interface SparqlResponse {
  status: number;
  headers: Headers;
  body: string;
}

export interface SparqlHttpOptions {
  credentials?: Credentials;
  /** Requests in flight at once. @defaultValue 8 */
  maxConcurrent?: number;
  /** Replaces global fetch; tests count requests or simulate failures with it. */
  fetch?: typeof fetch;
}

/** Error bodies of Virtuoso that no retry will fix: SPARQL compile errors and permission refusals. */
const VIRTUOSO_PERMANENT = /^\s*Virtuoso (37000|42000|22023|42S22)\b/;

/**
 * Refusals of Virtuoso that pass when the same request is sent again: a transaction chosen
 * as deadlock victim (rolled back whole), and SP031 "cannot be translated to an accurate SQL
 * text", which Virtuoso 7.2 answers now and then to big-data-const updates under concurrency.
 */
const VIRTUOSO_RETRY = /^\s*Virtuoso (40001\b|37000 Error SP031: SPARQL compiler: The query can be compiled and executed but not translated)/;

/**
 * Virtuoso refuses, before running it, a query whose estimated time passes its own limit
 * (MaxQueryCostEstimationTime): a time limit reached early, not a syntax error.
 */
const VIRTUOSO_TOO_COSTLY = /^\s*Virtuoso 42000 Error The estimated execution time/;

/** The URL without credentials, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}

function excerpt(body: string): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export class SparqlHttp {
  /** HTTP requests sent, authentication retries included. */
  requests = 0;
  private readonly auth?: HttpAuthenticator;
  /** Requests in flight now, and the most there have been (for tests and metrics). */
  inFlight = 0;
  maxInFlight = 0;
  private readonly fetchFn: typeof fetch;
  private readonly maxConcurrent: number;
  private readonly waiting: (() => void)[] = [];

  constructor(options: SparqlHttpOptions = {}) {
    this.auth = options.credentials ? new HttpAuthenticator(options.credentials) : undefined;
    this.fetchFn = options.fetch ?? fetch;
    this.maxConcurrent = options.maxConcurrent ?? 8;
    if (!(this.maxConcurrent >= 1)) throw new StoreError(`maxConcurrent must be at least 1, not ${this.maxConcurrent}`, { code: 'STORE_CONFIG' });
  }

  async send(request: SparqlRequest): Promise<SparqlResponse> {
    // A waiter is handed the slot of a finished request (inFlight stays as it is), so none is taken twice.
    if (this.inFlight >= this.maxConcurrent) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      let response = await this.attempt(request);
      // One more try after a 401 with a challenge we can answer, or when a Digest nonce went stale.
      if (response.status === 401 && this.auth?.accept(response.headers.get('www-authenticate'))) {
        response = await this.attempt(request);
      }
      if (response.status >= 200 && response.status < 300) return response;
      throw this.failure(request, response);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight--;
    }
  }

  private async attempt(request: SparqlRequest): Promise<SparqlResponse> {
    const { operation, url, method, body, timeoutMs, context } = request;
    const authorization = this.auth?.header(method, url);
    const headers = authorization ? { ...request.headers, authorization } : request.headers;
    const where = `SPARQL ${operation} at ${safeUrl(url)}`;
    this.requests++;
    try {
      const res = await this.fetchFn(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
      return { status: res.status, headers: res.headers, body: await res.text() };
    } catch (error) {
      const name = (error as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        if (operation === 'query') throw new QueryTimeoutError(timeoutMs);
        throw new StoreError(`${where}: no answer within ${timeoutMs} ms`, { code: 'STORE_UNAVAILABLE', cause: error, context });
      }
      const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
      // A connection the store closed or reset under load (not one it refused): a read sent again passes.
      const dropped = /ECONNRESET|EPIPE|UND_ERR_SOCKET|other side closed/i.test(`${cause?.code ?? ''} ${cause?.message ?? ''}`);
      throw new StoreError(`${where}: cannot connect (${reason})`, { code: 'STORE_UNAVAILABLE', cause: error, context: { ...context, dropped } });
    }
  }

  private failure(request: SparqlRequest, response: SparqlResponse): Error {
    const { operation, url, context } = request;
    const { status, body } = response;
    const message = `SPARQL ${operation} at ${safeUrl(url)}: HTTP ${status}${body ? `: ${excerpt(body)}` : ''}`;
    const again = VIRTUOSO_RETRY.test(body);
    const permanent = !again && (status < 500 || VIRTUOSO_PERMANENT.test(body));
    if (status === 401 || status === 403) return new StoreError(message, { code: 'STORE_FORBIDDEN', context: { ...context, status } });
    if (status === 429 || status === 408 || !permanent) return new StoreError(message, { code: 'STORE_UNAVAILABLE', context: { ...context, status, sendAgain: again } });
    if (operation === 'query' && VIRTUOSO_TOO_COSTLY.test(body)) return new QueryTimeoutError(request.timeoutMs);
    if (operation === 'query' && (status === 400 || VIRTUOSO_PERMANENT.test(body))) return new QuerySyntaxError(message, { code: 'QUERY_ERROR', context });
    return new StoreError(message, { code: 'STORE_REJECTED', context: { ...context, status } });
  }
}
