/**
 * The contract between the parts of entity matching (issue 16), written first so the matcher,
 * the pipeline's match step and the curators' decisions can be built side by side.
 *
 *   features.ts   an entity's description (quads) → MatchFeatures, where the record is processed
 *   matcher.ts    MatchFeatures pairs → PairScore (blocking keys, scoring, evidence), pure
 *   clusters.ts   links + curator decisions → clusters with their canonical IRI, pure
 *   decisions.ts  curator decisions, kept durably in the store ({base}graph/link-decisions)
 *   pipeline/steps/match.ts  keeps the index, the links graph and the canonical IRIs current
 *
 * Canonical IRI rule (docs/data-model.md, "Entity matching"): a cluster's IRI is the smallest of
 * its members' hub IRIs in code-point order. It depends only on the set of members, never on the
 * order in which records arrived; a member whose cluster grows keeps answering (303) at its own IRI.
 */

/** The entity kinds that are matched across sources (core/entity-classes.ts types, organisations as agents). */
export type MatchType = 'activiteit' | 'plaats' | 'agent' | 'concept';

export interface MatchLabel {
  value: string;
  /** BCP 47 tag, lower case; undefined for a plain literal. */
  language?: string;
}

/** What an entity offers to matching, extracted from its published description. */
export interface MatchFeatures {
  /** The entity's hub IRI as the record publishes it (before any cluster rewrite). */
  iri: string;
  type: MatchType;
  /** The source that described it (several when several records did). */
  sources: string[];
  /** Names and titles (prefLabel, name, title, altLabel). */
  labels: MatchLabel[];
  /**
   * Identifiers that name the thing itself, normalised to IRIs: VIAF, Wikidata, RKD, ULAN, ISNI,
   * KBO (`https://kbopub.economie.fgov.be/...` or `urn:kbo:0123456789`), AAT, the UiTdatabank id
   * (`https://io.uitdatabank.be/{event|place|organizers}/{uuid}`), ticketing URLs, Ticketmatic
   * external codes (`urn:ticketmatic:{account}:{kind}:{id}`), every owl:sameAs target.
   */
  identifiers: string[];
  /** activiteit: start instants, ISO 8601 in UTC (`2026-03-01T19:30:00Z`). */
  starts?: string[];
  /** activiteit: the venue as labels and IRIs (hub, source or UiTdatabank IRIs). */
  venues?: { iris: string[]; labels: string[] };
  /** plaats (and an agent's seat): the address. */
  address?: { street?: string; number?: string; postcode?: string; municipality?: string; country?: string };
  /** plaats: WGS84. */
  geo?: { lat: number; long: number };
  /** agent: life or existence dates as ISO 8601 / EDTF years (`1849`, `1849-04-12`). */
  birth?: string;
  death?: string;
  /** agent: roles seen (maker, painter, organizer, ...) as labels or IRIs. */
  roles?: string[];
  /** concept: the scheme IRIs it belongs to. */
  schemes?: string[];
}

/** One piece of evidence behind a score: which rule, what each side had. */
export interface MatchEvidence {
  /** Stable rule id, e.g. `shared-identifier`, `title`, `start-time`, `venue`, `address`, `geo-distance`, `life-dates`. */
  rule: string;
  /** Contribution to the score, signed (negative for counter-evidence). */
  weight: number;
  /** Plain words for the review page: "same Wikidata Q123", "titles 0.93 alike", "births differ: 1849 / 1902". */
  detail: string;
}

export type MatchVerdict = 'match' | 'review' | 'distinct';

export interface PairScore {
  /** 0..1, deterministic for the same two feature sets whatever their order. */
  score: number;
  verdict: MatchVerdict;
  evidence: MatchEvidence[];
}

/** Per type: at or above `match` the pair is linked; at or above `review` it waits for a curator. */
export interface MatchThresholds {
  match: number;
  review: number;
}

/** A link between two hub IRIs (a < b in code-point order), as the match step keeps it. */
export interface MatchLink {
  a: string;
  b: string;
  type: MatchType;
  score: number;
  verdict: MatchVerdict;
  evidence: MatchEvidence[];
}

/** A curator's decision, applied on every later match: stronger than any score. */
export interface LinkDecision {
  /** merge: a and b are one; never-merge: a and b are never in one cluster; split: a leaves its cluster and stays alone until the decision is withdrawn. */
  kind: 'merge' | 'never-merge' | 'split';
  a: string;
  /** Absent for split. */
  b?: string;
  /** Who decided (the admin key's label or `cli`), when, and why. */
  curator: string;
  at: string;
  note?: string;
  /** Stable id: a digest of kind, a and b. */
  id: string;
}

export interface Cluster {
  /** The canonical hub IRI (the rule above). */
  iri: string;
  type: MatchType;
  /** Every member hub IRI, sorted, the canonical included. */
  members: string[];
}

/**
 * The matcher as the match step uses it (matcher.ts implements it; tests may pass a smaller one).
 * `features` reads one entity's description: the triples whose subject is `iri` or one of its hash
 * IRIs (`iri#…`) and the nodes they point to, as published (after the entity-IRI step).
 */
export interface Matcher {
  features(description: readonly import('../../core/rdf.js').Quad[], iri: string, source: string): MatchFeatures | undefined;
  /** Keys shared by every pair worth scoring (symmetric: a pair is found from either side). */
  blockingKeys(features: MatchFeatures): string[];
  score(a: MatchFeatures, b: MatchFeatures): PairScore;
}

/** How the API and the CLI ask the match step to apply a new decision now (not only at the next harvest). */
export interface ReclusterPort {
  /** Recomputes the clusters of these hub IRIs with the stored decisions and publishes the result. */
  recluster(iris: readonly string[]): Promise<void>;
}

/**
 * The links graph `{base}graph/links` (docs/data-model.md, "Entity matching"):
 *
 *   <{base}link/{16 hex of sha256(a \u0000 b)}> a hub:Link ;
 *       hub:linkSubject <a> ; hub:linkObject <b> ;          # a < b
 *       hub:entityType "plaats" ; hub:score "0.93"^^xsd:decimal ; hub:verdict "match" | "review" ;
 *       hub:evidence "<JSON of MatchEvidence[]>" ;           # plain words in each detail
 *       rdfs:comment "same UiTdatabank id; names 0.91 alike" .
 *   <canonical> owl:sameAs <member> .                       # one per non-canonical member
 *
 * Distinct pairs are not kept. Curator decisions live in `{base}graph/link-decisions`:
 *
 *   <{base}link-decision/{id}> a hub:LinkDecision ; hub:decision "merge" | "never-merge" | "split" ;
 *       hub:linkSubject <a> ; hub:linkObject <b> ; prov:wasAttributedTo "curator" ;
 *       prov:generatedAtTime "…"^^xsd:dateTime ; rdfs:comment "note" .
 */
export const LINKS_GRAPH_PATH = 'graph/links';
export const DECISIONS_GRAPH_PATH = 'graph/link-decisions';
