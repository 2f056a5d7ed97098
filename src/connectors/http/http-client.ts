/**
 * HTTP for connectors: per-request timeout, retries with exponential backoff and full jitter
 * on network errors, timeouts and 5xx, `Retry-After` honoured on 429/503, and no retries on
 * 4xx (an auth failure must not become a retry storm). Errors name the source and URL.
 */
import { SourceContractError, SourceUnavailableError } from '../../core/errors.js';
import { charsetOf, decodeText, encodingName } from '../../core/text-decoding.js';
import type { HttpSettings } from './http-settings.js';

export interface HttpClientOptions {
  sourceId: string;
  /** Per-request timeout in milliseconds. @defaultValue 30000 */
  timeoutMs?: number;
  /** Attempts per request, the first included. @defaultValue 5 */
  maxAttempts?: number;
  /** Base of the exponential backoff in milliseconds. @defaultValue 500 */
  backoffMs?: number;
  /** Longest single wait, whatever Retry-After says, in milliseconds. @defaultValue 60000 */
  maxDelayMs?: number;
  /** Headers sent with every request (auth). Computed per request when a function. */
  headers?: Record<string, string> | ((url: string) => Record<string, string>);
  /** Called before each retry with the reason; for progress counts and logs. */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
  signal?: AbortSignal;
}

export interface HttpResponse {
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); }, { once: true });
  });

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A body as text: its BOM, else the Content-Type charset (an unknown label is ignored, as
 * browsers do), else an XML declaration's encoding for XML types, else UTF-8, with U+FFFD for
 * bytes that break it (as `Response.text()` would, which ignores the charset altogether).
 */
export function responseText(bytes: Uint8Array, contentType: string | null, url: string): string {
  const charset = charsetOf(contentType);
  return decodeText(bytes, {
    where: url,
    declared: charset && encodingName(charset) ? charset : undefined,
    xml: /[/+]xml\b/i.test(contentType ?? ''),
    lenient: true,
  }).text;
}

export class HttpClient {
  private readonly options: Required<Omit<HttpClientOptions, 'headers' | 'onRetry' | 'signal'>> & HttpClientOptions;
  retries = 0;
  requests = 0;
  /** Retries since the last `drainRetryNotes`, described for a connector's progress messages. */
  private retryNotes: string[] = [];

  constructor(options: HttpClientOptions) {
    this.options = { timeoutMs: 30000, maxAttempts: 5, backoffMs: 500, maxDelayMs: 60000, ...options };
    if (this.options.maxAttempts < 1) throw new Error('maxAttempts must be at least 1');
  }

  /** The client of one source, with the HTTP settings every HTTP connector accepts. */
  static forSource(sourceId: string, settings: HttpSettings, headers: HttpClientOptions['headers'], signal?: AbortSignal): HttpClient {
    const { timeoutMs, maxAttempts, backoffMs, maxDelayMs } = settings;
    return new HttpClient({ sourceId, timeoutMs, maxAttempts, backoffMs, maxDelayMs, headers, signal });
  }

  /** The retries made since the last call, one line each (`retrying URL in N ms (reason)`). */
  drainRetryNotes(): string[] {
    return this.retryNotes.splice(0);
  }

  async get(url: string, init: { headers?: Record<string, string> } = {}): Promise<HttpResponse> {
    return this.request('GET', url, init);
  }

  /**
   * One request with retries. `accept` lists the non-2xx statuses the caller reads itself (e.g. a
   * 4xx whose problem body it reports): those come back as responses instead of errors, unretried.
   * `once`: the request creates something, so a timeout, network error or 5xx is not repeated (it
   * may have landed); only a 429 is, since it says the request was not processed.
   */
  async request(method: string, url: string, init: { headers?: Record<string, string>; body?: string; accept?: (status: number) => boolean; once?: boolean } = {}): Promise<HttpResponse> {
    const { sourceId, maxAttempts, backoffMs, maxDelayMs, timeoutMs } = this.options;
    let lastReason = '';
    let attempts = 0;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      attempts = attempt;
      const base = typeof this.options.headers === 'function' ? this.options.headers(url) : this.options.headers ?? {};
      let retryAfterMs: number | undefined;
      try {
        this.requests++;
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = this.options.signal ? AbortSignal.any([timeout, this.options.signal]) : timeout;
        const res = await fetch(url, { method, headers: { ...base, ...init.headers }, body: init.body, signal });
        const body = responseText(new Uint8Array(await res.arrayBuffer()), res.headers.get('content-type'), url);
        if (res.ok || init.accept?.(res.status)) return { url, status: res.status, headers: res.headers, body };
        if (res.status === 429 || res.status === 503) {
          retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
          lastReason = `HTTP ${res.status}`;
        } else if (res.status >= 500) {
          lastReason = `HTTP ${res.status}`;
        } else {
          const hint = res.status === 401 || res.status === 403 ? ' (check the credentials)' : '';
          throw new SourceContractError(
            `Source ${sourceId}: ${method} ${url} answered HTTP ${res.status}${hint}: ${body.slice(0, 200)}`,
            { code: `HTTP_${res.status}`, context: { sourceId, page: url, status: res.status } },
          );
        }
      } catch (error) {
        if (error instanceof SourceContractError) throw error;
        if (this.options.signal?.aborted) throw this.options.signal.reason;
        const name = (error as Error).name;
        lastReason = name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : `network error: ${(error as Error).message}`;
      }
      // A request that must not land twice (a create) is repeated only after a 429, which says it was not processed.
      if (attempt === maxAttempts) break;
      if (init.once && lastReason !== 'HTTP 429') {
        lastReason += '; not repeated, since it may have landed';
        break;
      }
      const backoff = Math.random() * backoffMs * 2 ** (attempt - 1);
      const delayMs = Math.min(maxDelayMs, retryAfterMs ?? backoff);
      this.retries++;
      this.retryNotes.push(`retrying ${url} in ${Math.round(delayMs)} ms (${lastReason})`);
      this.options.onRetry?.({ url, attempt, delayMs, reason: lastReason });
      await sleep(delayMs, this.options.signal);
    }
    throw new SourceUnavailableError(`Source ${sourceId}: ${method} ${url} failed after ${attempts} attempt${attempts === 1 ? '' : 's'} (${lastReason})`, {
      code: 'SOURCE_UNAVAILABLE',
      context: { sourceId, page: url },
    });
  }
}
