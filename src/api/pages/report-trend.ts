/**
 * The score over runs on a source page: an inline SVG sparkline (no script, no chart library) and
 * the last runs as a short list, each with its change since the run before, in the page's language.
 */
import type { ScorePoint } from '../../reports/score-trend.js';
import type { Lang } from '../i18n/lang.js';
import { fill, type Messages } from '../i18n/messages.js';
import { esc } from './html.js';
import { fmtDate, fmtPct } from './report-parts.js';

/** Percentage points with their sign, as the language writes them (`+2,5 pp`). */
export function fmtChange(v: number | null, lang: Lang, m: Messages): string {
  if (v === null) return '';
  const n = Math.abs(v).toFixed(1);
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  return fill(m.pointsChange, { change: `${sign}${lang === 'nl' ? n.replace('.', ',') : n}` });
}

function sparkline(points: ScorePoint[], m: Messages): string {
  const known = points.map((p, i) => ({ i, v: p.score })).filter((p): p is { i: number; v: number } => p.v !== null);
  if (known.length < 2) return '';
  const w = 160;
  const h = 32;
  const x = (i: number) => 2 + (i * (w - 4)) / Math.max(1, points.length - 1);
  const y = (v: number) => h - 2 - (v / 100) * (h - 4);
  const line = known.map((p) => `${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const last = known.at(-1)!;
  return `<svg id="score-sparkline" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(m.scoreTrend)}"><title>${esc(m.scoreTrend)}</title><polyline fill="none" stroke="#1f3a5f" stroke-width="1.5" points="${line}"/><circle cx="${x(last.i).toFixed(1)}" cy="${y(last.v).toFixed(1)}" r="2.5" fill="#1f3a5f"/></svg>`;
}

/** The trend block (nothing when no run has a score). */
export function scoreTrendBlock(points: ScorePoint[] | undefined, lang: Lang, m: Messages): string {
  if (!points || !points.some((p) => p.score !== null)) return '';
  const items = [...points]
    .reverse()
    .map((p) => `<li data-run="${esc(p.runId)}">${fmtDate(p.at, lang)}: <strong>${p.score === null ? esc(m.scorePruned) : esc(fmtPct(p.score, lang))}</strong>${p.change !== null ? ` <span class="change">(${esc(fmtChange(p.change, lang, m))})</span>` : ''}</li>`)
    .join('');
  return `<div id="score-trend"><p><strong>${esc(m.scoreTrend)}</strong> ${sparkline(points, m)}</p><ul class="score-runs">${items}</ul></div>`;
}
