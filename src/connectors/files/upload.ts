/**
 * Ingests an uploaded file into a files source's folder, for the API's upload route. The
 * name is checked (a plain file name, a known extension, matching one of the source's rules),
 * and the file is written under a dot-name first and renamed into place, so a harvest never
 * reads half an upload. The next harvest of the source picks it up like any other change.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { BadRequestError } from '../../core/errors.js';
import type { FilesConfig } from './config.js';
import { ruleFor } from './files-connector.js';

export interface UploadResult {
  /** The file name the upload was stored under. */
  name: string;
  path: string;
  bytes: number;
}

/**
 * Longest upload name, characters (all ASCII). File systems allow 255 bytes per name and the
 * upload is first written as `.{name}.{12 hex}.upload`; past that the write failed with
 * ENAMETOOLONG, a 500.
 */
export const MAX_UPLOAD_NAME_LENGTH = 200;

/** Largest upload accepted, bytes. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export async function ingestUpload(config: FilesConfig, fileName: string, content: Buffer | string, maxBytes = MAX_UPLOAD_BYTES): Promise<UploadResult> {
  const name = fileName.trim();
  if (!name || name !== basename(name) || name.startsWith('.') || !/^[\w.\- ()]+$/.test(name)) {
    throw new BadRequestError(`Upload name "${fileName}" is not a plain file name (letters, digits, . - _ space and parentheses)`, { code: 'UPLOAD_NAME' });
  }
  if (name.length > MAX_UPLOAD_NAME_LENGTH) {
    throw new BadRequestError(`Upload name is ${name.length} characters long; at most ${MAX_UPLOAD_NAME_LENGTH} are accepted`, { code: 'UPLOAD_NAME_TOO_LONG' });
  }
  if (!ruleFor(name, config.rules)) {
    throw new BadRequestError(`Upload "${name}" matches none of the source's file rules (${config.rules.map((r) => r.match).join(', ')})`, { code: 'UPLOAD_NO_RULE' });
  }
  const bytes = Buffer.byteLength(content);
  if (bytes > maxBytes) throw new BadRequestError(`Upload "${name}" is ${bytes} bytes; at most ${maxBytes} are accepted`, { code: 'UPLOAD_TOO_LARGE' });
  const folder = resolve(config.folder);
  await mkdir(folder, { recursive: true });
  const path = join(folder, name);
  const temp = join(folder, `.${name}.${randomBytes(6).toString('hex')}.upload`);
  try {
    await writeFile(temp, content);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return { name, path, bytes };
}
