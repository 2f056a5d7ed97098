/**
 * Looking at and replaying jobs, for `hub jobs` and the admin API: list jobs of a state (failed
 * by default), show one (its error and attempts), retry a failed one. Views leave out the batch
 * payloads (records, N-Quads), which can be large; `show` gives their sizes.
 */
import type { Job } from 'bullmq';
import { BadRequestError, NotFoundError } from '../core/errors.js';
import type { HubQueueSet } from './hub-queues.js';
import { QUEUE_NAMES, type QueueName } from './queues.js';

export const JOB_STATES = ['failed', 'active', 'waiting', 'delayed', 'completed', 'prioritized'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobView {
  queue: string;
  id: string;
  name: string;
  state?: string;
  sourceId?: string;
  runId?: string;
  seq?: number;
  attemptsMade: number;
  attempts: number;
  failedReason?: string;
  createdAt: string;
  processedAt?: string;
  finishedAt?: string;
  /** Set by `show`: the error's stack per attempt, payload sizes, the result. */
  stacktrace?: string[];
  payload?: Record<string, number>;
  result?: unknown;
}

const iso = (ms?: number) => (ms ? new Date(ms).toISOString() : undefined);

function view(queue: string, job: Job, state?: string): JobView {
  const d = job.data as { sourceId?: string; runId?: string; seq?: number };
  return {
    queue,
    id: job.id!,
    name: job.name,
    state,
    sourceId: d.sourceId,
    runId: d.runId,
    seq: d.seq,
    attemptsMade: job.attemptsMade,
    attempts: job.opts.attempts ?? 1,
    failedReason: job.failedReason || undefined,
    createdAt: iso(job.timestamp)!,
    processedAt: iso(job.processedOn),
    finishedAt: iso(job.finishedOn),
  };
}

function queuesOf(queue?: string): QueueName[] {
  if (!queue) return [...QUEUE_NAMES];
  if (!(QUEUE_NAMES as readonly string[]).includes(queue)) throw new BadRequestError(`Unknown queue "${queue}" (known: ${QUEUE_NAMES.join(', ')})`);
  return [queue as QueueName];
}

export async function listJobs(set: HubQueueSet, options: { state?: string; queue?: string; limit?: number } = {}): Promise<JobView[]> {
  const state = (options.state ?? 'failed') as JobState;
  if (!JOB_STATES.includes(state)) throw new BadRequestError(`Unknown job state "${state}" (known: ${JOB_STATES.join(', ')})`);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 1000);
  const out: JobView[] = [];
  for (const name of queuesOf(options.queue)) {
    const jobs = await set.queues[name].getJobs([state], 0, limit - 1);
    out.push(...jobs.filter(Boolean).map((j) => view(name, j, state)));
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
}

/**
 * The jobs with this id, one per queue that holds it. Batch job ids name their queue
 * (queues.ts batchJobId), but jobs enqueued before they did share ids between process and publish.
 */
async function findAll(set: HubQueueSet, id: string, queue?: string): Promise<{ queue: QueueName; job: Job }[]> {
  const found: { queue: QueueName; job: Job }[] = [];
  for (const name of queuesOf(queue)) {
    const job = await set.queues[name].getJob(id);
    if (job) found.push({ queue: name, job });
  }
  if (!found.length) throw new NotFoundError(`No job "${id}"${queue ? ` in queue ${queue}` : ''}`);
  return found;
}

async function find(set: HubQueueSet, id: string, queue?: string): Promise<{ queue: QueueName; job: Job }> {
  return (await findAll(set, id, queue))[0]!;
}

export async function showJob(set: HubQueueSet, id: string, queue?: string): Promise<JobView> {
  const { queue: name, job } = await find(set, id, queue);
  const payload = Object.fromEntries(Object.entries(job.data as Record<string, unknown>).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown[]).length]));
  return { ...view(name, job, await job.getState()), stacktrace: job.stacktrace ?? [], payload, result: job.returnvalue ?? undefined };
}

/** Replays a failed job (its attempts start again). */
export async function retryJob(set: HubQueueSet, id: string, queue?: string): Promise<JobView> {
  const found = await findAll(set, id, queue);
  const states = await Promise.all(found.map((f) => f.job.getState()));
  const failed = states.indexOf('failed');
  if (failed < 0) throw new BadRequestError(`Job "${id}" is ${states.join(' / ')}, only failed jobs are retried`);
  const { queue: name, job } = found[failed]!;
  await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  return view(name, job, 'waiting');
}
