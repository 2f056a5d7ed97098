/**
 * The search read model over the store: the published records of the activities and
 * heritage-objects collections (their list from the REST list index, so provenance details stay
 * there), each read once into a search document and kept in a `SearchIndex` per collection. Kept
 * current like the other REST indexes (live-index.ts): one build, then per commit only the changed
 * records are read again: those whose record graph or provenance changed, and the activities
 * whose location a changed place record describes. A store without a commit feed but with a change
 * counter is rebuilt after each change; see docs/search.md, "Read models".
 */
import type { Quad } from '../../core/rdf.js';
import type { StoreReader } from '../../store/store.js';
import { collectionForEntityType, collectionOf } from '../indexes/collections.js';
import type { EntityRow } from '../indexes/entity-index.js';
import { ListIndex } from '../indexes/list-index.js';
import { LiveIndex } from '../indexes/live-index.js';
import { activityDocument, type RecordInfo } from './activity-document.js';
import { heritageDocument } from './heritage-document.js';
import { placeInfo } from './place-info.js';
import { PlaceTable } from './place-table.js';
import { RecordGraph } from './record-graph.js';
import type { SearchKind, SearchQuery, SearchReadModel, SearchResult } from './search-contract.js';
import { SearchIndex } from './search-index.js';

/** Records extracted per round: their graphs are read together, then dropped. */
const CHUNK = 2000;
/**
 * Record graphs asked of the store at once. Each is one `graph()` read (the embedded store: a
 * match on a replica, no SPARQL parsing or bindings; a remote store: one small query); with
 * several in flight both replicas answer and the messages overlap. Measured against one SELECT
 * per 200 graphs in bench/search/results-search.md.
 */
const IN_FLIGHT = 32;
const KINDS: SearchKind[] = ['activities', 'heritage-objects'];
const PLACE_TYPES = new Set(collectionOf('places')!.entityTypes);

export interface SearchReadModelOptions {
  /**
   * The rights statement a source declares for records that state none (a source's
   * `europeana.defaultRights`), by source IRI (`{base}source/{id}`).
   */
  defaultRights?: (source: string) => string | undefined;
  /** The REST list index to take the published records from (the API's own, to share it); else one of its own. */
  list?: ListIndex;
}

type Row = EntityRow & { organisations?: string[] };
type Kind = SearchKind | 'places';

export class StoreSearchReadModel extends LiveIndex implements SearchReadModel {
  private indexes = { activities: new SearchIndex('activities'), 'heritage-objects': new SearchIndex('heritage-objects') };
  private places = new PlaceTable();
  private rows = new Map<string, Row>();
  private readonly list: ListIndex;
  private readonly ownList: boolean;

  constructor(store: StoreReader, private readonly base: string, private readonly options: SearchReadModelOptions = {}) {
    super(store);
    this.ownList = options.list === undefined;
    this.list = options.list ?? new ListIndex(store);
  }

  override close(): void {
    super.close();
    if (this.ownList) this.list.close();
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    await this.ready();
    return this.indexes[query.kind].search(query);
  }

  async size(): Promise<Record<SearchKind, number>> {
    await this.ready();
    return { activities: this.indexes.activities.size, 'heritage-objects': this.indexes['heritage-objects'].size };
  }

  /** Brings the indexes up to date; a store that tells of no change cannot be followed. */
  private async ready(): Promise<void> {
    if (!this.usable) throw new Error('the search read model cannot follow this store: it has neither a commit feed nor a change counter (docs/search.md, "Read models")');
    await this.current();
  }

  private kindOf(row: Row): Kind | undefined {
    if (PLACE_TYPES.has(row.entityType)) return 'places';
    const name = collectionForEntityType(row.entityType)?.name;
    return KINDS.includes(name as SearchKind) ? (name as SearchKind) : undefined;
  }

  /** Every row of the list index that search uses, by entity. */
  private async readRows(): Promise<Map<string, Row>> {
    await this.list.current();
    const rows = new Map<string, Row>();
    const types = ['activities', 'heritage-objects', 'places'].flatMap((c) => collectionOf(c)!.entityTypes);
    // The list index hands each row it scans to the match function: collect them all there.
    this.list.scan({ entityTypes: types }, this.base, undefined, Infinity, (row: Row) => (rows.set(row.entity, row), false));
    return rows;
  }

  private info(row: Row): RecordInfo {
    return { entity: row.entity, recordGraph: row.recordGraph, source: row.source, organisations: row.organisations ?? [], published: row.published };
  }

  private async graphs(rows: Row[]): Promise<Map<string, Quad[]>> {
    const out = new Map<string, Quad[]>();
    let next = 0;
    const reader = async () => {
      while (next < rows.length) {
        const graph = rows[next++]!.recordGraph;
        out.set(graph, await this.store.graph(graph));
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, rows.length) }, reader));
    return out;
  }

  /** Reads these records into the indexes: places first, so activities find their locations. */
  private async load(rows: Row[], indexes = this.indexes, places = this.places): Promise<void> {
    const byKind = (k: Kind) => rows.filter((r) => this.kindOf(r) === k);
    for (const kind of ['places', ...KINDS] as Kind[]) {
      const list = byKind(kind);
      for (let i = 0; i < list.length; i += CHUNK) {
        const chunk = list.slice(i, i + CHUNK);
        const graphs = await this.graphs(chunk);
        for (const row of chunk) {
          const graph = new RecordGraph(graphs.get(row.recordGraph) ?? []);
          if (kind === 'places') places.set(row.entity, placeInfo(graph, row.entity));
          else if (kind === 'activities') indexes.activities.put(activityDocument(graph, this.info(row), (iri) => places.lookup(iri, row.entity)));
          else indexes['heritage-objects'].put(heritageDocument(graph, this.info(row), this.options.defaultRights?.(row.source)));
        }
      }
    }
  }

  protected async build(): Promise<void> {
    const rows = await this.readRows();
    const indexes = { activities: new SearchIndex('activities'), 'heritage-objects': new SearchIndex('heritage-objects') };
    const places = new PlaceTable();
    await this.load([...rows.values()], indexes, places);
    [this.indexes, this.places, this.rows] = [indexes, places, rows];
  }

  protected async patch(graphs: string[]): Promise<void> {
    const changedGraphs = new Set(graphs);
    const rows = await this.readRows();
    const changed: Row[] = [];
    const removed: Row[] = [];
    for (const [entity, row] of rows) {
      const old = this.rows.get(entity);
      // The list index keeps the row object of a record it did not read again: nothing to compare.
      if (old === row && !changedGraphs.has(row.recordGraph)) continue;
      if (!old || changedGraphs.has(row.recordGraph) || old.recordGraph !== row.recordGraph || old.published !== row.published || !sameList(old.organisations, row.organisations)) changed.push(row);
    }
    for (const [entity, row] of this.rows) if (!rows.has(entity)) removed.push(row);
    const placeRecords = [...changed, ...removed].filter((r) => this.kindOf(r) === 'places').map((r) => r.entity);
    const before = this.places.snapshot(placeRecords);
    for (const row of removed) {
      const kind = this.kindOf(row);
      if (kind === 'places') this.places.set(row.entity, undefined);
      else if (kind) this.indexes[kind].remove(row.entity);
    }
    this.rows = rows;
    await this.load(changed);
    // Activities that use a changed place are read again with its new description.
    const read = new Set(changed.map((r) => r.entity));
    const again = [...this.places.users(placeRecords, before)].filter((e) => rows.has(e) && !read.has(e));
    await this.load(again.map((e) => rows.get(e)!));
  }
}

function sameList(a: string[] = [], b: string[] = []): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The search read model of the published activities and heritage objects in `store`. */
export function createSearchReadModel(store: StoreReader, base: string, options?: SearchReadModelOptions): SearchReadModel & { readonly usable: boolean } {
  return new StoreSearchReadModel(store, base, options);
}
