/**
 * The harvest step: a source's connector read, cut into batches. A batch ends where the connector
 * checkpoints (a page: its state is saved once the batch is published), where a listing of the
 * whole source ends (deletes by difference follow once the batch is published), at `maxRecords`
 * items, or at the end of the read. Batch items keep the connector's order (a delete after a
 * record of the same id wins, and the reverse). The ids a read mentions come with their batch,
 * or on their own when a long `present` stream would hold too many.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RawRecord } from '../../connectors/contract.js';
import { recordsHarvested, stageSeconds } from '../../core/metrics.js';
import type { RecordProblem } from '../../reports/run-summary.js';
import type { SourceRuntime } from '../source-runtime.js';

/** One thing a batch asks of the process step. */
export type BatchItem =
  | { type: 'record'; record: RawRecord }
  | { type: 'delete'; recordId: string; deleted?: string }
  /** A record the connector could not read (counted as an error; its last good version stays). */
  | { type: 'error'; problem: RecordProblem };

export interface HarvestBatch {
  items: BatchItem[];
  /** Record ids the read mentioned since the last batch (records, deletes, errors, present). */
  mentioned: string[];
  /** Set when the batch ends a page: the connector state to save once the batch is published. */
  checkpoint?: { state: unknown };
  /** Set when the batch ends a listing of the source's complete current set. */
  listing?: { complete: boolean; reason?: string };
  /** The connector's progress so far. */
  pages?: number;
  retries?: number;
}

export type Harvested = { type: 'batch'; batch: HarvestBatch } | { type: 'mentioned'; ids: string[] };

export interface HarvestOptions {
  /** The connector state to read from (undefined: from the start). */
  from?: unknown;
  full?: boolean;
  signal?: AbortSignal;
  /** Most items in one batch when the connector checkpoints less often. @defaultValue unbounded */
  maxRecords?: number;
  /** Most mentioned ids held before they are handed on alone. @defaultValue 10000 */
  maxMentioned?: number;
}

/** Connector messages between turns of the event loop (a commit in flight gets its answers). */
const YIELD_EVERY = 64;

/** The connector's messages, with the time spent waiting for each counted as the harvest stage. */
async function* timed<T>(messages: AsyncIterable<T>): AsyncGenerator<T> {
  const it = messages[Symbol.asyncIterator]();
  try {
    for (;;) {
      const t0 = performance.now();
      const next = await it.next();
      stageSeconds.inc({ stage: 'harvest' }, (performance.now() - t0) / 1000);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await it.return?.();
  }
}

export async function* harvestBatches(rt: SourceRuntime, options: HarvestOptions = {}): AsyncGenerator<Harvested> {
  const sourceId = rt.source.id;
  const maxRecords = options.maxRecords ?? Infinity;
  const maxMentioned = options.maxMentioned ?? 10000;
  let items: BatchItem[] = [];
  let mentioned: string[] = [];
  let pages: number | undefined;
  let retries: number | undefined;
  const cut = (end: Pick<HarvestBatch, 'checkpoint' | 'listing'> = {}): Harvested => {
    const batch: HarvestBatch = { items, mentioned, pages, retries, ...end };
    items = [];
    mentioned = [];
    return { type: 'batch', batch };
  };
  let messages = 0;
  for await (const message of timed(rt.connector.read(rt.connectorConfig, options.from, sourceId, { full: options.full, signal: options.signal }))) {
    if (options.signal?.aborted) return;
    if (++messages % YIELD_EVERY === 0) await nextTurn();
    switch (message.type) {
      case 'record':
        items.push({ type: 'record', record: message.record });
        mentioned.push(message.record.recordId);
        recordsHarvested.inc({ source: sourceId });
        if (items.length >= maxRecords) yield cut();
        break;
      case 'delete':
        items.push({ type: 'delete', recordId: message.recordId, deleted: message.deleted });
        mentioned.push(message.recordId);
        break;
      case 'error':
        // A record that cannot be read now is still at the source: it is mentioned.
        items.push({ type: 'error', problem: { recordId: message.recordId, stage: 'harvest', message: message.message, rejected: true } });
        mentioned.push(message.recordId);
        break;
      case 'present':
        for (const id of message.recordIds) mentioned.push(id);
        if (mentioned.length >= maxMentioned) {
          yield { type: 'mentioned', ids: mentioned };
          mentioned = [];
        }
        break;
      case 'listing':
        yield cut({ listing: { complete: message.complete, reason: message.reason } });
        break;
      case 'progress':
        pages = message.pages ?? pages;
        retries = message.retries ?? retries;
        break;
      case 'checkpoint':
        yield cut({ checkpoint: { state: message.state } });
        break;
    }
  }
  if (options.signal?.aborted) return;
  if (items.length > 0) yield cut();
  else if (mentioned.length > 0) yield { type: 'mentioned', ids: mentioned };
}
