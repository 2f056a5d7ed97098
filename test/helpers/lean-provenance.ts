/** A record's provenance writes as the pipeline makes them (docs/data-model.md, Provenance), for tests that store records directly. */
import { provenanceQuads } from '../../src/pipeline/provenance.js';
import type { GraphWrite } from '../../src/store/store.js';

export function leanProvenance(
  recordGraph: string,
  provenanceGraph: string,
  f: { source: string; recordId: string; entity: string; organisation?: string; publishedAt: string; entityType?: string; conforms?: boolean },
): GraphWrite[] {
  const runOf = f.source.replace('/source/', '/run/');
  const { record, publication } = provenanceQuads({
    recordGraph,
    source: f.source,
    recordId: f.recordId,
    entity: f.entity,
    entityType: f.entityType ?? 'mensgemaaktobject',
    run: `${runOf}/test`,
    publishedAt: f.publishedAt,
    mapping: 'test',
    mappingVersion: '1',
    shapes: 'test',
    shapesVersion: '1',
    conforms: f.conforms ?? true,
    contentHash: 'test',
    ...(f.organisation ? { organisation: f.organisation } : {}),
  });
  return [{ graph: provenanceGraph, quads: record }, publication];
}
