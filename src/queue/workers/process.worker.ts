/**
 * The process job: maps and validates one batch of raw records (the CPU-heavy stage; any worker,
 * in parallel) and hands the resulting graph writes, counts and problems to a `publish` job with
 * the same sequence number. Per-record mapping failures are counted, not thrown; only a source
 * that cannot be set up at all (mapping file, shapes, connector block) fails the job, for good.
 */
import type { Job } from 'bullmq';
import { toNQuads } from '../../core/rdf.js';
import { recordsMapped, recordsRejected } from '../../core/metrics.js';
import { ChangeBatch } from '../../pipeline/change-batch.js';
import { processRecord, publishContext } from '../../pipeline/process-record.js';
import { deleteWrites } from '../../pipeline/record-publisher.js';
import type { RecordProblem } from '../../reports/run-summary.js';
import { forQueue } from '../job-errors.js';
import { batchJobId, type ProcessJobData, type RunCounts } from '../queues.js';
import type { WorkerContext } from '../worker-context.js';

export function processProcessor(ctx: WorkerContext) {
  const { set } = ctx;
  return async (job: Job<ProcessJobData, void>): Promise<void> => {
    const { sourceId, runId, seq } = job.data;
    const log = ctx.log.child({ sourceId, runId, jobId: job.id, seq });
    try {
      const rt = await ctx.runtime(sourceId);
      const pctx = publishContext(ctx.config.hub.baseIri, rt, runId);
      const batch = new ChangeBatch();
      const counts: RunCounts = { seen: 0, published: 0, rejected: 0, deleted: 0, errors: job.data.problems.length, warnings: 0, nonConforming: 0 };
      const problems: RecordProblem[] = [...job.data.problems];
      const now = new Date().toISOString();
      for (const item of job.data.items) {
        if (item.type === 'delete') {
          counts.deleted++;
          const { drop, put } = deleteWrites(item.recordId, pctx, item.deleted ?? now);
          batch.drop(drop);
          batch.put(put);
          continue;
        }
        counts.seen++;
        // Mapping is CPU work: let the worker renew its job locks between records.
        await new Promise((r) => setImmediate(r));
        const outcome = await processRecord(rt, pctx, item.record, now);
        if (outcome.nonConforming) counts.nonConforming++;
        if (outcome.cleaned) problems.push(outcome.cleaned);
        if (outcome.kind === 'published') {
          recordsMapped.inc({ source: sourceId });
          counts.published++;
          if (outcome.problem) problems.push(outcome.problem);
          if (outcome.problem || outcome.cleaned) counts.warnings++;
          batch.put(outcome.writes);
        } else {
          if (outcome.kind === 'rejected') recordsMapped.inc({ source: sourceId });
          recordsRejected.inc({ source: sourceId });
          counts[outcome.kind === 'error' ? 'errors' : 'rejected']++;
          problems.push(outcome.problem);
          log.info({ recordId: outcome.problem.recordId, stage: outcome.problem.stage }, `record ${outcome.kind}`);
        }
      }
      const changes = batch.take();
      await set.queues.publish.add(
        'publish',
        {
          sourceId,
          runId,
          seq,
          put: (changes.put ?? []).map((w) => ({ graph: w.graph, nquads: toNQuads(w.quads) })),
          drop: changes.drop ?? [],
          checkpoint: job.data.checkpoint,
          counts,
          problems,
          pages: job.data.pages,
          listing: job.data.listing,
        },
        { jobId: batchJobId(sourceId, runId, seq) },
      );
    } catch (error) {
      log.error({ err: error }, 'batch could not be processed');
      throw forQueue(error);
    }
  };
}
