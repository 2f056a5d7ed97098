/**
 * Measures the matcher on labelled pairs (issue 16): each side's Turtle is parsed, its features
 * extracted with features.ts and the pair scored with matcher.ts. A pair is predicted a match when
 * the verdict is `match`; `review` counts as not linked (a curator decides) and is reported apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRdf } from '../../src/core/rdf.js';
import type { MatchFeatures, MatchType, PairScore } from '../../src/publication/matching/contract.js';
import { entityFeatures } from '../../src/publication/matching/features.js';
import { scorePair, type Thresholds } from '../../src/publication/matching/matcher.js';
import { defaultThresholds } from '../../src/config/matching.js';

export interface PairSide {
  source: string;
  iri: string;
  turtle: string;
}
export interface LabelledPair {
  id: string;
  a: PairSide;
  b: PairSide;
  match: boolean;
  note: string;
}
export interface TypeResult {
  type: MatchType;
  pairs: number;
  positives: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** True matches whose verdict is `review`. */
  positivesInReview: number;
  /** Non-matches whose verdict is `review`. */
  negativesInReview: number;
  precision: number;
  recall: number;
  errors: { id: string; expected: boolean; score: PairScore; note: string }[];
  /** Sides that gave no features of the file's type (such pairs count as not linked). */
  problems: string[];
}
export const TYPES: readonly MatchType[] = ['activiteit', 'plaats', 'agent', 'concept'];
export const GOALS = { precision: 0.98, recall: 0.9 };

/** The pairs of a directory: {type}.json files holding arrays of labelled pairs. */
export function loadPairs(dir: string): Map<MatchType, LabelledPair[]> {
  const out = new Map<MatchType, LabelledPair[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const type = file.replace(/\.json$/, '') as MatchType;
    if (!TYPES.includes(type)) throw new Error(`${join(dir, file)}: the file name must be one of ${TYPES.join(', ')}.json`);
    out.set(type, JSON.parse(readFileSync(join(dir, file), 'utf8')) as LabelledPair[]);
  }
  return out;
}

/** A side's features, or why it has none (then the pair is scored as not linked, and the reason shown). */
function featuresOf(side: PairSide, pairId: string, type: MatchType): MatchFeatures | string {
  const quads = parseRdf(side.turtle, { format: 'text/turtle' });
  const f = entityFeatures(quads, side.iri, side.source);
  if (!f) return `pair ${pairId}: ${side.iri} gives no match features (not a matched entity type)`;
  if (f.type !== type) return `pair ${pairId}: ${side.iri} is a ${f.type}, the file is ${type}`;
  return f;
}

export function evaluateType(type: MatchType, pairs: readonly LabelledPair[], thresholds: Thresholds = defaultThresholds): TypeResult {
  const r: TypeResult = { type, pairs: pairs.length, positives: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0, positivesInReview: 0, negativesInReview: 0, precision: 1, recall: 1, errors: [], problems: [] };
  for (const p of pairs) {
    const fa = featuresOf(p.a, p.id, type);
    const fb = featuresOf(p.b, p.id, type);
    const problem = [fa, fb].find((f): f is string => typeof f === 'string');
    if (problem) r.problems.push(problem);
    const score: PairScore = problem ? { score: 0, verdict: 'distinct', evidence: [{ rule: 'features', weight: 0, detail: problem }] } : scorePair(fa as MatchFeatures, fb as MatchFeatures, thresholds);
    const predicted = score.verdict === 'match';
    if (p.match) r.positives++;
    if (p.match && predicted) r.truePositives++;
    if (!p.match && predicted) r.falsePositives++;
    if (p.match && !predicted) r.falseNegatives++;
    if (score.verdict === 'review') p.match ? r.positivesInReview++ : r.negativesInReview++;
    if (p.match !== predicted) r.errors.push({ id: p.id, expected: p.match, score, note: p.note });
  }
  const predictedPositive = r.truePositives + r.falsePositives;
  r.precision = predictedPositive === 0 ? 1 : r.truePositives / predictedPositive;
  r.recall = r.positives === 0 ? 1 : r.truePositives / r.positives;
  return r;
}

export interface Evaluation {
  perType: TypeResult[];
  overall: { pairs: number; precision: number; recall: number; positivesInReview: number };
  goalsMet: boolean;
}

export function evaluate(dir: string, thresholds: Thresholds = defaultThresholds): Evaluation {
  const sets = loadPairs(dir);
  const perType = TYPES.filter((t) => sets.has(t)).map((t) => evaluateType(t, sets.get(t)!, thresholds));
  const sum = (k: keyof TypeResult) => perType.reduce((n, r) => n + (r[k] as number), 0);
  const tp = sum('truePositives');
  const fp = sum('falsePositives');
  const overall = {
    pairs: sum('pairs'),
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: sum('positives') === 0 ? 1 : tp / sum('positives'),
    positivesInReview: sum('positivesInReview'),
  };
  const goalsMet = perType.every((r) => r.precision >= GOALS.precision && r.recall >= GOALS.recall);
  return { perType, overall, goalsMet };
}

const f3 = (n: number) => n.toFixed(3);

/** The results as a Markdown table. */
export function table(e: Evaluation): string {
  const rows = [
    '| type | pairs | true matches | precision | recall | true matches in review | non-matches in review |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...e.perType.map((r) => `| ${r.type} | ${r.pairs} | ${r.positives} | ${f3(r.precision)} | ${f3(r.recall)} | ${r.positivesInReview} | ${r.negativesInReview} |`),
    `| **overall** | ${e.overall.pairs} | ${e.perType.reduce((n, r) => n + r.positives, 0)} | ${f3(e.overall.precision)} | ${f3(e.overall.recall)} | ${e.overall.positivesInReview} | ${e.perType.reduce((n, r) => n + r.negativesInReview, 0)} |`,
  ];
  return rows.join('\n');
}
