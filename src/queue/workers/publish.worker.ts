/**
 * The publish job: an adapter over the publish step (one batch's graphs, encoded once by the
 * process job, committed to the store as they are) and, for a run's last job, the close-run step.
 * After the commit, in one Redis script,
 * advances the source's sequence number, saves the batch's checkpoint and adds its counts.
 * Batches of a source apply strictly in order: a job whose predecessor is not applied yet goes
 * back to wait a moment (without using an attempt), and one already applied is a no-op. Commits
 * replace whole graphs, so a batch committed twice (a crash between commit and advance) leaves
 * the same graphs. Store trouble is retried with backoff; nothing is acknowledged before it.
 * A batch that ends a listing of the whole source then deletes the source's published records
 * the read did not mention, before its checkpoint is saved (as the embedded run does).
 * A run's last job then pushes the source into UiTdatabank when it is configured to (steps/push.ts).
 */
import type { Job } from 'bullmq';
import { recordsDeleted, recordsPublished } from '../../core/metrics.js';
import { ChangeBatch } from '../../pipeline/change-batch.js';
import { emptyCounts, type ListingOutcome, type RunSummary } from '../../reports/run-summary.js';
import { FreshGraphs } from '../../pipeline/first-harvest.js';
import { StateStore } from '../../pipeline/state-store.js';
import { closeListing, incompleteListing } from '../../pipeline/steps/close-listing.js';
import { closeRun } from '../../pipeline/steps/close-run.js';
import { scoresAtClose } from '../../pipeline/steps/run-scores.js';
import { publishChanges } from '../../pipeline/steps/publish.js';
import { pushAfterRun } from '../../pipeline/steps/push.js';
import { unpackChanges } from '../../store/encoded-graphs.js';
import type { Store } from '../../store/store.js';
import { forQueue, handBack, promoteWaiting } from '../job-errors.js';
import { batchJobId, QueueName, type PublishJobData, type PublishJobResult } from '../queues.js';
import type { WorkerContext } from '../worker-context.js';

/** How long a batch waits for its predecessor before looking again, ms. */
const ORDER_WAIT_MS = 250;

export function publishProcessor(ctx: WorkerContext, store: Store) {
  const { set } = ctx;
  const settings = ctx.config.hub.queue;
  const files = new StateStore(ctx.config.hub.dataDir);
  // A source's first harvest writes fresh graphs: no unchanged check, nothing to clear (first-harvest.ts).
  const freshGraphs = new FreshGraphs(store, files, ctx.config.hub.baseIri);
  return async (job: Job<PublishJobData, PublishJobResult>, token?: string): Promise<PublishJobResult> => {
    const d = job.data;
    const log = ctx.log.child({ sourceId: d.sourceId, runId: d.runId, jobId: job.id, seq: d.seq });
    const applied = (await set.state.position(d.sourceId)).seq;
    if (d.seq > applied + 1) return handBack(job, token, ORDER_WAIT_MS);
    try {
      if (d.seq <= applied) {
        // Applied before (a replay, or a crash after the advance): only make sure the run is closed.
        if (d.final && (await set.state.lockHolder(d.sourceId)) === d.runId) await finishRun(ctx, store, files, d);
        return { applied: false };
      }
      const changes = unpackChanges(d.changes);
      const fresh = await freshGraphs.of(d.sourceId, d.runId, changes.put ?? [], changes.drop ?? []);
      const { unchanged } = await publishChanges(store, { ...changes, ...(fresh.length ? { fresh } : {}) }, true, ctx.matching.step);
      const listing = d.listing ? await endListing(ctx, store, d) : undefined;
      const counts = { ...d.counts, unchanged: (d.counts.unchanged ?? 0) + unchanged, deleted: d.counts.deleted + (listing?.deleted ?? 0) };
      const summary = d.final ? await runSummary(ctx, d) : undefined;
      const advanced = await set.state.advance(d.sourceId, d.runId, d.seq, { checkpoint: d.checkpoint, counts, problems: d.problems, pages: d.pages, listing }, settings.runLockMs);
      if (advanced) {
        recordsPublished.inc({ source: d.sourceId }, counts.published);
        recordsDeleted.inc({ source: d.sourceId }, counts.deleted);
        // The run's next batch may be waiting for this one (handed back): it need not wait out its delay.
        if (!d.final) await promoteWaiting(set.queues.publish, batchJobId(QueueName.Publish, d.sourceId, d.runId, d.seq + 1));
      }
      // The lock goes only after the final seq is applied, so the next run numbers its batches after it.
      if (d.final) await finishRun(ctx, store, files, d, summary);
      return { applied: advanced, runFinished: d.final !== undefined };
    } catch (error) {
      log.error({ err: error, attempt: job.attemptsMade + 1 }, 'publish failed');
      throw forQueue(error);
    }
  };
}

/** Deletes the source's published records the read did not mention (the close-listing step); what the listing came to. */
async function endListing(ctx: WorkerContext, store: Store, d: PublishJobData): Promise<ListingOutcome> {
  const { complete, reason, mentions, mentioned } = d.listing!;
  const log = (message: string, fields: Record<string, unknown>) => ctx.log.info(fields, message);
  if (!complete) return incompleteListing(reason, log, { sourceId: d.sourceId, runId: d.runId });
  // A set that lost ids (expired, Redis restarted without them) would delete records still at the source.
  const held = await ctx.set.state.mentionCount(mentions);
  if (held < mentioned) return incompleteListing(`the run's mentioned ids are no longer all in Redis (${held} of ${mentioned})`, log, { sourceId: d.sourceId, runId: d.runId });
  const changes = new ChangeBatch();
  return closeListing({
    store,
    ctx: { baseIri: ctx.config.hub.baseIri, source: ctx.source(d.sourceId), runId: d.runId },
    changes,
    mentioned: (ids) => ctx.set.state.mentioned(mentions, ids),
    // Through the publish step, so the tombstones keep what their records described.
    flush: async () => void (await publishChanges(store, changes.take(), false, ctx.matching.step)),
    log,
  });
}

/** The run's summary from its counters in Redis. */
async function runSummary(ctx: WorkerContext, d: PublishJobData): Promise<RunSummary> {
  const counted = await ctx.set.state.run(d.runId);
  return {
    ...(counted ?? { runId: d.runId, sourceId: d.sourceId, ...emptyCounts(), pages: 0, retries: 0, problems: [] }),
    startedAt: counted?.startedAt ?? d.final!.startedAt,
    full: d.final!.full,
    status: d.final!.failure ? 'failed' : 'completed',
    failure: d.final!.failure,
    finishedAt: new Date().toISOString(),
  };
}

/** Closes the run (close-run step: report, state file, JSON report), then releases the source's run lock and keeps the summary in Redis. */
async function finishRun(ctx: WorkerContext, store: Store, files: StateStore, d: PublishJobData, summary?: RunSummary): Promise<void> {
  const run = summary ?? (await runSummary(ctx, d));
  const scores = (r: RunSummary) => scoresAtClose({ store, baseIri: ctx.config.hub.baseIri, aggregator: ctx.config.hub.aggregator, baseDir: ctx.config.baseDir, sources: ctx.config.sources }, r);
  await closeRun({ store, states: files, baseIri: ctx.config.hub.baseIri, dataDir: ctx.config.hub.dataDir, retention: ctx.config.hub.reports, scores }, run);
  // The push step (UiTdatabank) while the run lock is held, so no next run of the source pushes beside it; it never throws.
  await pushAfterRun({ config: ctx.config, store, log: (message, fields) => ctx.log.info(fields, message) }, run);
  await ctx.set.state.unlock(d.sourceId, d.runId);
  await ctx.set.state.finishRun(run);
  await ctx.set.state.forgetMentions(d.runId);
  ctx.log.info({ sourceId: run.sourceId, runId: run.runId, status: run.status, seen: run.seen, published: run.published, rejected: run.rejected, deleted: run.deleted, errors: run.errors }, 'harvest finished');
}
