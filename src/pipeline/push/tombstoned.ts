/**
 * The records a source deleted (docs/data-model.md, Tombstones): their provenance graphs say
 * `prov:wasInvalidatedBy` a deletion of the source, with the record id. The push removes their events from UiTdatabank; a record
 * published again gets an ordinary provenance graph back and is no longer listed here.
 */
import { sourceIri } from '../../core/identifiers.js';
import { HUB, PROV } from '../../core/vocab.js';
import type { StoreReader } from '../../store/store.js';

export async function tombstonedRecordIds(store: Pick<StoreReader, 'select'>, baseIri: string, sourceId: string): Promise<Set<string>> {
  const rows = await store.select(
    `SELECT ?id WHERE { GRAPH ?provenance { ?graph <${PROV('wasInvalidatedBy')}> ?deletion ; <${HUB('recordId')}> ?id } GRAPH ?deletion { ?deletion <${HUB('source')}> <${sourceIri(baseIri, sourceId)}> } }`,
  );
  return new Set(rows.map((r) => r.id!.value));
}
