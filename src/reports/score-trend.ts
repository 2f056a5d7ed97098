/**
 * The scores over a source's last runs, with the change since the run before, so a museum sees
 * whether its fixes moved them. Each run's scores come from the summary kept at its close
 * (RunSummary.scores), which outlives the run's detail; older runs without one are scored from
 * their detail while it is kept, and have no score once it was pruned (their point is null; the
 * change is then taken from the last run that has one).
 */

export interface ScorePoint {
  runId: string;
  /** When the run finished (else started). */
  at: string;
  /** Mandatory fields filled, 0–100 (null: no score, e.g. the run's detail was pruned before scores were kept). */
  score: number | null;
  /** Percentage points since the previous run with a score (null for the first, or without a score). */
  change: number | null;
  /** Recommended fields present in the published records after the run, 0–100 (null: not known). */
  recommended?: number | null;
  /** Records seen, and of them those without violations and errors. */
  records?: number;
  conforming?: number;
  /** Published heritage objects per predicted Europeana content tier (0–4) and metadata tier (0, A, B, C). */
  tiers?: { records: number; content: Record<string, number>; metadata: Record<string, number> };
}

export type ScoreInput = Omit<ScorePoint, 'change'>;

/** The points in run order (oldest first), with each one's change. */
export function scoreTrend(runs: ScoreInput[]): ScorePoint[] {
  let previous: number | null = null;
  return runs.map((r) => {
    const change = r.score !== null && previous !== null ? Math.round((r.score - previous) * 10) / 10 : null;
    if (r.score !== null) previous = r.score;
    return { ...r, change };
  });
}
