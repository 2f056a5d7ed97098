/**
 * One harvest run of one source, in-process: the driver over the steps (steps/: harvest →
 * process (map, validate, reconcile) → publish → close run) that the queue workers adapt too.
 * Writes are batched into store commits (one in flight while the next batch is mapped); a connector checkpoint is saved only after the
 * commit that holds every record before it, so a crash loses nothing acknowledged and
 * resumes at the last checkpoint (records after it are read again; publishing is idempotent).
 * Harvesting goes on while that commit is on its way: the checkpoint is saved behind it.
 * A run that lists the source's complete current set ends its listing by deleting the source's
 * published records it did not mention (deletes-by-difference.ts), in the commit before the
 * checkpoint that follows.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { HubSettings } from '../config/schema.js';
import { errorMessage } from '../core/errors.js';
import { withoutDirs } from '../core/paths.js';
import { recordsDeleted, recordsPublished } from '../core/metrics.js';
import type { Store } from '../store/store.js';
import { ChangeBatch } from './change-batch.js';
import { firstHarvest, PutRecords } from './first-harvest.js';
import { emptyCounts, newRunId, type RunCounts, type RunScores, type RunSummary } from '../reports/run-summary.js';
import type { SourceRuntime } from './source-runtime.js';
import type { StateStore } from './state-store.js';
import { closeListing, incompleteListing } from './steps/close-listing.js';
import { closeRun } from './steps/close-run.js';
import { RunTally } from './steps/count.js';
import { serverDirs } from './steps/server-dirs.js';
import { harvestBatches, type HarvestBatch } from './steps/harvest.js';
import { processItem, publishContext } from './steps/process.js';
import type { MatchStep } from './steps/match.js';
import { publishChanges } from './steps/publish.js';

export type { SourceRuntime } from './source-runtime.js';

export interface RunOptions {
  full?: boolean;
  signal?: AbortSignal;
  /** Called after every page/commit with the counts so far. */
  onProgress?: (run: RunSummary) => void;
  /** Records per store commit. @defaultValue 500 */
  batchSize?: number;
  /** Most problems kept in the run report (counts stay exact). @defaultValue 10000 */
  maxProblems?: number;
  /** Logs each record kept out of the store (rejected, or a mapping or harvest error) with sourceId, runId and recordId. */
  log?: (message: string, fields: Record<string, unknown>) => void;
  /** The hub's match step (steps/match.ts): features extracted here, batches matched where they are committed. */
  match?: MatchStep;
  /** Called once the run is closed, before runSource resolves: the push step (steps/push.ts). Must not reject. */
  afterClose?: (run: RunSummary) => Promise<unknown>;
  /** The run's scores at its close, kept with its summary (steps/run-scores.ts). */
  scores?: (run: RunSummary) => Promise<RunScores | undefined>;
}

export async function runSource(hub: Pick<HubSettings, 'baseIri' | 'dataDir'> & Partial<Pick<HubSettings, 'reports'>>, rt: SourceRuntime, store: Store, states: StateStore, options: RunOptions = {}): Promise<RunSummary> {
  const { source } = rt;
  const batchSize = options.batchSize ?? 500;
  const runId = newRunId();
  const run: RunSummary = {
    runId,
    sourceId: source.id,
    startedAt: new Date().toISOString(),
    status: 'running',
    full: options.full === true,
    ...emptyCounts(),
    pages: 0,
    retries: 0,
    problems: [],
  };
  // The summary holds every count (emptyCounts above): the tally counts into it.
  // Reports are public: no message in them names the server's directories.
  const dirs = serverDirs(hub, source);
  const tally = new RunTally(run as RunSummary & RunCounts, source.id, options.maxProblems ?? 10000, dirs);
  const ctx = publishContext(hub.baseIri, rt, runId, options.match?.matcher);
  const changes = new ChangeBatch();
  // Published and deleted count for /metrics once their commit is through, as the publish job does.
  const pending = { published: 0, deleted: 0 };
  const label = { source: source.id };
  /** The last commit sent and not yet awaited: mapping goes on while it is journaled and applied. */
  let inFlight: Promise<void> = Promise.resolve();
  /** Sends the batch once the commit before it is durable (at most one commit in flight). */
  const flushBehind = async () => {
    const previous = inFlight;
    inFlight = Promise.resolve();
    await previous;
    if (changes.size > 0) {
      const counts = { ...pending };
      pending.published = pending.deleted = 0;
      inFlight = publishChanges(store, changes.take(), false, options.match).then(({ unchanged }) => {
        tally.unchanged(unchanged);
        recordsPublished.inc(label, counts.published);
        recordsDeleted.inc(label, counts.deleted);
      });
      inFlight.catch(() => undefined);
    }
  };
  /** Sends the batch; resolves once every record so far is durable. */
  const flush = async () => {
    await flushBehind();
    const last = inFlight;
    inFlight = Promise.resolve();
    await last;
  };
  /** Checkpoints saved so far, in order, each once the commit before it is durable; rejected after a failed commit, so none after it is saved. */
  let checkpoints: Promise<void> = Promise.resolve();
  /** The first failure of the chain: a checkpoint that could not be saved stops the run at the next page. */
  let checkpointFailure: { error: unknown } | undefined;
  /** Sends the batch and saves the checkpoint once it is durable, without waiting for either. */
  const checkpointBehind = async (connectorState: unknown) => {
    if (checkpointFailure) throw checkpointFailure.error;
    await flushBehind();
    const durable = inFlight;
    // One after the other: a failed commit rejects the chain only once the save before it is done.
    checkpoints = checkpoints
      .then(() => durable)
      .then(async () => {
        await states.saveCheckpoint(source.id, connectorState);
        options.onProgress?.(run);
      });
    checkpoints.catch((error: unknown) => (checkpointFailure ??= { error }));
  };
  /** Set on a source's first harvest: its records' graphs are fresh (first-harvest.ts) the first time each is put. */
  let putRecords: PutRecords | undefined;
  const target = { tally, changes, put: (recordId: string) => putRecords?.add(recordId) ?? false };
  /** Record ids the run mentioned (records, deletes, errors, present): the records a complete listing keeps. */
  const mentioned = new Set<string>();

  /** Deletes the source's published records the listing did not mention, before the next checkpoint. */
  const endListing = async (listing: NonNullable<HarvestBatch['listing']>) => {
    if (!listing.complete) {
      run.listing = incompleteListing(listing.reason, options.log, { sourceId: source.id, runId });
      return;
    }
    // Every record put so far is in the store, so none of them is taken for gone.
    await flush();
    const outcome = await closeListing({
      store,
      ctx,
      changes,
      mentioned: (ids) => ids.map((id) => mentioned.has(id)),
      flush: async () => {
        if (changes.size >= batchSize * 2) await flushBehind();
      },
      log: options.log,
    });
    tally.deleted(outcome.deleted);
    pending.deleted += outcome.deleted;
    run.listing = outcome;
  };

  const processBatch = async (batch: HarvestBatch) => {
    for (const id of batch.mentioned) mentioned.add(id);
    // One publication time per batch: its records share one publication node (docs/data-model.md, Provenance).
    const now = new Date().toISOString();
    for (const item of batch.items) {
      const outcome = await processItem(rt, ctx, item, target, now);
      if (item.type === 'delete') pending.deleted++;
      else if (item.type === 'error') options.log?.('record error', { sourceId: source.id, runId, recordId: item.problem.recordId, stage: 'harvest' });
      else if (outcome?.kind !== 'published') options.log?.(`record ${outcome!.kind}`, { sourceId: source.id, runId, recordId: item.record.recordId, stage: outcome!.problem.stage });
      else {
        pending.published++;
        if (changes.size >= batchSize * 2) await flushBehind();
      }
      // A turn of the event loop now and then, so the commit in flight gets its answers while records are mapped.
      if (item.type === 'record' && run.seen % 64 === 0) await nextTurn();
    }
    run.pages = batch.pages ?? run.pages;
    run.retries = batch.retries ?? run.retries;
    if (batch.listing) await endListing(batch.listing);
    if (batch.checkpoint) await checkpointBehind(batch.checkpoint.state);
  };

  const state = await states.read(source.id);
  try {
    if (await firstHarvest(store, states, state, hub.baseIri, source.id)) putRecords = new PutRecords();
    // Batches of at most batchSize items: a source that checkpoints rarely (one large file) is mapped as it is read, not held whole.
    for await (const harvested of harvestBatches(rt, { from: state.connector, full: options.full, signal: options.signal, maxRecords: batchSize })) {
      if (harvested.type === 'mentioned') for (const id of harvested.ids) mentioned.add(id);
      else await processBatch(harvested.batch);
    }
    await flush();
    await checkpoints;
    run.status = 'completed';
  } catch (error) {
    run.status = 'failed';
    run.failure = errorMessage(error);
    // Records mapped before the failure are published; the checkpoint stays at the last page fully done.
    await flush().catch((e) => (run.failure += `; and the last batch could not be stored: ${errorMessage(e)}`));
    // A checkpoint not saved failed with a commit (reported just above) or is the failure caught here.
    await checkpoints.catch(() => undefined);
  }
  if (run.failure) run.failure = withoutDirs(run.failure, dirs);
  run.finishedAt = new Date().toISOString();
  await closeRun({ store, states, baseIri: hub.baseIri, dataDir: hub.dataDir, retention: hub.reports, scores: options.scores }, run);
  options.onProgress?.(run);
  // The push into other systems (UiTdatabank) follows the close; it never fails the run.
  await options.afterClose?.(run).catch((e: unknown) => options.log?.('after-close step failed', { sourceId: source.id, runId, error: errorMessage(e) }));
  return run;
}
