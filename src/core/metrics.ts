/**
 * The hub's Prometheus metrics (prom-client), one registry per process. Workers count what they
 * do; `/metrics` (API) and `hub worker --metrics-port` expose the registry. Names follow the
 * Prometheus conventions: `_total` counters, `_seconds` histograms, labels in snake_case.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'hub_process_' });

const perSource = (name: string, help: string) => new Counter({ name, help, labelNames: ['source'] as const, registers: [registry] });

export const recordsHarvested = perSource('hub_records_harvested_total', 'Records read from a source (each version counts)');
export const recordsMapped = perSource('hub_records_mapped_total', 'Records mapped to RDF');
export const recordsRejected = perSource('hub_records_rejected_total', 'Records kept out of the store (mapping error or shape violation under reject)');
export const recordsPublished = perSource('hub_records_published_total', 'Records whose graphs were committed to the store');
export const recordsDeleted = perSource('hub_records_deleted_total', 'Records dropped from the store after a source delete');

/** Time spent in each pipeline step (harvest: waiting on the connector; publish: store commits), summed over records and batches. */
export const stageSeconds = new Counter({
  name: 'hub_stage_seconds_total',
  help: 'Seconds spent in each pipeline stage (harvest, map, validate, publish)',
  labelNames: ['stage'] as const,
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: 'hub_job_duration_seconds',
  help: 'Time a worker spent on one job, by queue and outcome',
  labelNames: ['queue', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  registers: [registry],
});

export const queueJobs = new Gauge({
  name: 'hub_queue_jobs',
  help: 'Jobs in a queue by state (read from Redis when scraped)',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
});

export const storeQuads = new Gauge({
  name: 'hub_store_quads',
  help: 'Quads the embedded store holds (a count at most a few seconds old), read when scraped',
  registers: [registry],
});

export const storeQuadCeiling = new Gauge({
  name: 'hub_store_quad_ceiling',
  help: 'Most quads the embedded store accepts; a commit past it is refused (STORE_FULL)',
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: 'hub_http_request_duration_seconds',
  help: 'HTTP request latency by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});
