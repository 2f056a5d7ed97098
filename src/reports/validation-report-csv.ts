/**
 * A validation report as CSV for spreadsheets: one row per result (RFC 4180 quoting). Cells
 * that a spreadsheet would run as a formula (=, +, -, @, tab, CR) get a leading apostrophe,
 * because messages and values are harvested text.
 */
import type { ValidationReport, ValidationResult } from '../validation/validator.js';

export const CSV_COLUMNS = ['severity', 'focusNode', 'path', 'value', 'constraint', 'shape', 'message'] as const;

function cell(text: string | undefined): string {
  let s = text ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function short(iri: string): string {
  return iri.startsWith('http://www.w3.org/ns/shacl#') ? `sh:${iri.slice(27)}` : iri;
}

/** Extra leading columns (e.g. record id, source link) can be given per result. */
export function reportToCsv(
  report: ValidationReport,
  extra: { columns: string[]; values: (r: ValidationResult) => string[] } = { columns: [], values: () => [] },
): string {
  const lines = [[...extra.columns, ...CSV_COLUMNS].map(cell).join(',')];
  for (const r of report.results) {
    lines.push(
      [...extra.values(r), r.severity, r.focusNode, r.path, r.value, short(r.constraint), r.shape, r.messages.join(' | ')].map(cell).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
