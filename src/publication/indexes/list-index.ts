/**
 * In-memory index of published entities (one row per record, from the provenance graphs), sorted
 * by entity IRI. Pages whose filters only concern provenance (organisation, source,
 * modifiedSince), and full text through the text index, are cut from it by binary search on the
 * cursor, without a SPARQL sort per page. Built once; with a store that has a commit feed, each
 * commit then re-reads only the provenance graphs it put or dropped (live-index.ts).
 */
import { HUB, PROV } from '../../core/vocab.js';
import type { EntityFilters, EntityRow } from './entity-index.js';
import { graphUnions, LiveIndex } from './live-index.js';

interface IndexRow extends EntityRow {
  provenanceGraph: string;
  organisations: string[];
}

/** A record's own provenance (docs/data-model.md, Provenance): its publication node and main entity. */
const PROVENANCE = `?g <${PROV('wasGeneratedBy')}> ?publication ; <${HUB('entity')}> ?entity .`;
/** What the record's publication node says for all its records. */
const PUBLICATION = `GRAPH ?publication { ?publication a <${HUB('Publication')}> ; <${HUB('entityType')}> ?entityType ; <${HUB('source')}> ?source ; <${PROV('endedAtTime')}> ?published .
    OPTIONAL { ?publication <${HUB('organisation')}> ?organisation } }`;
/** Every provenance graph, or (`where`) the ones given as graph patterns binding ?pg. */
const indexQuery = (where = `GRAPH ?pg { ${PROVENANCE} }`) => `SELECT ?entity ?g ?pg ?published ?entityType ?source ?organisation WHERE { { ${where} } ${PUBLICATION} }`;

const byEntity = (a: IndexRow, b: IndexRow) => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0);

/** Whether the index can answer these filters alone (`q` needs the text index beside it). */
export function indexable(filters: EntityFilters): boolean {
  return filters.type === undefined && filters.location === undefined && filters.from === undefined && filters.to === undefined;
}

export class ListIndex extends LiveIndex {
  private rows: IndexRow[] = [];

  private async read(where?: string): Promise<IndexRow[]> {
    const bindings = await this.store.select(indexQuery(where), { timeoutMs: 120_000 });
    const rows = new Map<string, IndexRow>();
    for (const r of bindings) {
      const entity = r.entity!.value;
      const graph = r.g!.value;
      let row = rows.get(entity);
      // An entity several records describe (a cluster) is listed by its record with the smallest
      // graph IRI, as its canonical IRI is the smallest member's: the same row whatever order the store answers in.
      if (!row || graph < row.recordGraph) {
        row = { entity, recordGraph: graph, provenanceGraph: r.pg!.value, published: r.published!.value, entityType: r.entityType!.value, source: r.source!.value, organisations: [] };
        rows.set(entity, row);
      }
      if (graph === row.recordGraph && r.organisation) row.organisations.push(r.organisation.value.toLowerCase());
    }
    return [...rows.values()];
  }

  protected async build(): Promise<void> {
    this.rows = (await this.read()).sort(byEntity);
  }

  protected async patch(graphs: string[]): Promise<void> {
    const fresh: IndexRow[] = [];
    for (const where of graphUnions('pg', graphs, PROVENANCE)) fresh.push(...(await this.read(where)));
    const changed = new Set(graphs);
    const kept = this.rows.filter((r) => !changed.has(r.provenanceGraph));
    // An entity another (unchanged) provenance graph also names keeps the row of the smaller record graph, as in a build.
    const freshByEntity = new Map(fresh.map((r) => [r.entity, r] as const));
    const stays = kept.filter((r) => {
      const other = freshByEntity.get(r.entity);
      return other === undefined || other.recordGraph > r.recordGraph;
    });
    const known = new Set(stays.map((r) => r.entity));
    const added = fresh.filter((r) => !known.has(r.entity)).sort(byEntity);
    this.rows = merge(stays, added);
  }

  /** Entities in IRI order after `after` that pass the provenance filters and `match` (e.g. the text index), at most `limit`. */
  async page(filters: EntityFilters, base: string, after: string | undefined, limit: number, match?: (row: EntityRow) => boolean): Promise<EntityRow[]> {
    await this.current();
    return this.scan(filters, base, after, limit, match);
  }

  /** `page` on the index as it is (call `current` first). */
  scan(filters: EntityFilters, base: string, after: string | undefined, limit: number, match?: (row: EntityRow) => boolean): EntityRow[] {
    const rows = this.rows;
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
      if (match && !match(r)) continue;
      out.push({ entity: r.entity, recordGraph: r.recordGraph, published: r.published, entityType: r.entityType, source: r.source });
    }
    return out;
  }
}

function merge(a: IndexRow[], b: IndexRow[]): IndexRow[] {
  if (b.length === 0) return a;
  const out: IndexRow[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = byEntity(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
