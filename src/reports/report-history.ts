/**
 * The kept history of run reports: summaries from the source's state file (newest last) and the
 * full report of one run (with its record problems) from `{dataDir}/reports/{sourceId}/{runId}.json`.
 * Runs past hub.reports.keepDetailRuns come back without problems and with `pruned` set
 * (reports/report-retention.ts); runs past keepSummaryRuns are gone (NotFoundError).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NotFoundError } from '../core/errors.js';
import type { RunSummary } from './run-summary.js';

/** Where the run summaries of a source are kept (its state file): only `runs` is read. */
export interface RunSummaryReader {
  read(sourceId: string): Promise<{ runs: RunSummary[] }>;
}

/** Run ids as runSource mints them (timestamp and a random suffix); anything else never reaches the file system. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,80}$/;

export class ReportHistory {
  constructor(
    private readonly dataDir: string,
    private readonly states: RunSummaryReader,
  ) {}

  /** Run summaries of a source (without problems), oldest first. */
  async runs(sourceId: string): Promise<RunSummary[]> {
    return (await this.states.read(sourceId)).runs;
  }

  /** The full report of one run, problems included; NotFoundError when there is none. */
  async run(sourceId: string, runId: string): Promise<RunSummary> {
    if (!RUN_ID.test(runId) || !RUN_ID.test(sourceId)) throw new NotFoundError(`No run "${runId}" of source "${sourceId}"`);
    try {
      return JSON.parse(await readFile(join(this.dataDir, 'reports', sourceId, `${runId}.json`), 'utf8')) as RunSummary;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`No report of run "${runId}" of source "${sourceId}"`);
      throw error;
    }
  }

  /** The full report of the source's most recent run, if it has one. */
  async latest(sourceId: string): Promise<RunSummary | undefined> {
    const last = (await this.runs(sourceId)).at(-1);
    if (!last) return undefined;
    try {
      return await this.run(sourceId, last.runId);
    } catch (error) {
      // A summary whose report file is gone (pruned by hand) still shows its counts.
      if (error instanceof NotFoundError) return last;
      throw error;
    }
  }
}
