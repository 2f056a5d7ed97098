/**
 * The close-run step, for both run modes: a finished run's report into the store (its report
 * graph), its summary into the source's state file and its full report (problems included) into
 * `dataDir/reports/{sourceId}/{runId}.json`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../../store/store.js';
import { reportGraphIri, runReportQuads } from '../../reports/run-report.js';
import type { RunSummary } from '../../reports/run-summary.js';
import type { StateStore } from '../state-store.js';

export interface RunRecords {
  store: Store;
  states: StateStore;
  baseIri: string;
  dataDir: string;
}

export async function closeRun(to: RunRecords, run: RunSummary): Promise<void> {
  await to.store.commit({ put: [{ graph: reportGraphIri(to.baseIri, run.sourceId, run.runId), quads: runReportQuads(to.baseIri, run) }] });
  await to.states.addRun(run.sourceId, { ...run, problems: [] });
  const dir = join(to.dataDir, 'reports', run.sourceId);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${run.runId}.json`), JSON.stringify(run, null, 1));
}
