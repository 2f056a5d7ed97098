/**
 * The report pages for people: all sources and organisations, one source's run history with its
 * trend, one run, and one organisation across sources (with its EDM conformance when known).
 */
import type { EdmConformanceIssue } from '../../publication/edm/conformance.js';
import type { LinkSuggestion } from '../../publication/matching/suggestions-graph.js';
import type { RunSummary } from '../../reports/run-summary.js';
import type { Lang } from '../i18n/lang.js';
import { fill, messages, type Messages } from '../i18n/messages.js';
import { runConformance, type ReportRow, type ReportSummary } from '../../reports/report-model.js';
import { esc, layout } from './html.js';
import type { Cause, SourceKnowledge } from '../../reports/causes.js';
import { causesSection, conformanceNote, europeanaBox, type EuropeanaReadiness, type MoreScores } from './report-causes.js';
import { fmtChange, scoreTrendBlock } from './report-trend.js';
import type { ScorePoint } from '../../reports/score-trend.js';
import type { RowExplainer } from './report-parts.js';
import type { MandatoryScore } from '../../reports/quality-score.js';
import { PLAIN_NAMES, type PageNames } from './page-names.js';
import {
  downloads,
  filterForm,
  href,
  langSwitch,
  pct,
  fmtDate,
  fmtDateText,
  fmtStatus,
  fmtNum,
  fmtPct,
  cardsTable,
  REPORT_STYLE,
  rowsTable,
  summaryTable,
  topTable,
  trendChart,
  truncationNote,
  prunedNote,
  carriedNote,
  listingNote,
} from './report-parts.js';

export interface SourceOverview {
  id: string;
  name: string;
  organisation?: string;
  lastRun?: RunSummary;
  /** The first cause to fix in the latest run: its field and the records it affects. */
  firstCause?: { field: string; records: number };
  /** Mandatory fields filled in the latest run, 0–100, and the change in points since the run before. */
  mandatory?: number | null;
  mandatoryChange?: number | null;
}

export interface OrganisationOverview {
  name: string;
  slug: string;
  sources: string[];
  seen: number;
  rejected: number;
  nonConforming: number;
  conformance: number | null;
  /** Mandatory fields filled and recommended fields present over its sources' latest runs, 0–100. */
  mandatory?: number | null;
  recommended?: number | null;
}

/** Most result rows one HTML page shows; the filters and the downloads reach the rest. */
export const MAX_HTML_ROWS = 5000;

const cappedNote = (rows: number, m: Messages) => (rows > MAX_HTML_ROWS ? `<p class="muted" id="capped">${esc(fill(m.capped, { shown: MAX_HTML_ROWS, total: rows }))}</p>` : '');

const page = (title: string, body: string, lang: Lang) => layout(title, body, { lang, head: REPORT_STYLE });
const sourcePath = (id: string) => `/reports/${encodeURIComponent(id)}`;
const runPath = (sourceId: string, runId: string) => `${sourcePath(sourceId)}/${encodeURIComponent(runId)}`;
export const organisationPath = (slug: string) => `/reports/organisations/${encodeURIComponent(slug)}`;

/** "0 of 40 (0.0%)": records without violations, with their share. */
const cleanOf = (clean: number, seen: number, lang: Lang, m: Messages) => (seen ? esc(fill(m.cleanOf, { clean: fmtNum(clean, lang), seen: fmtNum(seen, lang), pct: fmtPct((clean / seen) * 100, lang) })) : '—');

export function reportsIndexPage(sources: SourceOverview[], organisations: OrganisationOverview[], lang: Lang, names: PageNames = PLAIN_NAMES): string {
  const m = messages(lang);
  const sourceRows = sources.map((s) => {
    const l = s.lastRun;
    const clean = l ? Math.max(0, l.seen - (l.nonConforming ?? 0) - l.errors) : 0;
    const score = s.mandatory === undefined || s.mandatory === null ? '—' : `<strong>${esc(fmtPct(s.mandatory, lang))}</strong>${s.mandatoryChange ? ` <span class="muted change">(${esc(fmtChange(s.mandatoryChange, lang, m))})</span>` : ''}`;
    return [
      `<a href="${esc(href(sourcePath(s.id), lang))}">${esc(s.name)}</a><br><code class="muted">${esc(s.id)}</code>`,
      holders(s, l, lang, names).replace(/^ · /, ''),
      l?.finishedAt ? fmtDate(l.finishedAt, lang) : esc(m.neverRun),
      fmtNum(l?.seen ?? 0, lang),
      fmtNum(l?.published ?? 0, lang),
      fmtNum(l?.rejected ?? 0, lang),
      score,
      l ? cleanOf(clean, l.seen, lang, m) : '—',
      s.firstCause ? `<a href="${esc(href(sourcePath(s.id), lang))}#causes">${esc(s.firstCause.field)}</a> <span class="muted">(${esc(fill(m.recordsN, { n: fmtNum(s.firstCause.records, lang) }))})</span>` : '',
    ];
  });
  const orgRows = organisations.map((o) => [
    `<a href="${esc(href(organisationPath(o.slug), lang))}">${esc(names.organisation(o.name))}</a>`,
    o.sources.map((id) => esc(names.source(id))).join(', '),
    fmtNum(o.seen, lang),
    o.mandatory === undefined || o.mandatory === null ? '—' : `<strong>${esc(fmtPct(o.mandatory, lang))}</strong>`,
    esc(fmtPct(o.recommended, lang)),
    cleanOf(Math.max(0, o.seen - o.nonConforming), o.seen, lang, m),
  ]);
  const body = `${langSwitch(lang, '/reports')}<h1>${esc(m.reports)}</h1><p>${esc(m.reportsIntro)}</p>
<h2>${esc(m.sources)}</h2>${cardsTable('sources', [m.source, m.organisation, m.lastRun, m.seen, m.published, m.rejected, m.mandatoryShort, m.withoutViolations, m.fixFirst], sourceRows)}<p class="muted" id="index-note">${esc(m.indexNote)}</p>
<h2>${esc(m.organisations)}</h2>${cardsTable('organisations', [m.organisation, m.sources, m.seen, m.mandatoryShort, m.recommendedShort, m.withoutViolations], orgRows)}
<p><a href="${esc(href('/validate', lang))}">${esc(m.validate)}</a></p>`;
  return page(m.reports, body, lang);
}

function runsTable(runs: RunSummary[], m: Messages, lang: Lang): string {
  const rows = [...runs]
    .reverse()
    .map(
      (r) =>
        `<tr><td><a href="${esc(href(runPath(r.sourceId, r.runId), lang))}"><code>${esc(r.runId)}</code></a></td><td>${fmtDate(r.finishedAt ?? r.startedAt, lang)}</td><td>${fmtStatus(r.status, lang)}</td><td>${r.seen}</td><td>${r.published}</td><td>${r.rejected}</td><td>${r.nonConforming ?? '—'}</td><td>${r.errors}</td><td>${pct(runConformance(r), lang)}${r.pruned ? ` <span class="muted">(${esc(m.prunedShort)})</span>` : ''}</td></tr>`,
    )
    .join('');
  return `<table id="runs"><tr><th>${esc(m.run)}</th><th>${esc(m.finished)}</th><th>${esc(m.status)}</th><th>${esc(m.seen)}</th><th>${esc(m.published)}</th><th>${esc(m.rejected)}</th><th>${esc(m.nonConforming)}</th><th>${esc(m.errors)}</th><th>${esc(m.conformance)}</th></tr>${rows}</table>`;
}

/** What a source's run page and an organisation's page both show of their records. */
interface FindingsView {
  /** The rows grouped by cause, most harmful first. */
  causes?: Cause[];
  knowledge?: (sourceId: string) => SourceKnowledge;
  explain?: RowExplainer;
  europeana?: EuropeanaReadiness;
  /** Records whose only results are warnings (or infos). */
  warnedOnly?: number;
  /** Share of the main class's mandatory fields filled. */
  mandatory?: MandatoryScore;
  /** Recommended fields present (a source: its published records as the latest run left them; an organisation: with the sector median). */
  more?: MoreScores;
  /** Source and organisation names in the page's language. */
  names?: PageNames;
}

export interface RunView extends FindingsView {
  run: RunSummary;
  summary: ReportSummary;
  /** All rows of the run (for the filter's choices). */
  all: ReportRow[];
  /** Rows after the server-side filter. */
  rows: ReportRow[];
  constraint?: string;
  /** Per-organisation summaries when the run carries several organisations. */
  organisations: { name: string; slug: string; summary: ReportSummary }[];
  /** The mandatory score over the source's last runs (source page). */
  trend?: ScorePoint[];
}

/** What to act on, for the top of a page: Europeana readiness, what the figures mean, the causes to fix. */
function actionable(view: RunView, path: string, lang: Lang, m: Messages, headingLevel: 2 | 3): string {
  const causes = view.causes && view.knowledge ? causesSection(view.causes, view.knowledge, lang, m, { heading: headingLevel, names: view.names, csvHref: href(path, lang, { format: 'csv', view: 'causes' }) }) : '';
  return `${europeanaBox(view.europeana, lang, m, { names: view.names, tiersCsv: href(path, lang, { format: 'csv', view: 'tiers' }) })}${conformanceNote(view.summary, view.warnedOnly ?? 0, lang, m, view.mandatory, view.more)}${scoreTrendBlock(view.trend, lang, m)}${causes}`;
}

function runBody(view: RunView, path: string, lang: Lang, m: Messages, headingLevel: 2 | 3, options: { actionable?: boolean } = {}): string {
  const { run } = view;
  const h = `h${headingLevel}`;
  const orgTable =
    view.organisations.length > 1
      ? `<${h}>${esc(m.organisations)}</${h}><table id="run-organisations"><tr><th>${esc(m.organisation)}</th><th>${esc(m.seen)}</th><th>${esc(m.published)}</th><th>${esc(m.rejected)}</th><th>${esc(m.nonConforming)}</th><th>${esc(m.conformance)}</th></tr>${view.organisations
          .map(
            (o) =>
              `<tr><td><a href="${esc(href(organisationPath(o.slug), lang))}">${esc((view.names ?? PLAIN_NAMES).organisation(o.name))}</a></td><td>${o.summary.seen}</td><td>${o.summary.published}</td><td>${o.summary.rejected}</td><td>${o.summary.nonConforming}</td><td>${pct(o.summary.conformance, lang)}</td></tr>`,
          )
          .join('')}</table>`
      : '';
  const problems = run.pruned
    ? prunedNote(run, m)
    : view.all.length === 0
      ? `<p id="no-problems">${esc(m.noProblems)}</p>`
      : `${filterForm(view.all, Math.min(view.rows.length, MAX_HTML_ROWS), view.constraint, lang, m)}${cappedNote(view.rows.length, m)}${rowsTable(view.rows.slice(0, MAX_HTML_ROWS), lang, m, { explain: view.explain })}`;
  return `${options.actionable === false ? '' : actionable(view, path, lang, m, headingLevel)}<p class="muted">${esc(m.status)}: ${fmtStatus(run.status, lang)}${run.failure ? ` — ${esc(run.failure)}` : ''} · ${esc(m.started)}: ${fmtDate(run.startedAt, lang)} · ${esc(m.finished)}: ${fmtDate(run.finishedAt, lang)}</p>
${summaryTable(view.summary, m, lang)}<p class="muted">${esc(m.rejectedNote)}</p>${listingNote(run, m)}${carriedNote(run, m, lang)}${truncationNote(run, m)}
${orgTable}${topTable(view.summary.top, m, (c) => `${href(path, lang, { constraint: c })}#results`, lang)}
<${h}>${esc(m.problems)}</${h}>${downloads(path, lang, m, { constraint: view.constraint })}${problems}`;
}

export function runPage(sourceName: string, view: RunView, lang: Lang): string {
  const m = messages(lang);
  const path = runPath(view.run.sourceId, view.run.runId);
  const body = `${langSwitch(lang, path, { constraint: view.constraint })}<p><a href="${esc(href('/reports', lang))}">${esc(m.reports)}</a> › <a href="${esc(href(sourcePath(view.run.sourceId), lang))}">${esc(sourceName)}</a></p>
<h1>${esc(m.reportOf)} ${esc(sourceName)} — <code>${esc(view.run.runId)}</code></h1>${runBody(view, path, lang, m, 2)}`;
  return page(`${m.reportOf} ${sourceName} ${view.run.runId}`, body, lang);
}

/**
 * Whose records the source holds: the organisations its latest run counted (with their records) when
 * it carries several (an OAI-PMH set of two museums), else the configured organisation.
 */
function holders(source: SourceOverview, run: RunSummary | undefined, lang: Lang, names: PageNames = PLAIN_NAMES): string {
  const counted = Object.entries(run?.organisations ?? {}).filter(([, c]) => c.seen > 0);
  if (counted.length > 1) return ` · ${counted.map(([name, c]) => `${esc(names.organisation(name))} (${fmtNum(c.seen, lang)})`).join(', ')}`;
  const only = counted[0]?.[0] ?? source.organisation;
  return only ? ` · ${esc(names.organisation(only))}` : '';
}

export function sourcePage(source: SourceOverview, runs: RunSummary[], latest: RunView | undefined, lang: Lang): string {
  const m = messages(lang);
  const path = sourcePath(source.id);
  const latestSection = latest
    ? `<h2>${esc(m.latestRun)}: <a href="${esc(href(runPath(source.id, latest.run.runId), lang))}"><code>${esc(latest.run.runId)}</code></a></h2>${runBody(latest, path, lang, m, 3, { actionable: false })}`
    : `<p>${esc(m.noRuns)}</p>`;
  // The newest run read nothing (nothing changed): the findings are the run before's, and the page says so.
  const newest = runs.at(-1);
  const standing =
    latest && newest && newest.runId !== latest.run.runId
      ? `<p class="muted" id="standing-run">${esc(fill(m.standingRun, { newest: fmtDateText(newest.finishedAt ?? newest.startedAt, lang), standing: fmtDateText(latest.run.finishedAt ?? latest.run.startedAt, lang) }))}</p>`
      : '';
  const body = `${langSwitch(lang, path, { constraint: latest?.constraint })}<p><a href="${esc(href('/reports', lang))}">${esc(m.reports)}</a></p>
<h1>${esc(source.name)}</h1><p class="muted"><code>${esc(source.id)}</code>${holders(source, latest?.run, lang, latest?.names)}</p>
${standing}${latest ? actionable(latest, path, lang, m, 2) : ''}${runs.length ? `<h2>${esc(m.history)}</h2>${trendChart(runs, m, lang)}${runsTable(runs, m, lang)}` : ''}${latestSection}`;
  return page(`${m.reports}: ${source.name}`, body, lang);
}

export interface OrganisationView extends FindingsView {
  name: string;
  slug: string;
  summary: ReportSummary;
  perSource: { source: SourceOverview; run: RunSummary; summary: ReportSummary }[];
  all: ReportRow[];
  rows: ReportRow[];
  constraint?: string;
  edm?: { issues: EdmConformanceIssue[] } | { error: string };
  /** The organisation's pending suggested authority links: how many, and the first few (best score first). */
  suggestions?: { count: number; first: LinkSuggestion[] };
}

/** The organisation's pending suggested authority links (issue 16, item 7); a curator decides on /admin/links/suggestions. */
function suggestionsSection(view: OrganisationView, m: Messages): string {
  if (!view.suggestions) return '';
  const { count, first } = view.suggestions;
  if (count === 0) return `<h2>${esc(m.suggested)}</h2><p id="suggestions-none">${esc(m.suggestedNone)}</p>`;
  return `<h2>${esc(m.suggested)}</h2><p>${esc(fill(m.suggestedIntro, { count: String(count) }))}</p><table id="suggestions"><tr><th>${esc(m.entity)}</th><th>${esc(m.candidate)}</th><th>${esc(m.score)}</th><th>${esc(m.service)}</th></tr>${first
    .map((s) => `<tr><td>${esc(s.label)}<br><code class="muted">${esc(s.entity)}</code></td><td>${esc(s.name)}<br><code class="muted">${esc(s.candidate)}</code></td><td>${esc(s.score)}</td><td><code>${esc(s.service)}</code></td></tr>`)
    .join('')}</table>`;
}

function edmSection(view: OrganisationView, m: Messages): string {
  const names = view.names ?? PLAIN_NAMES;
  if (!view.edm) return '';
  if ('error' in view.edm) return `<h2>${esc(m.edm)}</h2><p class="muted" id="edm-unavailable">${esc(fill(m.edmUnavailable, { message: view.edm.error }))}</p>`;
  const issues = view.edm.issues;
  if (issues.length === 0) return `<h2>${esc(m.edm)}</h2><p id="edm-none">${esc(m.edmNone)}</p>`;
  return `<h2>${esc(m.edm)}</h2><p>${esc(m.edmIntro)}</p><table id="edm"><tr><th>${esc(m.source)}</th><th>${esc(m.record)}</th><th>${esc(m.constraint)}</th><th>${esc(m.message)}</th></tr>${issues
    .map((i) => `<tr><td>${esc(names.source(i.sourceId))}</td><td>${esc(i.recordId)}</td><td><code>${esc(i.rule)}</code></td><td>${esc(i.message)}</td></tr>`)
    .join('')}</table>`;
}

export function organisationPage(view: OrganisationView, lang: Lang): string {
  const m = messages(lang);
  const path = organisationPath(view.slug);
  const perSource = `<table id="organisation-sources"><tr><th>${esc(m.source)}</th><th>${esc(m.lastRun)}</th><th>${esc(m.seen)}</th><th>${esc(m.published)}</th><th>${esc(m.rejected)}</th><th>${esc(m.nonConforming)}</th><th>${esc(m.conformance)}</th></tr>${view.perSource
    .map(
      (p) =>
        `<tr><td><a href="${esc(href(sourcePath(p.source.id), lang))}">${esc(p.source.name)}</a></td><td><a href="${esc(href(runPath(p.source.id, p.run.runId), lang))}">${fmtDate(p.run.finishedAt ?? p.run.startedAt, lang)}</a></td><td>${p.summary.seen}</td><td>${p.summary.published}</td><td>${p.summary.rejected}</td><td>${p.summary.nonConforming}</td><td>${pct(p.summary.conformance, lang)}</td></tr>`,
    )
    .join('')}</table>`;
  const problems =
    view.all.length === 0
      ? `<p id="no-problems">${esc(m.noProblems)}</p>`
      : `${filterForm(view.all, Math.min(view.rows.length, MAX_HTML_ROWS), view.constraint, lang, m)}${cappedNote(view.rows.length, m)}${rowsTable(view.rows.slice(0, MAX_HTML_ROWS), lang, m, { showSource: true, explain: view.explain })}`;
  const name = (view.names ?? PLAIN_NAMES).organisation(view.name);
  const causes = view.causes && view.knowledge ? causesSection(view.causes, view.knowledge, lang, m, { showSource: view.perSource.length > 1, names: view.names, csvHref: href(path, lang, { format: 'csv', view: 'causes' }) }) : '';
  const body = `${langSwitch(lang, path, { constraint: view.constraint })}<p><a href="${esc(href('/reports', lang))}">${esc(m.reports)}</a></p>
<h1>${esc(m.reportOf)} ${esc(name)}</h1>${europeanaBox(view.europeana, lang, m, { names: view.names, tiersCsv: href(path, lang, { format: 'csv', view: 'tiers' }) })}${conformanceNote(view.summary, view.warnedOnly ?? 0, lang, m, view.mandatory, view.more)}${causes}${summaryTable(view.summary, m, lang)}<p class="muted">${esc(m.rejectedNote)}</p>
<h2>${esc(m.sources)}</h2>${perSource}${topTable(view.summary.top, m, (c) => `${href(path, lang, { constraint: c })}#results`, lang)}
<h2>${esc(m.problems)}</h2>${downloads(path, lang, m, { constraint: view.constraint })}${problems}${edmSection(view, m)}${suggestionsSection(view, m)}`;
  return page(`${m.reportOf} ${name}`, body, lang);
}

