/**
 * Ticketmatic API v1 client. Each request is signed afresh (the signature covers a
 * second-precision UTC timestamp the server checks against its clock):
 *   Authorization: TM-HMAC-SHA256 key={accessKey} ts={yyyy-MM-ddTHH:mm:ss} sign={hex HMAC-SHA256(secretKey, accessKey + account + ts)}
 * Only the public event endpoints are reachable through it: contacts and orders carry personal
 * data and are refused here, before any request is made.
 */
import { createHmac } from 'node:crypto';
import { HttpClient } from '../http/http-client.js';
import type { TicketmaticConfig } from './config.js';

/** Paths (relative to the account) the hub may read; everything else is personal or irrelevant. */
const PUBLIC_PATHS = [/^events$/, /^events\/\d+$/, /^eventstream$/, /^settings\/events\/eventlocations$/];

export function tmAuthorization(config: Pick<TicketmaticConfig, 'accessKey' | 'secretKey' | 'account'>, at = Date.now()): string {
  const ts = new Date(at).toISOString().slice(0, 19);
  const sign = createHmac('sha256', config.secretKey).update(config.accessKey + config.account + ts).digest('hex');
  return `TM-HMAC-SHA256 key=${config.accessKey} ts=${ts} sign=${sign}`;
}

export class TicketmaticClient {
  readonly http: HttpClient;

  constructor(private readonly config: TicketmaticConfig, sourceId: string, signal?: AbortSignal) {
    this.http = HttpClient.forSource(sourceId, config, () => ({ accept: 'application/json', authorization: tmAuthorization(config) }), signal);
  }

  url(path: string, params: Record<string, string | number | undefined> = {}): string {
    if (!PUBLIC_PATHS.some((p) => p.test(path))) throw new Error(`Ticketmatic path ${path} is not a public event endpoint; the hub never reads it`);
    const url = new URL(`${this.config.baseUrl.replace(/\/$/, '')}/${encodeURIComponent(this.config.account)}/${path}`);
    for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  }

  /** GET returning the raw body; a 404 resolves to undefined (a deleted event). */
  async get(url: string): Promise<string | undefined> {
    try {
      return (await this.http.get(url)).body;
    } catch (error) {
      if ((error as { code?: string }).code === 'HTTP_404' && /\/events\/\d+$/.test(new URL(url).pathname)) return undefined;
      throw error;
    }
  }
}
