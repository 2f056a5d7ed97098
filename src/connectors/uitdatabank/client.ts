/**
 * UiTdatabank Search API v3 client. Every harvest query asks for embedded JSON-LD bodies,
 * sorted by `modified` ascending within a modification-date window, and lifts the default
 * filters that would hide documents a hub must know about:
 *   workflowStatus → the published plus the withdrawn statuses (REJECTED, DELETED: become deletes);
 *   availableFrom=*, availableTo=* → documents not yet / no longer shown on calendars are still data;
 *   addressCountry=* → venues abroad; audienceType=* → members-only and school events.
 * /organizers has no modifiedFrom/modifiedTo parameters, so its window is the advanced query
 * field `modified:[… TO …]`.
 */
import { HttpClient } from '../http/http-client.js';
import type { UitdatabankConfig, UitEntity } from './config.js';

export interface UitPage {
  url: string;
  body: string;
}

/** ISO 8601 with a numeric offset, the form the API documents. */
export const uitDate = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

const luceneDate = (iso: string) => iso.replace(/:/g, '\\:');

export class UitdatabankClient {
  readonly http: HttpClient;

  constructor(private readonly config: UitdatabankConfig, sourceId: string, signal?: AbortSignal) {
    this.http = HttpClient.forSource(sourceId, config, { accept: 'application/json', 'x-client-id': config.clientId }, signal);
  }

  searchUrl(entity: UitEntity, window: { from?: string; until: string }, start: number, limit: number): string {
    const url = new URL(`${this.config.baseUrl.replace(/\/$/, '')}/${entity}/`);
    const q = url.searchParams;
    for (const [key, value] of Object.entries(this.config.query)) q.set(key, value);
    const kind = entity === 'organizers' ? 'organizers' : 'offers';
    q.set('workflowStatus', [...this.config.publishedStatuses[kind], ...this.config.withdrawnStatuses[kind]].join(','));
    if (entity === 'organizers') {
      const range = `modified:[${window.from ? luceneDate(window.from) : '*'} TO ${luceneDate(window.until)}]`;
      q.set('q', this.config.query.q ? `(${this.config.query.q}) AND ${range}` : range);
    } else {
      for (const filter of ['availableFrom', 'availableTo', 'addressCountry', 'audienceType']) q.set(filter, '*');
      if (window.from) q.set('modifiedFrom', window.from);
      q.set('modifiedTo', window.until);
    }
    q.set('embed', 'true');
    q.set('sort[modified]', 'asc');
    q.set('start', String(start));
    q.set('limit', String(limit));
    return url.toString();
  }

  async get(url: string): Promise<UitPage> {
    const res = await this.http.get(url);
    return { url, body: res.body };
  }
}
