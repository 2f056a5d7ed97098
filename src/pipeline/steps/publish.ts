/**
 * The publish step: one batch's graph changes into the store in one commit, durable once it
 * resolves. The embedded run hands the store quads; a distributed run encodes a batch once where
 * it is processed (`encodeBatch`) and the publishing side hands the text on as it is.
 */
import { stageSeconds } from '../../core/metrics.js';
import { encodeChanges } from '../../store/encoded-graphs.js';
import type { ChangeSet, EncodedChangeSet, Store } from '../../store/store.js';

export function encodeBatch(changes: ChangeSet): EncodedChangeSet {
  return encodeChanges(changes);
}

export async function publishChanges(store: Store, changes: ChangeSet | EncodedChangeSet, encoded = false): Promise<void> {
  if (!changes.put?.length && !changes.drop?.length) return;
  const t0 = performance.now();
  if (encoded) await store.commitEncoded(changes as EncodedChangeSet);
  else await store.commit(changes as ChangeSet);
  stageSeconds.inc({ stage: 'publish' }, (performance.now() - t0) / 1000);
}
