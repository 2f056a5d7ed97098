/**
 * A score that moves as a museum fills its fields: of the mandatory fields of its records' main
 * class (the shapes' sh:minCount ≥ 1 on the object itself), the share that are filled, over all
 * records seen. Unlike conformance (a record counts only once it has no violation at all), every
 * field filled raises it. Nested nodes' mandatory fields are left out: how many such nodes a record
 * should have is not known from the results.
 */
import { fieldOf, shapeOffset, type SourceKnowledge } from './causes.js';
import { constraintKind } from './fix-text.js';
import type { ReportRow } from './report-model.js';

export interface MandatoryScore {
  /** Record × mandatory field pairs checked. */
  checked: number;
  /** Of those, missing. */
  missing: number;
  /** Share filled, 0–100 (null when nothing was checked). */
  score: number | null;
}

/** The mandatory-field score of one source's records (`seen` of them; `rows` their results). */
export function mandatoryScore(rows: ReportRow[], seen: number, know: SourceKnowledge): MandatoryScore {
  const cat = know.catalogue;
  if (!cat || know.roots.length === 0 || seen === 0) return { checked: 0, missing: 0, score: null };
  const mandatory = new Set(cat.mandatoryFieldsOf(know.roots).map((f) => f.path));
  const offset = shapeOffset(rows, cat);
  const missing = new Set<string>();
  for (const r of rows) {
    if (r.stage !== 'validation' || constraintKind(r.constraint) !== 'MinCount' || !r.path) continue;
    const path = r.path.replace(/^<(.*)>$/, '$1');
    if (!mandatory.has(path)) continue;
    // Only the record's own node: an IRI without #fragment, of a shape that applies to the main class.
    if (!r.focusNode || r.focusNode.startsWith('_:') || r.focusNode.includes('#')) continue;
    const field = fieldOf(r, know, offset);
    if (field && cat.wayTo(know.roots, field.nodeShape)?.way.length !== 0) continue;
    missing.add(`${r.recordId}\n${path}`);
  }
  const checked = seen * mandatory.size;
  return { checked, missing: missing.size, score: checked ? Math.round(((checked - missing.size) / checked) * 1000) / 10 : null };
}

/** Scores of several sources together (an organisation across its sources). */
export function combineScores(scores: MandatoryScore[]): MandatoryScore {
  const checked = scores.reduce((n, s) => n + s.checked, 0);
  const missing = scores.reduce((n, s) => n + s.missing, 0);
  return { checked, missing, score: checked ? Math.round(((checked - missing) / checked) * 1000) / 10 : null };
}
