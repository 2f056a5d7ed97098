/**
 * What each source's run is doing in distributed mode, for /sources and /health: whether a run
 * holds the source's run lock, and whether its publishing is stuck behind a failed process or
 * publish job (batches apply strictly in order, so nothing after that batch is published until
 * the job is retried: `hub jobs retry ID`).
 */
import type { HubQueueSet } from './hub-queues.js';
import { QueueName } from './queues.js';

/** Failed jobs looked at per queue. */
const MAX_FAILED = 1000;

export interface StuckRun {
  sourceId: string;
  runId: string;
  queue: string;
  jobId: string;
  /** The batch that cannot be published. */
  seq: number;
  /** Why, for people: the job's failure and what to do. */
  reason: string;
}

export interface SourceRunState {
  /** A run holds the source's run lock. */
  running: boolean;
  /** That run's id. */
  runId?: string;
  stuck?: StuckRun;
}

/** The sources' publishing stuck behind a failed job, the earliest batch per source. */
export async function stuckRuns(set: HubQueueSet): Promise<StuckRun[]> {
  const earliest = new Map<string, StuckRun>();
  const applied = new Map<string, number>();
  for (const queue of [QueueName.Process, QueueName.Publish] as const) {
    for (const job of await set.queues[queue].getJobs(['failed'], 0, MAX_FAILED - 1)) {
      if (!job) continue;
      const { sourceId, runId, seq } = job.data;
      if (!applied.has(sourceId)) applied.set(sourceId, (await set.state.position(sourceId)).seq);
      if (seq <= applied.get(sourceId)!) continue;
      const known = earliest.get(sourceId);
      if (known && known.seq <= seq) continue;
      const why = (job.failedReason || 'failed').split('\n')[0]!.slice(0, 300);
      earliest.set(sourceId, {
        sourceId,
        runId,
        queue,
        jobId: job.id!,
        seq,
        reason: `run ${runId} of ${sourceId} waits on failed ${queue} job ${job.id} (batch ${seq}): ${why}; retry it with \`hub jobs retry ${job.id}\``,
      });
    }
  }
  return [...earliest.values()];
}

export async function sourceRunStates(set: HubQueueSet, sourceIds: string[]): Promise<Map<string, SourceRunState>> {
  const stuck = new Map((await stuckRuns(set)).map((s) => [s.sourceId, s]));
  const out = new Map<string, SourceRunState>();
  for (const id of sourceIds) {
    const holder = await set.state.lockHolder(id);
    const s = stuck.get(id);
    out.set(id, { running: holder !== null, runId: holder ?? s?.runId, ...(s ? { stuck: s } : {}) });
  }
  return out;
}
