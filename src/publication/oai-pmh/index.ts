/** OAI-PMH 2.0 provider (HTTP-independent); src/api/routes/oai.ts serves it. */
export { handleOaiRequest, type OaiParams, type OaiProviderDeps, type OaiResponse } from './provider.js';
export { oaiResponseSchemaSet } from './oai-schemas.js';
