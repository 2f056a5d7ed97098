import { evaluate, GOALS, loadPairs, TYPES } from '../../../bench/matching/evaluate.js';
import { projectPath } from '../../../src/core/paths.js';

/** CI guards the matcher's quality: the labelled set must keep meeting the goals of issue 16. */
describe('Entity matching quality on the labelled pairs', () => {
  const dir = projectPath('test/fixtures/matching/pairs');

  it('holds at least 320 real-shaped pairs, at least 80 per type, true matches and hard non-matches', () => {
    const sets = loadPairs(dir);
    expect([...sets.keys()].sort()).toEqual([...TYPES].sort());
    expect([...sets.values()].reduce((n, p) => n + p.length, 0)).toBeGreaterThanOrEqual(320);
    for (const [type, pairs] of sets) {
      expect([type, pairs.length >= 80]).toEqual([type, true]);
      expect([type, pairs.some((p) => p.match), pairs.some((p) => !p.match)]).toEqual([type, true, true]);
      expect(new Set(pairs.map((p) => p.id)).size).toBe(pairs.length);
    }
  });

  it(`meets precision ≥ ${GOALS.precision} and recall ≥ ${GOALS.recall} per type`, () => {
    const e = evaluate(dir);
    expect(e.perType.flatMap((r) => r.problems)).toEqual([]);
    for (const r of e.perType) {
      expect({ type: r.type, precisionMet: r.precision >= GOALS.precision, recallMet: r.recall >= GOALS.recall, errors: r.errors.filter((x) => !x.expected).map((x) => x.id) })
        .toEqual({ type: r.type, precisionMet: true, recallMet: true, errors: [] });
    }
    expect(e.goalsMet).toBe(true);
  });
});
