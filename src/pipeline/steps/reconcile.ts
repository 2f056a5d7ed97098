/**
 * The reconcile step's slot: between validation and publishing, a record's entities will be
 * linked to reference data (the coming reconciliation issue). Until then it hands the record on
 * unchanged, so both run modes already pass every record through it.
 */
import type { RawRecord } from '../../connectors/contract.js';
import type { Quad } from '../../core/rdf.js';

export interface ReconcileInput {
  record: RawRecord;
  quads: Quad[];
}

export interface ReconcileOutput {
  quads: Quad[];
}

export async function reconcileRecord(input: ReconcileInput): Promise<ReconcileOutput> {
  return { quads: input.quads };
}
