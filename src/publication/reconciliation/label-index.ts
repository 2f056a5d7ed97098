/**
 * The reconciliation service's label index: every named entity (an IRI, not a blank node) of a
 * reconciliation type (vocabulary.ts), with its labels prepared for comparison. Built from the
 * store at the first request and patched per commit (live-index.ts), a record graph at a time:
 * an entity named in several records (a maker shared by many objects) keeps the labels and
 * types of all of them, and loses a record's contribution when that record changes or goes.
 */
import { normaliseBase } from '../../core/identifiers.js';
import { RDF } from '../../core/vocab.js';
import { graphUnions, LiveIndex } from '../indexes/live-index.js';
import { inEntityGraphs, isEntityGraph } from './entity-scope.js';
import { prepareLabel, type PreparedLabel } from './similarity.js';
import { LABEL_PREDICATES, RECONCILE_TYPES } from './vocabulary.js';

/** One (entity, class, label) seen in one graph. */
interface Row {
  entity: string;
  cls: string;
  predicate: string;
  label: string;
}

export interface IndexedEntity {
  id: string;
  /** The display name: the label of the most preferred label property (then alphabetical). */
  name: string;
  labels: string[];
  prepared: PreparedLabel[];
  /** Reconciliation type ids. */
  types: string[];
  classes: string[];
}

const ALL_CLASSES = [...new Set(RECONCILE_TYPES.flatMap((t) => t.classes))];
const ALL_SEGMENTS = [...new Set(RECONCILE_TYPES.flatMap((t) => t.segments))];

export class LabelIndex extends LiveIndex {
  private readonly base: string;
  private byGraph = new Map<string, Row[]>();
  private graphsOf = new Map<string, Set<string>>();
  private entities = new Map<string, IndexedEntity>();
  /** Blocking keys (blockKeys) → the entities with a label that has the key. */
  private blocks = new Map<string, Set<string>>();

  constructor(store: ConstructorParameters<typeof LiveIndex>[0], base: string) {
    super(store);
    this.base = normaliseBase(base);
  }

  /**
   * Typed, labelled IRIs: of a reconciliation class, or a hub IRI whose type segment names one.
   * Not hash IRIs: a node nested in one record (an anonymous maker, once a blank node) is part of
   * that record's entity, not an entity others can be matched against.
   */
  private body(): string {
    // Hub IRIs of the types' segments only: objects' titles ({base}id/mensgemaaktobject/…) stay out.
    const hubIds = ALL_SEGMENTS.map((segment) => `STRSTARTS(STR(?entity), ${JSON.stringify(`${this.base}id/${segment}/`)})`).join(' || ');
    return `?entity <${RDF('type')}> ?cls ; ?predicate ?label .
      FILTER(isIRI(?entity) && !CONTAINS(STR(?entity), "#") && isLiteral(?label) && (?cls IN (${ALL_CLASSES.map((c) => `<${c}>`).join(', ')}) || ${hubIds}))
      FILTER(?predicate IN (${LABEL_PREDICATES.map((p) => `<${p}>`).join(', ')}))`;
  }

  private async read(where: string): Promise<Map<string, Row[]>> {
    const bindings = await this.store.select(`SELECT DISTINCT ?g ?entity ?cls ?predicate ?label WHERE { ${where} }`, { timeoutMs: 120_000 });
    const out = new Map<string, Row[]>();
    for (const b of bindings) {
      const g = b.g!.value;
      const rows = out.get(g) ?? [];
      rows.push({ entity: b.entity!.value, cls: b.cls!.value, predicate: b.predicate!.value, label: b.label!.value });
      out.set(g, rows);
    }
    return out;
  }

  protected async build(): Promise<void> {
    this.byGraph = await this.read(inEntityGraphs(this.base, this.body()));
    this.graphsOf = new Map();
    for (const [g, rows] of this.byGraph) for (const r of rows) this.link(r.entity, g);
    this.entities = new Map();
    this.blocks = new Map();
    for (const entity of this.graphsOf.keys()) this.recompute(entity);
  }

  protected async patch(graphs: string[]): Promise<void> {
    const wanted = graphs.filter((g) => isEntityGraph(this.base, g));
    const fresh = new Map<string, Row[]>();
    for (const where of graphUnions('g', wanted, this.body())) for (const [g, rows] of await this.read(where)) fresh.set(g, rows);
    const touched = new Set<string>();
    for (const g of wanted) {
      for (const r of this.byGraph.get(g) ?? []) {
        touched.add(r.entity);
        this.graphsOf.get(r.entity)?.delete(g);
      }
      const rows = fresh.get(g);
      if (rows === undefined) this.byGraph.delete(g);
      else this.byGraph.set(g, rows);
      for (const r of rows ?? []) {
        touched.add(r.entity);
        this.link(r.entity, g);
      }
    }
    for (const entity of touched) this.recompute(entity);
  }

  private link(entity: string, graph: string): void {
    const set = this.graphsOf.get(entity) ?? new Set<string>();
    set.add(graph);
    this.graphsOf.set(entity, set);
  }

  /** Rebuilds one entity's entry from the rows of every graph that mentions it (or drops it). */
  private recompute(entity: string): void {
    const graphs = this.graphsOf.get(entity);
    const rows = [...(graphs ?? [])].flatMap((g) => (this.byGraph.get(g) ?? []).filter((r) => r.entity === entity));
    const classes = [...new Set(rows.map((r) => r.cls))].sort();
    const types = typesOf(this.base, entity, classes);
    const previous = this.entities.get(entity);
    if (previous) for (const key of previous.prepared.flatMap(blockKeys)) this.blocks.get(key)?.delete(entity);
    if (rows.length === 0 || types.length === 0) {
      this.entities.delete(entity);
      if (rows.length === 0) this.graphsOf.delete(entity);
      return;
    }
    const rank = (p: string) => LABEL_PREDICATES.indexOf(p);
    const ordered = [...rows].sort((a, b) => rank(a.predicate) - rank(b.predicate) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    const labels = [...new Set(ordered.map((r) => r.label))];
    const prepared = labels.map(prepareLabel);
    this.entities.set(entity, { id: entity, name: labels[0]!, labels, prepared, types, classes });
    for (const key of prepared.flatMap(blockKeys)) {
      const set = this.blocks.get(key) ?? new Set<string>();
      set.add(entity);
      this.blocks.set(key, set);
    }
  }

  /**
   * The entities of these types (all when none given) that share a blocking key with the label:
   * a word's first three letters, so a typo after them ("Rembrant") still meets "Rembrandt".
   */
  *similarCandidates(label: PreparedLabel, typeIds: readonly string[] = []): Iterable<IndexedEntity> {
    const seen = new Set<string>();
    for (const key of blockKeys(label)) {
      for (const id of this.blocks.get(key) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const e = this.entities.get(id);
        if (e && (typeIds.length === 0 || e.types.some((t) => typeIds.includes(t)))) yield e;
      }
    }
  }

  /**
   * Brings the index up to date before a read: from the commit feed or change counter when the
   * store has one (live-index.ts); a store with neither (a remote SPARQL store) is read again
   * whole, so its answers are never stale, at the cost of one full read per request.
   */
  async refresh(): Promise<void> {
    if (this.usable) return this.current();
    this.builds++;
    await this.build();
  }

  /** The entities of any of these types (all types when none given); call `refresh` first. */
  *candidates(typeIds: readonly string[] = []): Iterable<IndexedEntity> {
    for (const e of this.entities.values()) if (typeIds.length === 0 || e.types.some((t) => typeIds.includes(t))) yield e;
  }

  get(id: string): IndexedEntity | undefined {
    return this.entities.get(id);
  }

  get size(): number {
    return this.entities.size;
  }
}

/** Blocking keys of a label: the first three characters of each of its words (the word itself when shorter). */
export function blockKeys(label: PreparedLabel): string[] {
  return [...new Set(label.normalised.split(' ').filter(Boolean).map((w) => w.slice(0, 3)))];
}

/** The reconciliation types of an entity: by its classes, or by the type segment of a hub IRI. */
export function typesOf(base: string, entity: string, classes: readonly string[]): string[] {
  const segment = entity.startsWith(`${base}id/`) ? entity.slice(base.length + 3).split('/')[0] : undefined;
  return RECONCILE_TYPES.filter((t) => t.classes.some((c) => classes.includes(c)) || (segment !== undefined && t.segments.includes(segment))).map((t) => t.id);
}
