/**
 * Deletes by difference. When a run has gone through a source's complete current set (the
 * connector's `listing` message), every record of that source the store still publishes and the
 * run did not mention is gone at the source. The store is the truth of what is published (its
 * provenance graphs, docs/data-model.md), not the connector's saved state: a crash that left the
 * state behind the store (killed before the first checkpoint) loses no delete.
 *
 * The embedded run (run-source.ts) keeps the mentioned ids in memory, the distributed run in
 * Redis (queue/source-state.ts); both ask this module which published records were not mentioned.
 */
import { sourceIri } from '../core/identifiers.js';
import { HUB, PROV } from '../core/vocab.js';
import type { Store } from '../store/store.js';

/** Ids per query. Pages go by keyset: Virtuoso refuses a sorted answer past LIMIT + OFFSET 10000. */
const PAGE = 10000;
const TIMEOUT_MS = 60_000;

/** The record ids a source has published (provenance graphs that are not tombstones), sorted, a page at a time. */
export async function* publishedRecordIds(store: Store, baseIri: string, sourceId: string, pageSize = PAGE): AsyncGenerator<string[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await store.select(
      `SELECT ?id WHERE { GRAPH ?provenance { ?graph <${PROV('wasGeneratedBy')}> ?publication ; <${HUB('recordId')}> ?id } GRAPH ?publication { ?publication <${HUB('source')}> <${sourceIri(baseIri, sourceId)}> }` +
        `${after === undefined ? '' : ` FILTER(STR(?id) > ${JSON.stringify(after)})`} } ORDER BY STR(?id) LIMIT ${pageSize}`,
      { timeoutMs: TIMEOUT_MS },
    );
    const ids = rows.map((row) => row.id!.value);
    if (ids.length > 0) yield ids;
    if (ids.length < pageSize) return;
    after = ids.at(-1);
  }
}

/**
 * The published records of a source that `mentioned` says the run did not mention, a page at a
 * time (so that the caller can commit their deletes as it goes).
 */
export async function* unmentionedRecords(
  store: Store,
  baseIri: string,
  sourceId: string,
  mentioned: (ids: string[]) => boolean[] | Promise<boolean[]>,
  pageSize = PAGE,
): AsyncGenerator<string[]> {
  for await (const ids of publishedRecordIds(store, baseIri, sourceId, pageSize)) {
    const known = await mentioned(ids);
    const gone = ids.filter((_, i) => !known[i]);
    if (gone.length > 0) yield gone;
  }
}
