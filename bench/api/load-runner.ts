/**
 * Load over loopback and its row in the results table: autocannon for concurrent load, or one
 * request after another (for requests slower than a run, which autocannon would not count).
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface BenchRequest {
  path: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
}

export interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export interface RunOptions {
  connections: number;
  /** Seconds. */
  duration: number;
  /** Seconds before a request counts as an error. @defaultValue 10 */
  timeout?: number;
}

export async function measure(name: string, origin: string, requests: BenchRequest[], options: RunOptions): Promise<Row> {
  const result = await autocannon({ url: origin, connections: options.connections, duration: options.duration, timeout: options.timeout ?? 10, requests: requests as never });
  const row: Row = {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
  console.error(`${name}: ${row.rps} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, max ${row.max} ms, ${row.requests} requests, errors ${row.errors}, non-2xx ${row.non2xx}`);
  return row;
}

export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;

/** Sends one request after another for `seconds` (at least `minRequests`); latencies in ms with sub-ms resolution. */
export async function timeSequential(url: string, headers: Record<string, string>, seconds: number, minRequests: number): Promise<{ latencies: number[]; errors: number; elapsedMs: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end || latencies.length + errors < minRequests) {
    const t0 = performance.now();
    const r = await fetch(url, { headers, signal: AbortSignal.timeout(600_000) });
    await r.arrayBuffer();
    // Virtuoso answers a query it cut at its own time limit with 200 and X-SQL-State: not an answer.
    if (r.ok && !r.headers.get('x-sql-state')) latencies.push(performance.now() - t0);
    else errors++;
  }
  latencies.sort((a, b) => a - b);
  return { latencies, errors, elapsedMs: performance.now() - started };
}

/** A row from one request after another (one connection). */
export async function measureSequential(name: string, origin: string, request: BenchRequest, seconds: number, minRequests: number): Promise<Row> {
  const { latencies, errors, elapsedMs } = await timeSequential(origin + request.path, request.headers ?? {}, seconds, minRequests);
  const round = (n: number) => Math.round(n);
  const row: Row = { name, rps: Math.round((latencies.length / elapsedMs) * 1000 * 100) / 100, p50: round(quantile(latencies, 0.5)), p99: round(quantile(latencies, 0.99)), max: round(latencies.at(-1) ?? NaN), requests: latencies.length, errors, non2xx: 0 };
  console.error(`${name}: ${row.rps} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, max ${row.max} ms, ${row.requests} requests, errors ${row.errors}`);
  return row;
}

export function table(rows: Row[]): string {
  const head = '| scenario | req/s | p50 ms | p99 ms | max ms | requests | errors | non-2xx |\n|---|---:|---:|---:|---:|---:|---:|---:|';
  return [head, ...rows.map((r) => `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.max} | ${r.requests} | ${r.errors} | ${r.non2xx} |`)].join('\n');
}
