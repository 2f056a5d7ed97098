/**
 * A client of another Reconciliation Service API 0.2 endpoint (a term network, Wikidata's
 * service, another hub): reads the manifest and sends reconciliation queries in batches, POSTed
 * form-encoded as `queries=` the way OpenRefine sends them, through the connectors' HttpClient
 * (timeouts, retries with backoff, Retry-After on 429/503, no retry on other 4xx). Every answer
 * is checked (zod) before it is used; a malformed one is a SourceContractError that names the
 * service and the query it answered, so a curator's report can say which question went wrong.
 */
import { z } from 'zod';
import { SourceContractError } from '../../core/errors.js';
import { HttpClient, type HttpClientOptions } from '../http/http-client.js';

export type PropertyValue = string | number | boolean | { id: string; name?: string };

export interface ReconciliationQuery {
  query: string;
  /** The service's own type id(s) (Wikidata `Q5`, a term network's scheme class, …). */
  type?: string | string[];
  limit?: number;
  properties?: { pid: string; v: PropertyValue | PropertyValue[] }[];
}

const CandidateSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().optional(),
  score: z.number().finite(),
  match: z.boolean().optional(),
  type: z.array(z.union([z.string(), z.object({ id: z.string(), name: z.string().optional() }).passthrough()])).optional(),
  features: z.array(z.object({ id: z.string(), value: z.union([z.number(), z.boolean()]) }).passthrough()).optional(),
}).passthrough();

const ResultSchema = z.object({ result: z.array(CandidateSchema) }).passthrough();

const ManifestSchema = z
  .object({
    versions: z.array(z.string()).optional(),
    name: z.string(),
    identifierSpace: z.string(),
    schemaSpace: z.string(),
    defaultTypes: z.array(z.object({ id: z.string(), name: z.string() }).passthrough()).optional(),
  })
  .passthrough();

export type ReconciliationCandidate = z.infer<typeof CandidateSchema>;
export type ReconciliationManifest = z.infer<typeof ManifestSchema>;

export interface ReconciliationClientOptions {
  /** Queries per request. @defaultValue 10 (OpenRefine's) */
  batchSize?: number;
  /** HTTP behaviour (timeouts, attempts, backoff); the source id defaults to `reconciliation <host>`. */
  http?: Partial<HttpClientOptions>;
}

/** The part of the client the pipeline needs, so tests and other services can stand in for it. */
export interface ReconciliationLookup {
  /** Who answers (for suggestions and errors): the service URL. */
  readonly service: string;
  /** One candidate list per query, in the order of the queries. */
  reconcile(queries: readonly ReconciliationQuery[]): Promise<ReconciliationCandidate[][]>;
}

/** "q3 ("James Ensor", type Q5)": a query as errors name it. */
const describeQuery = (key: string, q: ReconciliationQuery) => `${key} (${JSON.stringify(q.query)}${q.type ? `, type ${[q.type].flat().join('|')}` : ''})`;

const issues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`).join('; ');

export class ReconciliationClient implements ReconciliationLookup {
  readonly service: string;
  readonly http: HttpClient;
  private readonly batchSize: number;

  constructor(serviceUrl: string, options: ReconciliationClientOptions = {}) {
    this.service = serviceUrl;
    this.batchSize = options.batchSize ?? 10;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new Error(`batchSize must be a positive integer, not ${this.batchSize}`);
    this.http = new HttpClient({ sourceId: `reconciliation ${new URL(serviceUrl).host}`, ...options.http });
  }

  async manifest(): Promise<ReconciliationManifest> {
    const response = await this.http.get(this.service, { headers: { accept: 'application/json' } });
    const parsed = ManifestSchema.safeParse(this.json(response.body, 'its manifest'));
    if (!parsed.success) throw this.error(`its manifest is not a Reconciliation API manifest: ${issues(parsed.error)}`, 'manifest');
    return parsed.data;
  }

  async reconcile(queries: readonly ReconciliationQuery[]): Promise<ReconciliationCandidate[][]> {
    const out: ReconciliationCandidate[][] = [];
    for (let start = 0; start < queries.length; start += this.batchSize) {
      out.push(...(await this.batch(queries.slice(start, start + this.batchSize), start)));
    }
    return out;
  }

  /** One request: keys q{n} numbered across the whole call, so an error names the same query a caller counted. */
  private async batch(queries: readonly ReconciliationQuery[], offset: number): Promise<ReconciliationCandidate[][]> {
    const keys = queries.map((_, i) => `q${offset + i}`);
    const body = new URLSearchParams({ queries: JSON.stringify(Object.fromEntries(keys.map((k, i) => [k, queries[i]]))) }).toString();
    const response = await this.http.request('POST', this.service, {
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const what = `the batch ${keys[0]}–${keys.at(-1)}`;
    const answer = this.json(response.body, what);
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) throw this.error(`${what} was answered with ${Array.isArray(answer) ? 'an array' : typeof answer}, not an object of results`, keys[0]);
    return keys.map((key, i) => {
      const raw = (answer as Record<string, unknown>)[key];
      if (raw === undefined) throw this.error(`no answer to query ${describeQuery(key, queries[i])}`, key);
      const parsed = ResultSchema.safeParse(raw);
      if (!parsed.success) throw this.error(`the answer to query ${describeQuery(key, queries[i])} is malformed: ${issues(parsed.error)}`, key);
      return parsed.data.result;
    });
  }

  private json(body: string, what: string): unknown {
    try {
      return JSON.parse(body) as unknown;
    } catch (e) {
      throw this.error(`${what} was answered with text that is not JSON (${(e as Error).message}): ${body.slice(0, 120)}`, what);
    }
  }

  private error(message: string, query: string): SourceContractError {
    return new SourceContractError(`Reconciliation service ${this.service}: ${message}`, {
      code: 'RECONCILIATION_ANSWER',
      context: { sourceId: `reconciliation ${new URL(this.service).host}`, page: this.service, query },
    });
  }
}
