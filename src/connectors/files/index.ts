/** The files connector as the registry lists it, and the upload entry point for the API. */
import type { ConnectorDefinition } from '../registry.js';
import { FilesConfigSchema, type FilesConfig } from './config.js';
import { FilesConnector, type FilesState } from './files-connector.js';

export const filesConnectorDefinition: ConnectorDefinition<FilesConfig, FilesState> = {
  type: 'files',
  configSchema: FilesConfigSchema,
  create: () => new FilesConnector(),
};

export { FilesConnector, FilesConfigSchema };
export type { FilesConfig, FilesState };
export { ingestUpload, MAX_UPLOAD_BYTES, type UploadResult } from './upload.js';
