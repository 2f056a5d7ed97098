/** PROV-O about a record graph, and the tombstone that replaces it after a delete (docs/data-model.md). */
import { literal, namedNode, quad, type Quad } from '../core/rdf.js';
import { DCT, HUB, PROV, RDF, XSD } from '../core/vocab.js';

export interface ProvenanceFacts {
  recordGraph: string;
  source: string;
  recordId: string;
  entity: string;
  entityType: string;
  sourceEntity?: string;
  /** Every hub IRI the record graph describes as subject (entity-iris.ts). */
  describes: readonly string[];
  organisation?: string;
  link?: string;
  run: string;
  publishedAt: string;
  modified?: string;
  mapping: string;
  mappingVersion: string;
  shapes: string;
  shapesVersion: string;
  conforms: boolean;
  contentHash: string;
}

const dateTime = (v: string) => literal(v, namedNode(XSD('dateTime')));
const isDateTime = (v: string) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v);

export function provenanceQuads(f: ProvenanceFacts): Quad[] {
  const g = namedNode(f.recordGraph);
  const t = (p: string, o: Quad['object']) => quad(g, namedNode(p), o);
  const out = [
    t(RDF('type'), namedNode(HUB('RecordGraph'))),
    t(RDF('type'), namedNode(PROV('Entity'))),
    t(HUB('source'), namedNode(f.source)),
    t(HUB('recordId'), literal(f.recordId)),
    t(HUB('entity'), namedNode(f.entity)),
    t(HUB('entityType'), literal(f.entityType)),
    t(PROV('wasGeneratedBy'), namedNode(f.run)),
    t(PROV('generatedAtTime'), dateTime(f.publishedAt)),
    t(HUB('mapping'), literal(f.mapping)),
    t(HUB('mappingVersion'), literal(f.mappingVersion)),
    t(HUB('shapes'), literal(f.shapes)),
    t(HUB('shapesVersion'), literal(f.shapesVersion)),
    t(HUB('conforms'), literal(String(f.conforms), namedNode(XSD('boolean')))),
    t(HUB('contentHash'), literal(f.contentHash)),
  ];
  for (const iri of f.describes) out.push(t(HUB('describes'), namedNode(iri)));
  if (f.sourceEntity) out.push(t(HUB('sourceEntity'), namedNode(f.sourceEntity)));
  if (f.organisation) out.push(t(HUB('organisation'), literal(f.organisation)));
  if (f.link && /^https?:\/\//.test(f.link)) out.push(t(PROV('wasDerivedFrom'), namedNode(f.link)));
  if (f.modified) out.push(t(DCT('modified'), isDateTime(f.modified) ? dateTime(f.modified) : literal(f.modified)));
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

export function tombstoneQuads(f: TombstoneFacts): Quad[] {
  const g = namedNode(f.recordGraph);
  const t = (p: string, o: Quad['object']) => quad(g, namedNode(p), o);
  return [
    ...(f.describes ?? []).map((iri) => t(HUB('describes'), namedNode(iri))),
    t(RDF('type'), namedNode(HUB('Tombstone'))),
    t(HUB('source'), namedNode(f.source)),
    t(HUB('recordId'), literal(f.recordId)),
    t(HUB('entity'), namedNode(f.entity)),
    t(HUB('entityType'), literal(f.entityType)),
    t(PROV('invalidatedAtTime'), dateTime(f.deletedAt)),
    t(PROV('wasInvalidatedBy'), namedNode(f.run)),
  ];
}
