/**
 * The publish step: one batch's graph changes into the store in one commit, durable once it
 * resolves. The embedded run hands the store quads; a distributed run encodes a batch once where
 * it is processed (`encodeBatch`) and the publishing side hands the text on as it is. Both give
 * each tombstone the `hub:describes` of the version it replaces (tombstone-describes.ts).
 */
import { stageSeconds } from '../../core/metrics.js';
import { encodeChanges } from '../../store/encoded-graphs.js';
import type { ChangeSet, EncodedChangeSet, Store } from '../../store/store.js';
import { withLastDescribes } from '../tombstone-describes.js';

export function encodeBatch(changes: ChangeSet): EncodedChangeSet {
  return encodeChanges(changes);
}

export async function publishChanges(store: Store, changes: ChangeSet | EncodedChangeSet, encoded = false): Promise<void> {
  if (!changes.put?.length && !changes.drop?.length) return;
  const t0 = performance.now();
  // Tombstones keep what their record described: read from the store before the commit replaces it.
  const complete = await withLastDescribes(store, changes, encoded);
  if (encoded) await store.commitEncoded(complete as EncodedChangeSet);
  else await store.commit(complete as ChangeSet);
  stageSeconds.inc({ stage: 'publish' }, (performance.now() - t0) / 1000);
}
