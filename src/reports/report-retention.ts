/**
 * Bounded report history on disk (hub.reports): the full reports in
 * `{dataDir}/reports/{sourceId}/{runId}.json` of runs older than the newest `keepDetailRuns` lose
 * their problems but keep their summary and figures (`RunSummary.pruned`); runs older than the
 * newest `keepSummaryRuns` lose their file. Run ids sort by time (newRunId), so file names do too.
 */
import { readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { organisationsOf, rowsOf, summarise } from './report-model.js';
import type { PrunedDetail, ResultFigures, RunSummary } from './run-summary.js';

export interface ReportRetention {
  /** Newest runs per source whose report keeps every result. */
  keepDetailRuns: number;
  /** Newest runs per source whose summary is kept at all. */
  keepSummaryRuns: number;
}

/** Run ids of the source whose detail was pruned and whose report was dropped by one pass. */
export interface PruneOutcome {
  detailPruned: string[];
  dropped: string[];
}

/** The files' pass also tells what each pruned run's detail came to. */
export interface FilePruneOutcome extends PruneOutcome {
  details: Record<string, PrunedDetail>;
}

const figuresOf = (s: ReturnType<typeof summarise>): ResultFigures => ({ violations: s.violations, warnings: s.warnings, infos: s.infos, top: s.top });

/** The run without its problems, with what they came to (already pruned runs are returned as they are). */
export function prunedRun(run: RunSummary, at: string): RunSummary {
  if (run.pruned) return { ...run, problems: [] };
  const rows = rowsOf(run);
  const pruned: PrunedDetail = {
    at,
    conforms: !(run.problems ?? []).some((p) => p.stage === 'validation'),
    rows: rows.length,
    figures: figuresOf(summarise(run, rows)),
    organisations: Object.fromEntries(organisationsOf(run).map((name) => [name, figuresOf(summarise(run, rows, name))])),
  };
  return { ...run, pruned, problems: [] };
}

/** Newest first: which runs keep their detail, which only their summary, and which go. */
export function retentionOf(runIdsNewestFirst: string[], keep: ReportRetention): { summaryOnly: string[]; dropped: string[] } {
  return {
    summaryOnly: runIdsNewestFirst.slice(keep.keepDetailRuns, keep.keepSummaryRuns),
    dropped: runIdsNewestFirst.slice(Math.max(keep.keepSummaryRuns, keep.keepDetailRuns)),
  };
}

/** Applies the retention to the source's report files; `at` is the time recorded as the pruning time. */
export async function pruneReportFiles(dataDir: string, sourceId: string, keep: ReportRetention, at: string): Promise<FilePruneOutcome> {
  const dir = join(dataDir, 'reports', sourceId);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { detailPruned: [], dropped: [], details: {} };
    throw error;
  }
  const runIds = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)).sort().reverse();
  const { summaryOnly, dropped } = retentionOf(runIds, keep);
  const details: Record<string, PrunedDetail> = {};
  for (const runId of summaryOnly) {
    const file = join(dir, `${runId}.json`);
    let run: RunSummary;
    try {
      run = JSON.parse(await readFile(file, 'utf8')) as RunSummary;
    } catch (error) {
      throw new Error(`Cannot prune the report of run "${runId}" of source "${sourceId}" (${file}): ${(error as Error).message}`);
    }
    if (run.pruned) continue;
    // Written aside and renamed, so a crash leaves the full report or the pruned one, never half.
    const pruned = prunedRun(run, at);
    await writeFile(`${file}.tmp`, JSON.stringify(pruned, null, 1));
    await rename(`${file}.tmp`, file);
    details[runId] = pruned.pruned!;
  }
  for (const runId of dropped) await unlink(join(dir, `${runId}.json`));
  return { detailPruned: Object.keys(details), dropped, details };
}
