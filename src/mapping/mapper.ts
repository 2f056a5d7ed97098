/**
 * The mapping step's contract: one raw source record in, RDF out. The RML engine fills it;
 * the pipeline never needs to know which language a mapping is written in.
 */
import type { RawRecord } from '../core/records.js';
import type { Quad } from '../core/rdf.js';

export interface MappingContext {
  /** Base IRI for relative IRIs the mapping produces (the hub's `{base}/`). */
  baseIri: string;
  sourceId: string;
}

export interface MappedRecord {
  /** The record's triples (graph terms are ignored: the pipeline puts them in the record's graph). */
  quads: Quad[];
  /**
   * For each quad (same index), the mapping rule that produced it (e.g. the triples map IRI),
   * so that a conformance report can point at the rule behind an offending triple.
   */
  origins?: string[];
}

export interface RecordMapper {
  /** Which mapping this is (its file path relative to the project, or a name). */
  readonly id: string;
  /** Content hash of the mapping, recorded in provenance. */
  readonly version: string;
  /** Maps one record; throws MappingError naming the record and the rule when it cannot. */
  map(record: RawRecord, context: MappingContext): Promise<MappedRecord>;
}
