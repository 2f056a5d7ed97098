/**
 * Turns one file into records according to its rule: a CSV or XLSX row (re-emitted as a
 * two-line CSV, header + row, so an RML CSV source maps it), a JSON element, or an XML
 * element (a standalone document, namespaces re-declared). A file that cannot be parsed at
 * all throws FileFormatError; a single bad row or element (broken quoting, nested deeper than
 * maxRecordDepth, larger than maxRecordBytes, no id) is reported as a problem and skipped.
 * Bytes become text by BOM, XML declaration, UTF-8, then the rule's `encoding` (text-decoding.ts).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { JSONPath } from 'jsonpath-plus';
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import xpath from 'xpath';
import { errorMessage } from '../../core/errors.js';
import { parseJsonText } from '../../core/json-text.js';
import { decodeText, TextDecodingError } from '../../core/text-decoding.js';
import { DEFAULT_RECORD_LIMITS, jsonRecordBody, limitProblem, type RecordLimits } from '../record-limits.js';
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
  /** The record's id, when it could be read before the problem showed. */
  id?: string;
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

/** One row of a table and the line (CSV) or row number (XLSX) it starts on; the header is 1. */
interface TableRow {
  line: number;
  cells: string[];
}

/** Rows of a table (header first) as records; shared by CSV and XLSX. */
function tableRows(table: TableRow[], rule: FileRule, limits: RecordLimits, rows: FileRow[], problems: FileRowProblem[]) {
  const [first, ...body] = table;
  if (!first) return;
  const header = first.cells;
  const idIndex = header.indexOf(rule.id);
  if (idIndex < 0) throw new FileFormatError(`no column "${rule.id}" in the header (${header.join(', ')})`);
  const orgIndex = rule.organisationField === undefined ? -1 : header.indexOf(rule.organisationField);
  if (rule.organisationField !== undefined && orgIndex < 0) {
    throw new FileFormatError(`no column "${rule.organisationField}" (organisationField) in the header (${header.join(', ')})`);
  }
  const headerLine = csvLine(header);
  for (const { line, cells } of body) {
    const locator = `row ${line}`;
    if (cells.every((c) => c.trim() === '')) continue;
    if (cells.length !== header.length) {
      problems.push({ locator, message: `${cells.length} cells where the header has ${header.length}` });
      continue;
    }
    const id = cells[idIndex].trim();
    if (!id) {
      problems.push({ locator, message: `empty id column "${rule.id}"` });
      continue;
    }
    const bodyText = `${headerLine}\n${csvLine(cells)}\n`;
    const tooLarge = limitProblem({ body: bodyText }, limits);
    if (tooLarge) {
      problems.push({ locator, id, message: `id ${id}: ${tooLarge}` });
      continue;
    }
    rows.push({ id, locator, mediaType: 'text/csv', body: bodyText, organisation: orgIndex < 0 ? undefined : cells[orgIndex].trim() || undefined });
  }
}

function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0];
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

/** Broken rows a file may have before the rest of it is given up on (each costs a parse up to the next one). */
const MAX_BROKEN_ROWS = 100;

/** Line of the first character of `raw` (a record's text, blank lines before it included) that ends on `endLine`. */
function startLine(raw: string, endLine: number): number {
  const record = raw.replace(/^(?:\r?\n)+/, '').replace(/\r?\n$/, '');
  return endLine - (record.match(/\n/g)?.length ?? 0);
}

/** Where each line of a text starts, for the (rare) files with broken rows: built once, looked up by line. */
class LineIndex {
  private starts?: number[];

  constructor(private readonly text: string) {}

  /** Offset of the start of 1-based line `line` (text.length past the end). */
  offset(line: number): number {
    if (!this.starts) {
      this.starts = [0];
      for (let at = this.text.indexOf('\n'); at >= 0; at = this.text.indexOf('\n', at + 1)) this.starts.push(at + 1);
    }
    return line - 1 < this.starts.length ? this.starts[line - 1] : this.text.length;
  }

  /** Whether line `line` is blank (or past the end). */
  blank(line: number): boolean {
    const start = this.offset(line);
    const end = this.offset(line + 1);
    return /^\s*$/.test(this.text.slice(start, end));
  }
}

/**
 * Rows with the line each starts on. A row whose quoting is broken (a quote never closed, text
 * after a closing quote) is reported by its line and skipped, and the file is read on from the
 * line after it: an unclosed quote would otherwise swallow every row below it.
 */
function readCsv(text: string, rule: FileRule, limits: RecordLimits, rows: FileRow[], problems: FileRowProblem[]) {
  const delimiter = rule.delimiter ?? detectDelimiter(text);
  const table: TableRow[] = [];
  const lines = new LineIndex(text);
  let from = 1;
  for (let broken = 0; ; broken++) {
    const offset = from === 1 ? 0 : lines.offset(from);
    let lastEnd = from - 1;
    try {
      // With `raw`, csv-parse hands on_record {record, raw} (its typings say string[]).
      const onRecord = (value: unknown, context: { lines: number }) => {
        const { record, raw } = value as { record: string[]; raw: string };
        const end = context.lines + from - 1;
        table.push({ line: startLine(raw, end), cells: record });
        lastEnd = end;
        return null;
      };
      parseCsv(text.slice(offset), { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, raw: true, on_record: onRecord as never });
      break;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!code.startsWith('CSV_') && !code.startsWith('INVALID_')) throw new FileFormatError(`not readable as CSV: ${errorMessage(error)}`);
      if (table.length === 0) throw new FileFormatError(`not readable as CSV: the header is broken (${errorMessage(error)})`);
      // The broken row starts on the first non-blank line after the last good one.
      let line = lastEnd + 1;
      while (lines.offset(line) < text.length && lines.blank(line)) line++;
      problems.push({ locator: `row ${line}`, message: `broken quoting (${errorMessage(error).replace(/ at line \d+/g, '')}); row skipped` });
      if (broken + 1 >= MAX_BROKEN_ROWS) {
        problems.push({ locator: `row ${line + 1}`, message: `more than ${MAX_BROKEN_ROWS} rows with broken quoting; the rest of the file is not read` });
        break;
      }
      // Go on after the row's first line: a stray opening quote makes csv-parse report the error
      // far below it (at the next quote, or at the end), and the rows in between are good ones.
      from = line + 1;
      if (lines.offset(from) >= text.length) break;
    }
  }
  tableRows(table, rule, limits, rows, problems);
}

async function readXlsx(path: string, rule: FileRule, limits: RecordLimits, rows: FileRow[], problems: FileRowProblem[]) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new FileFormatError(`not readable as XLSX: ${(error as Error).message}`);
  }
  const sheet = rule.sheet ? workbook.getWorksheet(rule.sheet) : workbook.worksheets[0];
  if (!sheet) throw new FileFormatError(rule.sheet ? `no worksheet "${rule.sheet}"` : 'no worksheet');
  const width = sheet.getRow(1).cellCount;
  const table: TableRow[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    table.push({ line: r, cells: Array.from({ length: Math.max(width, row.cellCount) }, (_, c) => row.getCell(c + 1).text ?? '').slice(0, Math.max(width, lastFilled(row))) });
  }
  tableRows(table, rule, limits, rows, problems);
}

function lastFilled(row: ExcelJS.Row): number {
  let last = 0;
  row.eachCell({ includeEmpty: false }, (_cell, col) => {
    last = Math.max(last, col);
  });
  return last;
}

function readJson(text: string, rule: FileRule, limits: RecordLimits, rows: FileRow[], problems: FileRowProblem[]) {
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch (error) {
    throw new FileFormatError(`not readable as JSON: ${errorMessage(error)}`);
  }
  if (!rule.records && !Array.isArray(json)) throw new FileFormatError('top level is not an array; set `records` to the JSONPath of the elements');
  let elements: unknown[];
  try {
    elements = rule.records ? (JSONPath({ path: rule.records, json: json as object, wrap: true }) as unknown[]) : (json as unknown[]);
  } catch (error) {
    throw new FileFormatError(`records JSONPath "${rule.records}" could not be evaluated: ${errorMessage(error)}`);
  }
  elements.forEach((element, i) => {
    const locator = `element ${i}`;
    // One element can break the readers below (a stack overflow in JSONPath): it is reported, the others are read.
    try {
      const id = jsonValue(element, rule.id);
      if (!id) return problems.push({ locator, message: `no id at "${rule.id}"` });
      const record = jsonRecordBody(element, limits);
      if (record.problem !== undefined) return problems.push({ locator, id, message: `id ${id}: ${record.problem}` });
      const organisation = rule.organisationField === undefined ? undefined : jsonValue(element, rule.organisationField);
      rows.push({ id, locator, mediaType: 'application/json', body: record.body, organisation });
    } catch (error) {
      problems.push({ locator, message: `cannot be read: ${errorMessage(error)}` });
    }
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

/** Levels of elements from `element` down (the element itself is 1), counted without recursion up to `stopAbove` + 1. */
function elementDepth(element: Element, stopAbove: number): number {
  let deepest = 0;
  const stack: [Node, number][] = [[element as unknown as Node, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > stopAbove) return deepest;
    for (let child = node.firstChild; child; child = child.nextSibling) if (child.nodeType === 1) stack.push([child, depth + 1]);
  }
  return deepest;
}

function readXml(text: string, rule: FileRule, limits: RecordLimits, rows: FileRow[], problems: FileRowProblem[]) {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new FileFormatError('XML declares a DOCTYPE/ENTITY, refused');
  const errors: string[] = [];
  let doc: Document;
  try {
    doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(message); } }).parseFromString(text, 'text/xml');
  } catch (error) {
    throw new FileFormatError(`not well-formed XML: ${errors[0] ?? errorMessage(error)}`);
  }
  if (errors.length) throw new FileFormatError(`not well-formed XML: ${errors[0]}`);
  const name = rule.records ?? 'record';
  const [prefix, local] = name.includes(':') ? name.split(':', 2) : [undefined, name];
  if (prefix && !rule.namespaces[prefix]) throw new FileFormatError(`prefix "${prefix}" of "${name}" is not in namespaces`);
  let elements: ArrayLike<Element>;
  try {
    const list = prefix ? doc.getElementsByTagNameNS(rule.namespaces[prefix], local) : doc.getElementsByTagName(local);
    elements = Array.from({ length: list.length }, (_, i) => list.item(i) as Element);
  } catch (error) {
    throw new FileFormatError(`the "${name}" elements could not be found: ${errorMessage(error)}`);
  }
  const select = xpath.useNamespaces(rule.namespaces);
  const serializer = new XMLSerializer();
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    const locator = `element ${i}`;
    const at = (path: string) => {
      const found = select(path, element as unknown as Node, true);
      const text = typeof found === 'string' || typeof found === 'number' ? String(found) : (found as { textContent?: string | null } | undefined)?.textContent ?? '';
      return text.trim();
    };
    try {
      const id = at(rule.id);
      if (!id) {
        problems.push({ locator, message: `no id at "${rule.id}"` });
        continue;
      }
      const tooDeep = limitProblem({ depth: elementDepth(element, limits.maxRecordDepth) }, limits);
      if (tooDeep) {
        problems.push({ locator, id, message: `id ${id}: ${tooDeep}` });
        continue;
      }
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n${serializer.serializeToString(element)}`;
      const tooLarge = limitProblem({ body }, limits);
      if (tooLarge) {
        problems.push({ locator, id, message: `id ${id}: ${tooLarge}` });
        continue;
      }
      const organisation = rule.organisationField === undefined ? undefined : at(rule.organisationField).replace(/\s+/g, ' ') || undefined;
      rows.push({ id, locator, mediaType: 'application/xml', body, organisation });
    } catch (error) {
      problems.push({ locator, message: `cannot be read: ${errorMessage(error)}` });
    }
  }
}

/** A file's text: by BOM, XML declaration, else UTF-8, else the rule's `encoding`; a clear error otherwise. */
export function fileText(bytes: Buffer, name: string, rule: FileRule, format: FileFormat): string {
  try {
    return decodeText(bytes, {
      where: name,
      xml: format === 'xml',
      fallback: rule.encoding,
      hint: 'set `encoding` in its files rule (e.g. windows-1252 for a Latin-1 or "ANSI" export)',
    }).text;
  } catch (error) {
    if (error instanceof TextDecodingError) throw new FileFormatError(error.message.replace(`${name}: `, ''));
    throw error;
  }
}

export async function readFileRows(
  path: string,
  name: string,
  rule: FileRule,
  content?: Buffer,
  limits: RecordLimits = DEFAULT_RECORD_LIMITS,
): Promise<{ rows: FileRow[]; problems: FileRowProblem[] }> {
  const format = formatOf(name, rule);
  if (!format) throw new FileFormatError(`cannot tell the format of ${name}; set \`format\` in its rule`);
  const rows: FileRow[] = [];
  const problems: FileRowProblem[] = [];
  if (format === 'xlsx') {
    await readXlsx(path, rule, limits, rows, problems);
  } else {
    const text = fileText(content ?? (await readFile(path)), name, rule, format);
    if (format === 'csv') readCsv(text, rule, limits, rows, problems);
    else if (format === 'json') readJson(text, rule, limits, rows, problems);
    else readXml(text, rule, limits, rows, problems);
  }
  return { rows, problems };
}
