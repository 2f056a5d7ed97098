/**
 * The process step: one record through map → validate → reconcile, as a value: the graph writes
 * that publish it, or the problem that keeps it out. Both run modes use it (the embedded run and
 * the distributed `process` job), so both publish exactly the same graphs for the same record.
 * Whatever one record does (a mapper that throws, a stack overflow on deep nesting, a validator
 * failure), it becomes that record's problem: it never reaches the run, so the others publish.
 * `processItem` takes one harvested batch item (record, delete or harvest error) into a change
 * batch and the run's counts.
 */
import type { RawRecord } from '../../connectors/contract.js';
import { errorMessage } from '../../core/errors.js';
import type { Matcher } from '../../publication/matching/contract.js';
import { stageSeconds } from '../../core/metrics.js';
import type { ChangeBatch } from '../change-batch.js';
import { deleteWrites, publishWrites, type PublishContext } from '../record-publisher.js';
import type { SourceRuntime } from '../source-runtime.js';
import type { RunTally } from './count.js';
import type { RecordOutcome } from './record-outcome.js';
import type { BatchItem } from './harvest.js';
import { mapRecord } from './map.js';
import { reconcileRecord } from './reconcile.js';
import { validateRecord } from './validate.js';

export type { RecordOutcome } from './record-outcome.js';

/** The context records are published in; `matcher` extracts match features unless the source opts out (`matching: false`). */
export function publishContext(baseIri: string, rt: SourceRuntime, runId: string, matcher?: Matcher): PublishContext {
  return {
    ...(matcher && rt.source.matching !== false ? { matcher } : {}),
    baseIri,
    source: rt.source,
    runId,
    mapping: { id: rt.mapper.id, version: rt.mapper.version },
    shapes: { id: rt.validator.id, version: rt.validator.version },
  };
}

export async function processRecord(rt: SourceRuntime, ctx: PublishContext, record: RawRecord, now = new Date().toISOString()): Promise<RecordOutcome> {
  const organisation = record.meta?.organisation ?? rt.source.organisation;
  let stage: 'mapping' | 'validation' = 'mapping';
  try {
    let t0 = performance.now();
    const mapped = await mapRecord(rt, ctx.baseIri, record, organisation);
    stage = 'validation';
    let t1 = performance.now();
    stageSeconds.inc({ stage: 'map' }, (t1 - t0) / 1000);
    t0 = t1;
    const validated = await validateRecord(rt, record, mapped, organisation);
    t1 = performance.now();
    stageSeconds.inc({ stage: 'validate' }, (t1 - t0) / 1000);
    const { cleaned } = mapped;
    if (validated.rejected) return { kind: 'rejected', organisation, nonConforming: true, problem: validated.problem!, cleaned };
    const { quads } = await reconcileRecord({ record, quads: mapped.quads });
    return { kind: 'published', organisation, nonConforming: !validated.conforms, writes: publishWrites(record, quads, validated.conforms, ctx, now), problem: validated.problem, cleaned };
  } catch (error) {
    return { kind: 'error', organisation, nonConforming: false, problem: { recordId: record.recordId, stage, message: failureMessage(error), link: record.link, organisation, rejected: true } };
  }
}

/** A stack overflow says nothing useful by itself: name the likely cause. */
function failureMessage(error: unknown): string {
  const message = errorMessage(error);
  return /call stack/i.test(message) ? `${message} (the record is nested too deeply to process; see maxRecordDepth in docs/connectors.md)` : message;
}

export interface ProcessTarget {
  tally: RunTally;
  changes: ChangeBatch;
  /** Notes a record put or deleted in the run; true when its graphs are fresh (a first harvest, first-harvest.ts). */
  put?: (recordId: string) => boolean;
}

/** One batch item into the change batch and the counts; the record's outcome when it was a record. */
export async function processItem(rt: SourceRuntime, ctx: PublishContext, item: BatchItem, into: ProcessTarget, now: string): Promise<RecordOutcome | undefined> {
  switch (item.type) {
    case 'delete': {
      into.tally.deleted();
      const { drop, put } = deleteWrites(item.recordId, ctx, item.deleted ?? now);
      into.put?.(item.recordId);
      into.changes.drop(drop);
      into.changes.put(put);
      return undefined;
    }
    case 'error':
      into.tally.harvestError(item.problem);
      return undefined;
    case 'record': {
      const outcome = await processRecord(rt, ctx, item.record, now);
      into.tally.record(outcome);
      if (outcome.kind === 'published') {
        // The record's own graphs may be fresh; its publication node is shared with other records of the batch (and written again by each).
        const record = outcome.writes[0]!.graph;
        const own = (w: { graph: string }) => w.graph === record || w.graph.startsWith(`${record}/`);
        into.changes.put(outcome.writes.filter(own), into.put?.(item.record.recordId) ?? false);
        into.changes.put(outcome.writes.filter((w) => !own(w)));
      }
      return outcome;
    }
  }
}
