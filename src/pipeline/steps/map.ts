/**
 * The map step: one raw record through its source's mapping, with the characters XML cannot
 * carry cleaned from the result (and noted as a warning).
 */
import type { RawRecord } from '../../connectors/contract.js';
import type { Quad } from '../../core/rdf.js';
import { cleanCharacters, describeCleaned } from '../clean-characters.js';
import type { RecordProblem } from '../../reports/run-summary.js';
import type { SourceRuntime } from '../source-runtime.js';

export interface MappedRecordOutput {
  quads: Quad[];
  /** For each quad (same index), the mapping rule that made it. */
  origins?: string[];
  /** A warning: characters XML cannot carry were removed (from the payload or the mapped literals). */
  cleaned?: RecordProblem;
}

export async function mapRecord(rt: SourceRuntime, baseIri: string, record: RawRecord, organisation: string | undefined): Promise<MappedRecordOutput> {
  const mapped = await rt.mapper.map(record, { baseIri, sourceId: rt.source.id });
  const { quads, removed } = cleanCharacters(mapped.quads);
  const where = [record.removedCharacters && `${record.removedCharacters} from the source payload`, removed.size && describeCleaned(removed)].filter(Boolean).join('; ');
  const cleaned: RecordProblem | undefined = where
    ? { recordId: record.recordId, stage: 'mapping', message: `characters XML cannot carry (removed from literals, percent-encoded in IRIs): ${where}`, link: record.link, organisation, rejected: false }
    : undefined;
  return { quads, origins: mapped.origins, cleaned };
}
