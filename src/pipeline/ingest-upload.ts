/**
 * A file uploaded to a files source (`PUT /admin/sources/{id}/files/{name}`), handed to the files
 * connector, which checks its name and writes it into the source's folder. The API reaches
 * connectors only through here: api/ sits above pipeline/, not beside connectors/.
 */
import type { SourceConfig } from '../config/schema.js';
import { FilesConfigSchema } from '../connectors/files/config.js';
import { ingestUpload, MAX_UPLOAD_BYTES, type UploadResult } from '../connectors/files/upload.js';

export { MAX_UPLOAD_BYTES, type UploadResult };

/** Stores `content` as `fileName` in the folder of `source`, which must be a files source. */
export async function ingestSourceUpload(source: SourceConfig, fileName: string, content: Buffer): Promise<UploadResult> {
  return ingestUpload(FilesConfigSchema.parse(source.connector), fileName, content);
}
