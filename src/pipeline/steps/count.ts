/**
 * The one counting of a run, for both modes: each record's outcome, delete and harvest error
 * adds to the run's counts (and its organisation's), keeps its problem (up to a bound; counts stay
 * exact) and moves the /metrics counters. The embedded run tallies into its summary; a
 * distributed `process` job into its batch's counts, which Redis adds up.
 */
import { recordsMapped, recordsRejected } from '../../core/metrics.js';
import { withoutDirs } from '../../core/paths.js';
import { emptyOrganisationCounts, type OrganisationCounts, type RecordProblem, type RunCounts } from '../../reports/run-summary.js';
import type { RecordOutcome } from './record-outcome.js';

export class RunTally {
  constructor(
    readonly counts: RunCounts & { problems: RecordProblem[] },
    private readonly sourceId: string,
    /** Most problems kept. @defaultValue unbounded */
    private readonly maxProblems = Infinity,
    /** Server directories no kept message may name (server-dirs.ts). */
    private readonly hiddenDirs: string[] = [],
  ) {}

  problem(p: RecordProblem): void {
    if (this.counts.problems.length < this.maxProblems) this.counts.problems.push({ ...p, message: withoutDirs(p.message, this.hiddenDirs) });
  }

  private organisation(name: string | undefined): OrganisationCounts {
    if (!name) return emptyOrganisationCounts();
    return (this.counts.organisations[name] ??= emptyOrganisationCounts());
  }

  record(outcome: RecordOutcome): void {
    const { counts } = this;
    const label = { source: this.sourceId };
    counts.seen++;
    if (outcome.kind !== 'error') recordsMapped.inc(label);
    if (outcome.kind !== 'published') recordsRejected.inc(label);
    const org = this.organisation(outcome.organisation);
    org.seen++;
    if (outcome.nonConforming) {
      counts.nonConforming++;
      org.nonConforming++;
    }
    if (outcome.cleaned) this.problem(outcome.cleaned);
    if (outcome.kind === 'error' || outcome.kind === 'rejected') {
      const field = outcome.kind === 'error' ? 'errors' : 'rejected';
      counts[field]++;
      org[field]++;
      this.problem(outcome.problem);
      return;
    }
    if (outcome.problem) this.problem(outcome.problem);
    if (outcome.problem || outcome.cleaned) counts.warnings++;
    counts.published++;
    org.published++;
  }

  /** Published records the publish step found unchanged in the store (still counted as published). */
  unchanged(n: number): void {
    this.counts.unchanged += n;
  }

  deleted(n = 1): void {
    this.counts.deleted += n;
  }

  /** A record the connector could not read (its last good version stays). */
  harvestError(problem: RecordProblem): void {
    this.counts.errors++;
    this.problem(problem);
  }
}
