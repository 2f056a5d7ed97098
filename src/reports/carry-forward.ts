/**
 * Findings carried forward: an incremental run reads only the records that changed, yet its report
 * must show the state of every record the source still has. At the run's close the previous run's
 * problems (its own and those it carried) are copied into this run's report for each record this
 * run did not read again, unless the record was deleted since; each copy keeps the run that read
 * it (`carriedFrom`). A completed full run read every record and carries nothing.
 */
import type { RecordProblem, RunSummary } from './run-summary.js';

/** What the store says of a record now: the run that last wrote its provenance, and whether that was a delete. */
export interface RecordState {
  runId?: string;
  deleted: boolean;
}

/** Record ids whose problems the previous report holds: the candidates for carrying. */
export const carryCandidates = (previous: RunSummary | undefined): string[] => [...new Set((previous?.problems ?? []).map((p) => p.recordId))];

/**
 * The run with the previous run's problems of the records it did not read again (a record it
 * read has a problem of its own, or was written by it); deleted records are left behind.
 * `states` holds the store's word on the candidates (an id without one was never published).
 */
export function carryForward(run: RunSummary, previous: RunSummary | undefined, states: Map<string, RecordState>): RunSummary {
  if ((run.full && run.status === 'completed') || !previous || previous.pruned || previous.runId === run.runId) return run;
  const own = new Set(run.problems.map((p) => p.recordId));
  const carried: RecordProblem[] = [];
  for (const p of previous.problems ?? []) {
    if (own.has(p.recordId)) continue;
    const state = states.get(p.recordId);
    if (state?.deleted || state?.runId === run.runId) continue;
    carried.push({ ...p, carriedFrom: p.carriedFrom ?? previous.runId });
  }
  if (!carried.length) return run;
  const records = new Set(carried.map((p) => p.recordId)).size;
  const since = carried.map((p) => p.carriedFrom!).sort()[0]!;
  return { ...run, problems: [...run.problems, ...carried], carried: { records, problems: carried.length, since } };
}

/** The records a report covers: the run's, plus the current records it did not read (set at close when findings were carried). */
export const recordsCovered = (run: RunSummary): number => run.carried?.current ?? run.seen;
