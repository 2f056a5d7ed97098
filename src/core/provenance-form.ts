/**
 * The lean provenance form (docs/data-model.md, "Provenance"): a record's provenance graph holds
 * four quads, `prov:wasGeneratedBy` a publication node and the record id, main entity and content
 * hash; what every record of one publication shares (source, entity type, mapping and shapes and
 * their versions, organisation, conformance, time) is said once on that node, in its own graph.
 * A tombstone says `prov:wasInvalidatedBy` the run's deletion node likewise. Every reader asks
 * with the patterns below, so the form is written down in one place.
 */
import { createHash } from 'node:crypto';
import { DCT, HUB, PROV, RDF, XSD } from './vocab.js';
import { literal, namedNode, quad, type Quad } from './rdf.js';

/** What every record of one publication shares (the publication node's facts). */
export interface PublicationFacts {
  run: string;
  source: string;
  entityType: string;
  mapping: string;
  mappingVersion: string;
  shapes: string;
  shapesVersion: string;
  conforms: boolean;
  organisation?: string;
  /** When the hub published the records (prov:endedAtTime of the publication). */
  publishedAt: string;
}

/** `{run}/published/{hash of the facts}`: the same facts in one run give the same node. */
export function publicationIri(f: PublicationFacts): string {
  const key = [f.source, f.entityType, f.mapping, f.mappingVersion, f.shapes, f.shapesVersion, String(f.conforms), f.organisation ?? '', f.publishedAt].join('\n');
  return `${f.run}/published/${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/** `{run}/deleted`: the node every tombstone of a run points at. */
export const deletionIri = (run: string) => `${run}/deleted`;

const dateTime = (v: string) => literal(v, namedNode(XSD('dateTime')));

/** The publication node's quads, in the graph named by the node itself (it outlives report pruning). */
export function publicationQuads(iri: string, f: PublicationFacts): Quad[] {
  const s = namedNode(iri);
  const g = namedNode(iri);
  const t = (p: string, o: Quad['object']) => quad(s, namedNode(p), o, g);
  const out = [
    t(RDF('type'), namedNode(HUB('Publication'))),
    t(DCT('isPartOf'), namedNode(f.run)),
    t(HUB('source'), namedNode(f.source)),
    t(HUB('entityType'), literal(f.entityType)),
    t(HUB('mapping'), literal(f.mapping)),
    t(HUB('mappingVersion'), literal(f.mappingVersion)),
    t(HUB('shapes'), literal(f.shapes)),
    t(HUB('shapesVersion'), literal(f.shapesVersion)),
    t(HUB('conforms'), literal(String(f.conforms), namedNode(XSD('boolean')))),
    t(PROV('endedAtTime'), dateTime(f.publishedAt)),
  ];
  if (f.organisation) out.push(t(HUB('organisation'), literal(f.organisation)));
  return out;
}

/** The deletion node's quads, in the graph named by the node itself. */
export function deletionQuads(iri: string, f: { run: string; source: string; entityType: string }): Quad[] {
  const s = namedNode(iri);
  const t = (p: string, o: Quad['object']) => quad(s, namedNode(p), o, s);
  return [t(RDF('type'), namedNode(HUB('Deletion'))), t(DCT('isPartOf'), namedNode(f.run)), t(HUB('source'), namedNode(f.source)), t(HUB('entityType'), literal(f.entityType))];
}

const iri = (v: string) => `<${v}>`;
/** A variable-name suffix from a term, so that two patterns in one query do not share helper variables. */
const tag = (term: string) => (term.startsWith('?') ? term.slice(1).replace(/\W/g, '_') : createHash('sha256').update(term).digest('hex').slice(0, 8));

/** Variables (`?x`) or terms (`<iri>`, `"lit"`) a pattern binds or fixes; absent ones are left out. */
export interface RecordTerms {
  /** The record graph (variable or IRI). */
  g: string;
  recordId?: string;
  entity?: string;
  contentHash?: string;
  /** The publication node. */
  publication?: string;
  run?: string;
  source?: string;
  entityType?: string;
  published?: string;
  mapping?: string;
  mappingVersion?: string;
  shapes?: string;
  shapesVersion?: string;
  conforms?: string;
  /** OPTIONAL: records without an organisation leave it unbound. */
  organisation?: string;
  /** A required organisation (a filter on it). */
  organisationRequired?: string;
}

/**
 * SPARQL group pattern: `g` is a published record graph (not a tombstone), with the facts asked
 * for bound, from its provenance graph and its publication node's graph.
 */
export function recordPattern(v: RecordTerms): string {
  const n = tag(v.g);
  const pub = v.publication ?? `?publication_${n}`;
  const own = [`${v.g} ${iri(PROV('wasGeneratedBy'))} ${pub}`];
  if (v.recordId) own.push(`${v.g} ${iri(HUB('recordId'))} ${v.recordId}`);
  if (v.entity) own.push(`${v.g} ${iri(HUB('entity'))} ${v.entity}`);
  if (v.contentHash) own.push(`${v.g} ${iri(HUB('contentHash'))} ${v.contentHash}`);
  const shared = [`${pub} a ${iri(HUB('Publication'))}`];
  const facts: [string | undefined, string][] = [
    [v.run, DCT('isPartOf')],
    [v.source, HUB('source')],
    [v.entityType, HUB('entityType')],
    [v.published, PROV('endedAtTime')],
    [v.mapping, HUB('mapping')],
    [v.mappingVersion, HUB('mappingVersion')],
    [v.shapes, HUB('shapes')],
    [v.shapesVersion, HUB('shapesVersion')],
    [v.conforms, HUB('conforms')],
    [v.organisationRequired, HUB('organisation')],
  ];
  for (const [term, p] of facts) if (term) shared.push(`${pub} ${iri(p)} ${term}`);
  const optional = v.organisation ? ` OPTIONAL { ${pub} ${iri(HUB('organisation'))} ${v.organisation} }` : '';
  return `GRAPH ?provenance_${n} { ${own.join(' . ')} } GRAPH ${pub} { ${shared.join(' . ')}${optional} }`;
}

/** As recordPattern, for a tombstone: the record's `recordId`/`entity`, its deletion time, its run's source and type. */
export function tombstonePattern(v: { g: string; recordId?: string; entity?: string; deleted?: string; source?: string; entityType?: string; describes?: string }): string {
  const n = tag(v.g);
  const del = `?deletion_${n}`;
  const own = [`${v.g} ${iri(PROV('wasInvalidatedBy'))} ${del}`];
  if (v.recordId) own.push(`${v.g} ${iri(HUB('recordId'))} ${v.recordId}`);
  if (v.entity) own.push(`${v.g} ${iri(HUB('entity'))} ${v.entity}`);
  if (v.deleted) own.push(`${v.g} ${iri(PROV('invalidatedAtTime'))} ${v.deleted}`);
  if (v.describes) own.push(`${v.g} ${iri(HUB('describes'))} ${v.describes}`);
  const shared = [`${del} a ${iri(HUB('Deletion'))}`];
  if (v.source) shared.push(`${del} ${iri(HUB('source'))} ${v.source}`);
  if (v.entityType) shared.push(`${del} ${iri(HUB('entityType'))} ${v.entityType}`);
  return `GRAPH ?tombstone_${n} { ${own.join(' . ')} } GRAPH ${del} { ${shared.join(' . ')} }`;
}

/**
 * The hub IRIs a record graph describes (derived, not stored): its subjects under `{base}id/`
 * that are not hash IRIs (entity-iris.ts). `g` is the record graph, `described` the IRI.
 */
export function describesPattern(g: string, described: string, base: string): string {
  const n = tag(described);
  return `GRAPH ${g} { ${described} ?describesP_${n} ?describesO_${n} } FILTER(isIRI(${described}) && STRSTARTS(STR(${described}), ${JSON.stringify(`${base.endsWith('/') ? base : `${base}/`}id/`)}) && !CONTAINS(STR(${described}), "#"))`;
}

/** Facts about the source record the hub keeps in the record graph, about the graph itself. */
export const RECORD_FACTS = { modified: DCT('modified'), link: PROV('wasDerivedFrom'), sourceEntity: HUB('sourceEntity') } as const;

/** The facts a stored publication node states (undefined when the quads are no publication node). */
export function publicationFactsOf(node: string, quads: readonly Quad[]): PublicationFacts | undefined {
  const one = (p: string) => quads.find((q) => q.subject.value === node && q.predicate.value === p)?.object.value;
  const [run, source, entityType, mapping, mappingVersion, shapes, shapesVersion, conforms, publishedAt] = [
    DCT('isPartOf'),
    HUB('source'),
    HUB('entityType'),
    HUB('mapping'),
    HUB('mappingVersion'),
    HUB('shapes'),
    HUB('shapesVersion'),
    HUB('conforms'),
    PROV('endedAtTime'),
  ].map(one);
  if (!run || !source || !entityType || !mapping || !mappingVersion || !shapes || !shapesVersion || !conforms || !publishedAt) return undefined;
  const organisation = one(HUB('organisation'));
  return { run, source, entityType, mapping, mappingVersion, shapes, shapesVersion, conforms: conforms === 'true' || conforms === '1', publishedAt, ...(organisation ? { organisation } : {}) };
}
