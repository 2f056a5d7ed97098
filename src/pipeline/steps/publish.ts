/**
 * The publish step: one batch's graph changes into the store in one commit, durable once it
 * resolves. The embedded run hands the store quads; a distributed run encodes a batch once where
 * it is processed (`encodeBatch`) and the publishing side hands the text on as it is. Both give
 * each tombstone the `hub:describes` of the version it replaces (tombstone-describes.ts). Records
 * the store already holds as they are (unchanged.ts) are left out of the commit and counted.
 * With a match step (steps/match.ts) the batch is first written on its clusters' canonical IRIs,
 * and the commit also carries the stored records whose IRIs moved and the links graph.
 */
import { stageSeconds } from '../../core/metrics.js';
import { encodeChanges } from '../../store/encoded-graphs.js';
import type { ChangeSet, EncodedChangeSet, Store } from '../../store/store.js';
import { withLastDescribes } from '../tombstone-describes.js';
import type { MatchStep } from './match.js';
import { recordVersions, unchangedRecords, withoutUnchanged } from './unchanged.js';

export function encodeBatch(changes: ChangeSet): EncodedChangeSet {
  return encodeChanges(changes);
}

/** Commits the batch but for its unchanged records; how many records were unchanged. */
export async function publishChanges(store: Store, changes: ChangeSet | EncodedChangeSet, encoded = false, match?: MatchStep): Promise<{ unchanged: number }> {
  if (!changes.put?.length && !changes.drop?.length) return { unchanged: 0 };
  if (!match) return commitBatch(store, changes, encoded);
  return match.exclusive(async () => {
    try {
      return await commitBatch(store, changes, encoded, match);
    } catch (error) {
      // The index took the batch in; the store did not: load it again from the store.
      match.forget();
      throw error;
    }
  });
}

async function commitBatch(store: Store, changes: ChangeSet | EncodedChangeSet, encoded: boolean, match?: MatchStep): Promise<{ unchanged: number }> {
  const t0 = performance.now();
  const matched = match ? await match.begin(changes) : undefined;
  const batch = matched?.changes ?? changes;
  const versions = recordVersions(batch);
  const unchanged = await unchangedRecords(store, versions);
  // Tombstones keep what their record described: read from the store before the commit replaces it.
  let rest = await withLastDescribes(store, withoutUnchanged(batch, versions, unchanged), encoded);
  if (match && matched) rest = await match.finish(matched, rest, encoded);
  if (rest.put?.length || rest.drop?.length) {
    if (encoded) await store.commitEncoded(rest as EncodedChangeSet);
    else await store.commit(rest as ChangeSet);
  }
  stageSeconds.inc({ stage: 'publish' }, (performance.now() - t0) / 1000);
  return { unchanged: unchanged.size };
}
