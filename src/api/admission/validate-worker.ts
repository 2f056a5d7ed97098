/**
 * Worker thread for "validate my data": decodes, parses (or maps) and validates an upload and
 * renders its report, all off the HTTP server's event loop; a 10 MB upload takes seconds of
 * CPU that entity GETs would otherwise wait behind. Run by piscina (validate-off-loop.ts).
 */
import { validateUpload } from '../../pipeline/validate-upload.js';
import { statusOf } from '../http-errors.js';
import { renderUploadReport } from '../pages/validate-report.js';
import type { ValidateAnswer, ValidateTask } from './validate-task.js';

export default async function validate(task: ValidateTask): Promise<ValidateAnswer> {
  try {
    const text = task.text ?? Buffer.from(task.bytes!.buffer, task.bytes!.byteOffset, task.bytes!.byteLength).toString('utf8');
    const v = await validateUpload({ text, filename: task.filename, mediaType: task.mediaType, profile: task.profile, mapping: task.mapping, baseIri: task.baseIri });
    return await renderUploadReport(v, { format: task.format, filename: task.filename, lang: task.lang, maxBytes: task.maxBytes });
  } catch (error) {
    return { status: statusOf(error), message: (error as Error)?.message ?? String(error) };
  }
}
