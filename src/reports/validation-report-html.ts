/**
 * A stand-alone HTML page of one validation report (for `hub validate --format html`). All
 * report text is escaped: values and messages come from harvested data.
 */
import type { ValidationReport } from '../validation/validator.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function short(iri: string): string {
  return iri.startsWith('http://www.w3.org/ns/shacl#') ? `sh:${iri.slice(27)}` : iri;
}

export function reportToHtml(report: ValidationReport, title = 'SHACL validation report'): string {
  const rows = report.results
    .map((r) =>
      `<tr class="${escapeHtml(r.severity.toLowerCase())}"><td>${escapeHtml(r.severity)}</td><td>${escapeHtml(r.focusNode)}</td>` +
      `<td>${escapeHtml(r.path ?? '')}</td><td>${escapeHtml(r.value ?? '')}</td><td>${escapeHtml(short(r.constraint))}</td>` +
      `<td>${escapeHtml(r.shape)}</td><td>${escapeHtml(r.messages.join(' | '))}</td></tr>`,
    )
    .join('\n');
  const summary = report.conforms ? 'The data conforms.' : `The data does not conform: ${report.results.length} result(s).`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}tr.violation td:first-child{color:#b00}tr.warning td:first-child{color:#a60}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(summary)}</p>
<table><thead><tr><th>severity</th><th>focus node</th><th>path</th><th>value</th><th>constraint</th><th>shape</th><th>message</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}
