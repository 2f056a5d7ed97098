/**
 * A small matching setup for tests (the real one: publication/matching/matcher.ts, clusters.ts,
 * decisions.ts). The matcher: places, activities, agents and concepts by the type segment of their
 * hub IRI; labels from names; identifiers from schema:identifier IRIs. Pairs sharing an identifier
 * match (1.0); equal normalised labels match (0.9); one label inside the other waits for review
 * (0.6). Clusters by union-find over match links and merge decisions, but never across a
 * never-merge decision, and a split entity alone; the canonical IRI is the smallest member.
 */
import type { Cluster, LinkDecision, MatchFeatures, Matcher, MatchLink, MatchType } from '../../src/publication/matching/contract.js';
import type { ClusterEntities, MatchingSetup } from '../../src/pipeline/matching/setup.js';

export const NAME = 'https://schema.org/name';
export const IDENTIFIER = 'https://schema.org/identifier';
const TYPES: Record<string, MatchType> = { plaats: 'plaats', activiteit: 'activiteit', agent: 'agent', concept: 'concept' };

const norm = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export const testMatcher: Matcher = {
  features(description, iri, source) {
    const type = TYPES[/\/id\/([^/]+)\//.exec(iri)?.[1] ?? ''];
    if (!type) return undefined;
    const own = description.filter((q) => q.subject.value === iri);
    return {
      iri,
      type,
      sources: [source],
      labels: own.filter((q) => q.predicate.value === NAME).map((q) => ({ value: q.object.value })),
      identifiers: own.filter((q) => q.predicate.value === IDENTIFIER && q.object.termType === 'NamedNode').map((q) => q.object.value).sort(),
    };
  },
  blockingKeys(f) {
    return [...f.identifiers.map((i) => `id ${i}`), ...f.labels.flatMap((l) => norm(l.value).split(' ').filter((w) => w.length > 2).map((w) => `word ${w}`))];
  },
  score(a, b) {
    const shared = a.identifiers.filter((i) => b.identifiers.includes(i));
    if (shared.length) return { score: 1, verdict: 'match', evidence: [{ rule: 'shared-identifier', weight: 1, detail: `same identifier ${shared[0]}` }] };
    const la = a.labels.map((l) => norm(l.value));
    const lb = b.labels.map((l) => norm(l.value));
    if (la.some((x) => lb.includes(x))) return { score: 0.9, verdict: 'match', evidence: [{ rule: 'label', weight: 0.9, detail: 'same name' }] };
    if (la.some((x) => lb.some((y) => x.includes(y) || y.includes(x)))) return { score: 0.6, verdict: 'review', evidence: [{ rule: 'label', weight: 0.6, detail: 'one name inside the other' }] };
    return { score: 0, verdict: 'distinct', evidence: [] };
  },
};

export const unionFindClusters: ClusterEntities = (entities: readonly MatchFeatures[], links: readonly MatchLink[], decisions: readonly LinkDecision[]): Cluster[] => {
  const known = new Set(entities.map((e) => e.iri));
  const parent = new Map([...known].map((i) => [i, i] as const));
  const find = (i: string): string => (parent.get(i) === i ? i : find(parent.get(i)!));
  const split = new Set(decisions.filter((d) => d.kind === 'split').map((d) => d.a));
  const never = decisions.filter((d) => d.kind === 'never-merge' && d.b).map((d) => [d.a, d.b!] as const);
  const members = (root: string) => [...known].filter((i) => find(i) === root);
  const union = (a: string, b: string) => {
    if (!known.has(a) || !known.has(b) || split.has(a) || split.has(b)) return;
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return;
    const joined = [...members(ra), ...members(rb)];
    if (never.some(([x, y]) => joined.includes(x) && joined.includes(y))) return;
    parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const d of decisions) if (d.kind === 'merge' && d.b) union(d.a, d.b);
  for (const l of [...links].sort((x, y) => y.score - x.score || (x.a + x.b < y.a + y.b ? -1 : 1))) if (l.verdict === 'match') union(l.a, l.b);
  const byRoot = new Map<string, string[]>();
  for (const i of [...known].sort()) byRoot.set(find(i), [...(byRoot.get(find(i)) ?? []), i]);
  const typeOf = new Map(entities.map((e) => [e.iri, e.type] as const));
  return [...byRoot.values()].map((m) => ({ iri: m[0]!, type: typeOf.get(m[0]!)!, members: m }));
};

/** The test setup; `decisions` is read each time decisions are loaded (push to it, then recluster). */
export function testMatching(decisions: LinkDecision[] = []): MatchingSetup {
  return { matcher: testMatcher, clusterEntities: unionFindClusters, loadDecisions: async () => [...decisions] };
}
