/**
 * What the match step is built from (docs/data-model.md, "Entity matching"): the matcher
 * (publication/matching/matcher.ts), the clustering rule (publication/matching/clusters.ts) and the
 * curators' decisions (publication/matching/decisions.ts). Injected, so tests pass small ones and
 * the pieces can be built side by side against publication/matching/contract.ts.
 */
import type { Cluster, LinkDecision, MatchFeatures, Matcher, MatchLink } from '../../publication/matching/contract.js';
import type { Store } from '../../store/store.js';

/** The clusters of some entities from their links and the curators' decisions (clusters.ts). */
export type ClusterEntities = (entities: readonly MatchFeatures[], links: readonly MatchLink[], decisions: readonly LinkDecision[]) => Cluster[];

export interface MatchingSetup {
  matcher: Matcher;
  clusterEntities: ClusterEntities;
  /** The stored curator decisions ({base}graph/link-decisions). */
  loadDecisions(store: Store): Promise<LinkDecision[]>;
}
