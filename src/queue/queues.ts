/**
 * The hub's queues: their names and the data each job carries, typed end to end (producers and
 * workers import the same types). A harvest run of one source is
 *
 *   harvest  (one per source at a time) reads the connector page by page and enqueues, per page,
 *   process  maps and validates a batch of raw records (any worker, in parallel), then enqueues
 *   publish  commits the batch's graphs and, in the same step, advances the source's checkpoint.
 *            Publish jobs of a source apply strictly in `seq` order (a later one waits), so a
 *            newer version of a record is never overwritten by an older one.
 *
 * A last publish job (`final`) closes the run: run report, run summary, run lock released.
 */
import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import type { HubSettings } from '../config/schema.js';
import type { RecordProblem, RunCounts } from '../reports/run-summary.js';
import type { BatchItem } from '../pipeline/steps/harvest.js';
import type { PackedChanges } from '../store/encoded-graphs.js';

export type { BatchItem } from '../pipeline/steps/harvest.js';

export enum QueueName {
  Harvest = 'harvest',
  Process = 'process',
  Publish = 'publish',
}

export const QUEUE_NAMES = [QueueName.Harvest, QueueName.Process, QueueName.Publish] as const;

export interface HarvestJobData {
  sourceId: string;
  /** Read everything again, ignoring the saved cursor. */
  full?: boolean;
  /** Who asked: the API, the CLI, or the source's schedule. */
  trigger: 'api' | 'cli' | 'schedule';
  /** Set by producers; scheduled jobs derive it from the job id (stable across retries). */
  runId?: string;
}

export interface HarvestJobResult {
  runId: string;
  /** Publish sequence numbers this run used (first..last, the final job included). */
  firstSeq?: number;
  lastSeq?: number;
  records?: number;
  /** Why nothing was harvested (another run of the source is still going). */
  skipped?: string;
}

/**
 * The connector's `listing` message, carried by the batch it ends: once that batch is published,
 * the publish job deletes the source's published records whose ids are not in the read's
 * `mentions` set (Redis), or notes why the listing was incomplete.
 */
export interface BatchListing {
  complete: boolean;
  reason?: string;
  /** Redis key of the set of ids the read mentioned (RedisSourceState.newMentions). */
  mentions: string;
  /** How many ids that set held when the listing ended: a set found smaller (expired, lost with Redis) is not compared. */
  mentioned: number;
}

export interface ProcessJobData {
  sourceId: string;
  runId: string;
  /** Position of this batch in the source's publish order. */
  seq: number;
  /** Records, deletes and records the connector could not read, in the connector's order. */
  items: BatchItem[];
  /** The connector state to save once this batch is published. */
  checkpoint: unknown;
  pages?: number;
  /** The batch ends a listing of the source's complete current set. */
  listing?: BatchListing;
}

export interface PublishJobData {
  sourceId: string;
  runId: string;
  seq: number;
  /** Graphs to replace and drop, encoded once by the process job (N-Quads lines in their graph), packed for Redis. */
  changes: PackedChanges;
  /** Undefined: keep the saved checkpoint. */
  checkpoint?: unknown;
  counts: RunCounts;
  problems: RecordProblem[];
  pages?: number;
  /** The batch ends a listing of the source's complete current set: delete what it did not mention. */
  listing?: BatchListing;
  /** The last job of a run: close it (report, summary, lock). */
  final?: { startedAt: string; full: boolean; failure?: string };
}

export interface PublishJobResult {
  applied: boolean;
  runFinished?: boolean;
}

export type HubQueues = {
  harvest: Queue<HarvestJobData, HarvestJobResult, string>;
  process: Queue<ProcessJobData, void, string>;
  publish: Queue<PublishJobData, PublishJobResult, string>;
};

/** Retries with exponential backoff; finished jobs are kept a while for `hub jobs`. */
export function defaultJobOptions(settings: HubSettings): DefaultJobOptions {
  return {
    attempts: settings.queue.attempts,
    backoff: { type: 'exponential', delay: settings.queue.backoffMs },
    removeOnComplete: { age: 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

export function createQueues(settings: HubSettings, connection: ConnectionOptions): HubQueues {
  const opts = { connection, prefix: settings.queue.prefix, defaultJobOptions: defaultJobOptions(settings) };
  return {
    harvest: new Queue<HarvestJobData, HarvestJobResult, string>(QueueName.Harvest, opts),
    process: new Queue<ProcessJobData, void, string>(QueueName.Process, opts),
    publish: new Queue<PublishJobData, PublishJobResult, string>(QueueName.Publish, opts),
  };
}

export async function closeQueues(queues: HubQueues): Promise<void> {
  await Promise.allSettled(Object.values(queues).map((q) => q.close()));
}

/**
 * The id of a run's batch `seq` in one queue. The queue's name comes first: a batch has a process
 * and a publish job, and an id names one job of the hub (`hub jobs retry ID`). BullMQ reserves
 * `:` and plain integers.
 */
export const batchJobId = (queue: QueueName.Process | QueueName.Publish, sourceId: string, runId: string, seq: number) => `${queue}.${sourceId}.${runId}.${seq}`;
