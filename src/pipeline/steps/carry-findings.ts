/**
 * The carry-forward part of the close-run step (reports/carry-forward.ts), for both run modes: the
 * previous run's report (still whole: pruning runs after the close writes) and the store's word on
 * each record it names, so that the closing run's report covers every current record of the source.
 */
import { normaliseBase, runIri } from '../../core/identifiers.js';
import { HUB, PROV } from '../../core/vocab.js';
import { carryCandidates, carryForward, type RecordState } from '../../reports/carry-forward.js';
import { ReportHistory, type RunSummaryReader } from '../../reports/report-history.js';
import type { RunSummary } from '../../reports/run-summary.js';
import type { Store, StoreReader } from '../../store/store.js';
import { publishedRecordIds } from '../deletes-by-difference.js';

/** Ids per query (VALUES). */
const CHUNK = 500;
const TIMEOUT_MS = 60_000;

/**
 * Per record id: the run that last wrote its provenance graph and whether that was a delete (absent:
 * never published). The provenance points at a publication (`{run}/published/{key}`) or deletion
 * (`{run}/deleted`) node of that run (docs/data-model.md, Provenance); the record graph's IRI names the source.
 */
async function recordStates(store: StoreReader, baseIri: string, sourceId: string, ids: string[]): Promise<Map<string, RecordState>> {
  const states = new Map<string, RecordState>();
  const prefix = runIri(baseIri, sourceId, '');
  const graphs = JSON.stringify(`${normaliseBase(baseIri)}graph/${sourceId}/`);
  const runOf = (node?: string) => (node?.startsWith(prefix) ? node.slice(prefix.length).split('/')[0] : undefined);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const values = ids.slice(i, i + CHUNK).map((id) => JSON.stringify(id)).join(' ');
    const rows = await store.select(
      `SELECT ?id ?made ?gone WHERE { VALUES ?id { ${values} } GRAPH ?provenance { ?graph <${HUB('recordId')}> ?id .` +
        ` OPTIONAL { ?graph <${PROV('wasGeneratedBy')}> ?made } OPTIONAL { ?graph <${PROV('wasInvalidatedBy')}> ?gone } } FILTER(STRSTARTS(STR(?graph), ${graphs})) }`,
      { timeoutMs: TIMEOUT_MS },
    );
    for (const row of rows) states.set(row.id!.value, { deleted: row.gone !== undefined, runId: runOf((row.gone ?? row.made)?.value) });
  }
  return states;
}

/** The run with the findings of the records it did not read again carried from the run before it, and the current records counted. */
export async function carryFindings(store: Store, baseIri: string, dataDir: string, summaries: RunSummaryReader, run: RunSummary): Promise<RunSummary> {
  const last = (await summaries.read(run.sourceId)).runs.filter((r) => r.runId !== run.runId).at(-1);
  if (!last || last.pruned || (run.full && run.status === 'completed')) return run;
  const previous = await new ReportHistory(dataDir, summaries).run(run.sourceId, last.runId).catch(() => undefined);
  const ids = carryCandidates(previous);
  if (!ids.length) return run;
  const carried = carryForward(run, previous, await recordStates(store, baseIri, run.sourceId, ids));
  if (!carried.carried) return carried;
  // Every current record: the published ones and those kept out that have a finding.
  const current = new Set(carried.problems.map((p) => p.recordId));
  for await (const page of publishedRecordIds(store, baseIri, run.sourceId)) for (const id of page) current.add(id);
  return { ...carried, carried: { ...carried.carried, current: current.size } };
}
