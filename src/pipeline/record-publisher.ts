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
import { entityIris, sortedUnique } from './entity-iris.js';
import { extractFeatures, matchingGraphIri, matchingQuads } from './matching/match-features.js';
import { provenanceQuads, recordFactQuads, tombstoneQuads } from './provenance.js';

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
  // The source record's own facts join its graph, sorted in: the hash covers them, so a new link or date is a change.
  const published = sortedUnique([...data, ...recordFactQuads(graph, { sourceEntity, link: record.link, modified: record.modified })]);
  const contentHash = createHash('sha256').update(toNQuads(published)).digest('hex');
  const { record: provenance, publication } = provenanceQuads({
    recordGraph: graph,
    source: sourceIri(baseIri, source.id),
    recordId: record.recordId,
    entity,
    entityType: source.entityType,
    organisation: record.meta?.organisation ?? source.organisation,
    run: runIri(baseIri, source.id, ctx.runId),
    publishedAt: now,
    mapping: ctx.mapping.id,
    mappingVersion: ctx.mapping.version,
    shapes: ctx.shapes.id,
    shapesVersion: ctx.shapes.version,
    conforms,
    contentHash,
  });
  // A matched record's graph is rewritten onto canonical IRIs (steps/match.ts): its own IRIs are kept beside its features.
  const matching = matchingQuads(graph, ctx.matcher && { describes, features: extractFeatures(ctx.matcher, data, describes, source.id) });
  return [
    { graph, quads: published, entity: true },
    { graph: provenanceGraphIri(baseIri, source.id, record.recordId), quads: provenance },
    publication,
    { graph: matchingGraphIri(graph), quads: matching },
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
  const { record, deletion } = tombstoneQuads({
    recordGraph: graph,
    source: sourceIri(baseIri, source.id),
    recordId,
    entity: entityIri(baseIri, source.entityType, source.id, recordId),
    entityType: source.entityType,
    deletedAt: now,
    run: runIri(baseIri, source.id, ctx.runId),
    describes,
  });
  return { drop: [graph, matchingGraphIri(graph)], put: [{ graph: provenanceGraphIri(baseIri, source.id, recordId), quads: record }, deletion] };
}
