/**
 * The mandatory-field score over a source's last runs, with the change since the run before, so
 * a museum sees whether its fixes moved the score. A run whose detail was pruned has no results
 * left to score (its point is null; the change is then taken from the last run that has one).
 */

export interface ScorePoint {
  runId: string;
  /** When the run finished (else started). */
  at: string;
  /** Mandatory fields filled, 0–100 (null: no score, e.g. the run's detail was pruned). */
  score: number | null;
  /** Percentage points since the previous run with a score (null for the first, or without a score). */
  change: number | null;
}

/** The points in run order (oldest first), with each one's change. */
export function scoreTrend(runs: { runId: string; at: string; score: number | null }[]): ScorePoint[] {
  let previous: number | null = null;
  return runs.map((r) => {
    const change = r.score !== null && previous !== null ? Math.round((r.score - previous) * 10) / 10 : null;
    if (r.score !== null) previous = r.score;
    return { ...r, change };
  });
}
