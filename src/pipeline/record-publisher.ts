/**
 * Turns one mapped and validated record into the store writes that publish it: its record
 * graph (on hub IRIs, entity-iris.ts) and its provenance graph.
 */
import { createHash } from 'node:crypto';
import type { RawRecord } from '../core/records.js';
import { entityIri, provenanceGraphIri, recordGraphIri, runIri, sourceIri } from '../core/identifiers.js';
import { toNQuads, type Quad } from '../core/rdf.js';
import type { SourceConfig } from '../config/schema.js';
import type { GraphWrite } from '../store/store.js';
import type { Matcher } from '../publication/matching/contract.js';
import { entityIris } from './entity-iris.js';
import { extractFeatures, featureQuads, matchingVersionQuad } from './matching/match-features.js';
import { provenanceQuads, tombstoneQuads } from './provenance.js';

export interface PublishContext {
  baseIri: string;
  source: SourceConfig;
  runId: string;
  mapping: { id: string; version: string };
  shapes: { id: string; version: string };
  /** Set when the source's entities are matched (steps/match.ts): their features go into the provenance graph. */
  matcher?: Matcher;
}

export function publishWrites(record: RawRecord, quads: Quad[], conforms: boolean, ctx: PublishContext, now: string): GraphWrite[] {
  const { baseIri, source } = ctx;
  const { quads: data, entity, sourceEntity, describes } = entityIris(quads, record, {
    baseIri,
    sourceId: source.id,
    entityType: source.entityType,
    ownIriPrefixes: source.ownIriPrefixes,
  });
  const graph = recordGraphIri(baseIri, source.id, record.recordId);
  const contentHash = createHash('sha256').update(toNQuads(data)).digest('hex');
  const provenance = provenanceQuads({
    recordGraph: graph,
    source: sourceIri(baseIri, source.id),
    recordId: record.recordId,
    entity,
    entityType: source.entityType,
    sourceEntity,
    describes,
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
  if (ctx.matcher) provenance.push(matchingVersionQuad(graph), ...featureQuads(graph, extractFeatures(ctx.matcher, data, describes, source.id)));
  return [
    { graph, quads: data, entity: true },
    { graph: provenanceGraphIri(baseIri, source.id, record.recordId), quads: provenance },
  ];
}

/**
 * The writes that delete a record: its record graph dropped, its provenance graph a tombstone.
 * The tombstone's `hub:describes` (the IRIs the last published version described) are added where
 * the batch is committed, from the store (tombstone-describes.ts); `describes` adds known ones.
 */
export function deleteWrites(recordId: string, ctx: Pick<PublishContext, 'baseIri' | 'source' | 'runId'>, now: string, describes: string[] = []): { drop: string[]; put: GraphWrite[] } {
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
          describes,
        }),
      },
    ],
  };
}
