/** Maps a sample file through a mapping for golden tests; prints N-Quads when run directly. */
import { readFile } from 'node:fs/promises';
import { toNQuads, type Quad } from '../../../../src/core/rdf.js';
import { RmlRecordMapper } from '../../../../src/mapping/rml/rml-record-mapper.js';

export interface GoldenCase {
  mapping: string;
  sample: string;
  mediaType: string;
  sourceId: string;
  recordId: string;
  expected: string;
  /** Shapes files; rdfs:subClassOf triples among them join the data graph, as the hub's validator does. */
  shapes: string[];
  /** Shape results the source record itself causes (data it lacks), each with the reason. */
  knownViolations?: { focusSuffix: string; path: string; reason: string }[];
}

export const BASE = 'http://localhost:3000/';

export async function mapSample(c: GoldenCase, root: string): Promise<Quad[]> {
  const mapper = await RmlRecordMapper.load(`${root}/${c.mapping}`);
  const body = await readFile(`${root}/${c.sample}`, 'utf8');
  const out = await mapper.map({ sourceId: c.sourceId, recordId: c.recordId, mediaType: c.mediaType, body }, { baseIri: BASE, sourceId: c.sourceId });
  return out.quads;
}

export function sortedNQuads(quads: Quad[]): string {
  return `${toNQuads(quads).trim().split('\n').sort().join('\n')}\n`;
}
