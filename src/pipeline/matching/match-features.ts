/**
 * Match features travel with their record: the process step (where the record is mapped, in
 * either run mode) extracts them from the record's published quads and writes them into the
 * record's matching graph `{record graph}/matching` as `<record graph> hub:matchFeatures "{json}"`,
 * one line per matched entity, beside the IRIs the record itself describes (`hub:describes`: its
 * record graph is rewritten onto canonical IRIs) and `hub:matchingVersion`. They are no
 * provenance: the provenance graph stays at four quads (docs/data-model.md, Provenance). The publishing side reads them from the batch (quads or encoded text) without parsing
 * the record graph, and rebuilds its index from the store with one query.
 */
import { describedIn } from '../../publication/indexes/entity-description.js';
import type { MatchFeatures, Matcher } from '../../publication/matching/contract.js';
import { literal, namedNode, parseRdf, quad, type Quad } from '../../core/rdf.js';
import { HUB } from '../../core/vocab.js';
import type { EncodedGraphWrite, GraphWrite } from '../../store/store.js';

export const MATCH_FEATURES = HUB('matchFeatures');
/**
 * The version of what features say, stated in every matched record's provenance and compared by
 * the unchanged check (unchanged.ts): records published before matching (or before features
 * changed) are published again once, with their features. Raise it when features change.
 */
export const MATCHING_VERSION = '1';
export const MATCHING_VERSION_PREDICATE = HUB('matchingVersion');
const MATCHING_SUFFIX = '/matching';

/** The graph of a record's matching data. */
export const matchingGraphIri = (recordGraph: string) => `${recordGraph}${MATCHING_SUFFIX}`;

/** The record's matching graph: written for every published record, empty when its source is not matched (so it leaves matching). */
export function matchingQuads(recordGraph: string, matched?: { describes: readonly string[]; features: readonly MatchFeatures[] }): Quad[] {
  if (!matched) return [];
  const g = namedNode(recordGraph);
  return [matchingVersionQuad(recordGraph), ...matched.describes.map((iri) => quad(g, namedNode(HUB('describes')), namedNode(iri))), ...featureQuads(recordGraph, matched.features)];
}

/** The features of every entity a record describes that the matcher matches, in IRI order. */
export function extractFeatures(matcher: Matcher, quads: Quad[], describes: readonly string[], sourceId: string): MatchFeatures[] {
  const out: MatchFeatures[] = [];
  for (const iri of [...describes].sort()) {
    const features = matcher.features(describedIn(quads, iri), iri, sourceId);
    if (features) out.push(features);
  }
  return out;
}

export function matchingVersionQuad(recordGraph: string): Quad {
  return quad(namedNode(recordGraph), namedNode(MATCHING_VERSION_PREDICATE), literal(MATCHING_VERSION));
}

/** The provenance lines that carry the features. */
export function featureQuads(recordGraph: string, features: readonly MatchFeatures[]): Quad[] {
  return features.map((f) => quad(namedNode(recordGraph), namedNode(MATCH_FEATURES), literal(JSON.stringify(f))));
}

/** A record's features as a batch carries them: the record graph, and its entities' features. */
export interface RecordFeatures {
  recordGraph: string;
  features: MatchFeatures[];
}

/**
 * The features a matching-graph write states, or undefined for any other write (a record graph,
 * provenance, a report). A matching graph without features gives an empty list: its record left
 * matching (its source opted out, or it no longer describes a matched entity).
 */
export function featuresOfWrite(w: GraphWrite | EncodedGraphWrite): RecordFeatures | undefined {
  if (!w.graph.endsWith(MATCHING_SUFFIX)) return undefined;
  const recordGraph = w.graph.slice(0, -MATCHING_SUFFIX.length);
  if ('nquads' in w) {
    // Only the feature lines are read: a few per record, each a JSON literal.
    const lines = w.nquads.split('\n').filter((l) => l.includes(MATCH_FEATURES));
    return { recordGraph, features: lines.map(featuresOfLine).filter((f): f is MatchFeatures => f !== undefined) };
  }
  return { recordGraph, features: w.quads.filter((q) => q.predicate.value === MATCH_FEATURES).map((q) => parseFeatures(q.object.value)).filter((f): f is MatchFeatures => f !== undefined) };
}

const LITERAL_START = `<${MATCH_FEATURES}> "`;

/**
 * The features of one encoded line. The encoder (store/oxigraph/nquads.ts) escapes `"`, `\`, LF
 * and CR as JSON does, and JSON.stringify left no other control character, so the literal's text
 * is a JSON string's: read without an RDF parser (the publishing side's CPU is what a distributed
 * run scales by). Anything else is parsed as N-Quads.
 */
function featuresOfLine(line: string): MatchFeatures | undefined {
  const start = line.indexOf(LITERAL_START);
  const end = line.lastIndexOf('" <');
  if (start >= 0 && end > start) {
    try {
      return parseFeatures(JSON.parse(`"${line.slice(start + LITERAL_START.length, end)}"`) as string);
    } catch {
      // not the encoder's escapes: the parser below
    }
  }
  const [q] = parseRdf(line, { format: 'application/n-quads' });
  return q ? parseFeatures(q.object.value) : undefined;
}

/** Features from their JSON; undefined when it is not what the matcher wrote (a damaged literal is left out, not fatal). */
export function parseFeatures(json: string): MatchFeatures | undefined {
  try {
    const f = JSON.parse(json) as MatchFeatures;
    return typeof f?.iri === 'string' && typeof f.type === 'string' && Array.isArray(f.labels) && Array.isArray(f.identifiers) ? f : undefined;
  } catch {
    return undefined;
  }
}
