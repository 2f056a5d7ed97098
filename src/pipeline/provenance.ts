/**
 * PROV-O about a record graph, and the tombstone that replaces it after a delete
 * (docs/data-model.md, "Provenance"): four quads per record; what a publication's records share
 * is said once on its publication node (core/provenance-form.ts).
 */
import { literal, namedNode, quad, type Quad } from '../core/rdf.js';
import { deletionIri, deletionQuads, publicationIri, publicationQuads, RECORD_FACTS, type PublicationFacts } from '../core/provenance-form.js';
import { HUB, PROV, XSD } from '../core/vocab.js';

export interface ProvenanceFacts extends PublicationFacts {
  recordGraph: string;
  recordId: string;
  entity: string;
  contentHash: string;
}

const dateTime = (v: string) => literal(v, namedNode(XSD('dateTime')));
const isDateTime = (v: string) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v);

/** The record's provenance graph (four quads) and its publication node's graph. */
export function provenanceQuads(f: ProvenanceFacts): { record: Quad[]; publication: { graph: string; quads: Quad[] } } {
  const g = namedNode(f.recordGraph);
  const node = publicationIri(f);
  const t = (p: string, o: Quad['object']) => quad(g, namedNode(p), o);
  return {
    record: [t(PROV('wasGeneratedBy'), namedNode(node)), t(HUB('recordId'), literal(f.recordId)), t(HUB('entity'), namedNode(f.entity)), t(HUB('contentHash'), literal(f.contentHash))],
    publication: { graph: node, quads: publicationQuads(node, f).map((q) => quad(q.subject, q.predicate, q.object)) },
  };
}

/**
 * What the hub knows of the source record that no run shares and nothing derives: its own IRI
 * for the main entity, its link and its modification date. They are kept in the record graph,
 * about the record graph itself (so they are in the content hash, and leave with the record).
 */
export function recordFactQuads(recordGraph: string, f: { sourceEntity?: string; link?: string; modified?: string }): Quad[] {
  const g = namedNode(recordGraph);
  const out: Quad[] = [];
  if (f.sourceEntity) out.push(quad(g, namedNode(RECORD_FACTS.sourceEntity), namedNode(f.sourceEntity)));
  if (f.link && /^https?:\/\//.test(f.link)) out.push(quad(g, namedNode(RECORD_FACTS.link), namedNode(f.link)));
  if (f.modified) out.push(quad(g, namedNode(RECORD_FACTS.modified), isDateTime(f.modified) ? dateTime(f.modified) : literal(f.modified)));
  return out;
}

export interface TombstoneFacts {
  recordGraph: string;
  source: string;
  recordId: string;
  entity: string;
  entityType: string;
  deletedAt: string;
  run: string;
  /** The IRIs the last published version described: they answer 410 Gone, not 404. */
  describes?: readonly string[];
}

/** The tombstone (four quads and the last version's `hub:describes`) and its run's deletion node's graph. */
export function tombstoneQuads(f: TombstoneFacts): { record: Quad[]; deletion: { graph: string; quads: Quad[] } } {
  const g = namedNode(f.recordGraph);
  const node = deletionIri(f.run);
  const t = (p: string, o: Quad['object']) => quad(g, namedNode(p), o);
  return {
    record: [
      ...(f.describes ?? []).map((iri) => t(HUB('describes'), namedNode(iri))),
      t(PROV('wasInvalidatedBy'), namedNode(node)),
      t(HUB('recordId'), literal(f.recordId)),
      t(HUB('entity'), namedNode(f.entity)),
      t(PROV('invalidatedAtTime'), dateTime(f.deletedAt)),
    ],
    deletion: { graph: node, quads: deletionQuads(node, f).map((q) => quad(q.subject, q.predicate, q.object)) },
  };
}
