/**
 * One harvest run of one source: connector → mapping → validation → store, in-process.
 * Writes are batched into store commits (one in flight while the next batch is mapped); a connector checkpoint is saved only after the
 * commit that holds every record before it, so a crash loses nothing acknowledged and
 * resumes at the last checkpoint (records after it are read again; publishing is idempotent).
 * Harvesting goes on while that commit is on its way: the checkpoint is saved behind it.
 * A run that lists the source's complete current set ends its listing by deleting the source's
 * published records it did not mention (deletes-by-difference.ts), in the commit before the
 * checkpoint that follows.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Connector, ListingMessage, RawRecord } from '../connectors/contract.js';
import type { HubSettings, SourceConfig } from '../config/schema.js';
import { errorMessage } from '../core/errors.js';
import { withoutDirs } from '../core/paths.js';
import { recordsDeleted, recordsHarvested, recordsMapped, recordsPublished, recordsRejected } from '../core/metrics.js';
import type { RecordMapper } from '../mapping/mapper.js';
import type { Store } from '../store/store.js';
import type { RecordValidator } from '../validation/validator.js';
import { ChangeBatch } from './change-batch.js';
import { unmentionedRecords } from './deletes-by-difference.js';
import { firstHarvest, PutRecords } from './first-harvest.js';
import { deleteWrites } from './record-publisher.js';
import { newRunId, processRecord as processOne, publishContext } from './process-record.js';
import { reportGraphIri, runReportQuads } from '../reports/run-report.js';
import type { OrganisationCounts, RecordProblem, RunSummary } from '../reports/run-summary.js';
import type { StateStore } from './state-store.js';

export interface SourceRuntime {
  source: SourceConfig;
  connector: Connector;
  /** The connector block, parsed by the connector's schema. */
  connectorConfig: unknown;
  mapper: RecordMapper;
  validator: RecordValidator;
}

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
}

/** Connector messages between turns of the event loop. */
const YIELD_EVERY = 64;

/** Directories a message may name that the public must not see: the data dir, a files source's folder, the working dir. */
export function serverDirs(hub: Pick<HubSettings, 'dataDir'>, source: SourceConfig): string[] {
  const folder = (source.connector as { folder?: unknown }).folder;
  return [hub.dataDir, process.cwd(), ...(typeof folder === 'string' ? [folder] : [])];
}

export async function runSource(hub: Pick<HubSettings, 'baseIri' | 'dataDir'>, rt: SourceRuntime, store: Store, states: StateStore, options: RunOptions = {}): Promise<RunSummary> {
  const { source } = rt;
  const batchSize = options.batchSize ?? 500;
  const maxProblems = options.maxProblems ?? 10000;
  const runId = newRunId();
  const run: RunSummary = {
    runId,
    sourceId: source.id,
    startedAt: new Date().toISOString(),
    status: 'running',
    full: options.full === true,
    seen: 0,
    published: 0,
    rejected: 0,
    deleted: 0,
    errors: 0,
    warnings: 0,
    pages: 0,
    retries: 0,
    nonConforming: 0,
    organisations: {},
    problems: [],
  };
  const ctx = publishContext(hub.baseIri, rt, runId);
  // Reports are public: no message in them names the server's directories.
  const dirs = serverDirs(hub, source);
  const problem = (p: RecordProblem) => {
    if (run.problems.length < maxProblems) run.problems.push({ ...p, message: withoutDirs(p.message, dirs) });
  };
  const batch = new ChangeBatch();
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
    if (batch.size > 0) {
      const counts = { ...pending };
      pending.published = pending.deleted = 0;
      inFlight = store.commit(batch.take()).then(() => {
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
  /** Record ids the run mentioned (records, deletes, errors, present): the records a complete listing keeps. */
  const mentioned = new Set<string>();

  const deleteRecord = (recordId: string, deleted: string) => {
    run.deleted++;
    pending.deleted++;
    const { drop, put } = deleteWrites(recordId, ctx, deleted);
    putRecords?.add(recordId);
    batch.drop(drop);
    batch.put(put);
  };

  /** Deletes the source's published records the listing did not mention, before the next checkpoint. */
  const closeListing = async (message: ListingMessage) => {
    if (!message.complete) {
      const reason = message.reason ?? 'the connector could not list every record';
      run.listing = { complete: false, reason };
      options.log?.('listing incomplete: no deletes by difference', { sourceId: source.id, runId, reason });
      return;
    }
    // Every record put so far is in the store, so none of them is taken for gone.
    await flush();
    const now = new Date().toISOString();
    let deleted = 0;
    for await (const gone of unmentionedRecords(store, hub.baseIri, source.id, (ids) => ids.map((id) => mentioned.has(id)))) {
      for (const id of gone) deleteRecord(id, now);
      deleted += gone.length;
      if (batch.size >= batchSize * 2) await flushBehind();
    }
    run.listing = { complete: true, deleted };
    if (deleted > 0) options.log?.('records gone from the source deleted by difference', { sourceId: source.id, runId, deleted });
  };

  const countsOf = (organisation: string | undefined): OrganisationCounts => {
    if (!organisation) return { seen: 0, published: 0, rejected: 0, nonConforming: 0, errors: 0 };
    return (run.organisations![organisation] ??= { seen: 0, published: 0, rejected: 0, nonConforming: 0, errors: 0 });
  };

  const processRecord = async (record: RawRecord) => {
    run.seen++;
    recordsHarvested.inc(label);
    const outcome = await processOne(rt, ctx, record);
    if (outcome.kind !== 'error') recordsMapped.inc(label);
    if (outcome.kind !== 'published') {
      recordsRejected.inc(label);
      options.log?.(`record ${outcome.kind}`, { sourceId: source.id, runId, recordId: record.recordId, stage: outcome.problem.stage });
    }
    const org = countsOf(outcome.organisation);
    org.seen++;
    if (outcome.nonConforming) {
      run.nonConforming!++;
      org.nonConforming++;
    }
    if (outcome.cleaned) problem(outcome.cleaned);
    if (outcome.kind === 'error') {
      run.errors++;
      org.errors++;
      problem(outcome.problem);
      return;
    }
    if (outcome.kind === 'rejected') {
      run.rejected++;
      org.rejected++;
      problem(outcome.problem);
      return;
    }
    if (outcome.problem) problem(outcome.problem);
    if (outcome.problem || outcome.cleaned) run.warnings++;
    batch.put(outcome.writes, putRecords?.add(record.recordId) ?? false);
    pending.published++;
    run.published++;
    org.published++;
    if (batch.size >= batchSize * 2) await flushBehind();
  };

  const state = await states.read(source.id);
  try {
    if (await firstHarvest(store, states, state, hub.baseIri, source.id)) putRecords = new PutRecords();
    let messages = 0;
    for await (const message of rt.connector.read(rt.connectorConfig, state.connector, source.id, { full: options.full, signal: options.signal })) {
      // A turn of the event loop now and then, so the commit in flight gets its answers while pages are mapped.
      if (++messages % YIELD_EVERY === 0) await nextTurn();
      switch (message.type) {
        case 'record':
          mentioned.add(message.record.recordId);
          await processRecord(message.record);
          break;
        case 'delete':
          mentioned.add(message.recordId);
          deleteRecord(message.recordId, message.deleted ?? new Date().toISOString());
          break;
        case 'present':
          for (const id of message.recordIds) mentioned.add(id);
          break;
        case 'listing':
          await closeListing(message);
          break;
        case 'error':
          // A record that cannot be read now is still at the source: its last good version stays.
          mentioned.add(message.recordId);
          run.errors++;
          options.log?.('record error', { sourceId: source.id, runId, recordId: message.recordId, stage: 'harvest' });
          problem({ recordId: message.recordId, stage: 'harvest', message: message.message, rejected: true });
          break;
        case 'progress':
          run.pages = message.pages ?? run.pages;
          run.retries = message.retries ?? run.retries;
          break;
        case 'checkpoint':
          await checkpointBehind(message.state);
          break;
      }
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
  await store.commit({ put: [{ graph: reportGraphIri(hub.baseIri, source.id, runId), quads: runReportQuads(hub.baseIri, run) }] });
  await states.addRun(source.id, { ...run, problems: [] });
  const dir = join(hub.dataDir, 'reports', source.id);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${runId}.json`), JSON.stringify(run, null, 1));
  options.onProgress?.(run);
  return run;
}
