/**
 * The records a source deleted (docs/data-model.md, Tombstones): their provenance graphs say
 * `hub:Tombstone` with the record id. The push removes their events from UiTdatabank; a record
 * published again gets an ordinary provenance graph back and is no longer listed here.
 */
import { sourceIri } from '../../core/identifiers.js';
import { HUB, RDF } from '../../core/vocab.js';
import type { StoreReader } from '../../store/store.js';

export async function tombstonedRecordIds(store: Pick<StoreReader, 'select'>, baseIri: string, sourceId: string): Promise<Set<string>> {
  const rows = await store.select(
    `SELECT ?id WHERE { GRAPH ?provenance { ?graph <${RDF('type')}> <${HUB('Tombstone')}> ; <${HUB('source')}> <${sourceIri(baseIri, sourceId)}> ; <${HUB('recordId')}> ?id } }`,
  );
  return new Set(rows.map((r) => r.id!.value));
}
