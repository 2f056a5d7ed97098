import { parseConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/core/errors.js';
import { defaultThresholds } from '../../../src/config/matching.js';
import { createMatcher } from '../../../src/publication/matching/matcher.js';

describe('hub.matching', () => {
  it('defaults every type to the tuned thresholds', () => {
    expect(parseConfig('hub: {}', undefined, { env: {} }).hub.matching).toEqual({ ...defaultThresholds, externalServices: [] });
  });

  it('takes thresholds per type and refuses a review threshold above the match threshold', () => {
    const config = parseConfig('hub:\n  matching:\n    agent: { match: 0.9 }\n', undefined, { env: {} });
    expect(config.hub.matching.agent).toEqual({ match: 0.9, review: defaultThresholds.agent.review });
    // The matcher takes the configured section as it is.
    const matcher = createMatcher(config.hub.matching);
    const f = { iri: 'http://hub.test/id/agent/a/1', type: 'agent' as const, sources: ['a'], labels: [{ value: 'James Ensor' }], identifiers: [] };
    expect(matcher.score(f, { ...f, iri: 'http://hub.test/id/agent/b/1' })).toMatchObject({ score: 0.86, verdict: 'review' });
    expect(() => parseConfig('hub:\n  matching:\n    plaats: { match: 0.5, review: 0.7 }\n', undefined, { env: {} })).toThrow(ConfigError);
    expect(() => parseConfig('hub:\n  matching:\n    objects: { match: 0.5 }\n', undefined, { env: {} })).toThrow(ConfigError);
  });
});
