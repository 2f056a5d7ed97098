/**
 * OAI-PMH client: builds verb requests, sends them through the retrying HttpClient (HTTP
 * Basic when configured) and parses the answer. Protocol errors are returned, not thrown,
 * because their meaning depends on the caller (`noRecordsMatch` ends a list normally).
 */
import { HttpClient } from '../http/http-client.js';
import { SourceContractError } from '../../core/errors.js';
import type { OaiPmhConfig } from './config.js';
import { parseOaiResponse, OaiParseError, salvageOaiResponse, type OaiResponse } from './oai-xml.js';

export interface OaiListArgs {
  metadataPrefix: string;
  set?: string;
  from?: string;
  until?: string;
}

export interface Identify {
  repositoryName?: string;
  granularity: 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ';
  deletedRecord: 'no' | 'transient' | 'persistent';
  earliestDatestamp?: string;
}

/** A page came back, but not as readable OAI-PMH XML (truncated, HTML error page...). */
export class OaiPageError extends Error {
  constructor(readonly page: string, message: string) {
    super(message);
  }
}

export class OaiPmhClient {
  readonly http: HttpClient;

  constructor(private readonly config: OaiPmhConfig, private readonly sourceId: string, signal?: AbortSignal) {
    const auth: Record<string, string> = {};
    if (config.username !== undefined) auth.authorization = `Basic ${Buffer.from(`${config.username}:${config.password ?? ''}`).toString('base64')}`;
    this.http = HttpClient.forSource(sourceId, config, { accept: 'text/xml, application/xml', ...auth }, signal);
  }

  url(params: Record<string, string | undefined>): string {
    const url = new URL(this.config.baseUrl);
    for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
    return url.toString();
  }

  /** Fetches and parses one request; OaiPageError when the body is not OAI-PMH XML. */
  async fetch(params: Record<string, string | undefined>): Promise<{ url: string; response: OaiResponse }> {
    const url = this.url(params);
    const res = await this.http.get(url);
    try {
      return { url, response: parseOaiResponse(res.body) };
    } catch (error) {
      if (!(error instanceof OaiParseError)) throw error;
      // One broken record must not make its whole page (and so the run) fail.
      const salvaged = salvageOaiResponse(res.body);
      if (salvaged) return { url, response: salvaged };
      throw new OaiPageError(url, error.message);
    }
  }

  async identify(): Promise<Identify> {
    const { url, response } = await this.fetch({ verb: 'Identify' });
    if (response.errors.length || !response.identify) {
      throw new SourceContractError(`Source ${this.sourceId}: Identify at ${url} failed: ${response.errors.map((e) => `${e.code} ${e.message}`).join('; ') || 'no Identify element'}`, {
        code: 'OAI_IDENTIFY', context: { sourceId: this.sourceId, page: url },
      });
    }
    const id = response.identify;
    return {
      repositoryName: id.repositoryName,
      granularity: id.granularity === 'YYYY-MM-DDThh:mm:ssZ' ? 'YYYY-MM-DDThh:mm:ssZ' : 'YYYY-MM-DD',
      deletedRecord: id.deletedRecord === 'persistent' || id.deletedRecord === 'transient' ? id.deletedRecord : 'no',
      earliestDatestamp: id.earliestDatestamp,
    };
  }

  /** The metadataPrefix values the repository offers. */
  async metadataFormats(): Promise<string[]> {
    const { response } = await this.fetch({ verb: 'ListMetadataFormats' });
    return response.metadataFormats ?? [];
  }

  list(verb: 'ListRecords' | 'ListIdentifiers', args: OaiListArgs | { resumptionToken: string }) {
    return this.fetch({ verb, ...args });
  }

  listIdentifiers(args: OaiListArgs | { resumptionToken: string }) {
    return this.list('ListIdentifiers', args);
  }

  getRecord(identifier: string, metadataPrefix = this.config.metadataPrefix) {
    return this.fetch({ verb: 'GetRecord', identifier, metadataPrefix });
  }
}

/** A date (ISO 8601 or an OAI datestamp) in the repository's granularity, for from/until. */
export function toGranularity(date: string, granularity: Identify['granularity']): string {
  const ms = Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${date}`);
  const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return granularity === 'YYYY-MM-DD' ? iso.slice(0, 10) : iso;
}
