/**
 * The matching the hub runs when nothing else is given: on by default for the matched types, a
 * source opting out with `matching: false`. Undefined until the matcher, the clustering rule and
 * the decisions store are in (publication/matching/matcher.ts, clusters.ts, decisions.ts): then
 * this returns `{ matcher, clusterEntities, loadDecisions }` built from them.
 */
import type { HubConfig } from '../../config/schema.js';
import type { MatchingSetup } from './setup.js';

/** `config`: for per-type thresholds, once the configuration has them. */
export function defaultMatching(config: HubConfig): MatchingSetup | undefined {
  void config;
  return undefined;
}
