/**
 * The BullMQ workers of one process. `hub worker` runs harvest + process (and publish when the
 * store is a remote SPARQL store every worker can reach); `hub serve` in distributed mode with
 * the embedded store runs the publish worker alone, as the store's single owner. Closing hands
 * back running harvests (they resume elsewhere from the last checkpoint) and lets the short
 * process/publish jobs finish.
 */
import { Worker, type Job } from 'bullmq';
import type { HubConfig } from '../config/schema.js';
import type { Logger } from '../core/logger.js';
import { jobDuration } from '../core/metrics.js';
import type { Store } from '../store/store.js';
import { HubQueueSet } from './hub-queues.js';
import { QueueName } from './queues.js';
import { WorkerContext } from './worker-context.js';
import { defaultMatching } from '../pipeline/matching/default-matching.js';
import type { MatchingSetup } from '../pipeline/matching/setup.js';
import { MatchStep } from '../pipeline/steps/match.js';
import { redisMatchLock } from './match-lock.js';
import { harvestProcessor } from './workers/harvest.worker.js';
import { processProcessor } from './workers/process.worker.js';
import { publishProcessor } from './workers/publish.worker.js';

export type WorkerRole = 'harvest' | 'process' | 'publish';

export interface WorkerPoolOptions {
  roles: WorkerRole[];
  /** Jobs one worker process runs in parallel per queue. @defaultValue 1 */
  concurrency?: number;
  /** Needed for the publish role. */
  store?: Store;
  log: Logger;
  /**
   * Matching (docs/data-model.md, Entity matching): the setup (null for none; default
   * defaultMatching()), or the match step the process already has for this store (`hub serve`).
   */
  matching?: MatchingSetup | null;
  match?: MatchStep;
}

export class WorkerPool {
  private readonly workers: Worker[] = [];

  private constructor(readonly set: HubQueueSet) {}

  static async start(config: HubConfig, options: WorkerPoolOptions): Promise<WorkerPool> {
    const set = new HubQueueSet(config, 'worker');
    const pool = new WorkerPool(set);
    const { lockMs } = config.hub.queue;
    const setup = options.matching === null ? undefined : (options.matching ?? defaultMatching(config));
    // Publish workers of several processes share a remote store: their match steps take turns.
    const lock = config.hub.store.type === 'sparql' ? redisMatchLock(set.state, Math.max(lockMs, 30_000)) : undefined;
    const step = options.match ?? (setup && options.store && options.roles.includes('publish') ? new MatchStep(setup, options.store, config.hub.baseIri, { lock }) : undefined);
    const ctx = new WorkerContext(config, set, options.log, options.store, { matcher: options.match?.matcher ?? setup?.matcher, step });
    const common = {
      connection: set.workerConnection,
      prefix: set.prefix,
      concurrency: options.concurrency ?? 1,
      lockDuration: lockMs,
      stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
      // A killed worker's job comes back; only a job that kills workers again and again fails.
      maxStalledCount: 5,
    };
    const timed = <T, R>(queue: string, fn: (job: Job<T, R>, token?: string, signal?: AbortSignal) => Promise<R>) =>
      async (job: Job<T, R>, token?: string, signal?: AbortSignal): Promise<R> => {
        const end = jobDuration.startTimer({ queue });
        try {
          const result = await fn(job, token, signal);
          end({ outcome: 'completed' });
          return result;
        } catch (error) {
          end({ outcome: (error as Error).name === 'DelayedError' ? 'delayed' : 'failed' });
          throw error;
        }
      };
    if (options.roles.includes('harvest')) pool.workers.push(new Worker(QueueName.Harvest, timed(QueueName.Harvest, harvestProcessor(ctx)), common));
    if (options.roles.includes('process')) pool.workers.push(new Worker(QueueName.Process, timed(QueueName.Process, processProcessor(ctx)), common));
    if (options.roles.includes('publish')) {
      if (!options.store) throw new Error('The publish worker needs the store');
      pool.workers.push(new Worker(QueueName.Publish, timed(QueueName.Publish, publishProcessor(ctx, options.store)), common));
    }
    for (const w of pool.workers) {
      w.on('error', (error) => options.log.error({ err: error, queue: w.name }, 'worker error'));
      w.on('failed', (job, error) => options.log.warn({ queue: w.name, jobId: job?.id, sourceId: (job?.data as { sourceId?: string })?.sourceId, err: error }, 'job failed'));
    }
    await Promise.all(pool.workers.map((w) => w.waitUntilReady()));
    return pool;
  }

  get roles(): string[] {
    return this.workers.map((w) => w.name);
  }

  /** Hands back running harvests, lets other running jobs finish, then disconnects. */
  async close(): Promise<void> {
    for (const w of this.workers) if (w.name === QueueName.Harvest) w.cancelAllJobs('worker stopping');
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await this.set.close();
  }
}
