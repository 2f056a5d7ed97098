/**
 * Clusters from links and curator decisions (issue 16). Pure and deterministic: the same entities,
 * links and decisions give the same clusters whatever their order.
 *
 * The rule (docs/data-model.md, "Entity matching"):
 *   1. A `split` decision takes its entity out: it stays alone, whatever links or merges name it.
 *   2. Edges join entities strongest first: `merge` decisions (in IRI order), then links with verdict
 *      `match` by score, highest first (ties in IRI order of a, then b). Review and distinct links never join.
 *   3. An edge that would put both sides of a `never-merge` decision into one cluster is skipped.
 *      So when the evidence chains a never-merge pair together, the weakest links on the chain are
 *      the ones cut (Kruskal's order): each side keeps its strongest neighbours. A never-merge wins
 *      over a merge of the same pair.
 *   4. A cluster's canonical IRI is its smallest member IRI in code-point order.
 *
 * Only clusters of two or more members are returned; an entity in none is its own canonical.
 */
import type { Cluster, LinkDecision, MatchLink, MatchType } from './contract.js';

const byCodePoint = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

interface Edge {
  a: string;
  b: string;
  /** Merges rank above every link. */
  strength: number;
}

class Components {
  private readonly parent = new Map<string, string>();
  /** Members of each root, for the never-merge check. */
  private readonly members = new Map<string, Set<string>>();

  has(x: string): boolean {
    return this.parent.has(x);
  }

  add(x: string): void {
    if (this.parent.has(x)) return;
    this.parent.set(x, x);
    this.members.set(x, new Set([x]));
  }

  find(x: string): string {
    let root = x;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    let cur = x;
    while (cur !== root) {
      const next = this.parent.get(cur)!;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }

  setOf(root: string): Set<string> {
    return this.members.get(root)!;
  }

  union(x: string, y: string): void {
    const [small, large] = this.setOf(x).size <= this.setOf(y).size ? [x, y] : [y, x];
    this.parent.set(small, large);
    for (const m of this.setOf(small)) this.setOf(large).add(m);
    this.members.delete(small);
  }
}

/**
 * Clusters of the entities: `entities` gives each IRI's type (an IRI only named by links takes the
 * link's type); links and decisions may name IRIs in either order.
 */
export function clusterEntities(entities: readonly { iri: string; type: MatchType }[], links: readonly MatchLink[], decisions: readonly LinkDecision[]): Cluster[] {
  const types = new Map<string, MatchType>();
  for (const l of links) {
    if (!types.has(l.a)) types.set(l.a, l.type);
    if (!types.has(l.b)) types.set(l.b, l.type);
  }
  for (const e of entities) types.set(e.iri, e.type);

  const alone = new Set(decisions.filter((d) => d.kind === 'split').map((d) => d.a));
  const never = new Map<string, Set<string>>();
  for (const d of decisions) {
    if (d.kind !== 'never-merge' || !d.b || d.a === d.b) continue;
    for (const [x, y] of [[d.a, d.b], [d.b, d.a]] as const) {
      const set = never.get(x) ?? new Set<string>();
      set.add(y);
      never.set(x, set);
    }
  }

  const edges: Edge[] = [];
  const ordered = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);
  for (const d of decisions) {
    if (d.kind === 'merge' && d.b && d.a !== d.b) edges.push({ ...pair(ordered(d.a, d.b)), strength: Number.POSITIVE_INFINITY });
  }
  for (const l of links) {
    if (l.verdict === 'match' && l.a !== l.b) edges.push({ ...pair(ordered(l.a, l.b)), strength: l.score });
  }
  edges.sort((x, y) => (x.strength !== y.strength ? y.strength - x.strength : byCodePoint(x.a, y.a) || byCodePoint(x.b, y.b)));

  const comps = new Components();
  for (const e of edges) {
    if (alone.has(e.a) || alone.has(e.b)) continue;
    if (types.get(e.a) !== types.get(e.b)) continue;
    comps.add(e.a);
    comps.add(e.b);
    const ra = comps.find(e.a);
    const rb = comps.find(e.b);
    if (ra === rb) continue;
    if (forbidden(comps.setOf(ra), comps.setOf(rb), never)) continue;
    comps.union(ra, rb);
  }

  const byRoot = new Map<string, string[]>();
  for (const iri of types.keys()) {
    if (alone.has(iri)) continue;
    if (!comps.has(iri)) continue;
    const root = comps.find(iri);
    byRoot.set(root, [...(byRoot.get(root) ?? []), iri]);
  }
  const clusters: Cluster[] = [];
  for (const members of byRoot.values()) {
    if (members.length < 2) continue;
    members.sort(byCodePoint);
    clusters.push({ iri: members[0]!, type: types.get(members[0]!)!, members });
  }
  return clusters.sort((x, y) => byCodePoint(x.iri, y.iri));
}

function pair([a, b]: [string, string]): { a: string; b: string } {
  return { a, b };
}

/** Whether joining two clusters would put a never-merge pair together. */
function forbidden(x: Set<string>, y: Set<string>, never: Map<string, Set<string>>): boolean {
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  for (const m of small) {
    const nots = never.get(m);
    if (nots) for (const n of nots) if (large.has(n)) return true;
  }
  return false;
}
