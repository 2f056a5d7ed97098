/**
 * Completeness of recommended fields: per record and over a set of records, the share of the
 * recommended fields of the records' main class (shape-catalogue `recommendedFieldsOf`) that the
 * published record fills. Read from the records as the hub publishes them (a rejected record is
 * not in the store, so it does not count here; the mandatory score covers every record seen).
 */
import { HUB, PROV } from '../core/vocab.js';
import { sourceIri } from '../core/identifiers.js';
import type { StoreReader } from '../store/store.js';

/** The properties a published record's main entity has. */
export interface RecordFields {
  recordId: string;
  organisation?: string;
  properties: Set<string>;
}

export interface RecordCompleteness {
  recordId: string;
  present: number;
  of: number;
}

export interface Completeness {
  /** Records read. */
  records: number;
  /** Recommended fields per record. */
  fields: number;
  /** Record × recommended field pairs filled, of `checked`. */
  present: number;
  checked: number;
  /** Share filled, 0–100, one decimal (null when nothing was checked). */
  score: number | null;
  /** Per record, the least complete first. */
  perRecord: RecordCompleteness[];
}

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/** Completeness of these records against these recommended field paths. */
export function completeness(records: RecordFields[], recommended: string[]): Completeness {
  const fields = [...new Set(recommended)];
  const perRecord = records.map((r) => ({ recordId: r.recordId, present: fields.filter((f) => r.properties.has(f)).length, of: fields.length }));
  perRecord.sort((a, b) => a.present - b.present || a.recordId.localeCompare(b.recordId));
  const present = perRecord.reduce((n, r) => n + r.present, 0);
  const checked = records.length * fields.length;
  return { records: records.length, fields: fields.length, present, checked, score: share(present, checked), perRecord };
}

/** Several sources together (an organisation): pairs add up; per record lists are joined. */
export function combineCompleteness(parts: Completeness[]): Completeness {
  const present = parts.reduce((n, p) => n + p.present, 0);
  const checked = parts.reduce((n, p) => n + p.checked, 0);
  const perRecord = parts.flatMap((p) => p.perRecord).sort((a, b) => a.present / (a.of || 1) - b.present / (b.of || 1));
  return { records: parts.reduce((n, p) => n + p.records, 0), fields: Math.max(0, ...parts.map((p) => p.fields)), present, checked, score: share(present, checked), perRecord };
}

/**
 * The properties of each published record's main entity of one source (its hub IRI or the
 * source's own IRI, as the provenance graph names them), with the record's organisation.
 */
export async function publishedRecordFields(store: StoreReader, base: string, sourceId: string): Promise<RecordFields[]> {
  const rows = await store.select(`PREFIX hub: <${HUB()}>
SELECT DISTINCT ?recordId ?organisation ?p WHERE {
  GRAPH ?provenance { ?graph <${PROV('wasGeneratedBy')}> ?publication ; hub:recordId ?recordId ; hub:entity ?entity . }
  GRAPH ?publication {
    ?publication hub:source <${sourceIri(base, encodeURIComponent(sourceId))}> .
    OPTIONAL { ?publication hub:organisation ?organisation }
  }
  GRAPH ?graph { ?object ?p ?o . OPTIONAL { ?graph hub:sourceEntity ?sourceEntity } }
  FILTER(?object = ?entity || (BOUND(?sourceEntity) && ?object = ?sourceEntity))
}`);
  const byRecord = new Map<string, RecordFields>();
  for (const row of rows) {
    const recordId = row.recordId?.value;
    const p = row.p?.value;
    if (!recordId || !p) continue;
    let r = byRecord.get(recordId);
    if (!r) byRecord.set(recordId, (r = { recordId, organisation: row.organisation?.value, properties: new Set() }));
    r.properties.add(p);
  }
  return [...byRecord.values()];
}
