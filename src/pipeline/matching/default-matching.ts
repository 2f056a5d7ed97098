/**
 * The matching the hub runs when nothing else is given: on by default for the matched types, a
 * source opting out with `matching: false`. The matcher with the configured thresholds
 * (`hub.matching`, publication/matching/matcher.ts), the clustering rule (clusters.ts) and the
 * curators' decisions (decisions.ts).
 */
import type { HubConfig } from '../../config/schema.js';
import { clusterEntities } from '../../publication/matching/clusters.js';
import { loadDecisions } from '../../publication/matching/decisions.js';
import { createMatcher } from '../../publication/matching/matcher.js';
import type { MatchingSetup } from './setup.js';

export function defaultMatching(config: HubConfig): MatchingSetup {
  const { activiteit, plaats, agent, concept } = config.hub.matching;
  return {
    matcher: createMatcher({ activiteit, plaats, agent, concept }),
    clusterEntities,
    loadDecisions: (store) => loadDecisions(store, config.hub.baseIri),
  };
}
