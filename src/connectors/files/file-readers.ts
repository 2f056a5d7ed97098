/**
 * Turns one file into records according to its rule: a CSV or XLSX row (re-emitted as a
 * two-line CSV, header + row, so an RML CSV source maps it), a JSON element, or an XML
 * element (a standalone document, namespaces re-declared). A file that cannot be parsed at
 * all throws FileFormatError; a single bad row is reported as a problem and skipped.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { JSONPath } from 'jsonpath-plus';
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import xpath from 'xpath';
import type { FileRule } from './config.js';

export type FileFormat = 'csv' | 'xlsx' | 'json' | 'xml';

export interface FileRow {
  id: string;
  body: string;
  mediaType: string;
  /** Where in the file: "row 4", "element 2". */
  locator: string;
  /** The record's own organisation, read at the rule's `organisationField` (empty: none). */
  organisation?: string;
}

export interface FileRowProblem {
  locator: string;
  message: string;
}

/** The whole file is unreadable (not CSV/XLSX/JSON/XML, or the id column is missing). */
export class FileFormatError extends Error {}

export function formatOf(name: string, rule: FileRule): FileFormat | undefined {
  if (rule.format) return rule.format;
  const ext = extname(name).slice(1).toLowerCase();
  return ext === 'csv' || ext === 'xlsx' || ext === 'json' || ext === 'xml' ? ext : undefined;
}

const csvCell = (value: string) => (/[",\n\r;\t]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const csvLine = (cells: string[]) => cells.map(csvCell).join(',');

/** Rows of a table (header first) as records; shared by CSV and XLSX. */
function tableRows(table: string[][], rule: FileRule, rows: FileRow[], problems: FileRowProblem[]) {
  const [header, ...body] = table;
  if (!header) return;
  const idIndex = header.indexOf(rule.id);
  if (idIndex < 0) throw new FileFormatError(`no column "${rule.id}" in the header (${header.join(', ')})`);
  const orgIndex = rule.organisationField === undefined ? -1 : header.indexOf(rule.organisationField);
  if (rule.organisationField !== undefined && orgIndex < 0) {
    throw new FileFormatError(`no column "${rule.organisationField}" (organisationField) in the header (${header.join(', ')})`);
  }
  const headerLine = csvLine(header);
  body.forEach((cells, i) => {
    const locator = `row ${i + 2}`;
    if (cells.every((c) => c.trim() === '')) return;
    if (cells.length !== header.length) return problems.push({ locator, message: `${cells.length} cells where the header has ${header.length}` });
    const id = cells[idIndex].trim();
    if (!id) return problems.push({ locator, message: `empty id column "${rule.id}"` });
    rows.push({ id, locator, mediaType: 'text/csv', body: `${headerLine}\n${csvLine(cells)}\n`, organisation: orgIndex < 0 ? undefined : cells[orgIndex].trim() || undefined });
  });
}

function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0];
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

function readCsv(text: string, rule: FileRule, rows: FileRow[], problems: FileRowProblem[]) {
  let table: string[][];
  try {
    table = parseCsv(text, { bom: true, delimiter: rule.delimiter ?? detectDelimiter(text), relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    throw new FileFormatError(`not readable as CSV: ${(error as Error).message}`);
  }
  tableRows(table, rule, rows, problems);
}

async function readXlsx(path: string, rule: FileRule, rows: FileRow[], problems: FileRowProblem[]) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new FileFormatError(`not readable as XLSX: ${(error as Error).message}`);
  }
  const sheet = rule.sheet ? workbook.getWorksheet(rule.sheet) : workbook.worksheets[0];
  if (!sheet) throw new FileFormatError(rule.sheet ? `no worksheet "${rule.sheet}"` : 'no worksheet');
  const width = sheet.getRow(1).cellCount;
  const table: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    table.push(Array.from({ length: Math.max(width, row.cellCount) }, (_, c) => row.getCell(c + 1).text ?? '').slice(0, Math.max(width, lastFilled(row))));
  }
  tableRows(table, rule, rows, problems);
}

function lastFilled(row: ExcelJS.Row): number {
  let last = 0;
  row.eachCell({ includeEmpty: false }, (_cell, col) => {
    last = Math.max(last, col);
  });
  return last;
}

function readJson(text: string, rule: FileRule, rows: FileRow[], problems: FileRowProblem[]) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FileFormatError(`not readable as JSON: ${(error as Error).message}`);
  }
  const elements: unknown[] = rule.records
    ? (JSONPath({ path: rule.records, json: json as object, wrap: true }) as unknown[])
    : Array.isArray(json) ? json : [];
  if (!rule.records && !Array.isArray(json)) throw new FileFormatError('top level is not an array; set `records` to the JSONPath of the elements');
  elements.forEach((element, i) => {
    const locator = `element ${i}`;
    const id = jsonValue(element, rule.id);
    if (!id) return problems.push({ locator, message: `no id at "${rule.id}"` });
    const organisation = rule.organisationField === undefined ? undefined : jsonValue(element, rule.organisationField);
    rows.push({ id, locator, mediaType: 'application/json', body: JSON.stringify(element), organisation });
  });
}

/** A string or number at a property path (a.b) or JSONPath, trimmed; undefined when absent or empty. */
function jsonValue(element: unknown, path: string): string | undefined {
  const raw = path.startsWith('$')
    ? JSONPath({ path, json: element as object, wrap: false })
    : path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), element);
  const value = Array.isArray(raw) ? raw[0] : raw;
  return (typeof value === 'string' || typeof value === 'number') && String(value).trim() !== '' ? String(value).trim() : undefined;
}

function readXml(text: string, rule: FileRule, rows: FileRow[], problems: FileRowProblem[]) {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new FileFormatError('XML declares a DOCTYPE/ENTITY, refused');
  const errors: string[] = [];
  let doc: Document;
  try {
    doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(text, 'text/xml');
  } catch (error) {
    throw new FileFormatError(`not well-formed XML: ${errors[0] ?? (error as Error).message}`);
  }
  if (errors.length) throw new FileFormatError(`not well-formed XML: ${errors[0]}`);
  const name = rule.records ?? 'record';
  const [prefix, local] = name.includes(':') ? name.split(':', 2) : [undefined, name];
  if (prefix && !rule.namespaces[prefix]) throw new FileFormatError(`prefix "${prefix}" of "${name}" is not in namespaces`);
  const elements = prefix ? doc.getElementsByTagNameNS(rule.namespaces[prefix], local) : doc.getElementsByTagName(local);
  const select = xpath.useNamespaces(rule.namespaces);
  const serializer = new XMLSerializer();
  for (let i = 0; i < elements.length; i++) {
    const element = elements.item(i) as Element;
    const locator = `element ${i}`;
    const at = (path: string) => {
      const found = select(path, element as unknown as Node, true);
      const text = typeof found === 'string' || typeof found === 'number' ? String(found) : (found as { textContent?: string | null } | undefined)?.textContent ?? '';
      return text.trim();
    };
    const id = at(rule.id);
    if (!id) {
      problems.push({ locator, message: `no id at "${rule.id}"` });
      continue;
    }
    const organisation = rule.organisationField === undefined ? undefined : at(rule.organisationField).replace(/\s+/g, ' ') || undefined;
    rows.push({ id, locator, mediaType: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?>\n${serializer.serializeToString(element)}`, organisation });
  }
}

export async function readFileRows(path: string, name: string, rule: FileRule, content?: Buffer): Promise<{ rows: FileRow[]; problems: FileRowProblem[] }> {
  const format = formatOf(name, rule);
  if (!format) throw new FileFormatError(`cannot tell the format of ${name}; set \`format\` in its rule`);
  const rows: FileRow[] = [];
  const problems: FileRowProblem[] = [];
  if (format === 'xlsx') {
    await readXlsx(path, rule, rows, problems);
  } else {
    const text = (content ?? (await readFile(path))).toString('utf8');
    if (format === 'csv') readCsv(text, rule, rows, problems);
    else if (format === 'json') readJson(text, rule, rows, problems);
    else readXml(text, rule, rows, problems);
  }
  return { rows, problems };
}
