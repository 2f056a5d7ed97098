/**
 * Putting work on the queues: a harvest now (API, CLI), and the sources' schedules as BullMQ
 * job schedulers (repeatable jobs, one per source, kept in Redis so that any number of `hub
 * serve` processes agree on them). A harvest asked for while one of the same source waits is
 * the same job (deduplication); one that arrives while a run is going is skipped by the worker.
 */
import { createHash } from 'node:crypto';
import type { Job } from 'bullmq';
import type { HubConfig } from '../config/schema.js';
import { findConnector } from '../connectors/index.js';
import { NotFoundError } from '../core/errors.js';
import { newRunId } from '../reports/run-summary.js';
import type { HubQueueSet } from './hub-queues.js';
import type { HarvestJobData } from './queues.js';

export interface EnqueuedHarvest {
  jobId: string;
  runId: string;
  /** False when a harvest of this source was already waiting (that job is returned). */
  created: boolean;
}

export async function enqueueHarvest(set: HubQueueSet, sourceId: string, options: { full?: boolean; trigger: HarvestJobData['trigger'] }): Promise<EnqueuedHarvest> {
  if (!set.config.sources.some((s) => s.id === sourceId)) throw new NotFoundError(`No source "${sourceId}" in the configuration`);
  const runId = newRunId();
  const job = await set.queues.harvest.add('harvest', { sourceId, full: options.full, trigger: options.trigger, runId }, { deduplication: { id: `harvest-${sourceId}` } });
  const data = job.data as HarvestJobData;
  return { jobId: job.id!, runId: data.runId ?? runIdOf(job), created: data.runId === runId };
}

/** The run id of a harvest job: given by its producer, else derived from the job (stable across retries). */
export function runIdOf(job: Job<HarvestJobData>): string {
  if (job.data.runId) return job.data.runId;
  const stamp = new Date(job.timestamp).toISOString().replace(/[-:.]/g, '').slice(0, 18);
  return `${stamp}-${createHash('sha256').update(job.id ?? '').digest('hex').slice(0, 8)}`;
}

/**
 * How often a source is harvested on schedule, ms: its `everyMinutes`, else the interval its
 * connector asks for (an LDES stream's ldes:pollingInterval, as saved with the last checkpoint,
 * else the connector's pollIntervalSeconds); undefined when neither applies.
 */
async function scheduleEvery(set: HubQueueSet, source: HubConfig['sources'][number]): Promise<number | undefined> {
  if (source.schedule.everyMinutes) return source.schedule.everyMinutes * 60_000;
  const definition = findConnector(source.connector.type);
  if (!definition?.pollIntervalSeconds) return undefined;
  const seconds = definition.pollIntervalSeconds(definition.configSchema.parse(source.connector), (await set.state.position(source.id)).checkpoint);
  return seconds ? Math.max(1, seconds) * 1000 : undefined;
}

/** Registers each enabled source's schedule (and removes schedules of sources no longer scheduled). */
export async function scheduleSources(set: HubQueueSet, config: HubConfig): Promise<string[]> {
  const scheduled: string[] = [];
  for (const source of config.sources) {
    const id = `schedule-${source.id}`;
    const every = source.enabled ? await scheduleEvery(set, source) : undefined;
    if (every) {
      // The first tick one period from now: starting harvests is onStart's business.
      await set.queues.harvest.upsertJobScheduler(id, { every, startDate: Date.now() + every }, { name: 'harvest', data: { sourceId: source.id, trigger: 'schedule' } });
      scheduled.push(source.id);
    } else {
      await set.queues.harvest.removeJobScheduler(id);
    }
  }
  return scheduled;
}

/** The on-start harvests: `always`, or `if-never-run` for sources without a finished run. */
export async function enqueueStartHarvests(set: HubQueueSet, config: HubConfig): Promise<string[]> {
  const started: string[] = [];
  for (const source of config.sources.filter((s) => s.enabled)) {
    const { onStart } = source.schedule;
    const neverRun = !(await set.state.runs(source.id)).some((r) => r.status === 'completed');
    if (onStart === 'always' || (onStart === 'if-never-run' && neverRun)) {
      await enqueueHarvest(set, source.id, { trigger: 'schedule' });
      started.push(source.id);
    }
  }
  return started;
}
