/**
 * "Validate my data" without being a configured source: RDF (Turtle, TriG, N-Triples, N-Quads,
 * JSON-LD with local contexts only, RDF/XML), or a source file run through one of the hub's
 * mappings, validated against a named profile. With a mapping, each result names the mapping
 * rule that produced the offending triple, as in harvest reports.
 */
import { extname } from 'node:path';
import type { RawRecord } from '../core/records.js';
import { BadRequestError, errorMessage } from '../core/errors.js';
import type { Quad } from '../core/rdf.js';
import { mappingRules } from './mapping-rule.js';
import { formatFor, parseData, sniffFormat } from '../validation/read-data.js';
import { toValidationReport } from '../validation/shacl-validator.js';
import type { ShaclReport } from '../validation/shacl/engine.js';
import type { ValidationReport } from '../validation/validator.js';
import { namedMapper, profileValidator } from './validate-upload-profiles.js';

export interface UploadInput {
  /** The uploaded bytes as text (UTF-8). */
  text: string;
  /** The uploaded file's name, if any (chooses the format by extension). */
  filename?: string;
  /** The upload's media type, if it says something more than application/octet-stream. */
  mediaType?: string;
  profile: string;
  /** A mapping name (`uitdatabank-event`): the upload is a source record, not RDF. */
  mapping?: string;
  /** Base IRI for relative IRIs in the upload. */
  baseIri: string;
}

export interface UploadValidation {
  profile: string;
  mapping?: string;
  triples: number;
  detailed: ShaclReport;
  report: ValidationReport;
  /** The mapping rule behind each result (same index as report.results), when a mapping was used. */
  rules: (string | undefined)[];
}

const GENERIC = /^(application\/octet-stream|multipart\/|application\/x-www-form-urlencoded)/i;

/** The media type a mapping expects for the upload: as sent, else by extension, else by the first character. */
function sourceMediaType(input: UploadInput): string {
  if (input.mediaType && !GENERIC.test(input.mediaType) && !/^text\/plain/i.test(input.mediaType)) return input.mediaType.split(';')[0]!.trim();
  const byExt: Record<string, string> = { '.json': 'application/json', '.jsonld': 'application/ld+json', '.xml': 'application/xml', '.csv': 'text/csv' };
  const ext = input.filename ? byExt[extname(input.filename).toLowerCase()] : undefined;
  if (ext) return ext;
  const start = input.text.trimStart()[0];
  return start === '{' || start === '[' ? 'application/json' : start === '<' ? 'application/xml' : 'text/csv';
}

export async function validateUpload(input: UploadInput): Promise<UploadValidation> {
  const validator = profileValidator(input.profile);
  let quads: Quad[];
  let origins: string[] | undefined;
  if (input.mapping) {
    const mapper = await namedMapper(input.mapping);
    const record: RawRecord = { sourceId: 'upload', recordId: input.filename || 'upload', mediaType: sourceMediaType(input), body: input.text };
    try {
      const mapped = await mapper.map(record, { baseIri: input.baseIri, sourceId: 'upload' });
      quads = mapped.quads;
      origins = mapped.origins;
    } catch (error) {
      throw new BadRequestError(`Mapping ${input.mapping} cannot map the upload: ${errorMessage(error)}`, { cause: error });
    }
  } else {
    const format = (input.mediaType && !GENERIC.test(input.mediaType) ? formatFor(input.mediaType) : undefined) ?? (input.filename ? formatFor(input.filename) : undefined) ?? sniffFormat(input.text);
    try {
      quads = await parseData(input.text, { format, baseIRI: input.baseIri });
    } catch (error) {
      throw new BadRequestError(`The upload is not valid ${format}: ${errorMessage(error)}`, { cause: error });
    }
  }
  const detailed = validator.validateDetailed(quads);
  const report = toValidationReport(detailed);
  return {
    profile: input.profile,
    mapping: input.mapping,
    triples: quads.length,
    detailed,
    report,
    rules: report.results.map(mappingRules(quads, origins)),
  };
}
