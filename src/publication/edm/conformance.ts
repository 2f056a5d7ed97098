/**
 * The EDM conformance report: every heritage record that would be withheld from Europeana,
 * with the rule it breaks, for an organisation's (or source's) report page.
 */
import type { StoreReader } from '../../store/store.js';
import { EdmRecordBuilder } from './edm-record.js';
import { listHeritageRecords, type HeritageRecordOptions } from './heritage-records.js';
import { inSet } from './record-sets.js';
import type { RightsMap } from './rights-map.js';

export interface EdmConformanceIssue {
  recordId: string;
  sourceId: string;
  organisation?: string;
  /** rights:missing, xsd:EDM, schematron:M18, mapping:error ... */
  rule: string;
  message: string;
}

export interface EdmConformanceOptions extends HeritageRecordOptions {
  store: StoreReader;
  /** A set spec (`org:design-museum-gent`, `source:ghent-dmg`); all records when absent. */
  set?: string;
  /** edm:provider. @defaultValue 'Culture LOD Hub' */
  provider?: string;
  rightsMap?: RightsMap;
  /** Reuse a builder (and its cache) across calls. */
  builder?: EdmRecordBuilder;
}

export async function edmConformance(options: EdmConformanceOptions): Promise<EdmConformanceIssue[]> {
  const refs = (await listHeritageRecords(options.store, options)).filter((r) => !r.deleted && (!options.set || inSet(r, options.set)));
  const builder = options.builder ?? new EdmRecordBuilder(options.store, { provider: options.provider ?? 'Culture LOD Hub', rightsMap: options.rightsMap });
  const records = await builder.build(refs);
  return records.flatMap((r) =>
    r.problems.map((p) => ({
      recordId: r.ref.recordId,
      sourceId: r.ref.sourceId,
      ...(r.ref.organisation ? { organisation: r.ref.organisation } : {}),
      rule: p.rule,
      message: p.message,
    })),
  );
}
