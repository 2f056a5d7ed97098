/** A source's published record graphs → Entry API event drafts (see contract.ts). */
import type { StoreReader } from '../../store/store.js';
import type { BuildOptions, EventDraft } from './contract.js';

export async function buildEventDrafts(store: StoreReader, options: BuildOptions): Promise<EventDraft[]> {
  void store;
  throw new Error(`buildEventDrafts (source ${options.sourceId}): not implemented yet`);
}
