/**
 * The report on one "validate my data" upload in the format asked: JSON-LD (sh:ValidationReport
 * with the profile, mapping and triple count), Turtle, CSV, JSON or the HTML page. Runs in the
 * validation worker thread with the validation itself, so the event loop never builds a large report.
 */
import jsonld from 'jsonld';
import { localDocumentLoader } from '../../core/jsonld-loader.js';
import { parseRdf } from '../../core/rdf.js';
import type { UploadValidation } from '../../pipeline/validate-upload.js';
import { listMappings, listProfiles } from '../../pipeline/validate-upload-profiles.js';
import { reportToJsonLd } from '../../reports/validation-report-jsonld.js';
import type { Lang } from '../i18n/lang.js';
import { validateResultPage } from './validate-page.js';
import { quadsToTurtle, REPORT_PREFIXES } from '../../reports/quads-jsonld.js';
import { rowsToCsv } from '../../reports/report-csv.js';
import { resultCells, summariseRows, type ReportRow } from '../../reports/report-model.js';

export const UPLOAD_REPORT_FORMATS = { jsonld: 'application/ld+json', ttl: 'text/turtle', csv: 'text/csv', html: 'text/html', json: 'application/json' } as const;
export type UploadReportFormat = keyof typeof UPLOAD_REPORT_FORMATS;

export interface RenderedReport {
  contentType: string;
  body: string;
  headers: Record<string, string>;
}

function rowsOf(v: UploadValidation, recordId: string): ReportRow[] {
  return v.report.results.map((r, i) => ({
    sourceId: 'upload',
    runId: '',
    recordId,
    rejected: false,
    stage: 'validation',
    ...resultCells(r),
    rule: v.rules[i],
  }));
}

/** sh:ValidationReport as JSON-LD with the profile, mapping and triple count; results carry their mapping rule. */
function uploadJsonLd(v: UploadValidation): Record<string, unknown> {
  const doc = reportToJsonLd(v.detailed, {
    'hub:profile': v.profile,
    ...(v.mapping ? { 'hub:mapping': v.mapping } : {}),
    'hub:triples': v.triples,
    'dct:created': { '@value': new Date().toISOString(), '@type': 'xsd:dateTime' },
  });
  doc['@context'] = { ...(doc['@context'] as object), hub: REPORT_PREFIXES.hub, dct: REPORT_PREFIXES.dct };
  const results = doc['sh:result'] as Record<string, unknown>[];
  results.forEach((node, i) => {
    if (v.rules[i]) node['hub:mappingRule'] = v.rules[i];
  });
  return doc;
}

export interface RenderOptions {
  format: UploadReportFormat;
  filename?: string;
  lang: Lang;
  /** Largest upload accepted, bytes (shown on the HTML page's form). */
  maxBytes: number;
}

export async function renderUploadReport(v: UploadValidation, options: RenderOptions): Promise<RenderedReport> {
  const { format, filename, lang } = options;
  const headers = { 'X-Conforms': String(v.report.conforms) };
  const recordId = filename ?? 'upload';
  if (format === 'jsonld' || format === 'ttl') {
    const doc = uploadJsonLd(v);
    if (format === 'jsonld') return { contentType: 'application/ld+json; charset=utf-8', body: JSON.stringify(doc, null, 1), headers };
    const nquads = (await jsonld.toRDF(doc as never, { format: 'application/n-quads', documentLoader: localDocumentLoader } as never)) as unknown as string;
    return { contentType: 'text/turtle; charset=utf-8', body: await quadsToTurtle(parseRdf(nquads, { format: 'N-Quads' })), headers };
  }
  const rows = rowsOf(v, recordId);
  if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', body: rowsToCsv(rows, lang), headers: { ...headers, 'Content-Disposition': 'attachment; filename="validation-report.csv"' } };
  const nonConforming = v.report.results.some((r) => r.severity === 'Violation') ? 1 : 0;
  const summary = summariseRows(rows, { seen: 1, published: 0, rejected: 0, errors: 0, nonConforming });
  if (format === 'json') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ conforms: v.report.conforms, profile: v.profile, mapping: v.mapping, triples: v.triples, summary, results: rows }), headers };
  const profile = listProfiles().find((p) => p.id === v.profile)!;
  const page = validateResultPage({ profile, mapping: v.mapping, filename, triples: v.triples, conforms: v.report.conforms, summary, rows }, { profiles: listProfiles(), mappings: listMappings(), maxBytes: options.maxBytes }, lang);
  return { contentType: 'text/html; charset=utf-8', body: page, headers };
}
