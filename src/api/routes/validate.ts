/**
 * "Validate my data": `GET /validate` is the form, `POST /validate` takes a multipart upload
 * (`file` or `data`, plus `profile`, `mapping`, `format`) or the data as the raw body (options in
 * the query) and answers the report as JSON-LD, Turtle, CSV, HTML or JSON. Uploads above the
 * limit get 413 (problem+json) before anything is parsed. Parsing, validation and the report
 * run in a worker thread (admission/validate-worker.ts), never on the event loop.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import multer from 'multer';
import type { AppPorts } from '../../pipeline/ports.js';
import { listMappings, listProfiles } from '../../pipeline/validate-upload-profiles.js';
import { HttpError } from '../http-errors.js';
import { pickLang } from '../i18n/lang.js';
import { negotiate } from '../negotiation.js';
import { validatePage, type ValidateFormOptions } from '../pages/validate-page.js';
import { UPLOAD_REPORT_FORMATS as FORMATS, type UploadReportFormat as Format } from '../pages/validate-report.js';
import { validateOffLoop } from '../admission/validate-off-loop.js';
import type { ValidateTask } from '../admission/validate-task.js';

/** Largest upload accepted. @defaultValue 10 MiB */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;


export interface ValidateRouterOptions {
  /** Largest upload accepted, bytes. @defaultValue MAX_UPLOAD_BYTES */
  maxBytes?: number;
  /** The per-client admission in front of POST (admission/client-gate.ts). @defaultValue none */
  gate?: RequestHandler;
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

export function createValidateRouter({ config }: Pick<AppPorts, 'config'>, options: ValidateRouterOptions = {}): Router {
  const router = express.Router();
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  const gate: RequestHandler = options.gate ?? ((_req, _res, next) => next());
  const formOptions = (): ValidateFormOptions => ({ profiles: listProfiles(), mappings: listMappings(), maxBytes });

  router.get('/validate', (req, res, next) => {
    try {
      const type = negotiate(req.headers.accept, ['text/html', 'application/json']);
      if (!type) throw new HttpError(406, 'Ask for text/html or application/json');
      // The page is in the language Accept-Language asks for (unless ?lang= says): vary on both.
      res.vary('Accept').vary('Accept-Language');
      if (type === 'application/json') return void res.json({ profiles: listProfiles(), mappings: listMappings(), maxBytes, formats: Object.keys(FORMATS) });
      const lang = pickLang(req.query.lang, req.headers['accept-language']);
      res.set('content-language', lang).type('text/html; charset=utf-8').send(validatePage(formOptions(), lang));
    } catch (error) {
      next(error);
    }
  });

  router.post('/validate', gate, readUpload(maxBytes), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const format = chooseFormat(req);
      const profile = field(req, 'profile');
      if (!profile) throw new HttpError(400, `Choose a profile (profile=${listProfiles().map((p) => p.id).join('|')})`);
      const task: ValidateTask = {
        format,
        profile,
        mapping: field(req, 'mapping'),
        lang: pickLang(field(req, 'lang'), req.headers['accept-language']),
        baseIri: `${config.hub.baseIri.replace(/\/?$/, '/')}upload/`,
        maxBytes,
      };
      if (req.file && req.file.size > 0) {
        Object.assign(task, { bytes: req.file.buffer, filename: req.file.originalname, mediaType: req.file.mimetype });
      } else if (req.is('multipart/form-data')) {
        task.text = field(req, 'data');
      } else if (Buffer.isBuffer(req.body) && req.body.length > 0) {
        Object.assign(task, { bytes: req.body, mediaType: req.headers['content-type'], filename: field(req, 'filename') });
      }
      if (!task.bytes && !task.text) throw new HttpError(400, 'Send the data to validate: a multipart `file` (or `data` field), or the data as the request body');
      const answer = await validateOffLoop(task);
      if ('status' in answer) throw new HttpError(answer.status, answer.message);
      res.vary('Accept').set(answer.headers).type(answer.contentType).send(answer.body);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
