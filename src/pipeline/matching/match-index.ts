/**
 * The publishing side's match index (docs/data-model.md, "Entity matching"): every matched
 * entity's features by the record graphs that describe it, the blocking keys, the links (match and
 * review pairs with their evidence) and the clusters with their canonical IRIs. Pure and in
 * memory; the match step (steps/match.ts) loads it from the store and keeps it current.
 *
 * Incremental: a record's features in or out re-score only the entities it describes, against the
 * entities sharing a blocking key with them, and re-cluster only the connected parts they touch
 * (their match links, merge decisions and the clusters they were in), so a cluster that loses its
 * evidence splits and a deleted record's entity leaves its cluster.
 */
import type { Cluster, LinkDecision, MatchFeatures, MatchLink, Matcher } from '../../publication/matching/contract.js';
import type { ClusterEntities } from './setup.js';

/** What one re-clustering changed: member → its canonical IRI before and after (the member itself when alone). */
export type CanonicalChanges = Map<string, { from: string; to: string }>;

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const uniq = <T>(xs: readonly T[]) => [...new Set(xs)];

/** One entity's features from several records (an entity several records of a source name), merged. */
export function mergeFeatures(list: readonly MatchFeatures[]): MatchFeatures {
  if (list.length === 1) return list[0]!;
  const keyed = list.map((f) => [JSON.stringify(f), f] as const);
  const sorted = keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, f]) => f);
  const first = sorted[0]!;
  const labelKey = (l: { value: string; language?: string }) => `${l.language ?? ''}\u0000${l.value}`;
  const labels = new Map(sorted.flatMap((f) => f.labels.map((l) => [labelKey(l), l] as const)));
  const arr = (pick: (f: MatchFeatures) => string[] | undefined) => {
    const all = uniq(sorted.flatMap((f) => pick(f) ?? []));
    return all.length ? all : undefined;
  };
  const venues = sorted.some((f) => f.venues) ? { iris: uniq(sorted.flatMap((f) => f.venues?.iris ?? [])), labels: uniq(sorted.flatMap((f) => f.venues?.labels ?? [])) } : undefined;
  const merged: MatchFeatures = {
    iri: first.iri,
    type: first.type,
    sources: uniq(sorted.flatMap((f) => f.sources)).sort(),
    labels: [...labels.values()],
    identifiers: uniq(sorted.flatMap((f) => f.identifiers)).sort(),
  };
  const starts = arr((f) => f.starts);
  const roles = arr((f) => f.roles);
  const schemes = arr((f) => f.schemes);
  if (starts) merged.starts = starts;
  if (venues) merged.venues = venues;
  if (roles) merged.roles = roles;
  if (schemes) merged.schemes = schemes;
  const address = sorted.find((f) => f.address)?.address;
  const geo = sorted.find((f) => f.geo)?.geo;
  const birth = sorted.find((f) => f.birth)?.birth;
  const death = sorted.find((f) => f.death)?.death;
  if (address) merged.address = address;
  if (geo) merged.geo = geo;
  if (birth) merged.birth = birth;
  if (death) merged.death = death;
  return merged;
}

/**
 * A blocking key shared by more entities than this (a title word of hundreds of events on one
 * day, a street of a whole district) gives no candidates: scoring every pair in it is quadratic
 * and such a key tells nothing. Identifier keys (`id:`) always count. Whether a block is over the
 * bound depends only on the current records: when a block crosses it, all its members are scored
 * again, so the links do not depend on the order records arrived in.
 */
export const MAX_BLOCK = 200;

const purgeable = (key: string, size: number) => size > MAX_BLOCK && !key.startsWith('id:');

export class MatchIndex {
  /** Record graph → the features it gave, by entity IRI. */
  private readonly byGraph = new Map<string, Map<string, MatchFeatures>>();
  /** Entity IRI → record graph → features. */
  private readonly byIri = new Map<string, Map<string, MatchFeatures>>();
  /**
   * Entity IRI → its distinct feature sets (by their JSON) with how many records gave each: an
   * entity hundreds of records name (a material, a dimension type) mostly gets the same features
   * again, which changes nothing and is neither merged nor scored again.
   */
  private readonly distinct = new Map<string, Map<string, { features: MatchFeatures; records: number }>>();
  private readonly merged = new Map<string, MatchFeatures>();
  private readonly blocks = new Map<string, Set<string>>();
  private readonly keysOf = new Map<string, string[]>();
  private readonly linkMap = new Map<string, MatchLink>();
  private readonly linksOf = new Map<string, Set<string>>();
  /** Member → canonical IRI, for members of clusters of two or more. */
  private readonly canonicalOf = new Map<string, string>();
  private readonly clusterMap = new Map<string, Cluster>();

  constructor(
    private readonly matcher: Matcher,
    private readonly clusterEntities: ClusterEntities,
  ) {}

  /** The canonical IRI of a hub IRI (itself when it is in no cluster). */
  canonical(iri: string): string {
    return this.canonicalOf.get(iri) ?? iri;
  }

  /** Every member → canonical pair (members of clusters of two or more only). */
  get canonicals(): ReadonlyMap<string, string> {
    return this.canonicalOf;
  }

  get links(): MatchLink[] {
    return [...this.linkMap.values()];
  }

  get clusters(): Cluster[] {
    return [...this.clusterMap.values()];
  }

  features(iri: string): MatchFeatures | undefined {
    return this.merged.get(iri);
  }

  /** Record graphs whose features name this entity. */
  graphsOf(iri: string): string[] {
    return [...(this.byIri.get(iri)?.keys() ?? [])];
  }

  /** Puts (or, with none, removes) a record's features; the entity IRIs whose features changed. */
  setRecord(graph: string, features: readonly MatchFeatures[] | undefined): Set<string> {
    const before = this.byGraph.get(graph) ?? new Map<string, MatchFeatures>();
    const after = new Map((features ?? []).map((f) => [f.iri, f] as const));
    const touched = new Set<string>();
    for (const iri of new Set([...before.keys(), ...after.keys()])) {
      const a = before.get(iri);
      const b = after.get(iri);
      const ja = a && JSON.stringify(a);
      const jb = b && JSON.stringify(b);
      if (ja === jb) continue;
      const perGraph = this.byIri.get(iri) ?? new Map<string, MatchFeatures>();
      if (b) perGraph.set(graph, b);
      else perGraph.delete(graph);
      if (perGraph.size) this.byIri.set(iri, perGraph);
      else this.byIri.delete(iri);
      const released = ja !== undefined && this.release(iri, ja);
      const held = jb !== undefined && this.hold(iri, jb, b!);
      if (!released && !held) continue;
      touched.add(iri);
      for (const other of this.refreshEntity(iri)) touched.add(other);
    }
    if (after.size) this.byGraph.set(graph, after);
    else this.byGraph.delete(graph);
    return touched;
  }

  /** Counts a record's features in; true when no record gave these before. */
  private hold(iri: string, json: string, features: MatchFeatures): boolean {
    const sets = this.distinct.get(iri) ?? new Map<string, { features: MatchFeatures; records: number }>();
    this.distinct.set(iri, sets);
    const held = sets.get(json);
    if (held) {
      held.records++;
      return false;
    }
    sets.set(json, { features, records: 1 });
    return true;
  }

  /** Counts a record's features out; true when no record gives them any more. */
  private release(iri: string, json: string): boolean {
    const sets = this.distinct.get(iri);
    const held = sets?.get(json);
    if (!sets || !held) return false;
    if (--held.records > 0) return false;
    sets.delete(json);
    if (sets.size === 0) this.distinct.delete(iri);
    return true;
  }

  /**
   * The merged features and blocking keys of one entity, after its records changed; returns the
   * members of blocks that crossed MAX_BLOCK either way, whose candidates changed with it.
   */
  private refreshEntity(iri: string): Set<string> {
    const crossed = new Set<string>();
    const sets = this.distinct.get(iri);
    const features = sets ? mergeFeatures([...sets.values()].map((s) => s.features)) : undefined;
    const oldKeys = this.keysOf.get(iri) ?? [];
    const newKeys = features ? uniq(this.matcher.blockingKeys(features)) : [];
    const kept = new Set(newKeys);
    for (const key of oldKeys) {
      if (kept.has(key)) continue;
      const set = this.blocks.get(key);
      if (!set) continue;
      set.delete(iri);
      if (set.size === 0) this.blocks.delete(key);
      else if (set.size === MAX_BLOCK && !key.startsWith('id:')) for (const other of set) crossed.add(other);
    }
    const had = new Set(oldKeys);
    for (const key of newKeys) {
      if (had.has(key)) continue;
      const set = this.blocks.get(key) ?? new Set<string>();
      set.add(iri);
      this.blocks.set(key, set);
      if (set.size === MAX_BLOCK + 1 && !key.startsWith('id:')) for (const other of set) if (other !== iri) crossed.add(other);
    }
    if (features) {
      this.merged.set(iri, features);
      this.keysOf.set(iri, newKeys);
    } else {
      this.merged.delete(iri);
      this.keysOf.delete(iri);
    }
    return crossed;
  }

  /** Scores these entities again against their candidates; whether any link changed. */
  rescore(iris: Iterable<string>): boolean {
    let changed = false;
    for (const iri of iris) {
      const old = new Map([...(this.linksOf.get(iri) ?? [])].map((k) => [k, this.linkMap.get(k)!] as const));
      for (const k of old.keys()) this.removeLink(k);
      const features = this.merged.get(iri);
      const fresh = new Map<string, MatchLink>();
      if (features) {
        const candidates = new Set<string>();
        for (const key of this.keysOf.get(iri) ?? []) {
          const block = this.blocks.get(key);
          if (!block || purgeable(key, block.size)) continue;
          for (const other of block) if (other !== iri) candidates.add(other);
        }
        for (const other of [...candidates].sort()) {
          const otherFeatures = this.merged.get(other)!;
          if (otherFeatures.type !== features.type) continue;
          const [a, b] = iri < other ? [features, otherFeatures] : [otherFeatures, features];
          const scored = this.matcher.score(a, b);
          if (scored.verdict === 'distinct') continue;
          fresh.set(pairKey(a.iri, b.iri), { a: a.iri, b: b.iri, type: a.type, score: scored.score, verdict: scored.verdict, evidence: scored.evidence });
        }
      }
      for (const [k, link] of fresh) this.addLink(k, link);
      if (old.size !== fresh.size || [...fresh].some(([k, l]) => JSON.stringify(old.get(k)) !== JSON.stringify(l))) changed = true;
    }
    return changed;
  }

  private addLink(key: string, link: MatchLink): void {
    this.linkMap.set(key, link);
    for (const iri of [link.a, link.b]) {
      const set = this.linksOf.get(iri) ?? new Set<string>();
      set.add(key);
      this.linksOf.set(iri, set);
    }
  }

  private removeLink(key: string): void {
    const link = this.linkMap.get(key);
    if (!link) return;
    this.linkMap.delete(key);
    for (const iri of [link.a, link.b]) {
      const set = this.linksOf.get(iri);
      set?.delete(key);
      if (set?.size === 0) this.linksOf.delete(iri);
    }
  }

  /** Links and clusters as the store holds them (the links graph), when the index is loaded. */
  restore(links: readonly MatchLink[], clusters: readonly Cluster[]): void {
    for (const link of links) if (this.merged.has(link.a) && this.merged.has(link.b)) this.addLink(pairKey(link.a, link.b), link);
    for (const c of clusters) this.setCluster(c);
  }

  private setCluster(c: Cluster): void {
    this.clusterMap.set(c.iri, c);
    for (const m of c.members) this.canonicalOf.set(m, c.iri);
  }

  /**
   * Re-clusters the connected parts these entities are in (match links, merge decisions, their
   * current clusters) with the curators' decisions; what changed, member by member.
   */
  recluster(iris: Iterable<string>, decisions: readonly LinkDecision[]): CanonicalChanges {
    const merges = new Map<string, string[]>();
    for (const d of decisions) {
      if (d.kind !== 'merge' || !d.b) continue;
      merges.set(d.a, [...(merges.get(d.a) ?? []), d.b]);
      merges.set(d.b, [...(merges.get(d.b) ?? []), d.a]);
    }
    const neighbours = (iri: string): string[] => {
      const out: string[] = [];
      for (const k of this.linksOf.get(iri) ?? []) {
        const l = this.linkMap.get(k)!;
        if (l.verdict === 'match') out.push(l.a === iri ? l.b : l.a);
      }
      for (const other of merges.get(iri) ?? []) out.push(other);
      const canonical = this.canonicalOf.get(iri);
      if (canonical) out.push(...this.clusterMap.get(canonical)!.members);
      return out;
    };
    const component = new Set<string>();
    const pending = [...iris];
    while (pending.length) {
      const iri = pending.pop()!;
      if (component.has(iri)) continue;
      component.add(iri);
      for (const n of neighbours(iri)) if (!component.has(n)) pending.push(n);
    }
    const members = [...component].sort();
    const before = new Map(members.map((m) => [m, this.canonical(m)] as const));
    for (const m of members) {
      const canonical = this.canonicalOf.get(m);
      if (canonical) this.clusterMap.delete(canonical);
      this.canonicalOf.delete(m);
    }
    const entities = members.map((m) => this.merged.get(m)).filter((f): f is MatchFeatures => f !== undefined);
    const links = uniq(members.flatMap((m) => [...(this.linksOf.get(m) ?? [])])).map((k) => this.linkMap.get(k)!);
    const relevant = decisions.filter((d) => component.has(d.a) || (d.b !== undefined && component.has(d.b)));
    for (const c of this.clusterEntities(entities, links, relevant)) if (c.members.length > 1) this.setCluster({ ...c, members: [...c.members].sort() });
    const changes: CanonicalChanges = new Map();
    for (const m of members) {
      const to = this.canonical(m);
      if (before.get(m) !== to) changes.set(m, { from: before.get(m)!, to });
    }
    return changes;
  }
}
