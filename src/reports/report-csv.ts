/**
 * A conformance report as CSV for spreadsheets: one row per validation result (or per mapping or
 * harvest problem), RFC 4180 quoting. Harvested text that a spreadsheet would run as a formula
 * (=, +, -, @, tab, CR first) gets a leading apostrophe.
 */
import { messageIn, shortConstraint, type ReportRow } from './report-model.js';

export const REPORT_CSV_COLUMNS = [
  'source',
  'run',
  'organisation',
  'recordId',
  'recordLink',
  'rejected',
  'stage',
  'severity',
  'focusNode',
  'path',
  'constraint',
  'message',
  'value',
  'mappingRule',
  'shape',
] as const;

function cell(text: string | undefined): string {
  let s = text ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function rowsToCsv(rows: ReportRow[], lang = 'en'): string {
  const lines = [REPORT_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.sourceId,
        r.runId,
        r.organisation,
        r.recordId,
        r.link,
        String(r.rejected),
        r.stage,
        r.severity,
        r.focusNode,
        r.path,
        shortConstraint(r.constraint),
        messageIn(r, lang),
        r.value,
        r.rule,
        r.shape,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
