import type { MatchFeatures } from '../../../src/publication/matching/contract.js';
import { MAX_BLOCK, MatchIndex, mergeFeatures } from '../../../src/pipeline/matching/match-index.js';
import { testMatcher, unionFindClusters } from '../../helpers/test-matching.js';

const ID = 'http://hub.test/id/';
const place = (iri: string, name: string, identifiers: string[] = [], source = 'a'): MatchFeatures => ({ iri: `${ID}plaats/${iri}`, type: 'plaats', sources: [source], labels: [{ value: name }], identifiers });
const g = (s: string) => `http://hub.test/graph/${s}`;

describe('The match index', () => {
  it('links, clusters on the smallest member IRI, and reports which members moved', () => {
    const index = new MatchIndex(testMatcher, unionFindClusters);
    const touched = index.setRecord(g('b/1'), [place('b/1', 'Vooruit')]);
    expect(index.rescore(touched)).toBe(false);
    expect(index.recluster(touched, [])).toEqual(new Map());
    const more = index.setRecord(g('a/1'), [place('a/1', 'VOORUIT!', [], 'a')]);
    expect(index.rescore(more)).toBe(true);
    expect(index.links).toMatchObject([{ a: `${ID}plaats/a/1`, b: `${ID}plaats/b/1`, verdict: 'match', score: 0.9 }]);
    const moved = index.recluster(more, []);
    expect(moved).toEqual(new Map([[`${ID}plaats/b/1`, { from: `${ID}plaats/b/1`, to: `${ID}plaats/a/1` }]]));
    expect(index.canonical(`${ID}plaats/b/1`)).toBe(`${ID}plaats/a/1`);
    expect(index.clusters).toEqual([{ iri: `${ID}plaats/a/1`, type: 'plaats', members: [`${ID}plaats/a/1`, `${ID}plaats/b/1`] }]);
  });

  it('gives the same clusters whatever order records arrive in', () => {
    const records = [
      [g('c/1'), [place('c/1', 'Handelsbeurs', ['urn:x:1'])]],
      [g('a/1'), [place('a/1', 'Concertzaal Handelsbeurs', ['urn:x:1'])]],
      [g('b/1'), [place('b/1', 'Handelsbeurs')]],
      [g('d/1'), [place('d/1', 'Vooruit')]],
    ] as const;
    const run = (order: number[]) => {
      const index = new MatchIndex(testMatcher, unionFindClusters);
      for (const i of order) {
        const touched = index.setRecord(records[i]![0], records[i]![1]);
        index.rescore(touched);
        index.recluster(touched, []);
      }
      return { clusters: index.clusters, links: index.links.sort((x, y) => (x.a + x.b < y.a + y.b ? -1 : 1)) };
    };
    const first = run([0, 1, 2, 3]);
    expect(first.clusters).toEqual([{ iri: `${ID}plaats/a/1`, type: 'plaats', members: [`${ID}plaats/a/1`, `${ID}plaats/b/1`, `${ID}plaats/c/1`] }]);
    expect(run([3, 2, 1, 0])).toEqual(first);
    expect(run([2, 0, 3, 1])).toEqual(first);
  });

  it('takes no candidates from a blocking key shared by more than MAX_BLOCK entities, whatever order records arrive in', () => {
    // Fillers share the word "vooruit" with the pair and have one word of their own each.
    const word = (n: number) => n.toString(26).replace(/\d/g, (d) => 'qrstuvwxyz'[Number(d)]!).padStart(4, 'k');
    const fillers = Array.from({ length: MAX_BLOCK }, (_, n) => [g(`f/${n}`), [place(`f/${n}`, `Vooruit ${word(n)}`)]] as const);
    const pair = [
      [g('a/1'), [place('a/1', 'Vooruit')]],
      [g('b/1'), [place('b/1', 'Vooruit')]],
    ] as const;
    const run = (records: readonly (readonly [string, readonly MatchFeatures[] | undefined])[], index = new MatchIndex(testMatcher, unionFindClusters)) => {
      for (const [graph, features] of records) index.rescore(index.setRecord(graph, features));
      return index;
    };
    const pairLink = (index: MatchIndex) => index.links.filter((l) => l.a === `${ID}plaats/a/1` && l.b === `${ID}plaats/b/1`);
    // The pair alone, and with the block exactly at the bound: linked through "vooruit".
    expect(pairLink(run(pair))).toHaveLength(1);
    expect(pairLink(run([...pair, ...fillers.slice(2)]))).toHaveLength(1);
    // One member more and the key is over the bound: the pair loses its only shared key, in either order.
    const over = fillers.slice(1);
    const pairFirst = run([...pair, ...over]);
    const pairLast = run([...over, ...pair]);
    expect(pairLink(pairFirst)).toEqual([]);
    expect(pairLink(pairLast)).toEqual([]);
    expect(pairFirst.links.length).toBe(pairLast.links.length);
    // Fillers deleted again: the block is back under the bound and the pair is linked again.
    run(over.map(([graph]) => [graph, undefined] as const), pairLast);
    expect(pairLink(pairLast)).toHaveLength(1);
  });

  it('splits a cluster that loses its evidence, and a deleted record leaves its cluster', () => {
    const index = new MatchIndex(testMatcher, unionFindClusters);
    const step = (graph: string, features: MatchFeatures[] | undefined) => {
      const touched = index.setRecord(graph, features);
      index.rescore(touched);
      return index.recluster(touched, []);
    };
    step(g('a/1'), [place('a/1', 'Vooruit')]);
    step(g('b/1'), [place('b/1', 'Vooruit')]);
    step(g('c/1'), [place('c/1', 'Vooruit')]);
    expect(index.canonical(`${ID}plaats/c/1`)).toBe(`${ID}plaats/a/1`);
    // a/1 deleted: b/1 and c/1 stay one, on the next smallest IRI.
    const moved = step(g('a/1'), undefined);
    expect(moved.get(`${ID}plaats/c/1`)).toEqual({ from: `${ID}plaats/a/1`, to: `${ID}plaats/b/1` });
    expect(index.clusters).toEqual([{ iri: `${ID}plaats/b/1`, type: 'plaats', members: [`${ID}plaats/b/1`, `${ID}plaats/c/1`] }]);
    // c/1 renamed: no evidence left, the cluster splits.
    const split = step(g('c/1'), [place('c/1', 'Minard')]);
    expect(split.get(`${ID}plaats/c/1`)).toEqual({ from: `${ID}plaats/b/1`, to: `${ID}plaats/c/1` });
    expect(index.clusters).toEqual([]);
    expect(index.links).toEqual([]);
  });

  it('applies curator decisions: never-merge keeps two apart, merge joins, split takes one out', () => {
    const index = new MatchIndex(testMatcher, unionFindClusters);
    const a = `${ID}plaats/a/1`;
    const b = `${ID}plaats/b/1`;
    const touched = new Set([...index.setRecord(g('a/1'), [place('a/1', 'Vooruit')]), ...index.setRecord(g('b/1'), [place('b/1', 'Minard')])]);
    index.rescore(touched);
    const decision = (kind: 'merge' | 'never-merge' | 'split', x: string, y?: string) => ({ kind, a: x, b: y, curator: 'test', at: '2026-12-01T00:00:00Z', id: `${kind}${x}${y}` });
    expect(index.recluster([a], [decision('merge', a, b)]).get(b)).toEqual({ from: b, to: a });
    expect(index.recluster([a], [decision('split', b)]).get(b)).toEqual({ from: a, to: b });
    index.setRecord(g('b/1'), [place('b/1', 'Vooruit')]);
    index.rescore([b]);
    expect(index.recluster([b], [decision('never-merge', a, b)])).toEqual(new Map());
    expect(index.recluster([b], []).get(b)).toEqual({ from: b, to: a });
  });

  it('merges the features several records give one entity', () => {
    const merged = mergeFeatures([place('a/x', 'Vooruit', ['urn:1'], 'a'), { ...place('a/x', 'Kunstencentrum Vooruit', ['urn:2'], 'a'), geo: { lat: 51, long: 3.7 } }]);
    expect(merged.identifiers).toEqual(['urn:1', 'urn:2']);
    expect(merged.labels.map((l) => l.value).sort()).toEqual(['Kunstencentrum Vooruit', 'Vooruit']);
    expect(merged.geo).toEqual({ lat: 51, long: 3.7 });
  });
});
