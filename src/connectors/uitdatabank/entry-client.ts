/**
 * The hub's UiTdatabank Entry API client (`EntryApi`, entry-contract.ts): OAuth2 client-credentials
 * token from publiq's authorization server (auth_client-access-token.md), cached and renewed a
 * margin before it expires, and on a 401 renewed once and the request sent again (the docs' second
 * way to notice expiry); 429 and 5xx retried with backoff honouring Retry-After (HttpClient); a
 * refusal rejects with `EntryApiError` carrying publiq's problem details and naming method and path.
 * The secret and the token never appear in an error message or a log line.
 */
import { SourceContractError } from '../../core/errors.js';
import { HttpClient, type HttpClientOptions, type HttpResponse } from '../http/http-client.js';
import type { HttpSettings } from '../http/http-settings.js';
import { EntryApiError, type EntryApi, type EntryDocument, type EntryKind, type EntryProblem, type EntryUpdate } from './entry-contract.js';

export interface EntryClientOptions {
  /** The source whose documents are pushed; named in every error. */
  sourceId: string;
  /** Entry API base URL, e.g. https://io-test.uitdatabank.be */
  entryUrl: string;
  /** Search API base URL, e.g. https://search-test.uitdatabank.be */
  searchUrl: string;
  /** Token endpoint, e.g. https://account-test.uitid.be/realms/uitid/protocol/openid-connect/token */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Client id sent to the Search API as `x-client-id`. @defaultValue clientId */
  searchClientId?: string;
  /** Timeout, attempts and backoff of every request (HttpClient's defaults for what is left out). */
  http?: Partial<HttpSettings>;
  /** Renew the token this long before it expires (clock skew). @defaultValue 120000, at most half the token's lifetime */
  refreshMarginMs?: number;
  /** Clock for token expiry. @defaultValue Date.now */
  now?: () => number;
  /** Called before each retry (429, 5xx, timeouts) with the URL and reason, for progress lines. */
  onRetry?: HttpClientOptions['onRetry'];
  signal?: AbortSignal;
}

export interface EntryClient extends EntryApi {
  uploadImage(body: EntryDocument): Promise<{ id: string; url?: string }>;
  /** Counts for progress lines and tests: token requests, Entry/Search requests, retries. */
  readonly stats: { tokenRequests: number; requests: number; retries: number };
}

interface CachedToken {
  token: string;
  renewAt: number;
}

/** 4xx other than 429 are answers to read (problem details), not failures to retry. */
const refusal = (status: number) => status >= 400 && status < 500 && status !== 429;

const ENCODED_PATH = (path: string) => path.split('/').filter((p) => p !== '').map(encodeURIComponent).join('/');

/** The problem details of a refusal; a plain one when the body is not problem JSON. */
export function problemOf(res: HttpResponse): EntryProblem {
  try {
    const parsed = JSON.parse(res.body) as Partial<EntryProblem>;
    if (parsed && typeof parsed === 'object' && typeof parsed.type === 'string') {
      return { ...parsed, type: parsed.type, title: String(parsed.title ?? ''), status: Number(parsed.status ?? res.status) } as EntryProblem;
    }
  } catch {
    // not JSON: described below
  }
  return { type: 'about:blank', title: `HTTP ${res.status}`, status: res.status, detail: res.body.slice(0, 300) || undefined };
}

/** A problem in one line: title, detail, and each schema error as `pointer: error`. */
export function describeProblem(problem: EntryProblem): string {
  const errors = (problem.schemaErrors ?? []).map((e) => `${e.jsonPointer}: ${e.error}`);
  return [problem.title || problem.type, problem.detail, ...errors].filter(Boolean).join('; ');
}

export function createEntryClient(options: EntryClientOptions): EntryClient {
  const { sourceId } = options;
  const now = options.now ?? Date.now;
  const base = options.entryUrl.replace(/\/+$/, '');
  const searchBase = options.searchUrl.replace(/\/+$/, '');
  const http = new HttpClient({ sourceId, ...options.http, onRetry: options.onRetry, signal: options.signal });
  const stats = { tokenRequests: 0, requests: 0, retries: 0 };
  let cached: CachedToken | undefined;
  let pending: Promise<CachedToken> | undefined;

  const requestToken = async (): Promise<CachedToken> => {
    stats.tokenRequests++;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret });
    const requestedAt = now();
    const res = await http.request('POST', options.tokenUrl, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      accept: refusal,
    });
    let answer: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
    try {
      answer = JSON.parse(res.body) as typeof answer;
    } catch {
      // described below
    }
    if (res.status >= 400) {
      const detail = [answer.error, answer.error_description].filter((v) => typeof v === 'string').join(': ') || `HTTP ${res.status}`;
      throw new EntryApiError(
        `Source ${sourceId}: UiTdatabank's authorization server refused a token for client ${options.clientId} (HTTP ${res.status}: ${detail}); check the client id and secret`,
        'POST', new URL(options.tokenUrl).pathname,
        { type: 'https://api.publiq.be/probs/auth/unauthorized', title: 'Token refused', status: res.status, detail },
      );
    }
    if (typeof answer.access_token !== 'string' || answer.access_token === '') {
      throw new SourceContractError(`Source ${sourceId}: the token endpoint answered without an access_token`, { code: 'ENTRY_TOKEN_MALFORMED', context: { sourceId } });
    }
    const lifetimeMs = (typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 300) * 1000;
    const margin = Math.min(options.refreshMarginMs ?? 120_000, lifetimeMs / 2);
    return { token: answer.access_token, renewAt: requestedAt + lifetimeMs - margin };
  };

  /** The cached token, or a new one (one request however many callers wait for it). */
  const token = async (): Promise<string> => {
    if (cached && now() < cached.renewAt) return cached.token;
    pending ??= requestToken().finally(() => {
      pending = undefined;
    });
    cached = await pending;
    return cached.token;
  };

  /** One Entry API request; a 401 renews the token once; a refusal throws EntryApiError. */
  const call = async (method: string, path: string, body?: unknown, gone: number[] = []): Promise<HttpResponse> => {
    for (let attempt = 1; ; attempt++) {
      const bearer = await token();
      const retriesBefore = http.retries;
      stats.requests++;
      const res = await http.request(method, `${base}${path}`, {
        headers: {
          authorization: `Bearer ${bearer}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        accept: refusal,
        // A create that timed out may have landed: the push step's intent finds it, a retry would make a twin.
        once: method === 'POST',
      });
      stats.retries += http.retries - retriesBefore;
      if (res.status === 401 && attempt === 1) {
        if (cached?.token === bearer) cached = undefined;
        continue;
      }
      if (res.status >= 400 && !gone.includes(res.status)) {
        const problem = problemOf(res);
        throw new EntryApiError(`Source ${sourceId}: UiTdatabank refused ${method} ${path} (HTTP ${res.status}): ${describeProblem(problem)}`, method, path, problem);
      }
      return res;
    }
  };

  const json = (res: HttpResponse, what: string): EntryDocument => {
    try {
      const parsed = JSON.parse(res.body) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as EntryDocument;
    } catch {
      // below
    }
    throw new SourceContractError(`Source ${sourceId}: ${what} answered HTTP ${res.status} without a JSON object`, { code: 'ENTRY_MALFORMED_ANSWER', context: { sourceId, page: res.url } });
  };

  return {
    stats,

    async create(kind: EntryKind, body: EntryDocument) {
      const res = await call('POST', `/${kind}`, body);
      const answer = json(res, `POST /${kind}`);
      const id = answer.id ?? answer[`${kind.slice(0, -1)}Id`];
      if (typeof id !== 'string' || id === '') {
        throw new SourceContractError(`Source ${sourceId}: POST /${kind} answered without the new id`, { code: 'ENTRY_MALFORMED_ANSWER', context: { sourceId } });
      }
      return { id, url: typeof answer.url === 'string' ? answer.url : undefined };
    },

    async get(kind: EntryKind, id: string) {
      const path = `/${kind}/${encodeURIComponent(id)}`;
      const res = await call('GET', path, undefined, [404, 410]);
      return res.status === 404 || res.status === 410 ? undefined : json(res, `GET ${path}`);
    },

    async update(kind: EntryKind, id: string, update: EntryUpdate) {
      await call(update.method, `/${kind}/${encodeURIComponent(id)}/${ENCODED_PATH(update.path)}`, update.body);
    },

    async remove(kind: EntryKind, id: string) {
      await call('DELETE', `/${kind}/${encodeURIComponent(id)}`, undefined, [404, 410]);
    },

    async uploadImage(body: EntryDocument) {
      const res = await call('POST', '/images', body);
      const answer = json(res, 'POST /images');
      const id = answer.imageId ?? answer.id;
      if (typeof id !== 'string' || id === '') {
        throw new SourceContractError(`Source ${sourceId}: POST /images answered without the image id`, { code: 'ENTRY_MALFORMED_ANSWER', context: { sourceId } });
      }
      return { id, url: typeof answer['@id'] === 'string' ? answer['@id'] : undefined };
    },

    async search(kind: EntryKind, params: Record<string, string>) {
      const url = new URL(`${searchBase}/${kind}/`);
      for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
      const retriesBefore = http.retries;
      stats.requests++;
      const res = await http.request('GET', url.toString(), {
        headers: { accept: 'application/json', 'x-client-id': options.searchClientId ?? options.clientId },
        accept: refusal,
      });
      stats.retries += http.retries - retriesBefore;
      const path = `/${kind}/${url.search}`;
      if (res.status >= 400) {
        const problem = problemOf(res);
        throw new EntryApiError(`Source ${sourceId}: UiTdatabank Search refused GET ${path} (HTTP ${res.status}): ${describeProblem(problem)}`, 'GET', path, problem);
      }
      const member = json(res, `Search GET ${path}`).member;
      return Array.isArray(member) ? member.filter((m): m is EntryDocument => typeof m === 'object' && m !== null && !Array.isArray(m)) : [];
    },
  };
}
