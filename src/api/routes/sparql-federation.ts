/**
 * Federated queries: a query with SERVICE runs on Comunica, with the store as the local source
 * (triple patterns) and every SERVICE endpoint queried by Comunica itself. Only endpoints on the
 * allow-list (`hub.sparql.federationAllowList`) may be called; the hub never becomes an open proxy.
 * The SERVICE endpoints are found off the main thread, by query admission (admission/query-shape.ts).
 */
import { Readable } from 'node:stream';
import { defaultGraph, quad, type Quad, type Term } from '../../core/rdf.js';
import type { StoreReader } from '../../store/store.js';
import { HttpError } from '../http-errors.js';

/** Refuses (403) any SERVICE that is not an allow-listed endpoint; variables can never be checked. */
export function checkServices(services: string[], allowList: readonly string[]): void {
  const allowed = new Set(allowList.map((u) => u.replace(/\/$/, '')));
  for (const iri of services) {
    if (iri.startsWith('?')) throw new HttpError(403, `SERVICE ${iri}: a variable endpoint cannot be checked against the federation allow-list`);
    if (!allowed.has(iri.replace(/\/$/, ''))) throw new HttpError(403, `SERVICE <${iri}> is not on the federation allow-list (hub.sparql.federationAllowList)`);
  }
}

const sparqlTerm = (t: Term): string =>
  t.termType === 'NamedNode'
    ? `<${t.value}>`
    : t.termType === 'Literal'
      ? `${JSON.stringify(t.value)}${t.language ? `@${t.language}` : `^^<${t.datatype.value}>`}`
      : '';

/**
 * The store as an RDF/JS source for Comunica: each triple pattern becomes one SELECT on the
 * store (so the local part never goes back through the HTTP endpoint, which would loop on SERVICE).
 * The default graph is the union of all graphs, as on the endpoint. Once `signal` is aborted (the
 * query's time is up), no further SELECT is started and patterns end without error; each SELECT
 * gets only the time left until `deadline`.
 */
export function storeSource(store: StoreReader, deadline: number, signal?: AbortSignal, client?: string) {
  return {
    match(s?: Term | null, p?: Term | null, o?: Term | null, g?: Term | null): Readable {
      const bound = (t: Term | null | undefined, name: string) => (t && t.termType !== 'Variable' && t.termType !== 'BlankNode' ? sparqlTerm(t) : `?${name}`);
      const union = !g || g.termType === 'DefaultGraph';
      const pattern = `${bound(s, 's')} ${bound(p, 'p')} ${bound(o, 'o')}`;
      const query = union ? `SELECT * WHERE { ${pattern} }` : `SELECT * WHERE { GRAPH ${bound(g, 'g')} { ${pattern} } }`;
      const pick = (t: Term | null | undefined, row: Record<string, Term>, name: string) => (t && t.termType !== 'Variable' ? t : row[name]!);
      return Readable.from(
        (async function* () {
          // Stopped: the answer is already 504 and nothing reads this stream any more, so it just ends.
          // (An error here would be emitted by Comunica on an iterator without listeners, and an
          // unhandled 'error' event throws: it would take the whole server down.)
          if (signal?.aborted) return;
          let rows: Awaited<ReturnType<StoreReader['select']>>;
          try {
            // The public endpoint's default graph: the entities graph (as for a query the store answers alone).
            rows = await store.select(query, { timeoutMs: Math.max(1, deadline - Date.now()), client, defaultGraph: 'entities' });
          } catch (error) {
            if (signal?.aborted) return;
            throw error;
          }
          for (const row of rows) {
            yield quad(pick(s, row, 's') as Quad['subject'], pick(p, row, 'p') as Quad['predicate'], pick(o, row, 'o') as Quad['object'], union ? defaultGraph() : (pick(g, row, 'g') as Quad['graph']));
          }
        })(),
      );
    },
  };
}

export interface FederatedQuery {
  query: string;
  store: StoreReader;
  mediaType: string;
  timeoutMs: number;
  /** Who asks (per-client key): the store's patterns are tagged with it. */
  client?: string;
}

let engine: Promise<{ query: (q: string, ctx: Record<string, unknown>) => Promise<unknown>; resultToString: (r: unknown, t: string) => Promise<{ data: NodeJS.ReadableStream }> }> | undefined;

/** Loaded on first use: Comunica is large and most hubs never federate. */
function comunica() {
  engine ??= import('@comunica/query-sparql').then(({ QueryEngine }) => new QueryEngine() as never);
  return engine;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  return out;
}

/** Comunica's context key for an AbortSignal that aborts its pending HTTP requests (KeysHttp.httpAbortSignal). */
const HTTP_ABORT_SIGNAL = '@comunica/bus-http:http-abort-controller';

/**
 * Runs a federated query and serialises the answer; rejects with 504 past the time limit. The
 * work stops then too: pending requests to remote endpoints are aborted, the answer stream is
 * destroyed, and the store is not asked for anything more.
 */
export async function runFederated(input: FederatedQuery): Promise<string> {
  const qe = await comunica();
  const deadline = Date.now() + input.timeoutMs;
  const stop = new AbortController();
  let data: NodeJS.ReadableStream | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stop.abort(new Error('time limit'));
      (data as { destroy?: () => void } | undefined)?.destroy?.();
      reject(new HttpError(504, `Federated query stopped after ${input.timeoutMs} ms (time limit)`));
    }, input.timeoutMs);
  });
  try {
    const work = (async () => {
      const result = await qe.query(input.query, {
        sources: [storeSource(input.store, deadline, stop.signal, input.client)],
        httpTimeout: input.timeoutMs,
        [HTTP_ABORT_SIGNAL]: stop.signal,
        noCache: true,
      });
      if (stop.signal.aborted) throw new Error('time limit');
      ({ data } = await qe.resultToString(result, input.mediaType));
      return readAll(data);
    })();
    work.catch(() => undefined);
    return await Promise.race([work, timeout]);
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const cause = (error as { cause?: Error }).cause;
    throw new HttpError(502, `Federated query failed: ${(error as Error).message}${cause ? ` (${cause.message})` : ""}`);
  } finally {
    clearTimeout(timer);
  }
}
