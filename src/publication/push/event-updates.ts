/** Field changes → granular Entry API updates (see contract.ts). */
import type { EntryDocument, EntryUpdate, FieldChange, UpdateIds } from './contract.js';

export function updatesFor(changes: FieldChange[], now: EntryDocument, ids: UpdateIds): EntryUpdate[] {
  void changes;
  void now;
  void ids;
  throw new Error('updatesFor: not implemented yet');
}
