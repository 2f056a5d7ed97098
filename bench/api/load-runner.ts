/** One autocannon run over loopback and its row in the results table. */
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

export function table(rows: Row[]): string {
  const head = '| scenario | req/s | p50 ms | p99 ms | max ms | requests | errors | non-2xx |\n|---|---:|---:|---:|---:|---:|---:|---:|';
  return [head, ...rows.map((r) => `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.max} | ${r.requests} | ${r.errors} | ${r.non2xx} |`)].join('\n');
}
