/**
 * The publish step: one batch's graph changes into the store in one commit, durable once it
 * resolves. The embedded run hands the store quads; a distributed run encodes a batch once where
 * it is processed (`encodeBatch`) and the publishing side hands the text on as it is. Both give
 * each tombstone the `hub:describes` of the version it replaces (tombstone-describes.ts). Records
 * the store already holds as they are (unchanged.ts) are left out of the commit and counted.
 */
import { stageSeconds } from '../../core/metrics.js';
import { encodeChanges } from '../../store/encoded-graphs.js';
import type { ChangeSet, EncodedChangeSet, Store } from '../../store/store.js';
import { withLastDescribes } from '../tombstone-describes.js';
import { recordVersions, unchangedRecords, withoutUnchanged } from './unchanged.js';

export function encodeBatch(changes: ChangeSet): EncodedChangeSet {
  return encodeChanges(changes);
}

/** Commits the batch but for its unchanged records; how many records were unchanged. */
export async function publishChanges(store: Store, changes: ChangeSet | EncodedChangeSet, encoded = false): Promise<{ unchanged: number }> {
  if (!changes.put?.length && !changes.drop?.length) return { unchanged: 0 };
  const t0 = performance.now();
  const versions = recordVersions(changes);
  const unchanged = await unchangedRecords(store, versions);
  // Tombstones keep what their record described: read from the store before the commit replaces it.
  const rest = await withLastDescribes(store, withoutUnchanged(changes, versions, unchanged), encoded);
  if (rest.put?.length || rest.drop?.length) {
    if (encoded) await store.commitEncoded(rest as EncodedChangeSet);
    else await store.commit(rest as ChangeSet);
  }
  stageSeconds.inc({ stage: 'publish' }, (performance.now() - t0) / 1000);
  return { unchanged: unchanged.size };
}
