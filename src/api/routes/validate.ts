/**
 * "Validate my data": `GET /validate` is the form, `POST /validate` takes a multipart upload
 * (`file` or `data`, plus `profile`, `mapping`, `format`) or the data as the raw body (options in
 * the query) and answers the report as JSON-LD, Turtle, CSV, HTML or JSON. Uploads above the
 * limit get 413 (problem+json) before anything is parsed.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import jsonld from 'jsonld';
import multer from 'multer';
import { localDocumentLoader } from '../../core/jsonld-loader.js';
import { parseRdf } from '../../core/rdf.js';
import type { AppPorts } from '../../pipeline/ports.js';
import { listMappings, listProfiles } from '../../pipeline/validate-upload-profiles.js';
import { validateUpload, type UploadValidation } from '../../pipeline/validate-upload.js';
import { reportToJsonLd } from '../../reports/validation-report-jsonld.js';
import { HttpError } from '../http-errors.js';
import { pickLang } from '../i18n/lang.js';
import { negotiate } from '../negotiation.js';
import { validatePage, validateResultPage, type ValidateFormOptions } from '../pages/validate-page.js';
import { quadsToTurtle, REPORT_PREFIXES } from '../../reports/quads-jsonld.js';
import { rowsToCsv } from '../../reports/report-csv.js';
import { summariseRows, type ReportRow } from '../../reports/report-model.js';

/** Largest upload accepted. @defaultValue 10 MiB */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const FORMATS = { jsonld: 'application/ld+json', ttl: 'text/turtle', csv: 'text/csv', html: 'text/html', json: 'application/json' } as const;
type Format = keyof typeof FORMATS;

export interface ValidateRouterOptions {
  /** Largest upload accepted, bytes. @defaultValue MAX_UPLOAD_BYTES */
  maxBytes?: number;
}

const tooLarge = (maxBytes: number) => new HttpError(413, `The upload is larger than the limit of ${maxBytes} bytes; validate a smaller file or split it`);

/** Multipart through multer, anything else as a raw body; both capped at maxBytes. */
function readUpload(maxBytes: number): RequestHandler {
  const multipart = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, fieldSize: maxBytes, files: 1, fields: 20 } }).single('file');
  const raw = express.raw({ type: () => true, limit: maxBytes });
  return (req, res, next) => {
    const done = (error?: unknown) => {
      if (!error) return next();
      const code = (error as { code?: string; type?: string }).code ?? (error as { type?: string }).type;
      if (code === 'LIMIT_FILE_SIZE' || code === 'LIMIT_FIELD_VALUE' || code === 'entity.too.large') return next(tooLarge(maxBytes));
      if (error instanceof multer.MulterError) return next(new HttpError(400, `Cannot read the upload: ${error.message}${error.field ? ` (field ${error.field})` : ''}`));
      next(error);
    };
    if (req.is('multipart/form-data')) multipart(req, res, done);
    else raw(req, res, done);
  };
}

function field(req: Request, name: string): string | undefined {
  const fromBody = req.is('multipart/form-data') ? (req.body as Record<string, unknown> | undefined)?.[name] : undefined;
  const value = fromBody ?? req.query[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function chooseFormat(req: Request): Format {
  const asked = field(req, 'format');
  if (asked) {
    if (!(asked in FORMATS)) throw new HttpError(400, `Unknown report format "${asked}" (use ${Object.keys(FORMATS).join(', ')})`);
    return asked as Format;
  }
  const type = negotiate(req.headers.accept, Object.values(FORMATS));
  if (!type) throw new HttpError(406, `Ask for one of ${Object.values(FORMATS).join(', ')}`);
  return (Object.entries(FORMATS).find(([, t]) => t === type)![0]) as Format;
}

function rowsOf(v: UploadValidation, recordId: string): ReportRow[] {
  return v.report.results.map((r, i) => ({
    sourceId: 'upload',
    runId: '',
    recordId,
    rejected: false,
    stage: 'validation',
    severity: r.severity,
    focusNode: r.focusNode,
    path: r.path,
    value: r.value,
    constraint: r.constraint,
    shape: r.shape,
    messages: r.messages,
    localizedMessages: r.localizedMessages,
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

export function createValidateRouter({ config }: Pick<AppPorts, 'config'>, options: ValidateRouterOptions = {}): Router {
  const router = express.Router();
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  const formOptions = (): ValidateFormOptions => ({ profiles: listProfiles(), mappings: listMappings(), maxBytes });

  router.get('/validate', (req, res, next) => {
    try {
      const type = negotiate(req.headers.accept, ['text/html', 'application/json']);
      if (!type) throw new HttpError(406, 'Ask for text/html or application/json');
      res.vary('Accept');
      if (type === 'application/json') return void res.json({ profiles: listProfiles(), mappings: listMappings(), maxBytes, formats: Object.keys(FORMATS) });
      res.type('text/html; charset=utf-8').send(validatePage(formOptions(), pickLang(req.query.lang, req.headers['accept-language'])));
    } catch (error) {
      next(error);
    }
  });

  router.post('/validate', readUpload(maxBytes), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const format = chooseFormat(req);
      const profileId = field(req, 'profile');
      if (!profileId) throw new HttpError(400, `Choose a profile (profile=${listProfiles().map((p) => p.id).join('|')})`);
      const mapping = field(req, 'mapping');
      let text: string | undefined;
      let filename: string | undefined;
      let mediaType: string | undefined;
      if (req.file && req.file.size > 0) {
        text = req.file.buffer.toString('utf8');
        filename = req.file.originalname;
        mediaType = req.file.mimetype;
      } else if (req.is('multipart/form-data')) {
        text = field(req, 'data');
      } else if (Buffer.isBuffer(req.body) && req.body.length > 0) {
        text = req.body.toString('utf8');
        mediaType = req.headers['content-type'];
        filename = field(req, 'filename');
      }
      if (!text) throw new HttpError(400, 'Send the data to validate: a multipart `file` (or `data` field), or the data as the request body');
      const v = await validateUpload({ text, filename, mediaType, profile: profileId, mapping, baseIri: `${config.hub.baseIri.replace(/\/?$/, '/')}upload/` });
      res.vary('Accept').set('X-Conforms', String(v.report.conforms));
      const recordId = filename ?? 'upload';
      if (format === 'jsonld' || format === 'ttl') {
        const doc = uploadJsonLd(v);
        if (format === 'jsonld') return void res.type('application/ld+json; charset=utf-8').send(JSON.stringify(doc, null, 1));
        const nquads = (await jsonld.toRDF(doc as never, { format: 'application/n-quads', documentLoader: localDocumentLoader } as never)) as unknown as string;
        return void res.type('text/turtle; charset=utf-8').send(await quadsToTurtle(parseRdf(nquads, { format: 'N-Quads' })));
      }
      const rows = rowsOf(v, recordId);
      const lang = pickLang(field(req, 'lang'), req.headers['accept-language']);
      if (format === 'csv') return void res.type('text/csv; charset=utf-8').set('Content-Disposition', 'attachment; filename="validation-report.csv"').send(rowsToCsv(rows, lang));
      const nonConforming = v.report.results.some((r) => r.severity === 'Violation') ? 1 : 0;
      const summary = summariseRows(rows, { seen: 1, published: 0, rejected: 0, errors: 0, nonConforming });
      if (format === 'json') return void res.json({ conforms: v.report.conforms, profile: v.profile, mapping: v.mapping, triples: v.triples, summary, results: rows });
      const profile = listProfiles().find((p) => p.id === v.profile)!;
      res.type('text/html; charset=utf-8').send(validateResultPage({ profile, mapping: v.mapping, filename, triples: v.triples, conforms: v.report.conforms, summary, rows }, formOptions(), lang));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
