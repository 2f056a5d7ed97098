/**
 * The close-run step, for both run modes: a finished run's report into the store (its report
 * graph), its summary into the source's state file and its full report (problems included) into
 * `dataDir/reports/{sourceId}/{runId}.json`, carrying the findings of the records the run did not
 * read again from the run before (steps/carry-findings.ts), so the report covers every current record; then the source's older reports are pruned to the
 * bounded history of hub.reports (detail of the newest keepDetailRuns, summaries of keepSummaryRuns).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../../store/store.js';
import { pruneReportGraphs } from '../../reports/report-graph-retention.js';
import { pruneReportFiles, type PruneOutcome, type ReportRetention } from '../../reports/report-retention.js';
import { reportGraphIri, runReportQuads } from '../../reports/run-report.js';
import type { RunScores, RunSummary } from '../../reports/run-summary.js';
import type { StateStore } from '../state-store.js';
import { carryFindings } from './carry-findings.js';

export interface RunRecords {
  store: Store;
  states: StateStore;
  baseIri: string;
  dataDir: string;
  /** hub.reports; unset: the schema's defaults. */
  retention?: ReportRetention;
  /** The run's scores, kept with its summary (steps/run-scores.ts); unset: none kept. Must not reject. */
  scores?: (run: RunSummary) => Promise<RunScores | undefined>;
}

export const DEFAULT_RETENTION: ReportRetention = { keepDetailRuns: 3, keepSummaryRuns: 100 };

export async function closeRun(to: RunRecords, run: RunSummary): Promise<PruneOutcome> {
  const keep = to.retention ?? DEFAULT_RETENTION;
  // Before anything is written, while the run before still has its detail; a failure here loses only the carrying.
  const carried = await carryFindings(to.store, to.baseIri, to.dataDir, to.states, run).catch(() => run);
  if (carried !== run) Object.assign(run, { problems: carried.problems, carried: carried.carried });
  // Before the summary is written: the scores stay with it when the run's detail is pruned.
  const scores = await to.scores?.(run).catch(() => undefined);
  if (scores) run.scores = scores;
  await to.store.commit({ put: [{ graph: reportGraphIri(to.baseIri, run.sourceId, run.runId), quads: runReportQuads(to.baseIri, run) }] });
  await to.states.addRun(run.sourceId, { ...run, problems: [] }, keep.keepSummaryRuns);
  const dir = join(to.dataDir, 'reports', run.sourceId);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${run.runId}.json`), JSON.stringify(run, null, 1));
  const at = run.finishedAt ?? new Date().toISOString();
  const files = await pruneReportFiles(to.dataDir, run.sourceId, keep, at);
  const graphs = await pruneReportGraphs(to.store, to.baseIri, run.sourceId, keep, at, run.runId);
  // The state file's summaries say which runs lost their detail, for the history table.
  if (files.detailPruned.length) await to.states.markPruned(run.sourceId, files.details);
  return { detailPruned: [...new Set([...files.detailPruned, ...graphs.detailPruned])].sort(), dropped: [...new Set([...files.dropped, ...graphs.dropped])].sort() };
}
