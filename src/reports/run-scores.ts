/**
 * A run's scores in the small form every run summary keeps (RunSummary.scores): computed once at
 * the run's close, when its results, the shapes and the published records are at hand, so the
 * score over runs reaches past the runs whose detail is kept (hub.reports.keepDetailRuns).
 */
import { recordsCovered } from './carry-forward.js';
import type { SourceKnowledge } from './causes.js';
import { completeness, type RecordFields } from './completeness.js';
import type { TierCounts } from './europeana-tiers.js';
import { mandatoryScore } from './quality-score.js';
import { rowsOf } from './report-model.js';
import type { RunScores, RunSummary } from './run-summary.js';

/** Most heritage objects whose tiers are predicted at a run's close (building EDM records takes time per record). */
export const MAX_TIER_RECORDS_AT_CLOSE = 5000;

export interface RunScoreInputs {
  run: RunSummary;
  knowledge: SourceKnowledge;
  /** The source's published records' fields after the run (undefined: not read). */
  published?: RecordFields[];
  /** Predicted tiers of the source's published heritage objects (undefined: none or not predicted). */
  tiers?: TierCounts;
}

export function runScoresOf({ run, knowledge, published, tiers }: RunScoreInputs): RunScores {
  // Over every current record: the run's own and those whose findings it carried.
  const m = mandatoryScore(rowsOf(run), recordsCovered(run), knowledge);
  const recommendedFields = knowledge.catalogue && knowledge.roots.length ? knowledge.catalogue.recommendedFieldsOf(knowledge.roots).map((f) => f.path) : [];
  const r = published && recommendedFields.length ? completeness(published, recommendedFields) : undefined;
  return {
    mandatory: { checked: m.checked, missing: m.missing, score: m.score },
    ...(r ? { recommended: { records: r.records, present: r.present, checked: r.checked, score: r.score } } : {}),
    ...(tiers && tiers.records ? { tiers: { records: tiers.records, content: { ...tiers.content }, metadata: { ...tiers.metadata } } } : {}),
    records: run.seen,
    conforming: Math.max(0, run.seen - (run.nonConforming ?? 0) - run.errors),
  };
}
