import { clusterEntities } from '../../../src/publication/matching/clusters.js';
import type { LinkDecision, MatchLink, MatchType } from '../../../src/publication/matching/contract.js';

const H = 'http://hub.test/id/agent';
const e = (id: string, type: MatchType = 'agent') => ({ iri: `${H}/${id}`, type });
const link = (a: string, b: string, score: number, verdict: MatchLink['verdict'] = 'match'): MatchLink => {
  const [x, y] = [`${H}/${a}`, `${H}/${b}`].sort();
  return { a: x!, b: y!, type: 'agent', score, verdict, evidence: [] };
};
const decision = (kind: LinkDecision['kind'], a: string, b?: string): LinkDecision => ({
  kind, a: `${H}/${a}`, ...(b ? { b: `${H}/${b}` } : {}), curator: 'test', at: '2026-12-07T00:00:00Z', id: `${kind}-${a}-${b ?? ''}`,
});
const members = (clusters: ReturnType<typeof clusterEntities>) => clusters.map((c) => c.members.map((m) => m.slice(H.length + 1)));

/** A seeded shuffle, so the test is the same on every run. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('Clusters from links and decisions', () => {
  it('joins entities linked by match verdicts, names each cluster by its smallest member IRI, omits singletons', () => {
    const clusters = clusterEntities([e('c'), e('a'), e('b'), e('d'), e('x')], [link('c', 'a', 0.9), link('b', 'c', 0.95), link('d', 'x', 0.7, 'review')], []);
    expect(clusters).toEqual([{ iri: `${H}/a`, type: 'agent', members: [`${H}/a`, `${H}/b`, `${H}/c`] }]);
  });

  it('applies merge decisions, takes split members out, and never joins a never-merge pair', () => {
    expect(members(clusterEntities([e('a'), e('b'), e('c')], [], [decision('merge', 'b', 'a')]))).toEqual([['a', 'b']]);
    expect(members(clusterEntities([e('a'), e('b'), e('c')], [link('a', 'b', 0.9), link('b', 'c', 0.9)], [decision('split', 'b')]))).toEqual([]);
    expect(members(clusterEntities([e('a'), e('b')], [link('a', 'b', 1)], [decision('never-merge', 'b', 'a')]))).toEqual([]);
    // A never-merge wins over a merge of the same pair.
    expect(members(clusterEntities([e('a'), e('b')], [], [decision('merge', 'a', 'b'), decision('never-merge', 'a', 'b')]))).toEqual([]);
  });

  it('cuts the weakest link on a chain that would join a never-merge pair', () => {
    // a -0.99- b -0.87- c -0.95- d, never-merge(a, d): the weakest link (b, c) goes.
    const links = [link('a', 'b', 0.99), link('b', 'c', 0.87), link('c', 'd', 0.95)];
    expect(members(clusterEntities([e('a'), e('b'), e('c'), e('d')], links, [decision('never-merge', 'd', 'a')]))).toEqual([['a', 'b'], ['c', 'd']]);
    // A triangle: a-b 0.9, b-c 0.92, a-c 0.86 with never-merge(a, c): b stays with its stronger neighbour c.
    const triangle = [link('a', 'b', 0.9), link('b', 'c', 0.92), link('a', 'c', 0.86)];
    expect(members(clusterEntities([e('a'), e('b'), e('c')], triangle, [decision('never-merge', 'a', 'c')]))).toEqual([['b', 'c']]);
  });

  it('keeps types apart', () => {
    const cross: MatchLink = { ...link('a', 'b', 0.99) };
    expect(clusterEntities([e('a', 'agent'), e('b', 'plaats')], [cross], [])).toEqual([]);
  });

  it('gives the same clusters whatever the order of entities, links and decisions', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `n${String(i).padStart(2, '0')}`);
    const entities = ids.map((id) => e(id));
    const links: MatchLink[] = [];
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        if ((i * 7 + j * 13) % 5 === 0) links.push(link(ids[i]!, ids[j]!, 0.85 + ((i + j) % 10) / 100, (i + j) % 4 === 0 ? 'review' : 'match'));
      }
    }
    const decisions = [decision('never-merge', 'n01', 'n17'), decision('never-merge', 'n03', 'n22'), decision('merge', 'n05', 'n29'), decision('split', 'n10')];
    const expected = clusterEntities(entities, links, decisions);
    expect(expected.length).toBeGreaterThan(0);
    for (let seed = 1; seed <= 20; seed++) {
      const swapped = links.map((l, i) => (i % 2 === 0 ? { ...l, a: l.b, b: l.a } : l));
      expect(clusterEntities(shuffled(entities, seed), shuffled(swapped, seed + 100), shuffled(decisions, seed + 200))).toEqual(expected);
    }
    const all = expected.flatMap((c) => c.members);
    expect(all).not.toContain(`${H}/n10`);
    for (const c of expected) {
      expect(c.members.includes(`${H}/n01`) && c.members.includes(`${H}/n17`)).toBe(false);
      expect(c.iri).toBe([...c.members].sort()[0]);
    }
  });
});
