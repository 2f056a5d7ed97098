/** The "validate your data" form and its result page (Dutch/English). */
import type { ProfileInfo } from '../../pipeline/validate-upload-profiles.js';
import type { Lang } from '../i18n/lang.js';
import { messages } from '../i18n/messages.js';
import type { ReportRow, ReportSummary } from '../../reports/report-model.js';
import { esc, layout } from './html.js';
import { filterForm, href, langSwitch, REPORT_STYLE, rowsTable, topTable } from './report-parts.js';

export interface ValidateFormOptions {
  profiles: ProfileInfo[];
  mappings: string[];
  maxBytes: number;
  /** Previously chosen values, kept when the result page shows the form again. */
  profile?: string;
  mapping?: string;
}

export function validateForm(o: ValidateFormOptions, lang: Lang): string {
  const m = messages(lang);
  const profiles = o.profiles.map((p) => `<option value="${esc(p.id)}"${p.id === o.profile ? ' selected' : ''}>${esc(p.title[lang])} (${esc(p.id)})</option>`).join('');
  const mappings = [`<option value="">${esc(m.noMapping)}</option>`, ...o.mappings.map((n) => `<option value="${esc(n)}"${n === o.mapping ? ' selected' : ''}>${esc(n)}</option>`)].join('');
  const formats = [
    ['html', 'HTML'],
    ['jsonld', 'JSON-LD'],
    ['ttl', 'Turtle'],
    ['csv', 'CSV'],
  ]
    .map(([v, l]) => `<option value="${v}">${l}</option>`)
    .join('');
  return `<form method="post" action="/validate" enctype="multipart/form-data" id="validate-form" class="validate">
<input type="hidden" name="lang" value="${esc(lang)}">
<p><label>${esc(m.file)} <input type="file" name="file" id="file"></label> <span class="muted">(≤ ${Math.round(o.maxBytes / 1024 / 1024)} MB)</span></p>
<p><label>${esc(m.orPaste)}<br><textarea name="data" id="data" rows="10" cols="100"></textarea></label></p>
<p><label>${esc(m.profile)} <select name="profile" id="profile">${profiles}</select></label></p>
<p><label>${esc(m.mapping)} <select name="mapping" id="mapping">${mappings}</select></label></p>
<p><label>${esc(m.format)} <select name="format" id="format">${formats}</select></label></p>
<p><button type="submit">${esc(m.submit)}</button></p></form>`;
}

export function validatePage(o: ValidateFormOptions, lang: Lang): string {
  const m = messages(lang);
  const body = `${langSwitch(lang, '/validate')}<h1>${esc(m.validate)}</h1><p>${esc(m.validateIntro)}</p>${validateForm(o, lang)}
<p><a href="${esc(href('/reports', lang))}">${esc(m.reports)}</a></p>`;
  return layout(m.validate, body, { lang, head: REPORT_STYLE });
}

export interface ValidateResultView {
  profile: ProfileInfo;
  mapping?: string;
  filename?: string;
  triples: number;
  conforms: boolean;
  summary: ReportSummary;
  rows: ReportRow[];
}

export function validateResultPage(view: ValidateResultView, form: ValidateFormOptions, lang: Lang): string {
  const m = messages(lang);
  const verdict = view.conforms ? `<p class="ok" id="verdict">${esc(m.conforms)}</p>` : `<p class="bad" id="verdict">${esc(m.doesNotConform)}</p>`;
  const facts = `<table id="summary"><tr><th>${esc(m.file)}</th><th>${esc(m.profile)}</th><th>${esc(m.mapping.split(' (')[0]!)}</th><th>${esc(m.triples)}</th><th>${esc(m.violations)}</th><th>${esc(m.warnings)}</th><th>${esc(m.infos)}</th></tr>
<tr><td>${esc(view.filename ?? '—')}</td><td>${esc(view.profile.title[lang])}</td><td>${esc(view.mapping ?? '—')}</td><td>${view.triples}</td><td>${view.summary.violations}</td><td>${view.summary.warnings}</td><td>${view.summary.infos}</td></tr></table>`;
  const results = view.rows.length
    ? `${topTable(view.summary.top, m, () => '#results', lang)}<h2>${esc(m.results)}</h2>${filterForm(view.rows, view.rows.length, undefined, lang, m, { serverSide: false })}${rowsTable(view.rows, lang, m, { showStatus: false })}`
    : '';
  const body = `<h1>${esc(m.validate)}</h1>${verdict}${facts}${results}<h2>${esc(m.validate)}</h2>${validateForm({ ...form, profile: view.profile.id, mapping: view.mapping }, lang)}`;
  return layout(m.validate, body, { lang, head: REPORT_STYLE });
}
