/**
 * The W3C SHACL Core suite (98 tests) as part of `npm test` when ../shared/conformance/shacl is
 * present; skipped otherwise. `npm run conformance:shacl` runs the same and writes the table.
 */
import { runCoreSuite, SUITE_DIR } from '../../scripts/conformance-shacl.js';

const outcomes = runCoreSuite();

if (!outcomes) {
  describe('W3C SHACL Core test suite', () => {
    it.skip(`is not available at ${SUITE_DIR}`, () => undefined);
  });
} else {
  describe('W3C SHACL Core test suite', () => {
    it('has all 98 core tests', () => {
      expect(outcomes.length).toBe(98);
    });

    it.each(outcomes.map((o) => [o.name, o] as const))('%s', (_name, outcome) => {
      expect(outcome.detail).toBe('');
      expect(outcome.passed).toBe(true);
    });
  });
}
