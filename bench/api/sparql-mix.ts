/**
 * The SPARQL query mix, run against the hub's /sparql and against Virtuoso over the same quads:
 * each query is first asked once of both and their answers compared (values only, as a sorted
 * list of rows; only the row count where a LIMIT without ORDER BY lets any rows through), then
 * timed request after request on one keep-alive connection, one endpoint at a time (sub-millisecond
 * resolution: autocannon rounds latencies to whole milliseconds, which makes ratios of fast
 * queries meaningless).
 */
import { CRM, DCT, NS, objectIri, START_TIME } from './bench-data.js';
import { quantile, timeSequential } from './load-runner.js';
import { HUB, PROV, XSD } from '../../src/core/vocab.js';

export interface MixQuery {
  id: string;
  what: string;
  query: string;
  /** LIMIT without ORDER BY: any rows are a right answer, so only their number is compared. */
  anyRows?: boolean;
}

/**
 * Every query that scans is tied to the benchmark's keeper (or to one of its entities), so that
 * other data in a shared Virtuoso cannot change its answer there.
 */
const KEEPER = `<${CRM}P50_has_current_keeper> <${NS}agent/museum>`;

/** @param records number of objects in the dataset (the text filter looks for one of them) */
export function queryMix(records: number): MixQuery[] {
  const e = `<${objectIri(42)}>`;
  const needle = Math.floor(records * 0.6);
  return [
    { id: 'Q1', what: 'point lookup: one title', query: `SELECT ?title WHERE { ${e} <${CRM}P102_has_title> ?title }` },
    { id: 'Q2', what: 'all triples of one entity', query: `SELECT ?p ?o WHERE { ${e} ?p ?o }` },
    { id: 'Q3', what: 'join, LIMIT 100: objects of a keeper with titles', query: `SELECT ?o ?t WHERE { ?o ${KEEPER} ; <${CRM}P102_has_title> ?t } LIMIT 100`, anyRows: true },
    { id: 'Q4', what: 'two hops: objects made by one agent, with titles', query: `SELECT ?o ?t WHERE { ?prod <${CRM}P14_carried_out_by> <${NS}agent/7> . ?o <${CRM}P108i_was_produced_by> ?prod ; <${CRM}P102_has_title> ?t }` },
    { id: 'Q5', what: 'provenance: record graph and publication time of one entity', query: `SELECT ?g ?t WHERE { GRAPH ?pg { ?g <${HUB('entity')}> ${e} ; <${PROV('generatedAtTime')}> ?t } }` },
    { id: 'Q6', what: "aggregate: a keeper's objects per material (GROUP BY over all objects)", query: `SELECT ?m (COUNT(?o) AS ?n) WHERE { ?o ${KEEPER} ; <${CRM}P45_consists_of> ?m } GROUP BY ?m` },
    {
      id: 'Q7',
      what: "range filter + count: a keeper's objects produced in the 1850s",
      query: `SELECT (COUNT(?o) AS ?n) WHERE { ?o ${KEEPER} ; <${CRM}P108i_was_produced_by> ?p . ?p <${START_TIME}> ?d FILTER(?d >= "1850-01-01"^^<${XSD('date')}> && ?d < "1860-01-01"^^<${XSD('date')}>) }`,
    },
    { id: 'Q8', what: "ORDER BY + LIMIT 10: a keeper's latest productions", query: `SELECT ?o ?d WHERE { ?o ${KEEPER} ; <${CRM}P108i_was_produced_by> ?p . ?p <${START_TIME}> ?d } ORDER BY DESC(?d) ?o LIMIT 10` },
    { id: 'Q9', what: "text filter over a keeper's descriptions, LIMIT 20", query: `SELECT ?o WHERE { ?o ${KEEPER} ; <${DCT}description> ?text FILTER(CONTAINS(?text, "object ${needle},")) } LIMIT 20` },
  ];
}

const ACCEPT = { accept: 'application/sparql-results+json' };
const path = (endpointPath: string, query: string) => `${endpointPath}?query=${encodeURIComponent(query)}`;

/** The answer's rows as sorted strings of values (datatype spellings differ between stores). */
async function answer(origin: string, endpointPath: string, query: string): Promise<{ rows: string[]; status: number; sqlState?: string }> {
  const r = await fetch(origin + path(endpointPath, query), { headers: ACCEPT, signal: AbortSignal.timeout(300_000) });
  const status = r.status;
  const sqlState = r.headers.get('x-sql-state') ?? undefined;
  if (!r.ok) return { rows: [await r.text()], status, sqlState };
  const json = (await r.json()) as { head: { vars: string[] }; results: { bindings: Record<string, { value: string }>[] } };
  const rows = json.results.bindings.map((b) => json.head.vars.map((v) => b[v]?.value ?? '').join('\t')).sort();
  return { rows, status, sqlState };
}

export interface Timing {
  requests: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface MixResult {
  query: MixQuery;
  rows: number;
  same: boolean;
  hub: Timing;
  virtuoso: Timing;
  /** hub p50 / Virtuoso p50 */
  ratio: number;
}

/** Sends the query again and again for `seconds` (at least `minRequests` times), one at a time. */
async function time(url: string, seconds: number, minRequests: number): Promise<Timing> {
  const { latencies, errors } = await timeSequential(url, ACCEPT, seconds, minRequests);
  return { requests: latencies.length, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), errors };
}

export interface Endpoint {
  origin: string;
  path: string;
}

export async function runMix(hub: Endpoint, virtuoso: Endpoint, records: number, seconds: number): Promise<MixResult[]> {
  const out: MixResult[] = [];
  for (const q of queryMix(records)) {
    const [a, b] = [await answer(hub.origin, hub.path, q.query), await answer(virtuoso.origin, virtuoso.path, q.query)];
    const same = a.status === 200 && b.status === 200 && !b.sqlState && (q.anyRows ? a.rows.length === b.rows.length : JSON.stringify(a.rows) === JSON.stringify(b.rows));
    if (!same) console.error(`${q.id}: answers differ (hub ${a.status}, ${a.rows.length} rows; Virtuoso ${b.status} ${b.sqlState ?? ''}, ${b.rows.length} rows): ${a.rows.slice(0, 3)} | ${b.rows.slice(0, 3)}`);
    const hubTiming = await time(hub.origin + path(hub.path, q.query), seconds, 5);
    const virtuosoTiming = await time(virtuoso.origin + path(virtuoso.path, q.query), seconds, 5);
    const ratio = hubTiming.p50 / virtuosoTiming.p50;
    console.error(`${q.id}: hub p50 ${hubTiming.p50.toFixed(2)} ms (${hubTiming.requests}), Virtuoso p50 ${virtuosoTiming.p50.toFixed(2)} ms (${virtuosoTiming.requests}), ratio ${ratio.toFixed(2)}`);
    out.push({ query: q, rows: a.rows.length, same, hub: hubTiming, virtuoso: virtuosoTiming, ratio });
  }
  return out;
}

export function mixTable(results: MixResult[]): string {
  const head =
    '| query | rows | same answer | hub p50 ms | hub p99 ms | hub runs (errors) | Virtuoso p50 ms | Virtuoso p99 ms | Virtuoso runs (errors) | p50 ratio hub/Virtuoso | within 2× |\n|---|---:|:---:|---:|---:|---:|---:|---:|---:|---:|:---:|';
  const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);
  const lines = results.map(
    (r) =>
      `| ${r.query.id} ${r.query.what} | ${r.rows} | ${r.same ? (r.query.anyRows ? 'yes (count)' : 'yes') : 'NO'} | ${ms(r.hub.p50)} | ${ms(r.hub.p99)} | ${r.hub.requests} (${r.hub.errors}) | ${ms(r.virtuoso.p50)} | ${ms(r.virtuoso.p99)} | ${r.virtuoso.requests} (${r.virtuoso.errors}) | ${r.ratio.toFixed(2)} | ${r.ratio <= 2 ? 'met' : 'not met'} |`,
  );
  return [head, ...lines].join('\n');
}
