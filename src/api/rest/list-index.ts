/**
 * In-memory index of published entities (one row per record, from the provenance graphs), rebuilt
 * once per store state. Pages whose filters only concern provenance (organisation, source,
 * modifiedSince) are cut from it by binary search on the cursor, without a SPARQL sort per page;
 * filters on record content go to SPARQL (entity-index.ts). Used only with stores that expose a
 * change counter.
 */
import { HUB, PROV } from '../../core/vocab.js';
import type { Store } from '../../store/store.js';
import type { EntityFilters, EntityRow } from './entity-index.js';

interface IndexRow extends EntityRow {
  organisations: string[];
}

const INDEX_QUERY = `SELECT ?entity ?g ?published ?entityType ?source ?organisation WHERE {
  GRAPH ?pg {
    ?g a <${HUB('RecordGraph')}> ; <${HUB('entity')}> ?entity ; <${HUB('entityType')}> ?entityType ; <${HUB('source')}> ?source ; <${PROV('generatedAtTime')}> ?published .
    OPTIONAL { ?g <${HUB('organisation')}> ?organisation }
  }
}`;

/** Whether the index can answer these filters alone. */
export function indexable(filters: EntityFilters): boolean {
  return filters.q === undefined && filters.type === undefined && filters.location === undefined && filters.from === undefined && filters.to === undefined;
}

export class ListIndex {
  private seq = -1;
  private rows?: Promise<IndexRow[]>;

  constructor(private readonly store: Store) {}

  get usable(): boolean {
    return typeof this.store.changeSeq === 'function';
  }

  private all(): Promise<IndexRow[]> {
    const now = this.store.changeSeq!();
    if (this.rows && now === this.seq) return this.rows;
    this.seq = now;
    const rows = this.store.select(INDEX_QUERY, { timeoutMs: 120_000 }).then((bindings) => {
      const byEntity = new Map<string, IndexRow>();
      for (const r of bindings) {
        const entity = r.entity!.value;
        const row = byEntity.get(entity) ?? { entity, recordGraph: r.g!.value, published: r.published!.value, entityType: r.entityType!.value, source: r.source!.value, organisations: [] };
        if (r.organisation) row.organisations.push(r.organisation.value.toLowerCase());
        byEntity.set(entity, row);
      }
      return [...byEntity.values()].sort((a, b) => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0));
    });
    rows.catch(() => {
      if (this.rows === rows) this.rows = undefined;
    });
    this.rows = rows;
    return rows;
  }

  async page(filters: EntityFilters, base: string, after: string | undefined, limit: number): Promise<EntityRow[]> {
    const rows = await this.all();
    let lo = 0;
    if (after !== undefined) {
      let hi = rows.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (rows[mid]!.entity <= after) lo = mid + 1;
        else hi = mid;
      }
    }
    const types = new Set(filters.entityTypes);
    const source = filters.source !== undefined ? `${base}source/${encodeURIComponent(filters.source)}` : undefined;
    const organisation = filters.organisation?.toLowerCase();
    const since = filters.modifiedSince !== undefined ? Date.parse(filters.modifiedSince) : undefined;
    const out: EntityRow[] = [];
    for (let i = lo; i < rows.length && out.length < limit; i++) {
      const r = rows[i]!;
      if (!types.has(r.entityType)) continue;
      if (source !== undefined && r.source !== source) continue;
      if (organisation !== undefined && !r.organisations.includes(organisation)) continue;
      if (since !== undefined && !(Date.parse(r.published) >= since)) continue;
      out.push({ entity: r.entity, recordGraph: r.recordGraph, published: r.published, entityType: r.entityType, source: r.source });
    }
    return out;
  }
}
