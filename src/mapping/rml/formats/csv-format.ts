/**
 * CSV records: the first row names the columns; a reference is a column name. Reading streams
 * through csv-parse, so files of any size map in constant memory.
 */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { Format, FormatOptions, Reference } from './format.js';

export interface CsvRecord {
  header: Map<string, number>;
  row: string[];
}

export class UnknownColumnError extends Error {}

export class CsvFormat implements Format<CsvRecord> {
  private readonly nulls: Set<string>;

  constructor(private readonly options: FormatOptions) {
    this.nulls = new Set(options.nulls);
  }

  reference(expression: string): Reference<CsvRecord> {
    const nulls = this.nulls;
    let header: Map<string, number> | undefined;
    let index = -1;
    return (record) => {
      if (record.header !== header) {
        header = record.header;
        const i = header.get(expression);
        if (i === undefined) throw new UnknownColumnError(`no column "${expression}" in the CSV header (${[...header.keys()].join(', ')})`);
        index = i;
      }
      const v = record.row[index];
      return v === undefined || nulls.has(v) ? [] : [v];
    };
  }

  private parserOptions() {
    return { delimiter: this.options.delimiter ?? ',', relax_column_count: !this.options.strict, bom: true, skip_empty_lines: true };
  }

  *records(text: string): Iterable<CsvRecord> {
    const rows = parseSync(text, this.parserOptions()) as string[][];
    if (rows.length === 0) return;
    const header = new Map(rows[0].map((h, i) => [h, i]));
    for (let i = 1; i < rows.length; i++) yield { header, row: rows[i] };
  }

  async *streamRecords(input: Readable): AsyncIterable<CsvRecord[]> {
    let header: Map<string, number> | undefined;
    const parser = parse(this.parserOptions());
    input.on('error', (e) => parser.destroy(e));
    input.pipe(parser);
    let batch: CsvRecord[] = [];
    for await (const row of parser as AsyncIterable<string[]>) {
      if (!header) header = new Map(row.map((h, i) => [h, i]));
      else batch.push({ header, row });
      if (batch.length >= 512) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
}
