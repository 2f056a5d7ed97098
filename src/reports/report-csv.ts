/**
 * Reports as CSV for spreadsheets, the hub's one CSV writer: a conformance report (one row per
 * validation result, or per mapping or harvest problem) and a bare validation report (one row per
 * result, for `hub validate`). RFC 4180 quoting, CRLF line ends. Harvested text that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe.
 */
import type { ValidationReport, ValidationResult } from '../validation/validator.js';
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
  'sourceName',
] as const;

/** Columns of a bare validation report. */
export const CSV_COLUMNS = ['severity', 'focusNode', 'path', 'value', 'constraint', 'shape', 'message'] as const;

function cell(text: string | undefined): string {
  let s = text ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(header: readonly string[], rows: Iterable<(string | undefined)[]>): string {
  const lines = [header.map(cell).join(',')];
  for (const row of rows) lines.push(row.map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Names in the download's language (config/names.ts); ids and keys as they are without. */
export interface CsvNames {
  source(id: string): string;
  organisation(name: string): string;
}

export function rowsToCsv(rows: ReportRow[], lang = 'en', names?: CsvNames): string {
  return toCsv(
    REPORT_CSV_COLUMNS,
    rows.map((r) => [
      r.sourceId,
      r.runId,
      r.organisation !== undefined && names ? names.organisation(r.organisation) : r.organisation,
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
      names ? names.source(r.sourceId) : r.sourceId,
    ]),
  );
}

/** A validation report; extra leading columns (e.g. record id, source link) can be given per result. */
export function reportToCsv(
  report: ValidationReport,
  extra: { columns: string[]; values: (r: ValidationResult) => string[] } = { columns: [], values: () => [] },
): string {
  return toCsv(
    [...extra.columns, ...CSV_COLUMNS],
    report.results.map((r) => [...extra.values(r), r.severity, r.focusNode, r.path, r.value, shortConstraint(r.constraint), r.shape, r.messages.join(' | ')]),
  );
}

/** Columns of the causes download: the museum's record ids first, then what to fix. */
export const CAUSES_CSV_COLUMNS = ['recordIds', 'records', 'rejected', 'source', 'where', 'field', 'fix', 'sourceField', 'exampleRecord', 'exampleValue', 'constraint', 'path', 'mappingRule', 'sourceName'] as const;

/** One cause in words, as the downloads write it (see causes.ts causeText). */
export interface CauseRow {
  recordIds: string[];
  records: number;
  rejected: number;
  source: string;
  /** The source's name in the download's language. */
  sourceName?: string;
  where: string;
  field: string;
  fix: string;
  sourceField: string;
  exampleRecord: string;
  exampleValue?: string;
  constraint?: string;
  path?: string;
  rule: string;
}

/** One row per cause. */
export function causesToCsv(rows: CauseRow[]): string {
  return toCsv(
    CAUSES_CSV_COLUMNS,
    rows.map((c) => [c.recordIds.join(' '), String(c.records), String(c.rejected), c.source, c.where, c.field, c.fix, c.sourceField, c.exampleRecord, c.exampleValue, c.constraint, c.path, c.rule, c.sourceName ?? c.source]),
  );
}

/** Columns of the Europeana tiers download: the museum's record id first, then the predicted tiers and what the next needs. */
export const TIERS_CSV_COLUMNS = ['recordId', 'source', 'sourceName', 'organisation', 'contentTier', 'metadataTier', 'rights', 'nextContentTier', 'nextMetadataTier'] as const;

/** One record's predicted Europeana tiers, in the download's words (reports/europeana-tiers.ts). */
export interface TierRow {
  recordId: string;
  source: string;
  sourceName: string;
  organisation?: string;
  contentTier: number;
  metadataTier: string;
  rights: string;
  nextContent: string;
  nextMetadata: string;
}

export const tierCells = (t: TierRow): (string | number)[] => [t.recordId, t.source, t.sourceName, t.organisation ?? '', t.contentTier, t.metadataTier, t.rights, t.nextContent, t.nextMetadata];

/** One row per record. */
export function tiersToCsv(rows: TierRow[]): string {
  return toCsv(
    TIERS_CSV_COLUMNS,
    rows.map((t) => tierCells(t).map(String)),
  );
}
