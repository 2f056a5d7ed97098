/**
 * `hub validate --shapes FILE --data FILE [--format ...]` as a function: validates one data file
 * against a shapes file (or a file holding both, as in the W3C test suite) and renders the report.
 * Exit code: 0 no violation (warnings/info allowed), 1 at least one violation, 2 error.
 */
import { parseRdf } from '../core/rdf.js';
import { errorMessage } from '../core/errors.js';
import { readDataFile, type RdfFormat } from '../validation/read-data.js';
import { reportToCsv } from './report-csv.js';
import { reportToHtml } from './validation-report-html.js';
import { reportToJsonLd } from './validation-report-jsonld.js';
import { reportToTurtle } from '../validation/report-rdf.js';
import { reportToText } from './validation-report-text.js';
import { ShaclValidator, toValidationReport } from '../validation/shacl-validator.js';
import { hasViolation } from '../validation/validator.js';

export type ReportFormat = 'text' | 'ttl' | 'json' | 'html' | 'csv';

export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'ttl', 'json', 'html', 'csv'];

export interface ValidateFilesOptions {
  /** Shapes file (Turtle or any RDF format read by extension); omitted = the data file holds the shapes too. */
  shapes?: string;
  /** Data file: Turtle, TriG, N-Triples, N-Quads, JSON-LD (local contexts only), RDF/XML. */
  data: string;
  /** Report format. @defaultValue 'text' */
  format?: ReportFormat;
  /** Force the data file's format instead of choosing it by extension. */
  dataFormat?: RdfFormat;
}

export interface ValidateFilesResult {
  exitCode: 0 | 1 | 2;
  output: string;
}

export async function validateFiles(options: ValidateFilesOptions): Promise<ValidateFilesResult> {
  const format = options.format ?? 'text';
  if (!REPORT_FORMATS.includes(format)) {
    return { exitCode: 2, output: `Unknown report format "${format}" (use ${REPORT_FORMATS.join(', ')})\n` };
  }
  try {
    const data = await readDataFile(options.data, { format: options.dataFormat });
    const shapes = options.shapes && options.shapes !== options.data ? await readDataFile(options.shapes) : data;
    const validator = new ShaclValidator(shapes, { id: options.shapes ?? options.data, version: 'cli' });
    const rich = validator.validateDetailed(data);
    const report = toValidationReport(rich);
    let output: string;
    if (format === 'ttl') output = await reportToTurtle(rich);
    else if (format === 'json') output = `${JSON.stringify(reportToJsonLd(rich), null, 2)}\n`;
    else if (format === 'html') output = reportToHtml(report);
    else if (format === 'csv') output = reportToCsv(report);
    else output = reportToText(report);
    return { exitCode: hasViolation(report) ? 1 : 0, output };
  } catch (error) {
    return { exitCode: 2, output: `Validation failed: ${errorMessage(error)}\n` };
  }
}

/** Parses shapes given as Turtle text (for callers such as POST /validate with an uploaded profile). */
export function shapesFromTurtle(text: string, baseIRI = 'urn:hub:uploaded-shapes'): ShaclValidator {
  return new ShaclValidator(parseRdf(text, { baseIRI }), { id: baseIRI, version: 'upload' });
}
