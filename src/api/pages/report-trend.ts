/**
 * The scores over runs on a source page: an inline SVG chart (no script, no chart library) of the
 * mandatory and recommended scores, what they came to, and the runs one by one (folded), each with
 * its change since the run before and what else moved, in the page's language.
 */
import type { ScorePoint } from '../../reports/score-trend.js';
import type { Lang } from '../i18n/lang.js';
import { fill, type Messages } from '../i18n/messages.js';
import { esc } from './html.js';
import { fmtDate, fmtNum, fmtPct } from './report-parts.js';

/** Percentage points with their sign, as the language writes them (`+2,5 pp`). */
export function fmtChange(v: number | null, lang: Lang, m: Messages): string {
  if (v === null) return '';
  const n = Math.abs(v).toFixed(1);
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  return fill(m.pointsChange, { change: `${sign}${lang === 'nl' ? n.replace('.', ',') : n}` });
}


/** One line of the chart: the points that have a value, joined. */
function polyline(points: ScorePoint[], value: (p: ScorePoint) => number | null | undefined, x: (i: number) => number, y: (v: number) => number, style: string): string {
  const known = points.map((p, i) => ({ i, v: value(p) })).filter((p): p is { i: number; v: number } => typeof p.v === 'number');
  if (known.length < 2) return '';
  const last = known.at(-1)!;
  return `<polyline fill="none" ${style} points="${known.map((p) => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')}"/><circle cx="${x(last.i).toFixed(1)}" cy="${y(last.v).toFixed(1)}" r="2.5" fill="#1f3a5f"/>`;
}

/** Mandatory (solid) and recommended (dashed) over the runs, 0–100 %, scaled to the page's width. */
function sparkline(points: ScorePoint[], m: Messages): string {
  const w = 240;
  const h = 40;
  const x = (i: number) => 3 + (i * (w - 6)) / Math.max(1, points.length - 1);
  const y = (v: number) => h - 3 - (v / 100) * (h - 6);
  const mandatory = polyline(points, (p) => p.score, x, y, 'stroke="#1f3a5f" stroke-width="1.5"');
  if (!mandatory) return '';
  const recommended = polyline(points, (p) => p.recommended, x, y, 'stroke="#7a8ca3" stroke-width="1.2" stroke-dasharray="3 2"');
  const legend = `<span class="trend-legend"><span class="key solid"></span> ${esc(m.trendLegendMandatory)}${recommended ? ` <span class="key dashed"></span> ${esc(m.trendLegendRecommended)}` : ''}</span>`;
  return `<svg id="score-sparkline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" role="img" aria-label="${esc(m.scoreTrend)}"><title>${esc(m.scoreTrend)}</title><line x1="0" x2="${w}" y1="${y(100).toFixed(1)}" y2="${y(100).toFixed(1)}" stroke="#e3e7ee"/><line x1="0" x2="${w}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#e3e7ee"/>${mandatory}${recommended}</svg>${legend}`;
}

/** What else moved in a run: recommended fields, records without violations, Europeana tiers. */
function runDetails(p: ScorePoint, lang: Lang, m: Messages): string {
  const parts: string[] = [];
  if (typeof p.recommended === 'number') parts.push(fill(m.trendRecommended, { pct: fmtPct(p.recommended, lang) }));
  if (p.records !== undefined && p.conforming !== undefined) parts.push(fill(m.trendConforming, { conforming: fmtNum(p.conforming, lang), records: fmtNum(p.records, lang) }));
  if (p.tiers) {
    const atLeast = (counts: Record<string, number>, tiers: string[]) => tiers.reduce((n, t) => n + (counts[t] ?? 0), 0);
    parts.push(fill(m.trendTiers, { content2: fmtNum(atLeast(p.tiers.content, ['2', '3', '4']), lang), metadataB: fmtNum(atLeast(p.tiers.metadata, ['B', 'C']), lang), records: fmtNum(p.tiers.records, lang) }));
  }
  return parts.length ? ` <span class="muted run-scores">· ${parts.map(esc).join(' · ')}</span>` : '';
}

/** The trend block (nothing when no run has a score): the chart, what it came to, and the runs one by one (folded). */
export function scoreTrendBlock(points: ScorePoint[] | undefined, lang: Lang, m: Messages): string {
  if (!points || !points.some((p) => p.score !== null)) return '';
  const scored = points.filter((p) => p.score !== null);
  const summary =
    scored.length > 1
      ? fill(m.trendSince, { n: fmtNum(points.length, lang), from: fmtPct(scored[0]!.score, lang), to: fmtPct(scored.at(-1)!.score, lang) })
      : m.trendOnlyOne;
  const items = [...points]
    .reverse()
    .map((p) => `<li data-run="${esc(p.runId)}">${fmtDate(p.at, lang)}: <strong>${p.score === null ? esc(m.scorePruned) : esc(fmtPct(p.score, lang))}</strong>${p.change !== null ? ` <span class="change">(${esc(fmtChange(p.change, lang, m))})</span>` : ''}${runDetails(p, lang, m)}</li>`)
    .join('');
  return `<div id="score-trend"><p><strong>${esc(m.scoreTrend)}</strong></p>${sparkline(points, m)}<p class="trend-summary">${esc(summary)}</p>${points.length > 1 ? `<details id="score-runs"><summary>${esc(fill(m.trendRuns, { n: fmtNum(points.length, lang) }))}</summary><ul class="score-runs">${items}</ul></details>` : ''}</div>`;
}
