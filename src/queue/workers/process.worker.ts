/**
 * The process job: an adapter over the process step (pipeline/steps/process.ts) for one batch of
 * harvested items (the CPU-heavy stage; any worker, in parallel). It encodes the batch's graphs
 * once and hands them, with the batch's counts and problems, to a `publish` job of the same
 * sequence number. Per-record mapping failures are counted, not thrown; only a source that cannot
 * be set up at all (mapping file, shapes, connector block) fails the job, for good.
 */
import type { Job } from 'bullmq';
import { ChangeBatch } from '../../pipeline/change-batch.js';
import { emptyCounts, type RecordProblem } from '../../reports/run-summary.js';
import { RunTally } from '../../pipeline/steps/count.js';
import { processItem, publishContext } from '../../pipeline/steps/process.js';
import { serverDirs } from '../../pipeline/steps/server-dirs.js';
import { encodeBatch } from '../../pipeline/steps/publish.js';
import { packChanges } from '../../store/encoded-graphs.js';
import { forQueue } from '../job-errors.js';
import { batchJobId, QueueName, type ProcessJobData } from '../queues.js';
import type { WorkerContext } from '../worker-context.js';

export function processProcessor(ctx: WorkerContext) {
  const { set } = ctx;
  return async (job: Job<ProcessJobData, void>): Promise<void> => {
    const { sourceId, runId, seq } = job.data;
    const log = ctx.log.child({ sourceId, runId, jobId: job.id, seq });
    try {
      const rt = await ctx.runtime(sourceId);
      const pctx = publishContext(ctx.config.hub.baseIri, rt, runId, ctx.matching.matcher);
      const changes = new ChangeBatch();
      const counted = { ...emptyCounts(), problems: [] as RecordProblem[] };
      const tally = new RunTally(counted, sourceId, Infinity, serverDirs(ctx.config.hub, rt.source));
      const now = new Date().toISOString();
      for (const item of job.data.items) {
        // Mapping is CPU work: let the worker renew its job locks between records.
        if (item.type === 'record') await new Promise((r) => setImmediate(r));
        const outcome = await processItem(rt, pctx, item, { tally, changes }, now);
        if (outcome && outcome.kind !== 'published') log.info({ recordId: outcome.problem.recordId, stage: outcome.problem.stage }, `record ${outcome.kind}`);
      }
      const { problems, ...counts } = counted;
      const encoded = encodeBatch(changes.take());
      await set.queues.publish.add(
        'publish',
        { sourceId, runId, seq, changes: packChanges(encoded), checkpoint: job.data.checkpoint, counts, problems, pages: job.data.pages, listing: job.data.listing },
        { jobId: batchJobId(QueueName.Publish, sourceId, runId, seq) },
      );
    } catch (error) {
      log.error({ err: error }, 'batch could not be processed');
      throw forQueue(error);
    }
  };
}
