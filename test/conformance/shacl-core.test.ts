/**
 * The W3C SHACL Core suite (98 tests) as part of `npm test` when ../shared/conformance/shacl is
 * present; skipped (with the reason) otherwise, a failure under HUB_REQUIRE_SERVICES=1.
 * `npm run conformance:shacl` runs the same and writes the table.
 */
import { runCoreSuite, SUITE_DIR } from '../../scripts/conformance-shacl.js';
import { describeWith } from '../helpers/services.js';

const outcomes = runCoreSuite();

describeWith([{ ok: outcomes !== undefined, what: `the W3C SHACL suite at ${SUITE_DIR} (../shared/conformance/shacl)`, shared: true }])('W3C SHACL Core test suite', () => {
  it('has all 98 core tests', () => {
    expect(outcomes!.length).toBe(98);
  });

  if (outcomes) {
    it.each(outcomes.map((o) => [o.name, o] as const))('%s', (_name, outcome) => {
      expect(outcome.detail).toBe('');
      expect(outcome.passed).toBe(true);
    });
  }
});
