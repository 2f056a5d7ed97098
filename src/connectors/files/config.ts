/**
 * Settings of the files connector (`type: files`): a folder of CSV, XLSX, JSON or XML files a
 * small organisation maintains (or uploads through the API). Rules say, per file-name pattern,
 * what one record is and where its id is.
 */
import { z } from 'zod';
import { encodingName } from '../../core/text-decoding.js';
import { RecordLimitsShape } from '../record-limits.js';

export const FileRuleSchema = z
  .object({
    match: z.string().min(1).describe('File-name pattern, * and ? wildcards, e.g. "activiteiten*.csv"'),
    format: z.enum(['csv', 'xlsx', 'json', 'xml']).optional().describe('File format; from the extension when absent'),
    id: z
      .string()
      .min(1)
      .describe('Where a record\'s id is: CSV/XLSX column name; JSON property (a.b) or JSONPath from the element; XML XPath from the element (e.g. "@id", "lido:lidoRecID")'),
    records: z
      .string()
      .optional()
      .describe('JSON: JSONPath of the record elements (default: the top-level array); XML: qualified element name of one record (default "record")'),
    sheet: z.string().optional().describe('XLSX: worksheet name (default: the first)'),
    delimiter: z.string().min(1).max(1).optional().describe('CSV: field delimiter (default: detected from the header among , ; tab)'),
    encoding: z
      .string()
      .refine((label) => encodingName(label) !== undefined, { message: 'not an encoding Node can decode (e.g. utf-8, windows-1252, latin1, iso-8859-15, utf-16le)' })
      .optional()
      .describe(
        'CSV/JSON/XML: encoding of files that are not valid UTF-8 and say nothing else (no BOM, no XML encoding declaration), e.g. windows-1252 or latin1 for "ANSI" exports. Default: none, such a file is reported as not valid UTF-8 at its first bad byte',
      ),
    namespaces: z.record(z.string()).default({}).describe('XML: prefixes used in `records` and `id`, e.g. {"lido": "http://www.lido-schema.org"}'),
    entity: z.string().optional().describe('Value of meta.entity for these records, for the mapping'),
    organisation: z
      .string()
      .min(1)
      .optional()
      .describe('Organisation these records belong to in reports and OAI sets (default: the source\'s organisation)'),
    organisationField: z
      .string()
      .min(1)
      .optional()
      .describe('Where a record names its organisation, in the syntax of `id` (CSV/XLSX column, JSON property or JSONPath, XML XPath); an empty value falls back to `organisation`'),
  })
  .strict();

export const FilesConfigSchema = z
  .object({
    type: z.literal('files').default('files').describe('Connector type (the whole connector: block is checked by this schema)'),
    folder: z.string().min(1).describe('Folder holding the files (absolute, or relative to the working directory)'),
    ...RecordLimitsShape,
    rules: z
      .array(FileRuleSchema)
      .min(1)
      .default([
        { match: '*.csv', id: 'id', namespaces: {} },
        { match: '*.xlsx', id: 'id', namespaces: {} },
        { match: '*.json', id: 'id', namespaces: {} },
        { match: '*.xml', id: '@id', records: 'record', namespaces: {} },
      ])
      .describe('First matching rule applies; files matching none are skipped'),
  })
  .strict();

export type FileRule = z.output<typeof FileRuleSchema>;
export type FilesConfig = z.output<typeof FilesConfigSchema>;
