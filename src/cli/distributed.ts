/**
 * The distributed-mode side of the CLI: `hub worker`, `hub harvest` through the queue, and what `hub serve` adds when
 * hub.redisUrl (or $REDIS_URL) is set: the queues for the API, schedules as BullMQ job
 * schedulers, and, when the store is the embedded one, the publish worker (the serve process owns
 * the store, so it is the only process that writes to it).
 */
import { createServer, type Server } from 'node:http';
import type { HubConfig } from '../config/schema.js';
import { redact } from '../config/load.js';
import type { Logger } from '../core/logger.js';
import { registry } from '../core/metrics.js';
import type { Hub } from '../pipeline/hub.js';
import type { RunSummary } from '../reports/run-summary.js';
import { createStore } from '../store/create-store.js';
import { safeRedisUrl } from '../queue/connection.js';
import { HubQueueSet } from '../queue/hub-queues.js';
import { enqueueHarvest, enqueueStartHarvests, scheduleSources } from '../queue/producers.js';
import { redisMatchLock } from '../queue/match-lock.js';
import { WorkerPool, type WorkerRole } from '../queue/worker-pool.js';

export interface DistributedServe {
  queues: HubQueueSet;
  startSchedules(): Promise<void>;
  close(): Promise<void>;
}

export async function startDistributedServe(hub: Hub, log: Logger): Promise<DistributedServe> {
  const queues = new HubQueueSet(hub.config);
  // On a remote store the publish workers of other processes match too: the curators' re-clustering here takes turns with them.
  if (hub.config.hub.store.type === 'sparql') hub.match?.useLock(redisMatchLock(queues.state, Math.max(hub.config.hub.queue.lockMs, 30_000)));
  // With the embedded store this process is its only writer; a remote store is written by the workers.
  const pool = hub.config.hub.store.type === 'oxigraph' ? await WorkerPool.start(hub.config, { roles: ['publish'], store: hub.store, log, match: hub.match }) : undefined;
  log.info({ mode: 'distributed', prefix: queues.prefix, publishes: pool !== undefined }, 'queues ready');
  return {
    queues,
    async startSchedules() {
      const scheduled = await scheduleSources(queues, hub.config);
      const started = await enqueueStartHarvests(queues, hub.config);
      log.info({ scheduled, started }, 'schedules registered');
    },
    async close() {
      await pool?.close();
      await queues.close();
    },
  };
}

export interface WorkerCommandOptions {
  concurrency?: string;
  roles?: string;
  metricsPort?: string;
}

/** `hub worker`: runs until SIGTERM/SIGINT, then hands back harvests and finishes its other jobs. */
export async function runWorker(config: HubConfig, log: Logger, opts: WorkerCommandOptions): Promise<void> {
  const remote = config.hub.store.type === 'sparql';
  const roles = (opts.roles ? opts.roles.split(',').map((r) => r.trim()) : ['harvest', 'process', ...(remote ? ['publish'] : [])]) as WorkerRole[];
  for (const r of roles) if (!['harvest', 'process', 'publish'].includes(r)) throw new Error(`--roles: unknown role "${r}" (harvest, process, publish)`);
  if (roles.includes('publish') && !remote) throw new Error('--roles publish needs a remote store (hub.store.type: sparql); the embedded store is published by `hub serve`');
  const store = roles.includes('publish') ? await createStore(config.hub) : undefined;
  await store?.open();
  const concurrency = Number(opts.concurrency ?? 1);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('--concurrency must be a positive integer');
  const pool = await WorkerPool.start(config, { roles, concurrency, store, log });
  let metrics: Server | undefined;
  if (opts.metricsPort !== undefined) {
    metrics = createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end();
      void registry.metrics().then((body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body));
    }).listen(Number(opts.metricsPort), config.hub.host);
  }
  log.info({ roles, concurrency, pid: process.pid, settings: { ...redact(config.hub), redisUrl: safeRedisUrl(config.hub.redisUrl ?? '') } }, 'worker started');
  process.stderr.write(`hub worker ${process.pid} ready (${roles.join(', ')}; concurrency ${concurrency})\n`);
  const stop = async (signal: string) => {
    log.info({ signal }, 'worker stopping: handing back harvests, finishing running jobs');
    metrics?.close();
    await pool.close();
    await store?.close();
    log.info({}, 'worker stopped');
    log.flush?.();
    setTimeout(() => process.exit(0), 100);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** `hub harvest` in distributed mode: enqueues the run and follows it until it is closed. */
export async function harvestThroughQueue(config: HubConfig, sourceId: string, opts: { full?: boolean; onProgress?: (run: RunSummary) => void }): Promise<RunSummary> {
  const queues = new HubQueueSet(config);
  try {
    const { runId, created } = await enqueueHarvest(queues, sourceId, { full: opts.full, trigger: 'cli' });
    if (!created) process.stderr.write(`A harvest of ${sourceId} was already waiting; following run ${runId}\n`);
    for (;;) {
      const done = (await queues.state.runs(sourceId)).find((r) => r.runId === runId);
      if (done) return done;
      const counted = await queues.state.run(runId);
      if (counted) opts.onProgress?.(counted);
      // A short poll: the wait for the run's close is part of every `hub harvest` (two Redis reads per look).
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await queues.close();
  }
}
