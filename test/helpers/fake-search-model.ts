/**
 * A search read model that answers from a fixed list of hits, for testing the API side alone:
 * it keeps every query it was asked, pages the list by start/limit or its own cursor (the
 * offset, base64url), and returns the facets and asOf it was given.
 */
import type { FacetValue, SearchField, SearchHit, SearchQuery, SearchReadModel, SearchResult } from '../../src/publication/search/search-contract.js';

export class FakeSearchModel implements SearchReadModel {
  readonly queries: SearchQuery[] = [];
  closed = 0;

  asOf: string;

  constructor(
    private readonly hits: SearchHit[],
    private readonly options: { facets?: Partial<Record<SearchField, FacetValue[]>>; asOf?: string; totalExact?: boolean } = {},
  ) {
    this.asOf = options.asOf ?? '2026-12-01T00:00:00.000Z';
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    this.queries.push(query);
    const offset = query.cursor !== undefined ? Number(Buffer.from(query.cursor, 'base64url').toString()) : (query.start ?? 0);
    const items = this.hits.slice(offset, offset + query.limit);
    const end = offset + items.length;
    return {
      total: this.hits.length,
      totalExact: this.options.totalExact ?? true,
      items,
      ...(end < this.hits.length && query.limit > 0 ? { next: Buffer.from(String(end)).toString('base64url') } : {}),
      facets: Object.fromEntries(query.facets.map((f) => [f, this.options.facets?.[f] ?? []])),
      asOf: this.asOf,
    };
  }

  async size() {
    return { activities: this.hits.length, 'heritage-objects': 0 };
  }

  close(): void {
    this.closed++;
  }
}
