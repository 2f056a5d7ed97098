/**
 * The harvest job: an adapter over the harvest step (pipeline/steps/harvest.ts), which reads one
 * source's connector from its saved checkpoint and cuts the stream into batches, one per connector
 * checkpoint (a page); each is enqueued as a `process` job with the checkpoint to save once the
 * batch is published. Only one run per source goes at a time (the
 * run lock in Redis, held until the run's final publish; a scheduled tick meanwhile is dropped, an
 * explicit request waits its turn). It stays a few batches ahead of
 * publishing (backpressure) and, when asked to stop (SIGTERM), hands itself back unfinished:
 * the next worker resumes from the last published checkpoint under the same run id.
 * The record ids the read mentions go to a Redis set before their batch is enqueued; a batch
 * that ends a listing of the whole source names that set, for the publish job to delete by
 * difference (pipeline/deletes-by-difference.ts), as the embedded run does.
 */
import type { Job } from 'bullmq';
import { errorMessage } from '../../core/errors.js';
import { emptyCounts } from '../../reports/run-summary.js';
import { harvestBatches } from '../../pipeline/steps/harvest.js';
import { forQueue, handBack, isLastAttempt } from '../job-errors.js';
import { runIdOf } from '../producers.js';
import { batchJobId, QueueName, type BatchItem, type BatchListing, type HarvestJobData, type HarvestJobResult } from '../queues.js';
import type { WorkerContext } from '../worker-context.js';

/** Most records in one batch when the connector checkpoints less often. */
const MAX_BATCH_RECORDS = 500;
/** Most mentioned ids held before they are sent to Redis. */
const MAX_PENDING_MENTIONS = 10000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function harvestProcessor(ctx: WorkerContext) {
  const { set } = ctx;
  const settings = ctx.config.hub.queue;
  return async (job: Job<HarvestJobData, HarvestJobResult>, token?: string, signal?: AbortSignal): Promise<HarvestJobResult> => {
    const { sourceId } = job.data;
    const runId = runIdOf(job);
    const log = ctx.log.child({ sourceId, runId, jobId: job.id });
    if (!(await set.state.lock(sourceId, runId, settings.runLockMs))) {
      const holder = await set.state.lockHolder(sourceId);
      // A scheduled tick during a run is dropped; an explicit request runs after the current run.
      if (job.data.trigger !== 'schedule') return handBack(job, token, 2000);
      log.info({ holder }, 'scheduled harvest skipped: another run of the source is going');
      return { runId, skipped: `run ${holder ?? '?'} of ${sourceId} is still going` };
    }
    const full = job.data.full === true;
    if (full) {
      // A full run read again (handed back, or its worker died) starts over: its deletes-by-difference
      // need the whole listing. The earlier read's batches are published first and then left out of
      // the counts, and the new read numbers its batches after them, so no batch id is reused for
      // other records and every record of the run is counted once.
      const noted = await set.state.enqueuedSeq(runId);
      const applied = (await set.state.position(sourceId)).seq;
      let last = Math.max(noted, applied);
      // A worker killed between enqueueing a batch and noting it: the queue has the batch.
      while (await set.queues.process.getJob(batchJobId(QueueName.Process, sourceId, runId, last + 1))) last++;
      if (last > applied) {
        log.info({ applied, last }, 'full run read again: waiting for the batches of the earlier read');
        return handBack(job, token, 1000);
      }
      if (noted > 0) await set.state.resetCounts(runId);
    }
    const renew = setInterval(() => void set.state.lock(sourceId, runId, settings.runLockMs).catch(() => undefined), Math.max(1000, settings.runLockMs / 3));
    const startedAt = new Date().toISOString();
    let seq = 0;
    let firstSeq = 0;
    let records = 0;
    try {
      const position = await set.state.position(sourceId);
      seq = position.seq;
      firstSeq = seq + 1;
      await set.state.startRun(runId, { sourceId, startedAt, full });
      const rt = await ctx.runtime(sourceId);
      log.info({ full, fromSeq: firstSeq, attempt: job.attemptsMade + 1 }, 'harvest started');
      /** This read's mentioned ids (a Redis set). */
      const mentions = await set.state.newMentions(runId);
      const enqueue = async (items: BatchItem[], checkpoint: unknown, pages?: number, listing?: BatchListing) => {
        seq++;
        await set.queues.process.add('process', { sourceId, runId, seq, items, checkpoint, pages, listing }, { jobId: batchJobId(QueueName.Process, sourceId, runId, seq) });
        await set.state.markEnqueued(runId, seq);
        // Backpressure: do not run far ahead of what is published.
        while (seq - (await set.state.position(sourceId)).seq > settings.maxBatchesAhead) {
          if (signal?.aborted) break;
          await sleep(200);
        }
      };
      // A full run read again after a crash starts over (its deletes-by-difference need the whole listing).
      const from = full ? undefined : position.checkpoint;
      for await (const harvested of harvestBatches(rt, { from, full, signal, maxRecords: MAX_BATCH_RECORDS, maxMentioned: MAX_PENDING_MENTIONS })) {
        // In Redis before the batch can be published: a listing compares against every id so far.
        if (harvested.type === 'mentioned') {
          await set.state.mention(mentions, harvested.ids);
          continue;
        }
        const { batch } = harvested;
        await set.state.mention(mentions, batch.mentioned);
        records += batch.items.filter((i) => i.type === 'record').length;
        const listing = batch.listing && { ...batch.listing, mentions, mentioned: await set.state.mentionCount(mentions) };
        await enqueue(batch.items, batch.checkpoint?.state, batch.pages, listing);
      }
      if (signal?.aborted) {
        log.info({ seq }, 'harvest handed back (worker stopping)');
        return await handBack(job, token);
      }
      seq++;
      await set.queues.publish.add('final', finalJob(sourceId, runId, seq, startedAt, full), { jobId: batchJobId(QueueName.Publish, sourceId, runId, seq) });
      log.info({ records, batches: seq - firstSeq }, 'harvest read the source');
      return { runId, firstSeq, lastSeq: seq, records };
    } catch (error) {
      if (signal?.aborted) return await handBack(job, token);
      log.error({ err: error, attempt: job.attemptsMade + 1 }, 'harvest failed');
      if (isLastAttempt(job, error)) {
        // Close the run as failed once the batches before are published; the lock goes with it.
        await set.queues.publish
          .add('final', finalJob(sourceId, runId, seq + 1, startedAt, full, errorMessage(error)), { jobId: batchJobId(QueueName.Publish, sourceId, runId, seq + 1) })
          .catch((e) => log.error({ err: e }, 'could not close the failed run'));
      }
      throw forQueue(error);
    } finally {
      clearInterval(renew);
    }
  };
}

function finalJob(sourceId: string, runId: string, seq: number, startedAt: string, full: boolean, failure?: string) {
  return {
    sourceId,
    runId,
    seq,
    changes: { graphs: [], body: '', drop: [] },
    counts: emptyCounts(),
    problems: [],
    final: { startedAt, full, failure },
  };
}
