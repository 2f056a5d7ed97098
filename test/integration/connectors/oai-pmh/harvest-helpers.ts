/** Runs a connector's read() and sorts what it yields; can stop mid-run to simulate a crash. */
import type { ConnectorMessage, DeleteMessage, ListingMessage, RawRecord, RecordErrorMessage, ProgressMessage } from '../../../../src/connectors/contract.js';

export interface Harvest<S> {
  records: RawRecord[];
  deletes: DeleteMessage[];
  errors: RecordErrorMessage[];
  progress: ProgressMessage[];
  /** Ids said to be still at the source (`present`). */
  present: string[];
  /** The run's `listing` message, when it listed the whole source. */
  listing?: ListingMessage;
  checkpoints: S[];
  /** The state of the last checkpoint, what a pipeline would have persisted. */
  state: S | undefined;
  /** Record ids yielded after the last checkpoint (re-read on resume). */
  afterCheckpoint: string[];
}

/**
 * Collects every message. `stop` ends the iteration early (the generator is closed, as when
 * a process dies) once it returns true for a message.
 */
export async function collect<S>(
  messages: AsyncIterable<ConnectorMessage<S>>,
  stop?: (message: ConnectorMessage<S>, sofar: Harvest<S>) => boolean,
): Promise<Harvest<S>> {
  const h: Harvest<S> = { records: [], deletes: [], errors: [], progress: [], present: [], checkpoints: [], state: undefined, afterCheckpoint: [] };
  for await (const m of messages) {
    if (m.type === 'record') { h.records.push(m.record); h.afterCheckpoint.push(m.record.recordId); }
    else if (m.type === 'delete') h.deletes.push(m);
    else if (m.type === 'error') h.errors.push(m);
    else if (m.type === 'progress') h.progress.push(m);
    else if (m.type === 'present') h.present.push(...m.recordIds);
    else if (m.type === 'listing') h.listing = m;
    else { h.checkpoints.push(m.state); h.state = m.state; h.afterCheckpoint = []; }
    if (stop?.(m, h)) break;
  }
  return h;
}

export const ids = (records: { recordId: string }[]) => records.map((r) => r.recordId);

/** Every id the run mentioned (records, deletes, errors, present): what a pipeline keeps after a complete listing. */
export const mentioned = <S>(h: Harvest<S>) => new Set([...ids(h.records), ...ids(h.deletes), ...ids(h.errors), ...h.present]);

/** What a pipeline would delete by difference after this run, given the ids it had published: none unless the listing is complete. */
export const goneByDifference = <S>(h: Harvest<S>, published: Iterable<string>) => {
  if (!h.listing?.complete) return [];
  const kept = mentioned(h);
  return [...published].filter((id) => !kept.has(id)).sort();
};

/** Stops after the n-th checkpoint plus `extra` further records (a crash mid-page). */
export const afterCheckpoints = <S>(n: number, extra = 0) => (m: ConnectorMessage<S>, h: Harvest<S>) =>
  h.checkpoints.length >= n && (extra === 0 ? m.type === 'checkpoint' : h.afterCheckpoint.length >= extra);
