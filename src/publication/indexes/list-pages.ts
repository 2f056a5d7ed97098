/**
 * One page of a REST collection, from wherever it is answered fastest with the same result:
 * - provenance filters only (organisation, source, modifiedSince): the list index;
 * - with `q`: the list index and the text index together, when the store feeds both its commits;
 * - with filters on record content (type, location, from, to) and `q`: the indexes' candidates for
 *   `q` a chunk at a time in IRI order, of which one SPARQL query (the graphs bound by VALUES)
 *   keeps those that pass the other filters;
 * - otherwise SPARQL alone (entity-index.ts), as with a remote store.
 */
import type { StoreReader } from '../../store/store.js';
import { listEntities, recordsMatching, type EntityFilters, type EntityRow } from './entity-index.js';
import { indexable, ListIndex } from './list-index.js';
import { TextIndex } from './text-index.js';

/** Candidate record graphs per restricted SPARQL query. */
const CANDIDATE_CHUNK = 500;

export class ListPages {
  readonly list: ListIndex;
  readonly text: TextIndex;

  /** `base`: the hub's base IRI (the text index leaves its entities graph out). */
  constructor(private readonly store: StoreReader, base?: string) {
    this.list = new ListIndex(store);
    this.text = new TextIndex(store, base);
  }

  close(): void {
    this.list.close();
    this.text.close();
  }

  /** Up to `limit` entities after `after` (an entity IRI) in IRI order. */
  async page(filters: EntityFilters, base: string, after: string | undefined, limit: number): Promise<EntityRow[]> {
    const q = filters.q;
    if (q === undefined) return this.list.usable && indexable(filters) ? this.list.page(filters, base, after, limit) : listEntities(this.store, filters, base, after, limit);
    if (!this.text.live) return listEntities(this.store, filters, base, after, limit);
    await Promise.all([this.list.current(), this.text.current()]);
    const match = this.text.matcher(q);
    if (indexable(filters)) return this.list.scan(filters, base, after, limit, match);
    const rest: EntityFilters = { ...filters, q: undefined };
    const out: EntityRow[] = [];
    let cursor = after;
    while (out.length < limit) {
      const candidates = this.list.scan(rest, base, cursor, CANDIDATE_CHUNK, match);
      if (candidates.length === 0) break;
      const passing = await recordsMatching(this.store, rest, candidates.map((c) => c.recordGraph));
      out.push(...candidates.filter((c) => passing.has(c.recordGraph)));
      if (candidates.length < CANDIDATE_CHUNK) break;
      cursor = candidates[candidates.length - 1]!.entity;
    }
    return out.slice(0, limit);
  }
}
