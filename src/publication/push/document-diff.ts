/** Field-level diff of two Entry API documents (see contract.ts). */
import type { EntryDocument, FieldChange } from './contract.js';

export function diffDocuments(sent: EntryDocument, now: EntryDocument): FieldChange[] {
  void sent;
  void now;
  throw new Error('diffDocuments: not implemented yet');
}
