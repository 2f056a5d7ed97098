/** What the main thread asks the validation worker, and what it answers (plain data, cloned between threads). */
import type { Lang } from '../i18n/lang.js';
import type { RenderedReport, UploadReportFormat } from '../pages/validate-report.js';

export interface ValidateTask {
  /** The upload's bytes (decoded as UTF-8 in the worker), or `text` when it came as a form field. */
  bytes?: Uint8Array;
  text?: string;
  filename?: string;
  mediaType?: string;
  profile: string;
  mapping?: string;
  baseIri: string;
  format: UploadReportFormat;
  lang: Lang;
  maxBytes: number;
}

/** The rendered report, or the HTTP status and message of a refusal (a bad upload, an unknown profile). */
export type ValidateAnswer = RenderedReport | { status: number; message: string };
