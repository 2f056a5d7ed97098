/**
 * The causes of a report as an Excel workbook for the organisation's own systems: a sheet of causes
 * (the affected record ids first, then what to fix) and a sheet with one row per affected record
 * and cause, so a collection system can import the list of records to correct (and, for a source or
 * an organisation, one with each record's predicted Europeana tiers). Cells are written
 * as text, so a harvested value is never read as a formula.
 */
import ExcelJS from 'exceljs';
import { CAUSES_CSV_COLUMNS, TIERS_CSV_COLUMNS, tierCells, type CauseRow, type TierRow } from './report-csv.js';

/** Sheet and column names per language. */
const NAMES = {
  en: { causes: 'Causes', records: 'Records', record: 'recordId', cause: 'cause', tiers: 'Europeana tiers' },
  nl: { causes: 'Oorzaken', records: 'Records', record: 'recordId', cause: 'oorzaak', tiers: 'Europeana-niveaus' },
} as const;

/** `tiers`: the predicted Europeana tiers per record, as a third sheet (source and organisation reports). */
export async function causesToXlsx(rows: CauseRow[], lang: 'nl' | 'en', tiers?: TierRow[]): Promise<Buffer> {
  const names = NAMES[lang];
  const book = new ExcelJS.Workbook();
  const causes = book.addWorksheet(names.causes);
  causes.addRow([...CAUSES_CSV_COLUMNS]).font = { bold: true };
  for (const c of rows) {
    causes.addRow([c.recordIds.join(' '), c.records, c.rejected, c.source, c.where, c.field, c.fix, c.sourceField, c.exampleRecord, c.exampleValue ?? '', c.constraint ?? '', c.path ?? '', c.rule, c.sourceName ?? c.source].map(text));
  }
  const records = book.addWorksheet(names.records);
  records.addRow([names.record, 'source', names.cause, 'where', 'field', 'fix', 'sourceField', 'sourceName']).font = { bold: true };
  rows.forEach((c, i) => {
    for (const id of c.recordIds) records.addRow([id, c.source, i + 1, c.where, c.field, c.fix, c.sourceField, c.sourceName ?? c.source].map(text));
  });
  const sheets = [causes, records];
  if (tiers) {
    const sheet = book.addWorksheet(names.tiers);
    sheet.addRow([...TIERS_CSV_COLUMNS]).font = { bold: true };
    for (const t of tiers) sheet.addRow(tierCells(t).map(text));
    sheets.push(sheet);
  }
  for (const sheet of sheets) sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Numbers stay numbers; everything else is a plain string (no formula, no rich text). */
function text(v: string | number): string | number {
  return typeof v === 'number' ? v : String(v);
}
