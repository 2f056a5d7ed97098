/**
 * Turns one mapped and validated record into the store writes that publish it: its record
 * graph (with the hub IRI linked to the source's own IRI) and its provenance graph.
 */
import { createHash } from 'node:crypto';
import type { RawRecord } from '../core/records.js';
import { entityIri, provenanceGraphIri, recordGraphIri, runIri, sourceIri } from '../core/identifiers.js';
import { namedNode, quad, toNQuads, type Quad } from '../core/rdf.js';
import { OWL, RDF } from '../core/vocab.js';
import type { SourceConfig } from '../config/schema.js';
import type { GraphWrite } from '../store/store.js';
import { provenanceQuads, tombstoneQuads } from './provenance.js';

export interface PublishContext {
  baseIri: string;
  source: SourceConfig;
  runId: string;
  mapping: { id: string; version: string };
  shapes: { id: string; version: string };
}

/** The IRI of the record's main entity in the source's own terms, when it has one. */
function sourceEntity(quads: Quad[], record: RawRecord, hubIri: string): string | undefined {
  const subjects = new Set(quads.filter((q) => q.subject.termType === 'NamedNode').map((q) => q.subject.value));
  if (subjects.has(hubIri)) return undefined;
  if (record.link && subjects.has(record.link)) return record.link;
  return quads.find((q) => q.subject.termType === 'NamedNode' && q.predicate.value === RDF('type'))?.subject.value;
}

export function publishWrites(record: RawRecord, quads: Quad[], conforms: boolean, ctx: PublishContext, now: string): GraphWrite[] {
  const { baseIri, source } = ctx;
  const hubIri = entityIri(baseIri, source.entityType, source.id, record.recordId);
  const own = sourceEntity(quads, record, hubIri);
  const data = own ? [...quads, quad(namedNode(hubIri), namedNode(OWL('sameAs')), namedNode(own))] : quads;
  const graph = recordGraphIri(baseIri, source.id, record.recordId);
  const contentHash = createHash('sha256').update(toNQuads(data)).digest('hex');
  const provenance = provenanceQuads({
    recordGraph: graph,
    source: sourceIri(baseIri, source.id),
    recordId: record.recordId,
    entity: hubIri,
    entityType: source.entityType,
    sourceEntity: own,
    organisation: record.meta?.organisation ?? source.organisation,
    link: record.link,
    run: runIri(baseIri, source.id, ctx.runId),
    publishedAt: now,
    modified: record.modified,
    mapping: ctx.mapping.id,
    mappingVersion: ctx.mapping.version,
    shapes: ctx.shapes.id,
    shapesVersion: ctx.shapes.version,
    conforms,
    contentHash,
  });
  return [
    { graph, quads: data, entity: true },
    { graph: provenanceGraphIri(baseIri, source.id, record.recordId), quads: provenance },
  ];
}

export function deleteWrites(recordId: string, ctx: Pick<PublishContext, 'baseIri' | 'source' | 'runId'>, now: string): { drop: string[]; put: GraphWrite[] } {
  const { baseIri, source } = ctx;
  const graph = recordGraphIri(baseIri, source.id, recordId);
  return {
    drop: [graph],
    put: [
      {
        graph: provenanceGraphIri(baseIri, source.id, recordId),
        quads: tombstoneQuads({
          recordGraph: graph,
          source: sourceIri(baseIri, source.id),
          recordId,
          entity: entityIri(baseIri, source.entityType, source.id, recordId),
          entityType: source.entityType,
          deletedAt: now,
          run: runIri(baseIri, source.id, ctx.runId),
        }),
      },
    ],
  };
}
