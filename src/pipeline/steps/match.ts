/**
 * The match step (docs/data-model.md, "Entity matching"), run where a batch is committed (the
 * publish step: the embedded run and the distributed publish job alike). It keeps the match index
 * (loaded from the store on first use, then kept current), scores the batch's entities against
 * their candidates, re-clusters what they touch, writes every record graph of the batch on its
 * clusters' canonical IRIs, re-puts the stored record graphs whose IRIs moved (so the result does
 * not depend on the order records arrive in) and the links graph, all in the batch's commit.
 *
 * Several publishing processes (a remote store with publish workers in several processes) each
 * keep an index: every commit that changes the index writes a new generation into
 * `{base}graph/match-state`, and a step that finds another generation there than its own loads
 * the index again. With `lock` (a lock all those processes share, queue/match-lock.ts) the check
 * and the commit are one critical section.
 *
 * The record's content hash (unchanged.ts) stays the hash of the record before the rewrite: the
 * process step takes it, and this step never touches it. One step per store and process; its
 * batches run one at a time. A failed commit forgets the index, so the next batch loads it again
 * from what the store holds.
 */
import { randomUUID } from 'node:crypto';
import { normaliseBase } from '../../core/identifiers.js';
import { literal, namedNode, quad } from '../../core/rdf.js';
import { publicationFactsOf, publicationIri, publicationQuads } from '../../core/provenance-form.js';
import { HUB, PROV } from '../../core/vocab.js';
import type { Cluster, LinkDecision, ReclusterPort } from '../../publication/matching/contract.js';
import { encodeChanges } from '../../store/encoded-graphs.js';
import { recordGraphFilter } from '../../store/entities-graph.js';
import type { ChangeSet, EncodedChangeSet, EncodedGraphWrite, GraphWrite, Store } from '../../store/store.js';
import { mainEntityOf, nativesOf, rewriteNQuads, rewriteProvenanceNQuads, rewriteProvenanceQuads, rewriteQuads, type RewriteContext } from '../matching/canonical-rewrite.js';
import { linksGraphIri, linksGraphQuads, readLinksGraph } from '../matching/links-graph.js';
import { featuresOfWrite, MATCH_FEATURES, matchingGraphIri, parseFeatures } from '../matching/match-features.js';
import { MatchIndex, type CanonicalChanges } from '../matching/match-index.js';
import type { MatchingSetup } from '../matching/setup.js';

/** Feature rows per page when the index is loaded (stores cap a SELECT's answer). */
const LOAD_PAGE = 5000;
/** IRIs per query when finding the stored record graphs that name moved IRIs. */
const FIND_CHUNK = 200;
const TIMEOUT_MS = 120_000;

type AnyChanges = ChangeSet | EncodedChangeSet;

/** What `begin` did to a batch, for `finish`. */
export interface MatchedBatch<C extends AnyChanges> {
  changes: C;
  moved: CanonicalChanges;
  linksChanged: boolean;
  /** Whether the index took any change from the batch (features in or out). */
  indexChanged: boolean;
}

/** A critical section shared by every process that publishes to the store. */
export type MatchLock = <T>(fn: () => Promise<T>) => Promise<T>;

export const matchStateGraphIri = (base: string) => `${base}graph/match-state`;
const GENERATION = HUB('generation');

export class MatchStep implements ReclusterPort {
  readonly base: string;
  private index?: Promise<MatchIndex>;
  private decisions: LinkDecision[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  /** The generation of the index this step holds (the last it loaded or wrote). */
  private generation?: string;

  constructor(
    private readonly setup: MatchingSetup,
    private readonly store: Store,
    baseIri: string,
    /** `loadPage`: feature rows per query when the index is loaded; `lock`: shared with other publishing processes. */
    private readonly options: { loadPage?: number; lock?: MatchLock } = {},
  ) {
    this.base = normaliseBase(baseIri);
  }

  /** Shares the critical section with the publish workers of other processes (distributed mode on a remote store). */
  useLock(lock: MatchLock): void {
    this.options.lock = lock;
  }

  /** The matcher the process step extracts features with. */
  get matcher() {
    return this.setup.matcher;
  }

  /**
   * Runs `fn` after every batch before it (one batch of this store at a time), inside the shared
   * lock when there is one, with an index as new as the store's.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const inside = async () => {
      if (this.index && (await this.storedGeneration()) !== this.generation) this.forget();
      return fn();
    };
    const run = this.chain.then(() => (this.options.lock ? this.options.lock(inside) : inside()));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async storedGeneration(): Promise<string | undefined> {
    const rows = await this.store.select(`SELECT ?gen WHERE { GRAPH <${matchStateGraphIri(this.base)}> { ?s <${GENERATION}> ?gen } } LIMIT 1`);
    return rows[0]?.gen?.value;
  }

  /** Forgets the index (a commit failed): the next batch loads it from the store again. */
  forget(): void {
    this.index = undefined;
  }

  /** The index, loaded from the store the first time. */
  loaded(): Promise<MatchIndex> {
    if (!this.index) {
      this.index = this.load();
      this.index.catch(() => (this.index = undefined));
    }
    return this.index;
  }

  private async load(): Promise<MatchIndex> {
    const index = new MatchIndex(this.setup.matcher, this.setup.clusterEntities);
    this.generation = await this.storedGeneration();
    const perGraph = new Map<string, ReturnType<typeof parseFeatures>[]>();
    const page = this.options.loadPage ?? LOAD_PAGE;
    // Pages by keyset on the record graph (Virtuoso refuses a sorted answer past LIMIT + OFFSET 10000).
    for (let after: string | undefined; ; ) {
      const rows = await this.store.select(
        `SELECT ?g ?f WHERE { GRAPH ?pg { ?g <${MATCH_FEATURES}> ?f } FILTER(STRSTARTS(STR(?g), ${JSON.stringify(`${this.base}graph/`)})${after === undefined ? '' : ` && STR(?g) > ${JSON.stringify(after)}`}) } ORDER BY STR(?g) LIMIT ${page}`,
        { timeoutMs: TIMEOUT_MS },
      );
      const full = rows.length === page;
      // A full page may end part-way through a record's features: that record comes whole with the next page.
      const last = rows.at(-1)?.g?.value;
      const kept = full && rows.some((r) => r.g!.value !== last) ? rows.filter((r) => r.g!.value !== last) : rows;
      for (const r of kept) perGraph.set(r.g!.value, [...(perGraph.get(r.g!.value) ?? []), parseFeatures(r.f!.value)]);
      if (!full) break;
      after = kept.at(-1)!.g!.value;
    }
    for (const [graph, list] of perGraph) index.setRecord(graph, list.filter((f) => f !== undefined));
    const { links, clusters } = readLinksGraph(await this.store.graph(linksGraphIri(this.base)), (iri) => index.features(iri)?.type);
    index.restore(links, clusters);
    this.decisions = await this.setup.loadDecisions(this.store);
    return index;
  }

  private context(index: MatchIndex, natives?: ReadonlySet<string>): RewriteContext {
    return { idPrefix: `${this.base}id/`, canonical: (iri) => index.canonical(iri), natives };
  }

  /**
   * Takes the batch's features into the index (a dropped record graph's leave it), scores and
   * re-clusters what they touch, and writes the batch's record and provenance graphs on the
   * canonical IRIs. Run inside `exclusive`, before the unchanged check.
   */
  async begin<C extends AnyChanges>(changes: C): Promise<MatchedBatch<C>> {
    const index = await this.loaded();
    const touched = new Set<string>();
    for (const w of (changes.put ?? []) as (GraphWrite | EncodedGraphWrite)[]) {
      const found = featuresOfWrite(w);
      if (found) for (const iri of index.setRecord(found.recordGraph, found.features)) touched.add(iri);
    }
    for (const g of changes.drop ?? []) for (const iri of index.setRecord(g, undefined)) touched.add(iri);
    const linksChanged = touched.size > 0 && index.rescore(touched);
    const moved = touched.size > 0 ? index.recluster(touched, this.decisions) : new Map();
    const indexChanged = touched.size > 0;
    if (index.canonicals.size === 0) return { changes, moved, linksChanged, indexChanged };
    const ctx = this.context(index);
    const put = ((changes.put ?? []) as (GraphWrite | EncodedGraphWrite)[]).map((w) => this.rewriteWrite(w, ctx));
    return { changes: { ...changes, put } as C, moved, linksChanged, indexChanged };
  }

  private rewriteWrite<W extends GraphWrite | EncodedGraphWrite>(w: W, ctx: RewriteContext): W {
    const canonical = ctx.canonical;
    if ('nquads' in w) {
      const nquads = w.entity ? rewriteNQuads(w.nquads, w.graph, ctx) : w.graph.endsWith('/provenance') ? rewriteProvenanceNQuads(w.nquads, canonical) : w.nquads;
      return nquads === w.nquads ? w : { ...w, nquads, quads: lineCount(nquads) };
    }
    const quads = w.entity ? rewriteQuads(w.quads, ctx) : w.graph.endsWith('/provenance') ? rewriteProvenanceQuads(w.quads, canonical) : w.quads;
    return quads === w.quads ? w : { ...w, quads };
  }

  /**
   * Adds to what will be committed: the stored record graphs (and provenance) that name IRIs whose
   * canonical IRI moved and that the commit does not write anyway, rewritten; and the links graph
   * when it changed. Run inside `exclusive`, after the unchanged check.
   */
  async finish<C extends AnyChanges>(batch: MatchedBatch<C>, rest: C, encoded: boolean): Promise<C> {
    if (batch.moved.size === 0 && !batch.linksChanged && !batch.indexChanged) return rest;
    const index = await this.loaded();
    const extra: GraphWrite[] = [];
    if (batch.moved.size > 0 || batch.linksChanged) {
      extra.push(...(await this.storedRewrites(index, batch.moved, new Set([...(rest.put ?? []).map((w) => w.graph), ...(rest.drop ?? [])]))));
      extra.push({ graph: linksGraphIri(this.base), quads: linksGraphQuads(this.base, index.links, index.clusters) });
    }
    // The index this commit leaves: another publishing process that holds an older one loads it again.
    this.generation = randomUUID();
    const state = matchStateGraphIri(this.base);
    extra.push({ graph: state, quads: [quad(namedNode(state), namedNode(GENERATION), literal(this.generation))] });
    const add = encoded ? (encodeChanges({ put: extra }).put ?? []) : extra;
    return { ...rest, put: [...(rest.put ?? []), ...add] } as C;
  }

  /** The stored record graphs naming a moved IRI (as the store writes it: its canonical IRI before), rewritten. */
  private async storedRewrites(index: MatchIndex, moved: CanonicalChanges, written: Set<string>): Promise<GraphWrite[]> {
    const before = [...new Set([...moved.values()].map((m) => m.from))].sort();
    const graphs = new Set<string>();
    for (let i = 0; i < before.length; i += FIND_CHUNK) {
      const values = before
        .slice(i, i + FIND_CHUNK)
        .map((iri) => `<${iri}>`)
        .join(' ');
      const rows = await this.store.select(
        `SELECT DISTINCT ?g WHERE { VALUES ?x { ${values} } { GRAPH ?g { ?x ?p ?o } } UNION { GRAPH ?g { ?s ?q ?x } } FILTER(${recordGraphFilter('?g', this.base)}) }`,
        { timeoutMs: TIMEOUT_MS },
      );
      for (const r of rows) graphs.add(r.g!.value);
    }
    const out: GraphWrite[] = [];
    const now = new Date().toISOString();
    for (const graph of [...graphs].sort()) {
      if (written.has(graph)) continue;
      const [quads, provenance, matching] = await Promise.all([this.store.graph(graph), this.store.graph(`${graph}/provenance`), this.store.graph(matchingGraphIri(graph))]);
      if (quads.length === 0) continue;
      const ctx = this.context(index, nativesOf(matching));
      const data = rewriteQuads(quads, ctx);
      if (data === quads) continue;
      out.push({ graph, quads: data, entity: true });
      // A new version of the record as published (LDES keys versions by entity and time): by a publication of now, with the facts of the one before.
      const generated = provenance.find((q) => q.predicate.value === PROV('wasGeneratedBy'));
      const facts = generated && publicationFactsOf(generated.object.value, await this.store.graph(generated.object.value));
      // The record's own main entity: its IRI as minted from the record graph's and the publication's type.
      let prov = rewriteProvenanceQuads(provenance, ctx.canonical, facts ? mainEntityOf(this.base, graph, facts.entityType) : undefined);
      if (generated && facts) {
        const node = publicationIri({ ...facts, publishedAt: now });
        prov = prov.map((q) => (q.predicate.value === PROV('wasGeneratedBy') ? quad(q.subject, q.predicate, namedNode(node), q.graph) : q));
        out.push({ graph: node, quads: publicationQuads(node, { ...facts, publishedAt: now }).map((q) => quad(q.subject, q.predicate, q.object)) });
      }
      out.push({ graph: `${graph}/provenance`, quads: prov });
    }
    return out;
  }

  /** ReclusterPort: the curators' decisions applied now to these IRIs' clusters, committed. */
  recluster(iris: readonly string[]): Promise<void> {
    return this.exclusive(async () => {
      const index = await this.loaded();
      this.decisions = await this.setup.loadDecisions(this.store);
      const moved = index.recluster(iris, this.decisions);
      const batch: MatchedBatch<ChangeSet> = { changes: {}, moved, linksChanged: true, indexChanged: true };
      const changes = await this.finish(batch, {}, false);
      try {
        if (changes.put?.length) await this.store.commit(changes);
      } catch (error) {
        this.forget();
        throw error;
      }
    });
  }

  /** The clusters as the index holds them (for tests and reports). */
  async clusters(): Promise<Cluster[]> {
    return (await this.loaded()).clusters;
  }
}

function lineCount(nquads: string): number {
  let n = 0;
  for (let i = nquads.indexOf('\n'); i >= 0; i = nquads.indexOf('\n', i + 1)) n++;
  return n;
}
