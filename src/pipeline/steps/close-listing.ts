/**
 * The close-listing step, both run modes' end of a complete listing: every record of the source
 * the store still publishes that the run did not mention is gone at the source, and gets a
 * tombstone (record-publisher.ts deleteWrites), a page of ids at a time (deletes-by-difference.ts).
 * The caller says how ids were mentioned (the embedded run keeps them in memory, a distributed run
 * in Redis) and commits the change batch when `flush` is called; the step counts.
 */
import type { ListingOutcome } from '../../reports/run-summary.js';
import type { Store } from '../../store/store.js';
import type { ChangeBatch } from '../change-batch.js';
import { unmentionedRecords } from '../deletes-by-difference.js';
import { deleteWrites, type PublishContext } from '../record-publisher.js';

export interface ListingClose {
  store: Store;
  ctx: Pick<PublishContext, 'baseIri' | 'source' | 'runId'>;
  /** For each id, whether the run mentioned it. */
  mentioned: (ids: string[]) => boolean[] | Promise<boolean[]>;
  /** Where the tombstones go. */
  changes: ChangeBatch;
  /** Called after each page of deletes: commits the batch (now or behind the next page). */
  flush: () => Promise<void>;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/** Tombstones the unmentioned records; the listing's outcome with how many were deleted. */
export async function closeListing(close: ListingClose, now = new Date().toISOString()): Promise<ListingOutcome & { complete: true; deleted: number }> {
  const { store, ctx, changes } = close;
  let deleted = 0;
  for await (const gone of unmentionedRecords(store, ctx.baseIri, ctx.source.id, close.mentioned)) {
    for (const recordId of gone) {
      const { drop, put } = deleteWrites(recordId, ctx, now);
      changes.drop(drop);
      changes.put(put);
    }
    deleted += gone.length;
    await close.flush();
  }
  if (deleted > 0) close.log?.('records gone from the source deleted by difference', { sourceId: ctx.source.id, runId: ctx.runId, deleted });
  return { complete: true, deleted };
}

/** The outcome of a listing that could not be complete: nothing is deleted by difference, and the run says why. */
export function incompleteListing(reason: string | undefined, log?: ListingClose['log'], fields: Record<string, unknown> = {}): ListingOutcome {
  const why = reason ?? 'the connector could not list every record';
  log?.('listing incomplete: no deletes by difference', { ...fields, reason: why });
  return { complete: false, reason: why };
}
