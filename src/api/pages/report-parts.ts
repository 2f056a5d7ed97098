/**
 * Pieces shared by the report pages: the language switch, summary and constraint tables, the
 * result table with its filters (a form for the server-side `?constraint=`, plus a small inline
 * script that filters the rows as you choose) and the trend chart as inline SVG. Every harvested
 * string goes through `esc`; links to source records are only made for http(s) URLs.
 */
import { explainConstraint } from '../i18n/constraints.js';
import type { Lang } from '../i18n/lang.js';
import { fill, messages, type Messages } from '../i18n/messages.js';
import { messageIn, runConformance, shortConstraint, type ConstraintCount, type ReportRow, type ReportSummary } from '../../reports/report-model.js';
import type { RunSummary } from '../../reports/run-summary.js';
import { esc } from './html.js';

/** A URL of this site with query parameters (the language always kept). */
export function href(path: string, lang: Lang, params: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  q.set('lang', lang);
  return `${path}?${q.toString()}`;
}

/** Only http(s) links to source records are rendered as links (no javascript: or data: URLs). */
export function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;
}

/** Prefixes for showing paths and values compactly (the full IRI stays in the cell's title). */
const DISPLAY_PREFIXES: [string, string][] = [
  ['sh', 'http://www.w3.org/ns/shacl#'],
  ['rdf', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'],
  ['rdfs', 'http://www.w3.org/2000/01/rdf-schema#'],
  ['xsd', 'http://www.w3.org/2001/XMLSchema#'],
  ['dct', 'http://purl.org/dc/terms/'],
  ['dc', 'http://purl.org/dc/elements/1.1/'],
  ['crm', 'http://www.cidoc-crm.org/cidoc-crm/'],
  ['skos', 'http://www.w3.org/2004/02/skos/core#'],
  ['schema', 'https://schema.org/'],
  ['schema', 'http://schema.org/'],
  ['foaf', 'http://xmlns.com/foaf/0.1/'],
  ['prov', 'http://www.w3.org/ns/prov#'],
  ['adms', 'http://www.w3.org/ns/adms#'],
  ['locn', 'http://www.w3.org/ns/locn#'],
  ['edm', 'http://www.europeana.eu/schemas/edm/'],
  ['ore', 'http://www.openarchives.org/ore/terms/'],
  ['cidoc', 'http://purl.org/NET/cidoc-crm/core#'],
  ['ce', 'https://data.vlaanderen.be/ns/cultureel-erfgoed#'],
  ['cp', 'https://data.vlaanderen.be/ns/cultuurparticipatie#'],
];

/** `<http://purl.org/dc/terms/title>` → `dct:title`; anything else unchanged. */
export function compactIri(text: string | undefined): string {
  // Literals (N-Triples `"…"`) stay as they are; paths may hold several IRIs.
  if (!text || text.startsWith('"')) return text ?? '';
  return text.replace(/<([^<>\s]+)>|^([a-z][a-z0-9+.-]*:[^\s<>"]+)$/gi, (whole, bracketed: string | undefined, bare: string | undefined) => {
    const iri = bracketed ?? bare ?? '';
    for (const [prefix, ns] of DISPLAY_PREFIXES) if (iri.startsWith(ns) && /^[\w.-]+$/.test(iri.slice(ns.length))) return `${prefix}:${iri.slice(ns.length)}`;
    return whole;
  });
}

/** A code cell showing the compact form, with the full text as its title. */
const codeCell = (text: string | undefined, cls = '') => {
  const full = text ?? '';
  const short = compactIri(full);
  return `<code class="iri${cls ? ` ${cls}` : ''}"${short !== full ? ` title="${esc(full)}"` : ''}>${breakable(short)}</code>`;
};

/**
 * A table that becomes one card per row on small screens (each cell labelled with its column):
 * `head` in plain text, `rows` as cells of HTML.
 */
export function cardsTable(id: string, head: string[], rows: string[][]): string {
  const body = rows.map((cells) => `<tr>${cells.map((c, i) => `<td data-label="${esc(head[i] ?? '')}">${c}</td>`).join('')}</tr>`).join('');
  return `<table id="${esc(id)}" class="cards"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A percentage in the page's language: `12.5%` in English, `12,5 %` in Dutch (nl-BE). */
export const fmtPct = (v: number | null | undefined, lang: Lang = 'en'): string =>
  v === null || v === undefined ? '—' : lang === 'nl' ? `${v.toFixed(1).replace('.', ',')}\u00a0%` : `${v.toFixed(1)}%`;

/** The English form, for callers that have no language. */
export const pct = (v: number | null | undefined, lang: Lang = 'en'): string => fmtPct(v, lang);

/** A count in the page's language (nl-BE groups thousands with a dot). */
export const fmtNum = (n: number, lang: Lang): string => new Intl.NumberFormat(lang === 'nl' ? 'nl-BE' : 'en-GB').format(n);

/** A timestamp as a reader of the language writes it, in Belgian time (the full value in the title). */
/** A date and time as the page's readers write it (Belgian time), as plain text. */
export function fmtDateText(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-BE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(d);
}

/** A run's status in the page's language (an unknown one as it is). */
export function fmtStatus(status: string, lang: Lang): string {
  return esc(messages(lang).runStatus[status] ?? status);
}

export function fmtDate(iso: string | undefined, lang: Lang): string {
  if (!iso) return '—';
  if (Number.isNaN(new Date(iso).getTime())) return esc(iso);
  return `<time datetime="${esc(iso)}">${esc(fmtDateText(iso, lang))}</time>`;
}

/** Long IRIs and paths may break after each `/`, `#`, `.` or `?` (a <wbr> after it), never mid-word. */
export function breakable(text: string): string {
  // Split the raw text (not the escaped one: a break inside `&lt;` would spoil the entity).
  return text
    .split(/(?<=[/#?&.:_])(?!$)/)
    .map(esc)
    .join('<wbr>');
}

export function langSwitch(lang: Lang, path: string, params: Record<string, string | undefined> = {}): string {
  const other: Lang = lang === 'nl' ? 'en' : 'nl';
  return `<p class="lang-switch"><a href="${esc(href(path, other, params))}" hreflang="${other}" lang="${other}" id="lang-switch">${other === 'nl' ? 'Nederlands' : 'English'}</a></p>`;
}

export function downloads(path: string, lang: Lang, m: Messages, params: Record<string, string | undefined> = {}): string {
  const links = [
    ['jsonld', 'JSON-LD'],
    ['csv', 'CSV'],
    ['ttl', 'Turtle'],
    ['json', 'JSON'],
  ]
    .map(([format, label]) => `<a href="${esc(href(path, lang, { ...params, format }))}" data-format="${format}">${label}</a>`)
    .join(' · ');
  return `<p class="downloads">${esc(m.download)}: ${links}</p>`;
}

export function summaryTable(s: ReportSummary, m: Messages, lang: Lang = 'en'): string {
  const cells: [string, string][] = [
    [m.seen, String(s.seen)],
    [m.published, String(s.published)],
    ...(s.unchanged === undefined ? [] : [[m.unchanged, String(s.unchanged)] as [string, string]]),
    [m.rejected, String(s.rejected)],
    [m.nonConforming, String(s.nonConforming)],
    [m.errors, String(s.errors)],
    [m.conformance, pct(s.conformance, lang)],
    [m.violations, String(s.violations)],
    [m.warnings, String(s.warnings)],
    [m.infos, String(s.infos)],
  ];
  return `<table class="summary" id="summary"><tr>${cells.map(([k]) => `<th>${esc(k)}</th>`).join('')}</tr><tr>${cells
    .map(([k, v]) => `<td data-key="${esc(k)}">${esc(v)}</td>`)
    .join('')}</tr></table>`;
}

export function topTable(top: ConstraintCount[], m: Messages, link: (constraint: string) => string, lang: Lang): string {
  if (top.length === 0) return '';
  return `<h3>${esc(m.topConstraints)}</h3><table id="top-constraints"><tr><th>${esc(m.constraint)}</th><th>${esc(m.meaning)}</th><th>${esc(m.path)}</th><th>${esc(m.results)}</th><th>${esc(m.records)}</th></tr>${top
    .map(
      (c) =>
        `<tr><td><a href="${esc(link(shortConstraint(c.constraint)))}"><code>${esc(shortConstraint(c.constraint))}</code></a></td><td>${esc(explainConstraint(c.constraint, lang) ?? '')}</td><td>${codeCell(c.path)}</td><td>${c.results}</td><td>${c.records}</td></tr>`,
    )
    .join('')}</table>`;
}

/** The filters' script (inline, allowed by its hash in the Content-Security-Policy; no inline handlers). */
export const FILTER_SCRIPT = `(function(){var s=document.getElementById('constraint-filter'),q=document.getElementById('record-filter'),c=document.getElementById('shown-count'),f=document.getElementById('filters');if(!s||!q)return;
if(f&&f.hasAttribute('data-client-side'))f.addEventListener('submit',function(e){e.preventDefault();});
function apply(){var rows=document.querySelectorAll('#results tbody tr'),v=s.value,t=q.value.toLowerCase(),n=0;for(var i=0;i<rows.length;i++){var r=rows[i];var ok=(!v||r.getAttribute('data-constraint')===v)&&(!t||(r.getAttribute('data-record')||'').toLowerCase().indexOf(t)>=0);r.hidden=!ok;if(ok)n++;}if(c)c.textContent=String(n);}
s.addEventListener('change',apply);q.addEventListener('input',apply);
document.addEventListener('DOMContentLoaded',function(){if(q.value)apply();});})();`;

/**
 * The filter form: submitting asks the server (`?constraint=`); with scripts on, choosing a
 * constraint or typing a record id filters the rows in place.
 */
export function filterForm(all: ReportRow[], shown: number, selected: string | undefined, lang: Lang, m: Messages, options: { serverSide?: boolean } = {}): string {
  const serverSide = options.serverSide !== false;
  const counts = new Map<string, number>();
  for (const r of all) if (r.constraint) counts.set(shortConstraint(r.constraint), (counts.get(shortConstraint(r.constraint)) ?? 0) + 1);
  const choices = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([c, n]) => `<option value="${esc(c)}"${selected && shortConstraint(selected) === c ? ' selected' : ''}>${esc(c)} (${n})</option>`)
    .join('');
  return `<form ${serverSide ? 'method="get"' : 'data-client-side'} class="filters" id="filters"><input type="hidden" name="lang" value="${esc(lang)}">
<label>${esc(m.filterConstraint)} <select name="constraint" id="constraint-filter"><option value="">${esc(m.all)}</option>${choices}</select></label>
<label>${esc(m.filterRecord)} <input type="search" id="record-filter" autocomplete="off"></label>
${serverSide ? `<button type="submit">${esc(m.apply)}</button>` : ''}
<span class="muted">${esc(m.showing)} <span id="shown-count">${shown}</span> ${esc(m.of)} ${all.length}</span></form>
<script>${FILTER_SCRIPT}</script>`;
}

const SEVERITY_KEYS = { Violation: 'violation', Warning: 'warning', Info: 'info' } as const;

/** A row explained for people: where in the record, and the problem without blank-node labels. */
export type RowExplainer = (row: ReportRow) => { where: string; message: string };

/**
 * One row per result: the museum's own record id first (linked to the source record), where in the
 * record the field sits, the problem in plain words, the value and the mapping rule; the technical
 * constraint and path in the last column. On narrow screens each row becomes a card (CSS).
 */
export function rowsTable(rows: ReportRow[], lang: Lang, m: Messages, options: { showSource?: boolean; showStatus?: boolean; explain?: RowExplainer } = {}): string {
  const head = [m.record, ...(options.showSource ? [m.source] : []), m.where, m.severity, m.problem, m.value, m.rule, m.technical];
  const blank = lang === 'nl' ? '(geneste beschrijving)' : '(nested description)';
  const body = rows
    .map((r) => {
      const link = safeUrl(r.link);
      const record = `${link ? `<a href="${esc(link)}" rel="nofollow noopener" class="record-link">${breakable(r.recordId)}</a>` : `<span class="record-id">${breakable(r.recordId)}</span>`}${options.showStatus === false ? '' : `<br><span class="${r.rejected ? 'bad' : 'muted'}">${esc(r.rejected ? m.keptOut : m.kept)}</span>`}`;
      // The shape's own message in the page's language wins: its authors wrote it for people.
      const own = r.localizedMessages?.some((t) => t.language.toLowerCase().split('-')[0] === lang) ? messageIn(r, lang).replace(/_:[A-Za-z0-9_.-]+/g, blank) : undefined;
      const computed = options.explain?.(r) ?? { where: '', message: messageIn(r, lang).replace(/_:[A-Za-z0-9_.-]+/g, blank) };
      const explained = own ? { ...computed, message: own } : computed;
      const where = explained.where || (r.focusNode && !r.focusNode.startsWith('_:') ? compactIri(r.focusNode) : '');
      const value = r.value?.startsWith('_:') ? `<span class="muted">${esc(blank)}</span>` : codeCell(r.value);
      const technical = r.constraint
        ? `<code title="${esc(explainConstraint(r.constraint, lang) ?? '')}">${esc(shortConstraint(r.constraint).replace(/^sh:|ConstraintComponent$/g, ''))}</code> ${codeCell(r.path)}${own ? '' : `<br><small class="muted engine">${esc(messageIn(r, lang).replace(/_:[A-Za-z0-9_.-]+/g, blank))}</small>`}`
        : `<span class="muted">${esc(m.stage)}: ${esc(r.stage)}</span>`;
      const cells = [
        record,
        ...(options.showSource ? [`<a href="${esc(href(`/reports/${encodeURIComponent(r.sourceId)}/${encodeURIComponent(r.runId)}`, lang))}">${esc(r.sourceId)}</a>`] : []),
        esc(where),
        esc(r.severity ? m[SEVERITY_KEYS[r.severity]] : ''),
        esc(explained.message),
        value,
        codeCell(r.rule, 'rule'),
        technical,
      ];
      return `<tr data-constraint="${esc(shortConstraint(r.constraint))}" data-record="${esc(r.recordId)}" class="sev-${esc((r.severity ?? r.stage).toLowerCase())}">${cells.map((c, i) => `<td data-label="${esc(head[i])}"${head[i] === m.severity ? ' class="severity"' : ''}>${c}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<div class="scroll"><table id="results" class="cards"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** What the run's listing of the complete source came to (deletes by difference), when it made one. */
export function listingNote(run: RunSummary, m: Messages): string {
  if (!run.listing) return '';
  const text = run.listing.complete ? fill(m.listingComplete, { n: run.listing.deleted ?? 0 }) : fill(m.listingIncomplete, { reason: run.listing.reason ?? '' });
  return `<p class="muted" id="listing">${esc(text)}</p>`;
}

/** The findings the run carried from earlier runs for the records it did not read again (reports/carry-forward.ts). */
export function carriedNote(run: RunSummary, m: Messages, lang: Lang): string {
  if (!run.carried || run.pruned) return '';
  const { records, since, current } = run.carried;
  return `<p class="muted" id="carried">${esc(fill(m.carriedNote, { n: fmtNum(records, lang), since, current: fmtNum(current ?? run.seen + records, lang) }))}</p>`;
}

export function truncationNote(run: RunSummary, m: Messages): string {
  if (run.pruned) return '';
  const withProblems = run.rejected + run.errors + run.warnings;
  const kept = run.problems?.length ?? 0;
  return kept < withProblems ? `<p class="muted">${esc(fill(m.truncated, { n: kept }))}</p>` : '';
}

/** Says that a run's detail was pruned (hub.reports.keepDetailRuns), in place of its results. */
export function prunedNote(run: RunSummary, m: Messages): string {
  return run.pruned ? `<p id="detail-pruned"><strong>${esc(fill(m.detailPruned, { rows: run.pruned.rows, at: run.pruned.at }))}</strong></p>` : '';
}

/** Conformance % of each run as a line over the runs (inline SVG; no script, no external asset). */
export function trendChart(runs: RunSummary[], m: Messages, lang: Lang): string {
  const points = runs.map((r) => ({ run: r, value: runConformance(r) })).filter((p): p is { run: RunSummary; value: number } => p.value !== null);
  if (points.length === 0) return '';
  const w = 640;
  const h = 180;
  const left = 40;
  const right = 12;
  const top = 12;
  const bottom = 28;
  const x = (i: number) => (points.length === 1 ? left + (w - left - right) / 2 : left + (i * (w - left - right)) / (points.length - 1));
  const y = (v: number) => top + ((100 - v) * (h - top - bottom)) / 100;
  const grid = [0, 50, 100]
    .map((v) => `<line x1="${left}" x2="${w - right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11" fill="#666">${lang === 'nl' ? `${v} %` : `${v}%`}</text>`)
    .join('');
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const dots = points
    .map((p, i) => {
      const label = `${fmtDateText(p.run.finishedAt ?? p.run.startedAt, lang)}: ${pct(p.value, lang)} (${m.seen.toLowerCase()} ${p.run.seen}, ${m.rejected.toLowerCase()} ${p.run.rejected})`;
      return `<a href="${esc(href(`/reports/${encodeURIComponent(p.run.sourceId)}/${encodeURIComponent(p.run.runId)}`, lang))}"><circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="4" fill="#1f3a5f" class="trend-point"><title>${esc(label)}</title></circle></a>`;
    })
    .join('');
  const first = points[0]!.run.finishedAt ?? points[0]!.run.startedAt;
  const last = points.at(-1)!.run.finishedAt ?? points.at(-1)!.run.startedAt;
  return `<figure class="trend"><svg id="trend-chart" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(m.trend)}">
<title>${esc(m.trend)}</title>${grid}<polyline fill="none" stroke="#1f3a5f" stroke-width="2" points="${line}"/>${dots}
<text x="${left}" y="${h - 8}" font-size="11" fill="#666">${esc(first.slice(0, 16))}</text><text x="${w - right}" y="${h - 8}" font-size="11" fill="#666" text-anchor="end">${esc(last.slice(0, 16))}</text></svg>
<figcaption class="muted">${esc(m.trend)}</figcaption></figure>`;
}

/** The report pages' extra styles (their hash is allowed by the Content-Security-Policy). */
export const REPORT_CSS = `
main{max-width:1200px;box-sizing:border-box}.scroll{max-width:100%}
table{table-layout:auto}td{overflow-wrap:anywhere}th{overflow-wrap:break-word;hyphens:auto}code.iri,td code{overflow-wrap:anywhere;word-break:normal}
.lang-switch{float:right;margin:0}.filters{margin:.6rem 0;display:flex;gap:1rem;flex-wrap:wrap;align-items:center}
tr.sev-violation td.severity{color:#a40000}.summary td{font-size:1.1rem}
code.rule{font-size:.8rem}h1,h2,h3,h4,p,li,dd,aside{overflow-wrap:anywhere}
.europeana{border:1px solid #c9d6e8;background:#f1f6fc;padding:.5rem .9rem;margin:.6rem 0}
.conformance-note{background:#fff;border-left:4px solid #1f3a5f;padding:.4rem .8rem}
ol.causes{padding-left:1.4rem}li.cause{background:#fff;border:1px solid #ddd;border-left:5px solid #c77700;padding:.4rem .8rem;margin:.5rem 0}
li.cause-violation{border-left-color:#a40000}li.cause-bad{border-left-color:#600}li.cause h4{margin:.2rem 0;font-weight:normal}
li.cause dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:.3rem 0}li.cause dd{margin:0;min-width:0}
.where{color:#444}.fix{margin:.3rem 0}
svg#score-sparkline{display:block;width:100%;max-width:480px;height:48px}.trend-legend{font-size:.8rem;color:#444}
.trend-legend .key{display:inline-block;width:1.4rem;height:0;border-top:2px solid #1f3a5f;vertical-align:middle}.trend-legend .key.dashed{border-top:2px dashed #7a8ca3}
ul.score-runs{padding-left:1.2rem}ul.score-runs li{margin:.15rem 0}
@media (max-width:800px){
 header{flex-wrap:wrap}main{padding:.8rem}
 table.summary,table#runs,table#organisation-sources,table#run-organisations,table#edm,table#top-constraints,table#suggestions{display:block;overflow-x:auto}
 table.summary :is(td,th),table#runs :is(td,th),table#organisation-sources :is(td,th),table#run-organisations :is(td,th),table#top-constraints :is(td,th){overflow-wrap:normal;white-space:nowrap}
 table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:auto}
 table.cards thead{display:none}table.cards tr{border:1px solid #ddd;margin:.5rem 0;background:#fff}
 table.cards td{border:0;border-bottom:1px solid #eee}table.cards td::before{content:attr(data-label);display:block;font-size:.75rem;color:#666}
 li.cause dl{grid-template-columns:1fr}.lang-switch{float:none}svg#trend-chart{max-width:100%;height:auto}
}
@media print{
 header,.lang-switch,.filters,.downloads,script{display:none}main{max-width:none;padding:0}
 details{display:block}details>summary{list-style:none}details:not([open])>*{display:block}
 a{color:inherit;text-decoration:none}li.cause,tr{break-inside:avoid}
}
`;

export const REPORT_STYLE = `<style>${REPORT_CSS}</style>`;
